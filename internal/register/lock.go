package register

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// ErrLocked means another run held the register's lock for longer than
// the caller would wait.
var ErrLocked = errors.New("the register is locked by another run")

// LockPath returns the lock file of the register at path: a hidden file
// beside it. The file is left in place after a run (removing it while
// another run waits on it would let a third one in); deleting it when no
// run is going is harmless.
func LockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
}

// lockRetry is how often a waiting run tries the lock again.
const lockRetry = 100 * time.Millisecond

// Lock takes the exclusive lock of the register at path, for a whole
// read, merge and write: flock on Unix, LockFileEx on Windows, advisory
// and held by the process, so a run that is killed leaves no lock behind.
// When another run holds it, waiting is called once and Lock tries again
// until it gets the lock, wait has passed (ErrLocked) or ctx ends (ctx's
// error); with wait 0 it refuses at once. The caller must read the
// register after Lock returns, since the other run may have changed it.
func Lock(ctx context.Context, path string, wait time.Duration, waiting func()) (unlock func() error, err error) {
	fl := flock.New(LockPath(path))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if !ok {
		if wait <= 0 {
			fl.Close()
			return nil, fmt.Errorf("%s: %w", path, ErrLocked)
		}
		if waiting != nil {
			waiting()
		}
		wctx, cancel := context.WithTimeout(ctx, wait)
		defer cancel()
		ok, err = fl.TryLockContext(wctx, lockRetry)
		if !ok {
			fl.Close()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err != nil && !errors.Is(err, context.DeadlineExceeded) {
				return nil, fmt.Errorf("lock %s: %w", path, err)
			}
			return nil, fmt.Errorf("%s: %w", path, ErrLocked)
		}
	}
	return fl.Close, nil
}
