package workbook

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

// soffice converts files with LibreOffice into outDir, in a profile of its
// own so that a desktop session or a parallel run does not interfere.
func soffice(t *testing.T, format, outDir string, files ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversions are slow; skipped with -short")
	}
	profile := "file://" + filepath.ToSlash(t.TempDir())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", format, "--outdir", outDir}, files...)
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, f := range files {
		conv := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+"."+strings.Split(format, ":")[0])
		if _, err := os.Stat(conv); err != nil {
			t.Fatalf("soffice did not write %s:\n%s", conv, out)
		}
	}
}

// TestLibreOffice saves workbooks with LibreOffice: a generated one that is
// then filled by code, and one filled by code before the save (a manager
// answering in LibreOffice). Names, validations and identity must survive
// and every answer must read back unchanged.
func TestLibreOffice(t *testing.T) {
	org := testOrg()
	dir, conv := t.TempDir(), t.TempDir()
	gen := generate(t, dir, org, Options{Unit: "bjorken"})
	pre := filepath.Join(dir, "prefilled.xlsx")
	want := answers("")
	if err := FillFile(gen, pre, want, org, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	// A team workbook and a follow-up workbook, filled: they must read the
	// same after LibreOffice saved them.
	team := generate(t, dir, org, Options{Unit: "bjorken", Team: "bjorken-sma", Lang: domain.English})
	teamFilled := filepath.Join(dir, "team-filled.xlsx")
	teamAnswers := &domain.Submission{Teams: want.Teams[:1]}
	if err := FillFile(team, teamFilled, teamAnswers, org, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	rec := &domain.UnitRecord{Unit: "bjorken", Goals: want.UnitGoals, Teams: want.Teams}
	fu := generate(t, dir, org, Options{Unit: "bjorken", Round: "november", Record: rec})
	fuFilled := filepath.Join(dir, "followup-filled.xlsx")
	if err := FillFile(fu, fuFilled, answers("november"), org, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	soffice(t, "xlsx", conv, gen, pre, teamFilled, fuFilled)
	convGen := filepath.Join(conv, filepath.Base(gen))

	for _, name := range []string{"team-filled.xlsx", "followup-filled.xlsx"} {
		t.Run(name, func(t *testing.T) {
			before, _, err := ReadFile(context.Background(), filepath.Join(dir, name), org)
			if err != nil || before == nil {
				t.Fatal(err)
			}
			checkRead(t, filepath.Join(conv, name), org, before)
		})
	}

	t.Run("structure survives", func(t *testing.T) {
		f, err := excelize.OpenFile(convGen)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b := openBook(f, mustLayout(t), mustCatalogue(t))
		for _, n := range []string{"MB_UnitGoals", "MB_Team1", "MB_Team2", "MB_Criteria", "MB_List_unitGoals"} {
			ref, ok := b.names[strings.ToLower(n)]
			if !ok {
				t.Errorf("name %s lost", n)
				continue
			}
			if sheet, _, _, _, _, ok := parseRef(ref); !ok || !b.sheets[sheet] {
				t.Errorf("name %s = %q does not parse", n, ref)
			}
		}
		if b.id.Unit != "bjorken" || b.id.ContentHash == "" || len(b.id.Teams) != 2 {
			t.Errorf("identity lost: %+v", b.id)
		}
		if len(b.props) == 0 {
			t.Log("custom properties lost; identity came from the sheet")
		}
		dvs, err := f.GetDataValidations("Småbarn")
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		for _, dv := range dvs {
			kinds[dv.Type] = true
			if dv.Type == "list" && !strings.Contains(strings.ToLower(dv.Formula1), "mb_list_") && !strings.Contains(dv.Formula1, "_malarbete") {
				t.Errorf("list validation lost its source: %q", dv.Formula1)
			}
		}
		for _, k := range []string{"list", "date", "textLength"} {
			if !kinds[k] {
				t.Errorf("validation %s lost (have %v)", k, kinds)
			}
		}
	})

	t.Run("live lists computed", func(t *testing.T) {
		f, err := excelize.OpenFile(filepath.Join(conv, "prefilled.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		// LibreOffice computed the labels from the goals typed on the
		// unit goal and team sheets; empty slots give empty labels.
		for ref, want := range map[string]string{
			"G1": "Enhetsmål 1: " + want.UnitGoals[0].Text,
			"G3": "",
			"H1": "Småbarn, mål 1: " + want.Teams[0].Goals[0].What,
			"H2": "",
		} {
			if got, _ := f.GetCellValue("_malarbete", ref); got != want {
				t.Errorf("_malarbete!%s = %q, want %q", ref, got, want)
			}
		}
	})

	t.Run("fill after save", func(t *testing.T) {
		out := filepath.Join(dir, "after.xlsx")
		if err := FillFile(convGen, out, want, org, atomicfile.Options{}); err != nil {
			t.Fatal(err)
		}
		checkRead(t, out, org, want)
	})

	t.Run("save after fill", func(t *testing.T) {
		checkRead(t, filepath.Join(conv, "prefilled.xlsx"), org, want)
	})
}

func checkRead(t *testing.T, path string, org *domain.Organisation, want *domain.Submission) {
	t.Helper()
	got, fs, err := ReadFile(context.Background(), path, org)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Severity != domain.SeverityInfo {
			t.Errorf("finding %+v", f)
		}
	}
	if got == nil {
		t.Fatal("no submission")
	}
	if !reflect.DeepEqual(strip(got), strip(want)) {
		t.Errorf("differs after LibreOffice\n got %+v\nwant %+v", strip(got), strip(want))
	}
}

// TestRenderPDF renders a generated workbook to PDF, for looking at the
// pages: MALARBETE_PDF=DIR keeps the PDF there.
func TestRenderPDF(t *testing.T) {
	keep := os.Getenv("MALARBETE_PDF")
	if keep == "" {
		t.Skip("set MALARBETE_PDF=DIR to render a workbook to PDF")
	}
	org := testOrg()
	var buf bytes.Buffer
	if _, err := Write(&buf, org, Options{Unit: "bjorken"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "bjorken.xlsx")
	filledPath := filepath.Join(dir, "bjorken-ifylld.xlsx")
	os.WriteFile(in, buf.Bytes(), 0o644)
	if err := FillFile(in, filledPath, answers(""), org, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	soffice(t, "pdf", keep, in, filledPath)
}
