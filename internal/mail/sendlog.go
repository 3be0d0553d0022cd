package mail

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/malarbete/malarbete/internal/atomicfile"
)

// LogSchemaVersion is the version of the send log's JSON.
const LogSchemaVersion = 1

// ErrLogBusy means another run holds the send log: two runs sending at
// once could send a message twice.
var ErrLogBusy = errors.New("the send log is in use by another run")

// Sent is one message the server accepted.
type Sent struct {
	// Key identifies what was sent (Message.Key).
	Key   string   `json:"key"`
	Kind  Kind     `json:"kind"`
	Round string   `json:"round"`
	Units []string `json:"units"`
	// To is the recipient's address.
	To        string     `json:"to"`
	Files     []SentFile `json:"files,omitempty"`
	MessageID string     `json:"messageId"`
	SentAt    time.Time  `json:"sentAt"`
}

// SentFile is an attachment of a sent message.
type SentFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

type logFile struct {
	SchemaVersion int    `json:"schemaVersion"`
	Sent          []Sent `json:"sent"`
}

// Log is the send log: what was sent to whom and when. It is locked for
// the whole run and rewritten atomically after every message the server
// accepts, so that a run stopped at any point leaves it true and a rerun
// sends only the rest.
type Log struct {
	path string
	lock *flock.Flock
	file logFile
	// readOnly is set for a dry run: it reads, never writes.
	readOnly bool
}

// OpenLog reads and locks the send log at path; a missing log is empty.
// A dry run (readOnly) does not lock it.
func OpenLog(path string, readOnly bool) (*Log, error) {
	l := &Log{path: path, readOnly: readOnly, file: logFile{SchemaVersion: LogSchemaVersion}}
	if !readOnly {
		l.lock = flock.New(path + ".lock")
		ok, err := l.lock.TryLock()
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if !ok {
			return nil, fmt.Errorf("%s: %w", path, ErrLogBusy)
		}
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return l, nil
	case err != nil:
		l.Close()
		return nil, fmt.Errorf("read send log: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l.file); err != nil {
		l.Close()
		return nil, fmt.Errorf("read send log %s: %w", filepath.Base(path), err)
	}
	if l.file.SchemaVersion != LogSchemaVersion {
		l.Close()
		return nil, fmt.Errorf("read send log %s: schema version %d, want %d", filepath.Base(path), l.file.SchemaVersion, LogSchemaVersion)
	}
	return l, nil
}

// Path returns where the log is.
func (l *Log) Path() string { return l.path }

// Find returns the last entry with key.
func (l *Log) Find(key string) (Sent, bool) {
	for i := len(l.file.Sent) - 1; i >= 0; i-- {
		if l.file.Sent[i].Key == key {
			return l.file.Sent[i], true
		}
	}
	return Sent{}, false
}

// Add records a sent message and writes the log at once.
func (l *Log) Add(s Sent) error {
	if l.readOnly {
		return nil
	}
	l.file.Sent = append(l.file.Sent, s)
	err := atomicfile.Write(l.path, atomicfile.Options{Overwrite: true}, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(l.file)
	})
	if err != nil {
		return fmt.Errorf("write send log: %w", err)
	}
	return nil
}

// Close releases the lock. The lock file stays: removing it would let a
// third run lock a new file while a second still holds the old one.
func (l *Log) Close() error {
	if l.lock == nil {
		return nil
	}
	return l.lock.Unlock()
}

// entry returns the log entry of a message the server accepted at when.
func entry(m *Message, when time.Time) Sent {
	s := Sent{Key: m.Key(), Kind: m.Letter.Kind, Round: m.Letter.Round.ID, Units: m.Letter.Units,
		To: strings.ToLower(m.To.Email), MessageID: "<" + m.ID + ">", SentAt: when.UTC()}
	for _, a := range m.Attachments {
		s.Files = append(s.Files, SentFile{Name: a.Name, SHA256: a.SHA256()})
	}
	return s
}
