// Package scan turns the PATH arguments of validate and collect into the
// list of workbooks to read: files as given, folders walked recursively.
// Lock files, hidden files and files that are not workbooks are skipped
// with a reason, so that HR sees why a file in the inbox was not read.
package scan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Reason says why a file was skipped.
type Reason string

// The reasons a path is skipped.
const (
	// ReasonLockFile is an Office lock file (~$name.xlsx), left while a
	// workbook is open in Excel.
	ReasonLockFile Reason = "lock-file"
	// ReasonHidden is a file or folder whose name starts with a dot.
	ReasonHidden Reason = "hidden"
	// ReasonNotWorkbook is a file without a workbook extension.
	ReasonNotWorkbook Reason = "not-workbook"
	// ReasonNotFound is a PATH argument that does not exist.
	ReasonNotFound Reason = "not-found"
	// ReasonNotRegular is something that is neither a file nor a folder
	// (a device, a pipe, a broken link).
	ReasonNotRegular Reason = "not-regular"
)

// Skipped is a path that will not be read, and why.
type Skipped struct {
	Path   string
	Reason Reason
}

// Result is what a scan found.
type Result struct {
	// Files are the workbooks to read, in argument order and, inside a
	// folder, in lexical order; each path once.
	Files []string
	// Skipped lists what was passed over, in the same order.
	Skipped []Skipped
}

// workbookExt are the extensions handed to the reader. Old .xls files are
// included on purpose: the reader tells the user to save them as .xlsx,
// which helps more than a silent skip.
var workbookExt = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true}

// Paths scans args. A path that cannot be read at all (a folder without
// permission) is an error; a missing argument is only skipped, so that
// the rest of the batch is still read.
func Paths(args []string) (*Result, error) {
	r := &Result{}
	seen := map[string]bool{}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				r.Skipped = append(r.Skipped, Skipped{arg, ReasonNotFound})
				continue
			}
			return nil, fmt.Errorf("scan %s: %w", arg, err)
		}
		if !st.IsDir() {
			r.add(arg, st.Mode(), seen)
			continue
		}
		// WalkDir does not follow a symbolic link at its root; a trailing
		// separator makes it, so a linked inbox named on the command line
		// is read.
		root := arg
		if lst, err := os.Lstat(arg); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
			root = arg + string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("scan %s: %w", p, err)
			}
			if p != root && hidden(d.Name()) {
				r.Skipped = append(r.Skipped, Skipped{p, ReasonHidden})
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			mode := d.Type()
			if mode&fs.ModeSymlink != 0 {
				// A linked file is read like a file; a linked folder is not
				// followed, which keeps link loops out.
				if st, err := os.Stat(p); err == nil && !st.IsDir() {
					mode = st.Mode()
				}
			}
			r.add(p, mode, seen)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *Result) add(p string, mode fs.FileMode, seen map[string]bool) {
	name := filepath.Base(p)
	switch {
	case strings.HasPrefix(name, "~$"):
		r.Skipped = append(r.Skipped, Skipped{p, ReasonLockFile})
	case hidden(name):
		r.Skipped = append(r.Skipped, Skipped{p, ReasonHidden})
	case !workbookExt[strings.ToLower(filepath.Ext(name))]:
		r.Skipped = append(r.Skipped, Skipped{p, ReasonNotWorkbook})
	case !mode.IsRegular():
		r.Skipped = append(r.Skipped, Skipped{p, ReasonNotRegular})
	default:
		clean := filepath.Clean(p)
		if !seen[clean] {
			seen[clean] = true
			r.Files = append(r.Files, p)
		}
	}
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." && name != ".." }
