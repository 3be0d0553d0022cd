package register

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestLock takes the register's lock and tries it from a second holder:
// refused at once with wait 0, refused after the wait, taken once the
// first lets go, and given up when the context ends.
func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.json")
	unlock, err := Lock(context.Background(), path, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(context.Background(), path, 0, nil); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock with wait 0: %v, want ErrLocked", err)
	}
	waited := 0
	if _, err := Lock(context.Background(), path, 50*time.Millisecond, func() { waited++ }); !errors.Is(err, ErrLocked) || waited != 1 {
		t.Fatalf("second lock with a short wait: %v after %d calls of waiting, want ErrLocked after 1", err, waited)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Lock(ctx, path, time.Minute, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("lock with a done context: %v, want context.Canceled", err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		unlock()
	}()
	unlock2, err := Lock(context.Background(), path, time.Minute, nil)
	if err != nil {
		t.Fatalf("lock after the first let go: %v", err)
	}
	unlock2()
}
