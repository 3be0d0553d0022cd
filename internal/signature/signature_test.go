package signature

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var fields = [][2]string{{"organisation", "sorsele"}, {"unit", "bjorken"}, {"teams", "smabarn,stora"}, {"contentHash", "ab12"}}

func newKey(t *testing.T) Key {
	t.Helper()
	k, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestVerify(t *testing.T) {
	k, other := newKey(t), newKey(t)
	sig := k.Sign(fields)
	edited := func(i int, v string) [][2]string {
		f := append([][2]string(nil), fields...)
		f[i][1] = v
		return f
	}
	for _, tt := range []struct {
		name   string
		key    Key
		fields [][2]string
		sig    string
		want   error
	}{
		{"as signed", k, fields, sig, nil},
		{"spaces around", k, fields, " " + sig + "\n", nil},
		{"unit edited", k, edited(1, "forradet"), sig, ErrAltered},
		{"teams emptied", k, edited(2, ""), sig, ErrAltered},
		// The length prefixes keep a value from moving into its key.
		{"boundary moved", k, [][2]string{{"organisation", "sorseleunit"}, {"", "bjorken"}, {"teams", "smabarn,stora"}, {"contentHash", "ab12"}}, sig, ErrAltered},
		{"field dropped", k, fields[:3], sig, ErrAltered},
		{"no signature", k, fields, "", ErrUnsigned},
		{"other key", other, fields, sig, ErrOtherKey},
		{"other key's id copied", other, fields, strings.Replace(sig, k.ID(), other.ID(), 1), ErrAltered},
		{"garbage", k, fields, "v1:zz", ErrAltered},
		{"not hex", k, fields, "v1:" + k.ID() + ":xyz", ErrAltered},
		{"later version", k, fields, strings.Replace(sig, "v1:", "v2:", 1), ErrAltered},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.key.Verify(tt.fields, tt.sig); !errors.Is(err, tt.want) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestZeroKeySignsNothing(t *testing.T) {
	var k Key
	if !k.IsZero() || k.Sign(fields) != "" {
		t.Fatalf("zero key: IsZero %v, Sign %q", k.IsZero(), k.Sign(fields))
	}
}

// TestSecretNeverPrinted: a key that reaches a log line or an error shows
// its ID only.
func TestSecretNeverPrinted(t *testing.T) {
	k := newKey(t)
	secret := fmt.Sprintf("%x", k.secret)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, k); strings.Contains(s, secret) || !strings.Contains(s, k.ID()) {
			t.Errorf("%s gives %q", verb, s)
		}
	}
}

func TestFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := Path(filepath.Join(dir, "kommun.yaml"))
	if filepath.Base(path) != FileName {
		t.Fatalf("Path = %s", path)
	}
	k, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if perm := st.Mode().Perm(); perm != 0o600 {
			t.Errorf("key file mode %v, want 0600", perm)
		}
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID() != k.ID() || got.Verify(fields, k.Sign(fields)) != nil {
		t.Fatal("the loaded key does not verify what the created one signed")
	}
	if _, err := Create(path); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Create over an existing key: %v, want fs.ErrExist", err)
	}
	again, created, err := Open(path, true)
	if err != nil || created || again.ID() != k.ID() {
		t.Fatalf("Open of an existing key: %v, created %v, same %v", err, created, again.ID() == k.ID())
	}
}

func TestOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if _, _, err := Open(path, false); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open without create of no key: %v, want fs.ErrNotExist", err)
	}
	k, created, err := Open(path, true)
	if err != nil || !created || k.IsZero() {
		t.Fatalf("Open with create: %v, created %v", err, created)
	}
}

// TestOpenAtOnce: generate runs started together make one key between
// them, never two that each sign half the workbooks.
func TestOpenAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	ids := make([]string, 8)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			k, _, err := Open(path, true)
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = k.ID()
		})
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("keys %v, want one", ids)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	k := newKey(t)
	good := string(k.Marshal())
	line := prefix + fmt.Sprintf("%x", k.secret)
	for name, data := range map[string]string{
		"empty":         "",
		"comments only": "# nothing\n",
		"short secret":  prefix + "abcd\n",
		"not hex":       prefix + strings.Repeat("zz", size) + "\n",
		"two keys":      good + line + "\n",
		"no prefix":     fmt.Sprintf("%x\n", k.secret),
		"a YAML file":   "organisation:\n  id: sorsele\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse([]byte(data)); !errors.Is(err, ErrBadKey) {
				t.Errorf("Parse = %v, want ErrBadKey", err)
			}
		})
	}
	if got, err := Parse([]byte("\r\n" + strings.ReplaceAll(good, "\n", "\r\n"))); err != nil || got.ID() != k.ID() {
		t.Errorf("a key file saved with CRLF: %v", err)
	}
}

func TestLoadRefusesFolderAndHugeFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); !errors.Is(err, ErrBadKey) {
		t.Errorf("Load of a folder: %v, want ErrBadKey", err)
	}
	big := filepath.Join(dir, "big.key")
	if err := os.WriteFile(big, make([]byte, maxFile+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); !errors.Is(err, ErrBadKey) {
		t.Errorf("Load of a huge file: %v, want ErrBadKey", err)
	}
}
