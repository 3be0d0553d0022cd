// Package signature signs the identity of the workbooks that generate
// writes, with a key of the organisation's own, so that a workbook whose
// hidden identity was edited to claim another unit, round or organisation
// is refused instead of read as that unit's.
//
// A signature is an HMAC-SHA256 over the identity's fields. The key is 32
// random bytes in a small text file beside the organisation file
// (FileName), readable by its owner only; whoever has it can sign, so it
// is backed up with the config and never mailed. A lost key cannot be
// recovered: the workbooks signed with it must be generated again.
package signature

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Errors of Verify, and of reading a key file.
var (
	// ErrUnsigned means the identity carries no signature: the workbook
	// was made before the organisation had a key, or by an older
	// version of the tool.
	ErrUnsigned = errors.New("identity not signed")
	// ErrOtherKey means the identity was signed with another key: the
	// key beside the config was replaced, or the workbook was made from
	// another copy of the config.
	ErrOtherKey = errors.New("identity signed with another key")
	// ErrAltered means the signature does not match the identity: it was
	// edited after the workbook was made.
	ErrAltered = errors.New("identity altered after signing")
	// ErrBadKey means a key file holds no key this package wrote.
	ErrBadKey = errors.New("not a malarbete key")
)

// size is the length of a key's secret in bytes.
const size = 32

// Key is an organisation's signing key. The zero Key signs nothing and
// verifies nothing (IsZero). Its secret never leaves the package: String
// and the formatting verbs show only its ID.
type Key struct {
	secret []byte
	id     string
}

// New returns a new random key.
func New() (Key, error) {
	b := make([]byte, size)
	if _, err := rand.Read(b); err != nil {
		return Key{}, fmt.Errorf("new key: %w", err)
	}
	return fromSecret(b), nil
}

func fromSecret(b []byte) Key {
	h := sha256.Sum256(append([]byte("malarbete key id\x00"), b...))
	return Key{secret: b, id: hex.EncodeToString(h[:4])}
}

// IsZero reports whether k is the zero Key.
func (k Key) IsZero() bool { return len(k.secret) == 0 }

// ID is a short name of the key, the same for every copy of it: eight hex
// digits of a hash of the secret, which tell nothing about the secret.
// Every signature carries it, so that a workbook signed with another key
// is told apart from one whose identity was edited.
func (k Key) ID() string { return k.id }

// String names the key by its ID, never its secret.
func (k Key) String() string { return "signature.Key(" + k.id + ")" }

// GoString is String, so that %#v shows no secret either.
func (k Key) GoString() string { return k.String() }

// version starts every signature; a later scheme gets another.
const version = "v1"

// Sign returns the signature of fields, the identity's key/value pairs in
// a fixed order: "v1:<key id>:<64 hex digits>". The zero Key gives "".
func (k Key) Sign(fields [][2]string) string {
	if k.IsZero() {
		return ""
	}
	return version + ":" + k.id + ":" + hex.EncodeToString(k.mac(fields))
}

// Verify checks sig against fields. It returns nil for a signature k made
// over these fields, else ErrUnsigned, ErrOtherKey or ErrAltered.
func (k Key) Verify(fields [][2]string, sig string) error {
	sig = strings.TrimSpace(sig)
	if sig == "" {
		return ErrUnsigned
	}
	ver, rest, ok1 := strings.Cut(sig, ":")
	id, mac, ok2 := strings.Cut(rest, ":")
	got, err := hex.DecodeString(mac)
	if !ok1 || !ok2 || ver != version || err != nil {
		return ErrAltered
	}
	if id != k.id {
		return ErrOtherKey
	}
	if !hmac.Equal(got, k.mac(fields)) {
		return ErrAltered
	}
	return nil
}

// mac is the HMAC-SHA256 of fields, each key and value prefixed with its
// length so that no two lists of fields give the same bytes.
func (k Key) mac(fields [][2]string) []byte {
	h := hmac.New(sha256.New, k.secret)
	h.Write([]byte("malarbete identity " + version + "\x00"))
	var n [binary.MaxVarintLen64]byte
	put := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	for _, f := range fields {
		put(f[0])
		put(f[1])
	}
	return h.Sum(nil)
}
