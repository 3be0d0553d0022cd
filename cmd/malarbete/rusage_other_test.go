//go:build !unix

package main

import "os"

// peakRSS returns 0: the platform's rusage is not read here.
func peakRSS(*os.ProcessState) int64 { return 0 }
