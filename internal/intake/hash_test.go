package intake

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestHashStops checks that the hash of a file whose time is up stops at
// its next chunk instead of reading a huge file to its end.
func TestHashStops(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stor.xlsx")
	if err := os.WriteFile(path, make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := hashFile(ctx, path); err != nil {
		t.Fatalf("hash before the time is up: %v", err)
	}
	cancel()
	if _, err := hashFile(ctx, path); !errors.Is(err, context.Canceled) {
		t.Errorf("hash after the time is up: %v, want context.Canceled", err)
	}
}
