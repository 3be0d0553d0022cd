package workbook

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

// vbaProject stands for a VBA project: the reader and the copies never
// look inside one.
var vbaProject = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not a real VBA project")

// withActive is data with what Excel saves for a macro-enabled workbook
// (a VBA project, its relationship and content types, the workbook
// declared macro-enabled, when enabled) and, when link, a link to
// another workbook (part, relationship, externalReferences).
func withActive(tb testing.TB, data []byte, enabled, link bool) []byte {
	tb.Helper()
	rels := `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`
	types := `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`
	extra := []zpart{{"xl/vbaProject.bin", vbaProject}}
	if link {
		rels += `<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>`
		types += `<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>`
		extra = append(extra,
			zpart{"xl/externalLinks/externalLink1.xml", []byte(`<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"/></externalLink>`)},
			zpart{"xl/externalLinks/_rels/externalLink1.xml.rels", []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/hemligt/l%C3%B6ner.xlsx" TargetMode="External"/></Relationships>`)})
	}
	return editParts(tb, data, func(name string, b []byte) []byte {
		s := string(b)
		switch name {
		case "xl/_rels/workbook.xml.rels":
			s = strings.Replace(s, "</Relationships>", rels+"</Relationships>", 1)
		case "[Content_Types].xml":
			s = strings.Replace(s, "</Types>", types+"</Types>", 1)
			if enabled {
				s = strings.Replace(s, contentTypePlain, excelize.ContentTypeMacro, 1)
			}
		case "xl/workbook.xml":
			if link {
				s = strings.Replace(s, "</definedNames>", `</definedNames><externalReferences><externalReference r:id="rIdLink"/></externalReferences>`, 1)
			}
		}
		return []byte(s)
	}, extra...)
}

// partNames lists the parts of an archive.
func partNames(tb testing.TB, data []byte) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	for _, p := range parts(tb, data) {
		out[p.name] = p.data
	}
	return out
}

// TestCopiesAreInert: a macro-enabled workbook that links to another
// workbook is read with a warning; its feedback copy and a filled copy
// hold neither the VBA project nor the link, are plain workbooks, and read
// back without those findings.
func TestCopiesAreInert(t *testing.T) {
	org := testOrg()
	dir := t.TempDir()
	src := filepath.Join(dir, "Björken.xlsm")
	if err := os.WriteFile(src, withActive(t, filled(t, domain.Swedish), true, true), 0o644); err != nil {
		t.Fatal(err)
	}
	sub, fs, err := ReadFile(context.Background(), src, org)
	if err != nil || sub == nil {
		t.Fatalf("read: %v %v", err, fs)
	}
	if !hasCode(fs, FindingMacros.Code) || !hasCode(fs, FindingExternalLink.Code) {
		t.Fatalf("findings %v, want the macros and the link named", fs)
	}
	annotated := filepath.Join(dir, "kopia.xlsx")
	if err := AnnotateFile(src, annotated, sub, org, fs); err != nil {
		t.Fatal(err)
	}
	filled := filepath.Join(dir, "ifylld.xlsx")
	if err := FillFile(src, filled, answers(""), org, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{annotated, filled} {
		t.Run(filepath.Base(out), func(t *testing.T) {
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			ps := partNames(t, data)
			for name := range ps {
				if macro, link, _ := active(name); macro || link {
					t.Errorf("the copy holds %s", name)
				}
			}
			types, rels, book := string(ps["[Content_Types].xml"]), string(ps["xl/_rels/workbook.xml.rels"]), string(ps["xl/workbook.xml"])
			for _, bad := range []string{"macroEnabled", "vbaProject", "externalLink"} {
				if strings.Contains(types, bad) || strings.Contains(rels, bad) {
					t.Errorf("content types or relationships still name %s", bad)
				}
			}
			if !strings.Contains(types, contentTypePlain) {
				t.Error("the copy is not declared a plain workbook")
			}
			if strings.Contains(book, "externalReference") {
				t.Error("the workbook still lists external references")
			}
			again, fs, err := ReadFile(context.Background(), out, org)
			if err != nil || again == nil {
				t.Fatalf("the copy does not read: %v %v", err, fs)
			}
			if hasCode(fs, FindingMacros.Code) || hasCode(fs, FindingExternalLink.Code) {
				t.Errorf("the copy reads with %v", fs)
			}
		})
	}
	// LibreOffice opens the copy as a workbook (skipped without it).
	conv := t.TempDir()
	soffice(t, "csv", conv, annotated)
}

// TestInertKeepsPlainWorkbooks: a copy of a workbook without macros or
// links is excelize's output byte for byte, so filled copies stay
// reproducible.
func TestInertKeepsPlainWorkbooks(t *testing.T) {
	data := filled(t, domain.Swedish)
	got, err := inert(data)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("inert changed a plain workbook: %v", err)
	}
}

// TestInertRefusesMacroSheets: a workbook with Excel 4.0 macro sheets
// gets no copy.
func TestInertRefusesMacroSheets(t *testing.T) {
	data := editParts(t, filled(t, domain.Swedish), nil, zpart{"xl/macrosheets/sheet1.xml", []byte("<xm:macrosheet/>")})
	if _, err := inert(data); err != ErrMacroSheets {
		t.Fatalf("inert = %v, want ErrMacroSheets", err)
	}
}

// TestDropElements covers the forms the parts come in: self-closed or
// not, with a namespace prefix, attributes in any order and quotes.
func TestDropElements(t *testing.T) {
	in := `<Types><Override PartName="/a" ContentType="x"/><x:Override ContentType='y' PartName='/b'></x:Override><Override PartName="/c" ContentType="z"></Override><Overrides/></Types>`
	got := string(dropElements([]byte(in), "Override", func(a map[string]string) bool { return a["PartName"] != "/c" }))
	want := `<Types><Override PartName="/c" ContentType="z"></Override><Overrides/></Types>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func hasCode(fs domain.Findings, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}
