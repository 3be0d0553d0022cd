package testkit

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// BinaryEnv names the variable that points the end-to-end tests at a
// binary built elsewhere, for instance from an older commit to see a test
// fail before a fix.
const BinaryEnv = "MALARBETE_TEST_BINARY"

// Binary builds the real malarbete command once per test process and
// returns its path, for end-to-end tests that need a separate process to
// signal, kill or measure. BinaryEnv overrides it.
func Binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(BinaryEnv); p != "" {
		return p
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "malarbete-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "malarbete")
		out, err := exec.Command("go", "build", "-o", builtBin, "github.com/malarbete/malarbete/cmd/malarbete").CombinedOutput()
		if err != nil {
			buildErr = &buildError{err, out}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + string(e.out) }

// SeedEnv names the variable that replays a random test: set it to the
// seed a failed run printed.
const SeedEnv = "MALARBETE_TEST_SEED"

// Seed returns the seed of a randomised test: SeedEnv when it is set,
// else a new one. It is logged when the test fails, with how to replay.
func Seed(t testing.TB) uint64 {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(SeedEnv); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q is not a seed: %v", SeedEnv, s, err)
		}
		seed = v
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("random seed %d; replay with %s=%d", seed, SeedEnv, seed)
		}
	})
	return seed
}
