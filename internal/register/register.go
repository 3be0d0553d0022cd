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
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

// New returns an empty register for org.
func New(org *domain.Organisation) *domain.Register {
	reg := &domain.Register{SchemaVersion: domain.RegisterSchemaVersion, Organisation: org.ID, Period: org.Period}
	normalize(reg)
	return reg
}

// MaxSize bounds the size of a register file. A municipality of 1,000
// units after a year of rounds writes a few tens of MB at most; reading a
// register takes about nine times its size in memory, so a larger file is
// refused before it is read.
const MaxSize = 64 << 20

// Read reads the register at path. It must be a regular file (a pipe
// would block the run) of at most MaxSize bytes.
func Read(path string) (*domain.Register, error) {
	f, err := openRegister(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may grow between Stat and reading.
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	if len(data) > MaxSize {
		return nil, &TooLargeError{File: path, Size: int64(len(data))}
	}
	return Decode(data, path)
}

// openRegister opens the register at path for reading, after checking
// that it is a regular file of at most MaxSize bytes.
func openRegister(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("read register %s: %w", path, atomicfile.ErrNotRegular)
	}
	if st.Size() > MaxSize {
		return nil, &TooLargeError{File: path, Size: st.Size()}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	return f, nil
}

// Decode parses a register; name is used in errors. The schema version is
// checked before anything else so that a newer register gives one clear
// error rather than a list of unknown fields. Bytes that are not UTF-8
// are refused: the JSON decoder would turn them into U+FFFD silently.
func Decode(data []byte, name string) (*domain.Register, error) {
	if !utf8.Valid(data) {
		line, col := lineCol(data, int64(firstInvalid(data)))
		return nil, &EncodingError{File: name, Line: line, Column: col}
	}
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
	if err := check(&reg, name); err != nil {
		return nil, err
	}
	normalize(&reg)
	return &reg, nil
}

// firstInvalid returns the offset of the first byte of data that is not
// part of valid UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// ReadFor reads the register at path and checks that it fits org: of its
// organisation and period (else an *OtherError), and naming only units
// and rounds the config has, a unit possibly under a former id that
// Reorganise maps (else an *InvalidError). Workbooks the register lists as
// rejected may name anything.
func ReadFor(path string, org *domain.Organisation) (*domain.Register, error) {
	reg, err := Read(path)
	if err != nil {
		return nil, err
	}
	if err := CheckFor(reg, org, path); err != nil {
		return nil, err
	}
	return reg, nil
}

// CheckFor is ReadFor's check of a register read from name.
func CheckFor(reg *domain.Register, org *domain.Organisation, name string) error {
	if reg.Organisation != org.ID || reg.Period != org.Period {
		return &OtherError{File: name, Organisation: reg.Organisation, Period: reg.Period}
	}
	for _, r := range reg.Rounds {
		if _, ok := org.Round(r); !ok {
			return &InvalidError{File: name, Problem: ProblemUnknownRound, Value: r}
		}
	}
	for _, u := range reg.Units {
		if _, ok := org.CurrentUnit(u.Unit); !ok {
			return &InvalidError{File: name, Problem: ProblemUnknownUnit, Value: u.Unit}
		}
	}
	return nil
}

// positioned turns a JSON error into a SyntaxError with line and column
// when the decoder knows the offset.
func positioned(data []byte, name string, err error) error {
	line, col, ok := Position(data, err)
	if !ok {
		return fmt.Errorf("%s: %w", name, err)
	}
	return &SyntaxError{File: name, Line: line, Column: col, Err: err}
}

// Position returns the 1-based line and column in data at which the
// JSON decoder's err occurred, counting columns in runes as editors do;
// ok is false when err carries no offset. Every JSON file the tool reads
// (the register, report's findings) is positioned here.
func Position(data []byte, err error) (line, col int, ok bool) {
	var off int64
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset - 1 // Offset counts the offending byte
	case errors.As(err, &typ):
		off = typ.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		off = int64(len(data))
	default:
		return 0, 0, false
	}
	line, col = lineCol(data, off)
	return line, col, true
}

// lineCol converts a byte offset to a 1-based line and column, counting
// columns in runes as editors do.
func lineCol(data []byte, off int64) (int, int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

func check(reg *domain.Register, name string) error {
	if reg.Organisation == "" {
		return &InvalidError{File: name, Problem: ProblemNoOrganisation}
	}
	rounds := map[string]bool{}
	for _, r := range reg.Rounds {
		if r == "" || rounds[r] {
			return &InvalidError{File: name, Problem: ProblemRepeatedRound, Value: r}
		}
		rounds[r] = true
	}
	units := map[string]bool{}
	for _, u := range reg.Units {
		if u.Unit == "" || units[u.Unit] {
			return &InvalidError{File: name, Problem: ProblemRepeatedUnit, Value: u.Unit}
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
		normalizeUnit(&reg.Units[i])
	}
}

// normalizeUnit is normalize of one unit's record.
func normalizeUnit(u *domain.UnitRecord) {
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

// Encode returns the register as indented JSON with a final newline.
func Encode(reg *domain.Register) ([]byte, error) {
	normalize(reg)
	return encodeJSON(reg, "")
}

// Write writes reg to path atomically, the bytes Encode gives. opts.Inputs
// should list the workbooks read, so that a register path that names one
// is refused.
func Write(path string, reg *domain.Register, opts atomicfile.Options) error {
	normalize(reg)
	return atomicfile.Write(path, opts, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		if err := encodeTo(bw, reg); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// unitsKey is how the encoder writes the register's list of units empty;
// the keys and values before it are escaped strings and numbers, which
// cannot hold it.
const unitsKey = "\n  \"units\": []"

// encodeTo writes the register as Encode does, a unit at a time, so that
// the JSON of a large municipality is never held whole: once indented,
// twice as the encoder indents (hundreds of MB at thousands of units).
func encodeTo(w io.Writer, reg *domain.Register) error {
	head, tail, err := frameParts(reg)
	if err != nil {
		return err
	}
	uw := &unitsWriter{w: w, head: head}
	for i := range reg.Units {
		if err := uw.unit(&reg.Units[i]); err != nil {
			return err
		}
	}
	return uw.close(tail)
}

// frameParts is the register's JSON without its units, cut where they go.
func frameParts(reg *domain.Register) (head, tail []byte, err error) {
	outer, err := encodeJSON(frameOf(reg), "")
	if err != nil {
		return nil, nil, err
	}
	head, tail, ok := bytes.Cut(outer, []byte(unitsKey))
	if !ok {
		// The keys and values before the units are escaped strings and
		// numbers, which cannot hold unitsKey's line break.
		return nil, nil, errors.New("encode register: no list of units in the frame")
	}
	return head, tail, nil
}

// unitsWriter writes a register's JSON around its units: the frame's
// head before the first, the units as they come, the tail after them.
type unitsWriter struct {
	w    io.Writer
	head []byte
	n    int
}

func (uw *unitsWriter) unit(u *domain.UnitRecord) error {
	b, err := encodeJSON(u, "    ")
	if err != nil {
		return err
	}
	sep := ",\n    "
	if uw.n == 0 {
		sep = string(uw.head) + "\n  \"units\": [\n    "
	}
	uw.n++
	if _, err := io.WriteString(uw.w, sep); err != nil {
		return err
	}
	_, err = uw.w.Write(bytes.TrimSuffix(b, []byte("\n")))
	return err
}

func (uw *unitsWriter) close(tail []byte) error {
	var err error
	if uw.n == 0 {
		_, err = fmt.Fprintf(uw.w, "%s%s%s", uw.head, unitsKey, tail)
	} else {
		_, err = fmt.Fprintf(uw.w, "\n  ]%s", tail)
	}
	return err
}

// encodeJSON is v as the register's JSON, indented below prefix.
func encodeJSON(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	// Goals are read by people in diffs too: keep <, > and & as typed.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode register: %w", err)
	}
	return b.Bytes(), nil
}
