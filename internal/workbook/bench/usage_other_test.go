//go:build !unix

package bench

import "time"

// cpuTime returns 0: the platform's process times are not read here.
func cpuTime() time.Duration { return 0 }
