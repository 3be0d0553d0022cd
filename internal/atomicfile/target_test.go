package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestRefusesNonRegularTargets checks that a folder or a symbolic link at
// the target is neither replaced nor followed, even with Overwrite.
func TestRefusesNonRegularTargets(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(victim, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{link, folder} {
		for _, overwrite := range []bool{false, true} {
			err := WriteFile(target, []byte("new"), Options{Overwrite: overwrite})
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("write %s (overwrite %v): %v, want ErrNotRegular", filepath.Base(target), overwrite, err)
			}
		}
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the link was followed: victim now %q", b)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		t.Errorf("the folder was replaced: %v", err)
	}
}
