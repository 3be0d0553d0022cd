package orgimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/malarbete/malarbete/internal/domain"
)

// Limits on an export. A municipality of 10,000 employees exports a few
// thousand rows of a few hundred bytes: these leave a wide margin and
// still stop a wrong file before it costs time or memory.
const (
	// MaxSize is the largest export read, in bytes.
	MaxSize = 16 << 20
	// MaxRows is the most rows read, empty rows not counted.
	MaxRows = 50_000
	// MaxColumns is the most columns of a row that are looked at.
	MaxColumns = 200
	// maxCell is the longest cell kept; longer ones are no names, codes
	// or addresses and are reported where they are used.
	maxCell = 4096
)

// Encodings a CSV export is read in, named as the summary shows them.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 BOM"
	EncodingUTF16   = "UTF-16"
	Encoding1252    = "Windows-1252"
	EncodingXLSX    = "xlsx"
)

// Table is an export read into rows of text.
type Table struct {
	// File names the export in findings.
	File string
	// Encoding is how the file was read: one of the Encoding constants.
	Encoding string
	// Delimiter is the CSV separator (0 for xlsx).
	Delimiter rune
	// Rows are the rows that hold any text, in order.
	Rows []Row
}

// Row is one row of an export.
type Row struct {
	// Line is the row's number as the user finds it: the line where a
	// CSV record starts, or the sheet's row number.
	Line  int
	Cells []string
}

// Cell returns the text of column i, or "" past the row's end.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

var (
	bomUTF8    = []byte("\xef\xbb\xbf")
	bomUTF16LE = []byte("\xff\xfe")
	bomUTF16BE = []byte("\xfe\xff")
	zipMagic   = []byte("PK\x03\x04")
	cfbMagic   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// ReadTable reads an export: an .xlsx workbook (its first sheet) or a CSV
// file separated by semicolons, commas or tabs, in UTF-8 (with or without
// BOM), UTF-16 with BOM or Windows-1252. The kind is told from the bytes,
// not the name. A file that cannot be read gives a finding and no table.
// ReadTable never panics on bad input.
func ReadTable(name string, data []byte) (t *Table, fs domain.Findings) {
	if len(data) > MaxSize {
		return nil, domain.Findings{TableTooLarge.Finding(domain.Location{File: name}, map[string]any{"MaxMB": MaxSize >> 20})}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, domain.Findings{TableEmpty.Finding(domain.Location{File: name}, nil)}
	}
	if bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, cfbMagic) {
		return readXLSX(name, data)
	}
	return readCSV(name, data)
}

// decode returns data as UTF-8 text and the encoding it was in. Text
// that is not valid UTF-8 is Windows-1252, which every byte sequence is:
// what Excel and most HR systems on Swedish Windows write as "CSV".
func decode(data []byte) (string, string, bool) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
		if !utf8.Valid(data) {
			return "", EncodingUTF8BOM, false
		}
		return string(data), EncodingUTF8BOM, true
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		// Excel's "Unicode text" export.
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", EncodingUTF16, false
		}
		return string(out), EncodingUTF16, true
	case utf8.Valid(data):
		return string(data), EncodingUTF8, true
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", Encoding1252, false
	}
	return string(out), Encoding1252, true
}

func readCSV(name string, data []byte) (*Table, domain.Findings) {
	at := domain.Location{File: name}
	text, enc, ok := decode(data)
	if !ok {
		return nil, domain.Findings{TableNotText.Finding(at, nil)}
	}
	// A NUL never appears in a text export: this is some other file
	// (an .ods, a PDF) given by mistake.
	if strings.ContainsRune(text, 0) {
		return nil, domain.Findings{TableNotText.Finding(at, nil)}
	}
	t := &Table{File: name, Encoding: enc}
	first := 1
	// Excel writes and honours a first line "sep=;" naming the separator.
	if line, rest, _ := strings.Cut(text, "\n"); strings.HasPrefix(strings.ToLower(strings.TrimSpace(line)), "sep=") {
		if r, n := utf8.DecodeRuneInString(strings.TrimSpace(line)[4:]); n > 0 && r != utf8.RuneError {
			t.Delimiter = r
		}
		text, first = rest, 2
	}
	if t.Delimiter == 0 {
		t.Delimiter = sniff(text)
	}
	if !validDelimiter(t.Delimiter) {
		return nil, domain.Findings{TableNotText.Finding(at, nil)}
	}
	// Strict first: with lazy quotes a quote that is never closed would
	// swallow the rest of the file into one cell without a word. Bare
	// quotes inside fields (Per "Pelle" Exempel) are common in exports,
	// though, and only they send the file to the lenient reader.
	rows, err := t.records(text, first, false)
	if errors.Is(err, csv.ErrBareQuote) {
		rows, err = t.records(text, first, true)
	}
	if err != nil {
		line := first
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.StartLine + first - 1
		}
		return nil, domain.Findings{TableSyntax.Finding(domain.Location{File: name, Line: line}, nil)}
	}
	for _, r := range rows {
		if !t.add(r.Line, r.Cells) {
			return nil, domain.Findings{TableTooManyRows.Finding(at, map[string]any{"Max": MaxRows})}
		}
	}
	if len(t.Rows) == 0 {
		return nil, domain.Findings{TableEmpty.Finding(at, nil)}
	}
	return t, nil
}

// records splits text into records, numbered by the line each starts on.
// It stops past MaxRows records, which add then refuses.
func (t *Table) records(text string, first int, lazy bool) ([]Row, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = t.Delimiter
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	var rows []Row
	for len(rows) <= MaxRows*2 {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if lazy && runaway(rec, t.Delimiter) {
			// A quote never closed took the next lines into one cell.
			return nil, &csv.ParseError{StartLine: line, Line: line, Err: csv.ErrQuote}
		}
		rows = append(rows, Row{Line: line + first - 1, Cells: rec})
	}
	return rows, nil
}

// runaway reports a cell that spans lines and holds the separator: what a
// lenient reader makes of a quote that is never closed.
func runaway(rec []string, sep rune) bool {
	for _, c := range rec {
		if strings.ContainsRune(c, '\n') && strings.ContainsRune(c, sep) {
			return true
		}
	}
	return false
}

// validDelimiter rejects separators encoding/csv cannot use.
func validDelimiter(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && r != utf8.RuneError && utf8.ValidRune(r)
}

// sniff picks the separator that splits the first lines most: HR
// systems write semicolons (the Swedish decimal comma rules out commas),
// English ones commas, Excel's Unicode text tabs.
func sniff(text string) rune {
	best, bestN := ';', 0
	for _, c := range []rune{';', ',', '\t'} {
		n := 0
		for i, line := range strings.SplitN(text, "\n", 11) {
			if i == 10 {
				break
			}
			n = max(n, countOutsideQuotes(line, c))
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

func countOutsideQuotes(line string, c rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == c && !quoted:
			n++
		}
	}
	return n
}

// add keeps a row that holds any text, its cells cleaned; it reports
// false once MaxRows rows are kept.
func (t *Table) add(line int, cells []string) bool {
	if len(cells) > MaxColumns {
		cells = cells[:MaxColumns]
	}
	row := Row{Line: line, Cells: make([]string, len(cells))}
	empty := true
	for i, c := range cells {
		if len(c) > maxCell {
			// Cut at a rune boundary; the cell is reported as too long
			// if it is used.
			c = strings.ToValidUTF8(c[:maxCell], "")
		}
		row.Cells[i] = Clean(c)
		empty = empty && row.Cells[i] == ""
	}
	if empty {
		return true
	}
	if len(t.Rows) == MaxRows {
		return false
	}
	t.Rows = append(t.Rows, row)
	return true
}

// Clean turns a cell into one line of text: control characters, line
// breaks and runs of spaces (no-break spaces among them, which exports
// are full of) become one space, and the ends are trimmed. C1 controls
// become the Windows-1252 characters they stand for.
func Clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f {
			// C1 controls are Windows-1252 text read as Latin-1 on the
			// way (an en dash as U+0096): take them as meant.
			r = charmap.Windows1252.DecodeByte(byte(r))
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
