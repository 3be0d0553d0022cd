package workbook

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// fuzzLimits are tight, so that the fuzzer reaches every refusal with
// small inputs and no input costs more than a few MB.
var fuzzLimits = zipcheck.Limits{MaxFileSize: 1 << 20, MaxEntries: 64, MaxEntrySize: 4 << 20, MaxTotalSize: 8 << 20}

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
	f.Fuzz(func(t *testing.T, data []byte) {
		sub, fs, err := Read(bytes.NewReader(data), int64(len(data)), org, ReadOptions{Name: "f.xlsx", Limits: fuzzLimits})
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
			if s, ok := x.Data["Text"].(string); ok && utf8.RuneCountInString(s) > excerptLen+1 {
				t.Errorf("finding quotes %d runes", utf8.RuneCountInString(s))
			}
		}
	})
}
