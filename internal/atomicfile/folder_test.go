package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// stageSet writes files (rel → content) into a new Folder for target.
func stageSet(t *testing.T, target string, files map[string]string) (*Folder, []string) {
	t.Helper()
	f, err := NewFolder(target)
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for rel, content := range files {
		p, err := f.Path(rel)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(p, []byte(content), Options{}); err != nil {
			t.Fatal(err)
		}
		rels = append(rels, rel)
	}
	return f, rels
}

// listing returns every file and folder below dir, relative, with the
// content of files.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			got[rel+"/"] = ""
			return nil
		}
		b, _ := os.ReadFile(p)
		got[rel] = string(b)
		return nil
	})
	return got
}

func TestFolderCommit(t *testing.T) {
	files := map[string]string{"a/one.txt": "1", "b/two.txt": "2", "manifest.csv": "m"}
	tests := []struct {
		name      string
		existing  map[string]string // files in the target before; nil: no target
		overwrite bool
		want      error
	}{
		{"new folder", nil, false, nil},
		{"empty folder", map[string]string{}, false, nil},
		{"other files kept", map[string]string{"c/other.txt": "o"}, false, nil},
		{"existing file refused", map[string]string{"a/one.txt": "old"}, false, ErrExists},
		{"existing file overwritten", map[string]string{"a/one.txt": "old"}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			target := filepath.Join(root, "out")
			if tt.existing != nil {
				os.Mkdir(target, 0o755)
				for rel, c := range tt.existing {
					p := filepath.Join(target, rel)
					os.MkdirAll(filepath.Dir(p), 0o755)
					os.WriteFile(p, []byte(c), 0o644)
				}
			}
			f, rels := stageSet(t, target, files)
			err := f.Commit(rels, tt.overwrite)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Commit: %v, want %v", err, tt.want)
			}
			if err != nil {
				f.Abort()
				if got := listing(t, target); got["a/one.txt"] != "old" || got["b/two.txt"] != "" {
					t.Errorf("a refused commit moved files: %v", got)
				}
			} else {
				got := listing(t, target)
				for rel, c := range files {
					if got[rel] != c {
						t.Errorf("%s = %q, want %q", rel, got[rel], c)
					}
				}
				if tt.existing["c/other.txt"] != "" && got["c/other.txt"] != "o" {
					t.Error("a file of the target that is not in the set was lost")
				}
			}
			if entries, _ := os.ReadDir(root); len(entries) != 1 {
				t.Errorf("left beside the target: %v", entries)
			}
			for rel := range listing(t, target) {
				if strings.Contains(rel, tempPrefix) {
					t.Errorf("left in the target: %s", rel)
				}
			}
		})
	}
}

// TestFolderAbort checks that an aborted set leaves nothing, not even an
// empty target.
func TestFolderAbort(t *testing.T) {
	root := t.TempDir()
	f, _ := stageSet(t, filepath.Join(root, "out"), map[string]string{"a/one.txt": "1"})
	if err := f.Abort(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("left after Abort: %v", entries)
	}
}

// TestFolderFinishesAKilledCommit plays a run killed while it moved its
// files into an existing folder: its staging folder is still there, and
// the target holds the marker and some of the files. The next run
// removes the staging folder and may replace the files the marker lists,
// without overwrite, but no other file.
func TestFolderFinishesAKilledCommit(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "out")
	os.MkdirAll(filepath.Join(target, "a"), 0o755)
	os.WriteFile(filepath.Join(target, "a", "one.txt"), []byte("from the killed run"), 0o644)
	os.WriteFile(filepath.Join(target, "mine.txt"), []byte("HR's own"), 0o644)
	os.WriteFile(filepath.Join(target, markerName), []byte("a/one.txt\nb/two.txt\n../escape.txt\n"), 0o644)
	// No process has this id: Linux ids stop at 2^22.
	dead := filepath.Join(root, stagePrefix+"out-"+strconv.Itoa(1<<22+7))
	os.MkdirAll(filepath.Join(dead, "a"), 0o755)

	f, rels := stageSet(t, target, map[string]string{"a/one.txt": "1", "b/two.txt": "2"})
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed run's staging folder is still there: %v", err)
	}
	if !f.Leftover("a/one.txt") || f.Leftover("mine.txt") || f.Leftover("../escape.txt") {
		t.Errorf("Leftover: a/one.txt %v, mine.txt %v, ../escape.txt %v; want true, false, false",
			f.Leftover("a/one.txt"), f.Leftover("mine.txt"), f.Leftover("../escape.txt"))
	}
	if err := f.Commit(rels, false); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	want := map[string]string{"a/": "", "a/one.txt": "1", "b/": "", "b/two.txt": "2", "mine.txt": "HR's own"}
	got := listing(t, target)
	if len(got) != len(want) {
		t.Errorf("target holds %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left beside the target: %v", entries)
	}
}
