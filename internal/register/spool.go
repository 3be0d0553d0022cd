package register

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/malarbete/malarbete/internal/domain"
)

// Spool keeps what workbooks say on disk until they are merged, so that
// a batch of thousands of workbooks does not hold all their text in
// memory at once (Accepted.Content). What managers typed is personal
// data: the file is its owner's only, removed by Close, and where the
// system allows it removed from its folder at once, so that a run that
// is killed leaves nothing behind.
type Spool struct {
	mu   sync.Mutex
	f    *os.File
	name string
	end  int64
}

// NewSpool makes a spool in the system's folder for temporary files.
func NewSpool() (*Spool, error) {
	f, err := os.CreateTemp("", "malarbete-collect-*")
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	s := &Spool{f: f, name: f.Name()}
	// Windows cannot remove an open file; Close does it there.
	if runtime.GOOS != "windows" && os.Remove(f.Name()) == nil {
		s.name = ""
	}
	return s, nil
}

// Put writes sub's content to the spool. It returns what stays in
// memory, the submission's identity and Saved, and the function that
// reads the whole submission back.
func (s *Spool) Put(sub *domain.Submission) (head *domain.Submission, content func() (*domain.Submission, error), err error) {
	data, err := json.Marshal(sub)
	if err != nil {
		return nil, nil, fmt.Errorf("spool: %w", err)
	}
	n := len(data)
	s.mu.Lock()
	at := s.end
	_, err = s.f.WriteAt(data, at)
	s.end += int64(len(data))
	s.mu.Unlock()
	if err != nil {
		return nil, nil, fmt.Errorf("spool: %w", err)
	}
	head = sub.Head()
	content = func() (*domain.Submission, error) {
		buf := make([]byte, n)
		if _, err := s.f.ReadAt(buf, at); err != nil {
			return nil, fmt.Errorf("spool: %w", err)
		}
		var whole domain.Submission
		if err := json.Unmarshal(buf, &whole); err != nil {
			return nil, fmt.Errorf("spool: %w", err)
		}
		// The identity is the one checked, and Saved is not in the JSON.
		whole.Identity, whole.Saved = head.Identity, head.Saved
		return &whole, nil
	}
	return head, content, nil
}

// Close removes the spool.
func (s *Spool) Close() error {
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	return err
}
