package signature

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/malarbete/malarbete/internal/atomicfile"
)

// FileName is the name of the key file, in the folder of the organisation
// file whatever that is called: renaming the config keeps its key.
const FileName = "organisation.key"

// Path returns where the key of the config at configPath is kept.
func Path(configPath string) string {
	return filepath.Join(filepath.Dir(configPath), FileName)
}

// header explains the file to whoever opens it; Parse skips it.
const header = `# malarbete: organisationens nyckel som undertecknar arbetsböckerna.
# Håll den hemlig: säkerhetskopiera den tillsammans med organisationsfilen
# och skicka den aldrig med e-post. Utan den går utskickade arbetsböcker
# inte att samla in; de måste skapas och skickas ut på nytt.
#
# malarbete: the organisation's key that signs the workbooks. Keep it
# secret: back it up with the organisation file and never send it by
# e-mail. Without it, workbooks sent out cannot be collected; they must
# be generated and sent out again.
`

// prefix starts the line that holds the secret.
const prefix = "malarbete-key-v1 "

// Marshal returns the key file's content.
func (k Key) Marshal() []byte {
	return []byte(header + prefix + hex.EncodeToString(k.secret) + "\n")
}

// Parse reads a key file's content: comment lines (#) and blank lines,
// and one line with the secret.
func Parse(data []byte) (Key, error) {
	var found []byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rest, ok := strings.CutPrefix(line, prefix)
		b, err := hex.DecodeString(strings.TrimSpace(rest))
		if !ok || err != nil || len(b) != size || found != nil {
			return Key{}, ErrBadKey
		}
		found = b
	}
	if sc.Err() != nil || found == nil {
		return Key{}, ErrBadKey
	}
	return fromSecret(found), nil
}

// maxFile bounds what Load reads: a key file is under 1 KB.
const maxFile = 64 << 10

// Load reads the key file at path. A missing file gives an error that
// matches fs.ErrNotExist; one that holds no key, ErrBadKey.
func Load(path string) (Key, error) {
	f, err := os.Open(path)
	if err != nil {
		return Key{}, fmt.Errorf("read key: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Key{}, fmt.Errorf("read key: %w", err)
	}
	if !st.Mode().IsRegular() || st.Size() > maxFile {
		return Key{}, fmt.Errorf("read key %s: %w", path, ErrBadKey)
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil {
		return Key{}, fmt.Errorf("read key: %w", err)
	}
	k, err := Parse(data)
	if err != nil {
		return Key{}, fmt.Errorf("read key %s: %w", path, err)
	}
	return k, nil
}

// Create writes a new key to path, readable and writable by its owner
// only (0600; on Windows the folder's default permissions apply). It
// never replaces a file: when path exists it fails with an error that
// matches fs.ErrExist.
func Create(path string) (Key, error) {
	k, err := New()
	if err != nil {
		return Key{}, err
	}
	err = atomicfile.WriteFile(path, k.Marshal(), atomicfile.Options{Perm: 0o600})
	if errors.Is(err, atomicfile.ErrExists) {
		return Key{}, fmt.Errorf("create key %s: %w", path, fs.ErrExist)
	}
	if err != nil {
		return Key{}, fmt.Errorf("create key: %w", err)
	}
	return k, nil
}

// Open loads the key at path; with create, it makes one when there is
// none, and created says so. Two runs that create at once end up with
// the same key: the second loads what the first wrote.
func Open(path string, create bool) (k Key, created bool, err error) {
	k, err = Load(path)
	if err == nil || !create || !errors.Is(err, fs.ErrNotExist) {
		return k, false, err
	}
	k, err = Create(path)
	if errors.Is(err, fs.ErrExist) {
		k, err = Load(path)
		return k, false, err
	}
	return k, err == nil, err
}
