package workbook

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

func TestReadIdentity(t *testing.T) {
	org := testOrg()
	for _, lang := range domain.Langs {
		t.Run(string(lang), func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "in.xlsx")
			if err := os.WriteFile(src, filled(t, lang), 0o644); err != nil {
				t.Fatal(err)
			}
			st, err := ReadIdentity(src)
			if err != nil {
				t.Fatal(err)
			}
			if st.Feedback || st.Identity.Unit != "bjorken" || st.Identity.Language != lang || st.Identity.Organisation != org.ID {
				t.Errorf("stamp %+v", st)
			}
			sub, fs, err := ReadFile(context.Background(), src, org)
			if err != nil || sub == nil {
				t.Fatal(err)
			}
			if sub.Identity.Round != st.Identity.Round || sub.Identity.ContentHash != st.Identity.ContentHash {
				t.Errorf("ReadIdentity %+v, ReadFile %+v", st.Identity, sub.Identity)
			}
			dst := filepath.Join(dir, "copy.xlsx")
			fs = append(fs, domain.Finding{Code: "MB0213", Severity: domain.SeverityError, MessageID: "FindingGoalMissingHow",
				Location: domain.Location{File: "in.xlsx", Sheet: "Småbarn", Cell: "D7"}, Data: map[string]any{"Team": "Småbarn", "Slot": 2}})
			if err := AnnotateFile(src, dst, sub, org, fs); err != nil {
				t.Fatal(err)
			}
			st, err = ReadIdentity(dst)
			if err != nil || !st.Feedback || st.Identity.Unit != "bjorken" {
				t.Errorf("feedback copy: %+v, %v", st, err)
			}
			// A copy of a copy gets "Att åtgärda (2)" first. (The finding
			// has no cell: Annotate refuses a second comment on a cell.)
			again := filepath.Join(dir, "again.xlsx")
			whole := domain.Findings{{Code: "MB0301", Severity: domain.SeverityWarning, MessageID: "WorkbookFindingPrefillChanged", Location: domain.Location{File: "copy.xlsx"}}}
			if err := AnnotateFile(dst, again, sub, org, whole); err != nil {
				t.Fatal(err)
			}
			if st, err = ReadIdentity(again); err != nil || !st.Feedback {
				t.Errorf("copy of a copy: %+v, %v", st, err)
			}
		})
	}
}

func TestReadIdentityRefuses(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "text.xlsx")
	os.WriteFile(text, []byte("not a workbook"), 0o644)
	if _, err := ReadIdentity(text); err == nil || errors.Is(err, ErrNotOurs) {
		t.Errorf("text file: %v", err)
	}
	plain := filepath.Join(dir, "plain.xlsx")
	f := excelize.NewFile()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(plain, buf.Bytes(), 0o644)
	if _, err := ReadIdentity(plain); !errors.Is(err, ErrNotOurs) {
		t.Errorf("workbook of someone else: %v", err)
	}
	if _, err := ReadIdentity(filepath.Join(dir, "none.xlsx")); err == nil {
		t.Error("missing file read")
	}
}
