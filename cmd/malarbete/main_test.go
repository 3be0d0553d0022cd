package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/malarbete/malarbete/internal/cli"
)

// TestMain lets the test binary run as the malarbete command inside
// scripts, so the scripts exercise the real main.
func TestMain(m *testing.M) {
	testscript.Main(withSorsele{m}, map[string]func(){
		"malarbete":          func() { os.Exit(cli.Main()) },
		"malarbete-holdlock": holdLock,
	})
}

// TestScripts runs the end-to-end scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANG", "sv_SE.UTF-8")
			env.Setenv("EXAMPLES", "../../../examples")
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("EXAMPLES", wd+"/../../examples")
			return nil
		},
	})
}
