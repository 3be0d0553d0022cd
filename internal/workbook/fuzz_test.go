package workbook

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// fuzzLimits are tight, so that the fuzzer reaches every refusal with
// small inputs and no input costs more than a few MB.
var fuzzLimits = zipcheck.Limits{MaxFileSize: 1 << 20, MaxEntries: 64, MaxEntrySize: 4 << 20, MaxTotalSize: 8 << 20}

// hangAfter is when a fuzzed read counts as hung: four times the batch's
// time limit per workbook (intake.DefaultReadTimeout), because a fuzz
// worker is instrumented and shares a loaded machine; at 30 s a busy
// machine once tripped it on an input that reads in 0.2 s.
const hangAfter = 2 * time.Minute

// FuzzRead feeds the reader mutations of real workbooks: generated, filled,
// team-scoped and broken ones. It must never panic, and what it returns
// must keep its promises: a submission has an identity, every finding has a
// code, a file and a message, and quotes at most a short excerpt.
func FuzzRead(f *testing.F) {
	org := testOrg()
	good := filled(f, domain.Swedish)
	f.Add(good)
	f.Add(filled(f, domain.English))
	var team bytes.Buffer
	if _, err := Write(&team, org, Options{Unit: "forradet", Team: "forradet-vagar"}); err != nil {
		f.Fatal(err)
	}
	f.Add(team.Bytes())
	f.Add(edit(f, good, func(x *excelize.File) { x.SetCellStr("Småbarn", "C9", "snart") }))
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	for _, c := range corpusFiles(f) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		stop := time.AfterFunc(hangAfter, func() { panic("read of a fuzzed file hangs") })
		defer stop.Stop()
		sub, fs, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), org, ReadOptions{Name: "f.xlsx", Limits: fuzzLimits})
		checkFuzzRead(t, sub, fs, err)
	})
}

// checkFuzzRead fails t unless a read of bad input kept the reader's
// promises: no error (findings instead), a submission or a finding, every
// finding complete and quoting at most an excerpt.
func checkFuzzRead(t *testing.T, sub *domain.Submission, fs domain.Findings, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("error on bad input (want findings): %v", err)
	}
	if sub != nil && sub.Identity.Unit == "" {
		t.Errorf("submission without identity")
	}
	if sub == nil && len(fs) == 0 {
		t.Errorf("no submission and no finding")
	}
	for _, x := range fs {
		if x.Code == "" || x.MessageID == "" || x.Location.File != "f.xlsx" {
			t.Errorf("incomplete finding %+v", x)
		}
		for k, v := range x.Data {
			if s, ok := v.(string); ok && utf8.RuneCountInString(s) > excerptLen+1 && k != "Example" {
				t.Errorf("finding quotes %d runes in %s", utf8.RuneCountInString(s), k)
			}
		}
	}
}

// Operations of FuzzReadStructured on the bytes of one part.
const (
	opInsert  = iota // insert the input at pos
	opReplace        // overwrite from pos with the input
	opWhole          // the input is the whole part
	opDelete         // delete len(input) bytes from pos
	opCount
)

// structuredTargets are the parts FuzzReadStructured mutates: the XML
// that excelize parses for what the reader asks, where the crashes of
// recent excelize advisories lived.
func structuredTargets(ps []zpart) []int {
	var out []int
	for i, p := range ps {
		switch {
		case strings.HasPrefix(p.name, "xl/worksheets/sheet"),
			p.name == "xl/sharedStrings.xml", p.name == "xl/workbook.xml",
			p.name == "xl/styles.xml", p.name == "docProps/custom.xml":
			out = append(out, i)
		}
	}
	return out
}

// mutate applies op to b at pos with in; pos wraps around b's length.
func mutate(b []byte, op byte, pos uint32, in []byte) []byte {
	p := 0
	if len(b) > 0 {
		p = int(pos % uint32(len(b)+1))
	}
	switch op % opCount {
	case opInsert:
		return slices.Concat(b[:p], in, b[p:])
	case opReplace:
		end := min(len(b), p+len(in))
		return slices.Concat(b[:p], in, b[end:])
	case opWhole:
		return slices.Clone(in)
	default:
		end := min(len(b), p+len(in))
		return slices.Concat(b[:p], b[end:])
	}
}

// FuzzReadStructured mutates the XML inside a sound archive: the input
// picks a part (a sheet, the shared strings, workbook.xml, styles, the
// custom properties), an operation and a position, the archive is zipped
// again with correct CRCs, and the reader reads it. Plain FuzzRead rarely
// gets past zipcheck; this target spends its time in excelize and the
// reader. The same promises hold: no panic, no error, a submission or
// findings, excerpts only.
func FuzzReadStructured(f *testing.F) {
	org := testOrg()
	base := parts(f, filled(f, domain.Swedish))
	targets := structuredTargets(base)
	index := func(name string) byte {
		for i, t := range targets {
			if base[t].name == name {
				return byte(i)
			}
		}
		f.Fatalf("no part %s", name)
		return 0
	}
	sheet1, sst, wb := index("xl/worksheets/sheet1.xml"), index("xl/sharedStrings.xml"), index("xl/workbook.xml")
	for _, s := range []struct {
		target, op byte
		pos        uint32
		in         string
	}{
		{sheet1, opInsert, 0, ""},
		{sheet1, opReplace, 400, `<row r="-1"><c r="A1"><v>1</v></c></row>`},
		{sheet1, opReplace, 400, `<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>`},
		{sheet1, opReplace, 400, `<c r="B5" t="s"><v>-1</v></c>`},
		{sheet1, opReplace, 400, `<c r="B5" s="-1"><v>1</v></c>`},
		{sheet1, opInsert, 1 << 31, `<mergeCells count="1"><mergeCell ref=""/></mergeCells>`},
		{sheet1, opWhole, 0, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="C3"><v>1</v></c><c r="A3"><v>2</v></c></row><row r="1"/></sheetData></worksheet>`},
		{sst, opWhole, 0, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="-1"><si><t>x</t></si></sst>`},
		{sst, opDelete, 100, strings.Repeat("x", 50)},
		{wb, opReplace, 300, `<definedName name="MB_Team1">'Småbarn'!$A$-1:$ZZZ$0</definedName>`},
		{wb, opWhole, 0, `<workbook/>`},
	} {
		f.Add(s.target, s.op, s.pos, []byte(s.in))
	}
	// The corpus: each file's first sheet and shared strings as whole
	// parts, so the fuzzer starts from the shapes that broke readers.
	for _, c := range corpusFiles(f) {
		cps, ok := tryParts(c)
		if !ok {
			continue
		}
		for _, p := range cps {
			if p.name == "xl/worksheets/sheet1.xml" {
				f.Add(sheet1, byte(opWhole), uint32(0), p.data)
			}
			if p.name == "xl/sharedStrings.xml" {
				f.Add(sst, byte(opWhole), uint32(0), p.data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, target, op byte, pos uint32, in []byte) {
		ps := slices.Clone(base)
		i := targets[int(target)%len(targets)]
		ps[i].data = mutate(ps[i].data, op, pos, in)
		data := rezip(t, ps)
		// Go's fuzzer has no time limit per input: a read that hangs
		// only shows as 0 execs/sec. Past the batch's own limit it is a
		// bug, and panicking makes the fuzzer keep the input.
		stop := time.AfterFunc(hangAfter, func() { panic("read of a fuzzed workbook hangs") })
		defer stop.Stop()
		sub, fs, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), org, ReadOptions{Name: "f.xlsx", Limits: fuzzLimits})
		checkFuzzRead(t, sub, fs, err)
	})
}

// corpusFiles returns the committed corpus files, as seeds.
func corpusFiles(tb testing.TB) [][]byte {
	tb.Helper()
	names, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.xlsx"))
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		if int64(len(b)) <= fuzzLimits.MaxFileSize {
			out = append(out, b)
		}
	}
	return out
}
