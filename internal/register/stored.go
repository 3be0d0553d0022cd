package register

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/malarbete/malarbete/internal/domain"
)

// Stored is a register file as collect merges into it: everything but
// the units in memory, and where in the file each unit's record lies, so
// that MergeTo reads the records a few at a time. The memory it takes
// does not grow with the records' text.
type Stored struct {
	// Frame is the register without its units.
	Frame *domain.Register
	path  string
	units []storedUnit
	// whole holds the records when the stream could not locate them.
	whole []domain.UnitRecord
	// file is the file scanned, for Unchanged.
	file os.FileInfo
}

// storedUnit is where one unit's record lies in the file: from the end
// of the value before it (a comma and spaces may come first) to its end.
type storedUnit struct {
	unit     string
	from, to int64
}

// Scan reads the register at path as ReadFor does, with the same errors,
// but keeps only its frame and where its units lie. It reads the file as
// a stream; on an error it reads it whole once more, for ReadFor's error
// with its line and column. A register ReadFor takes that the stream
// does not (a list written as null) is kept whole in memory.
func Scan(path string, org *domain.Organisation) (*Stored, error) {
	st, err := scanFile(path)
	if err == nil {
		err = CheckFor(st.skeleton(), org, path)
	}
	if err == nil {
		return st, nil
	}
	reg, rerr := ReadFor(path, org)
	if rerr != nil {
		return nil, rerr
	}
	return &Stored{Frame: frameOf(reg), path: path, whole: reg.Units}, nil
}

// frameOf is reg without its units.
func frameOf(reg *domain.Register) *domain.Register {
	frame := *reg
	frame.Units = []domain.UnitRecord{}
	return &frame
}

// skeleton is the frame with a record per unit that holds only its id,
// for the checks of Decode and ReadFor.
func (s *Stored) skeleton() *domain.Register {
	reg := *s.Frame
	reg.Units = make([]domain.UnitRecord, len(s.units))
	for i, u := range s.units {
		reg.Units[i].Unit = u.unit
	}
	return &reg
}

// Unchanged reports whether the file at the register's path is still the
// one scanned, so that a scan made before the register's lock was taken
// can serve under it. Every writer of the register replaces the file
// (atomicfile), so a new file means a change; the size and time of the
// last change catch an edit in place.
func (s *Stored) Unchanged() bool {
	if s.file == nil {
		return false
	}
	now, err := os.Stat(s.path)
	return err == nil && os.SameFile(now, s.file) && now.Size() == s.file.Size() && now.ModTime().Equal(s.file.ModTime())
}

// Len is the number of unit records.
func (s *Stored) Len() int { return max(len(s.units), len(s.whole)) }

// Unit is the id of the i-th unit record.
func (s *Stored) Unit(i int) string {
	if s.whole != nil {
		return s.whole[i].Unit
	}
	return s.units[i].unit
}

// scanFile streams the register at path once: the frame decoded, the
// units only located. The checks are Decode's; its errors carry no
// position (Scan finds it).
func scanFile(path string) (*Stored, error) {
	f, err := openRegister(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bufio.NewReaderSize(&utf8Reader{r: io.LimitReader(f, MaxSize+1)}, 64<<10))
	dec.DisallowUnknownFields()
	frame := &domain.Register{}
	st := &Stored{Frame: frame, path: path, file: info}
	if err := expect(dec, json.Delim('{')); err != nil {
		return nil, err
	}
	fields := frameFields(frame)
	version := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		field, known := fields[name]
		switch {
		case name == "units":
			err = st.locate(dec)
		case !known:
			err = fmt.Errorf("unknown field %q", domain.Excerpt(name, 40))
		default:
			err = dec.Decode(field)
		}
		if err != nil {
			return nil, err
		}
		version = version || name == "schemaVersion"
	}
	if err := expect(dec, json.Delim('}')); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the register")
	}
	if !version || frame.SchemaVersion != domain.RegisterSchemaVersion {
		return nil, &VersionError{File: path, Version: frame.SchemaVersion}
	}
	if err := check(st.skeleton(), path); err != nil {
		return nil, err
	}
	normalize(frame)
	return st, nil
}

// frameFields maps the JSON keys of the register's frame to frame's
// fields, by the struct's own tags, so that a field added to
// domain.Register is read here too.
func frameFields(frame *domain.Register) map[string]any {
	v := reflect.ValueOf(frame).Elem()
	fields := map[string]any{}
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			fields[name] = v.Field(i).Addr().Interface()
		}
	}
	return fields
}

// locate reads the list of units, keeping of each its id and where it
// lies; each record is decoded whole, so that a record the register
// could not read is found here and not halfway through a merge.
func (s *Stored) locate(dec *json.Decoder) error {
	if err := expect(dec, json.Delim('[')); err != nil {
		return err
	}
	for dec.More() {
		from := dec.InputOffset()
		var rec domain.UnitRecord
		if err := dec.Decode(&rec); err != nil {
			return err
		}
		s.units = append(s.units, storedUnit{unit: rec.Unit, from: from, to: dec.InputOffset()})
	}
	return expect(dec, json.Delim(']'))
}

func expect(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("expected %v", want)
	}
	return nil
}

// records reads the stored records, one at a time.
type records struct {
	s   *Stored
	f   *os.File
	buf []byte
}

func (s *Stored) open() (*records, error) {
	if s.whole != nil {
		return &records{s: s}, nil
	}
	f, err := openRegister(s.path)
	if err != nil {
		return nil, err
	}
	return &records{s: s, f: f}, nil
}

func (r *records) Close() error {
	if r.f == nil {
		return nil
	}
	return r.f.Close()
}

// record reads the i-th stored unit's record. The file is the one Scan
// read, under the register's lock; a record that is no longer where it
// was is an error, not another unit's data.
func (r *records) record(i int) (domain.UnitRecord, error) {
	if r.s.whole != nil {
		return r.s.whole[i], nil
	}
	u := r.s.units[i]
	if n := int(u.to - u.from); cap(r.buf) < n {
		r.buf = make([]byte, n)
	} else {
		r.buf = r.buf[:n]
	}
	var rec domain.UnitRecord
	if _, err := r.f.ReadAt(r.buf, u.from); err != nil {
		return rec, fmt.Errorf("read register %s: %w", r.s.path, err)
	}
	data := bytes.TrimLeft(r.buf, ", \t\r\n")
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil || rec.Unit != u.unit {
		return rec, fmt.Errorf("read register %s: the file changed while it was read", r.s.path)
	}
	normalizeUnit(&rec)
	return rec, nil
}

// utf8Reader passes a stream on and fails at its first byte that is not
// UTF-8, which the JSON decoder would turn into U+FFFD without a word.
type utf8Reader struct {
	r    io.Reader
	tail []byte // the start of a character cut by the last read
}

var errNotUTF8 = errors.New("not UTF-8")

func (v *utf8Reader) Read(p []byte) (int, error) {
	n, err := v.r.Read(p)
	data := p[:n]
	for len(v.tail) > 0 && len(data) > 0 {
		v.tail, data = append(v.tail, data[0]), data[1:]
		if utf8.FullRune(v.tail) {
			if r, size := utf8.DecodeRune(v.tail); r == utf8.RuneError && size <= 1 || size != len(v.tail) {
				return n, errNotUTF8
			}
			v.tail = v.tail[:0]
		}
	}
	end := len(data)
	for k := len(data) - 1; k >= 0 && k >= len(data)-utf8.UTFMax; k-- {
		if utf8.RuneStart(data[k]) {
			if !utf8.FullRune(data[k:]) {
				end = k
			}
			break
		}
	}
	if !utf8.Valid(data[:end]) {
		return n, errNotUTF8
	}
	v.tail = append(v.tail, data[end:]...)
	if err == io.EOF && len(v.tail) > 0 {
		return n, errNotUTF8
	}
	return n, err
}

// ErrReorganised is MergeTo's answer when the register must follow a
// reorganisation (a unit renamed or merged, a team moved, renamed or
// gone): that takes records of several units at once, so the caller
// merges the whole register with Merge instead.
var ErrReorganised = errors.New("the register follows a reorganisation: merge it whole")

// chunkUnits is how many units' records MergeTo holds at a time.
const chunkUnits = 64

// MergeTo is Merge of subs into the register old (nil for a new one),
// written to w as Write would write it, holding only a few units'
// records and workbooks at a time: the merge of each unit depends only
// on its own record and workbooks, and the rest of the register only on
// what each unit's gave (finishUnit). A merge that would follow a
// reorganisation stops with ErrReorganised before it is done; what was
// written to w is then to be thrown away.
func MergeTo(w io.Writer, old *Stored, org *domain.Organisation, subs []Accepted, opts MergeOptions) (*Result, error) {
	frame := New(org)
	if old != nil {
		f := *old.Frame
		f.Missing = slices.Clone(f.Missing)
		frame = &f
	}
	ord, err := begin(frame, org, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	groups, keys := group(subs, org, ord, opts, res)

	// The units to write: the stored ones and those the workbooks add,
	// in the register's order; keys are in that order already.
	at := map[string]int{}
	var units []string
	if old != nil {
		for i := range old.Len() {
			at[old.Unit(i)] = i
			units = append(units, old.Unit(i))
		}
	}
	for _, k := range keys {
		if _, ok := at[k.unit]; !ok {
			at[k.unit] = -1
			units = append(units, k.unit)
		}
	}
	sort.SliceStable(units, func(i, j int) bool { return ord.less(key{unit: units[i]}, key{unit: units[j]}) })
	byUnit := map[string][]key{}
	for _, k := range keys {
		byUnit[k.unit] = append(byUnit[k.unit], k)
	}

	var recs *records
	if old != nil {
		if recs, err = old.open(); err != nil {
			return nil, err
		}
		defer recs.Close()
	}
	currentMissing(frame, org)
	addRound(frame, ord, opts.Round)
	head, _, err := frameParts(frame)
	if err != nil {
		return nil, err
	}
	uw := &unitsWriter{w: w, head: head}
	s := newSeen()
	for start := 0; start < len(units); start += chunkUnits {
		chunk := units[start:min(start+chunkUnits, len(units))]
		part := frameOf(frame)
		for _, u := range chunk {
			if i := at[u]; i >= 0 {
				rec, err := recs.record(i)
				if err != nil {
					return nil, err
				}
				part.Units = append(part.Units, rec)
			}
		}
		if len(Reorganise(part, org, opts.Round)) > 0 {
			return nil, ErrReorganised
		}
		for _, u := range chunk {
			for _, k := range byUnit[u] {
				a := groups[k][0]
				if err := applyAccepted(part, &a, opts.Round, org); err != nil {
					return nil, err
				}
				res.Merged = append(res.Merged, a.Source)
			}
		}
		if len(Reorganise(part, org, opts.Round)) > 0 {
			return nil, ErrReorganised
		}
		sortUnits(part, ord)
		for i := range part.Units {
			finishUnit(&part.Units[i], ord, opts.Round, s)
			if err := uw.unit(&part.Units[i]); err != nil {
				return nil, err
			}
		}
	}
	finish(frame, org, ord, opts.Round, res, s)
	_, tail, err := frameParts(frame)
	if err != nil {
		return nil, err
	}
	return res, uw.close(tail)
}
