package testkit

import (
	"github.com/malarbete/malarbete/internal/signature"
)

// testKeyFile is a fixed signing key for tests, so that what they sign is
// the same in every run. It signs nothing real.
const testKeyFile = "malarbete-key-v1 746573742d6b65792d6f662d6d616c6172626574652d6e6f742d736563726574\n"

// Key returns the tests' fixed signing key.
func Key() signature.Key {
	k, err := signature.Parse([]byte(testKeyFile))
	if err != nil {
		panic(err) // a constant above
	}
	return k
}

// LoadKey is a Factory's LoadKey that gives Key wherever the config is,
// and never touches a file.
func LoadKey(string, bool) (signature.Key, bool, error) { return Key(), false, nil }
