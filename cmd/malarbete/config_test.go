package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/malarbete/malarbete/internal/signature"
)

// sorsele is the Sorsele example's config, copied with a key of its own
// into a temporary folder for the test run (withSorsele): generate makes
// the signing key beside the config, which must never happen in
// examples/, where go:embed would take it into the binary.
var sorsele string

// sorseleKey is the key beside sorsele, for workbooks the tests write
// through the workbook layer and the binary then reads.
var sorseleKey signature.Key

// withSorsele runs the tests with sorsele set up, and removes it after.
// It wraps testing.M for testscript.Main, which runs it only when the
// test binary runs the tests, not when it runs as the malarbete command.
type withSorsele struct{ m *testing.M }

func (w withSorsele) Run() int {
	dir, err := os.MkdirTemp("", "malarbete-sorsele-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	data, err := os.ReadFile("../../examples/sorsele/organisation.yaml")
	if err == nil {
		sorsele = filepath.Join(dir, "organisation.yaml")
		err = os.WriteFile(sorsele, data, 0o644)
	}
	if err == nil {
		sorseleKey, err = signature.Create(signature.Path(sorsele))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return w.m.Run()
}
