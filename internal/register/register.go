// Package register reads, writes and fills the register: the JSON file
// that collects every valid workbook of every round, with the history of
// each goal and where each piece came from. The schema is documented in
// docs/register.md and versioned by domain.RegisterSchemaVersion.
//
// Output is deterministic: units, teams and rounds follow the config's
// order, and nothing depends on the order of files or the clock except the
// ReadAt the caller passes in. Collecting the same files twice gives the
// same bytes.
package register

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

// New returns an empty register for org.
func New(org *domain.Organisation) *domain.Register {
	reg := &domain.Register{SchemaVersion: domain.RegisterSchemaVersion, Organisation: org.ID, Period: org.Period}
	normalize(reg)
	return reg
}

// Read reads the register at path.
func Read(path string) (*domain.Register, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	return Decode(data, path)
}

// Decode parses a register; name is used in errors. The schema version is
// checked before anything else so that a newer register gives one clear
// error rather than a list of unknown fields.
func Decode(data []byte, name string) (*domain.Register, error) {
	var head struct {
		SchemaVersion *int `json:"schemaVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, positioned(data, name, err)
	}
	if head.SchemaVersion == nil {
		return nil, &VersionError{File: name}
	}
	if v := *head.SchemaVersion; v != domain.RegisterSchemaVersion {
		return nil, &VersionError{File: name, Version: v}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	// Fields this version does not know would be lost on the next write;
	// refuse them rather than drop what someone added by hand.
	dec.DisallowUnknownFields()
	var reg domain.Register
	if err := dec.Decode(&reg); err != nil {
		return nil, positioned(data, name, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &SyntaxError{File: name, Line: 1, Column: 1, Err: errors.New("data after the register")}
	}
	if err := check(&reg); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	normalize(&reg)
	return &reg, nil
}

// positioned turns a JSON error into a SyntaxError with line and column
// when the decoder knows the offset.
func positioned(data []byte, name string, err error) error {
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset - 1 // Offset counts the offending byte
	case errors.As(err, &typ):
		off = typ.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		off = int64(len(data))
	}
	if off < 0 {
		return fmt.Errorf("%s: %w", name, err)
	}
	line, col := lineCol(data, off)
	return &SyntaxError{File: name, Line: line, Column: col, Err: err}
}

// lineCol converts a byte offset to a 1-based line and column, counting
// columns in runes as editors do.
func lineCol(data []byte, off int64) (int, int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, len([]rune(string(before[start:]))) + 1
}

func check(reg *domain.Register) error {
	if reg.Organisation == "" {
		return fmt.Errorf("%w: no organisation", ErrInvalid)
	}
	rounds := map[string]bool{}
	for _, r := range reg.Rounds {
		if r == "" || rounds[r] {
			return fmt.Errorf("%w: round %q empty or listed twice", ErrInvalid, domain.Excerpt(r, 40))
		}
		rounds[r] = true
	}
	units := map[string]bool{}
	for _, u := range reg.Units {
		if u.Unit == "" || units[u.Unit] {
			return fmt.Errorf("%w: unit %q empty or listed twice", ErrInvalid, domain.Excerpt(u.Unit, 40))
		}
		units[u.Unit] = true
	}
	return nil
}

// normalize gives required lists an empty value instead of nil, so that
// the JSON always has them as arrays and a decoded register compares
// equal to the one that was written.
func normalize(reg *domain.Register) {
	if reg.Rounds == nil {
		reg.Rounds = []string{}
	}
	if reg.Units == nil {
		reg.Units = []domain.UnitRecord{}
	}
	for i := range reg.Units {
		u := &reg.Units[i]
		if u.Goals == nil {
			u.Goals = []domain.UnitGoal{}
		}
		if u.Teams == nil {
			u.Teams = []domain.TeamGoals{}
		}
		for j := range u.Teams {
			if u.Teams[j].Goals == nil {
				u.Teams[j].Goals = []domain.TeamGoal{}
			}
		}
		if u.Criteria == nil {
			u.Criteria = []domain.CriterionNote{}
		}
		if u.Sources == nil {
			u.Sources = []domain.Provenance{}
		}
	}
}

// Encode returns the register as indented JSON with a final newline.
func Encode(reg *domain.Register) ([]byte, error) {
	normalize(reg)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	// Goals are read by people in diffs too: keep <, > and & as typed.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(reg); err != nil {
		return nil, fmt.Errorf("encode register: %w", err)
	}
	return b.Bytes(), nil
}

// Write writes reg to path atomically. opts.Inputs should list the
// workbooks read, so that a register path that names one is refused.
func Write(path string, reg *domain.Register, opts atomicfile.Options) error {
	data, err := Encode(reg)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, opts)
}
