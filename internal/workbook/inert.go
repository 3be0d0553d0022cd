package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// Macros and links to other workbooks are never carried into a file the
// tool writes. A returned workbook may hold them (saved as .xlsm, or a
// vbaProject.bin put into an .xlsx); the reader warns (MB0335), and the
// copies made from it (annotated, filled) leave out the VBA project, its
// signatures and the external-link parts, with their relationships and
// content types, and declare the workbook a plain .xlsx. A workbook with
// Excel 4.0 macro sheets, which are sheets of the workbook, gets no copy
// at all.

// FindingMacros: the workbook holds macros.
var FindingMacros = rule{"MB0335", domain.SeverityWarning, "WorkbookFindingMacros"}

// ErrMacroSheets means a copy was not written because the workbook holds
// Excel 4.0 macro sheets, which cannot be left out without changing it.
var ErrMacroSheets = errors.New("workbook holds Excel 4.0 macro sheets; no copy is written")

// Content types of a macro-enabled workbook and of a plain one.
const (
	contentTypePlain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)

var macroContentTypes = []string{excelize.ContentTypeMacro, excelize.ContentTypeTemplateMacro, excelize.ContentTypeAddinMacro}

// active classifies a part: macros (VBA project and signatures), an
// external link, or a macro sheet.
func active(name string) (macro, link, sheet bool) {
	n := strings.ToLower(name)
	macro = strings.HasPrefix(n, "xl/vbaproject") || n == "xl/_rels/vbaproject.bin.rels" || path.Base(n) == "vbaproject.bin"
	link = strings.HasPrefix(n, "xl/externallinks/")
	sheet = strings.HasPrefix(n, "xl/macrosheets/")
	return macro, link, sheet
}

// hasMacros reports whether the workbook named file, with the parts of f,
// holds macros: by its extension, a VBA project, a macro sheet, or a
// macro-enabled content type.
func hasMacros(f *excelize.File, file string) bool {
	switch strings.ToLower(path.Ext(file)) {
	case ".xlsm", ".xltm", ".xlam":
		return true
	}
	found := false
	f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		macro, _, sheet := active(name)
		if data, ok := v.([]byte); ok && strings.EqualFold(name, "[Content_Types].xml") {
			for _, ct := range macroContentTypes {
				macro = macro || bytes.Contains(data, []byte(ct))
			}
		}
		found = macro || sheet
		return !found
	})
	return found
}

// writeInert writes f to w without macros or external links.
func writeInert(f *excelize.File, w io.Writer) error {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	out, err := inert(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// inert returns the workbook in data without its VBA project and
// external links; data itself when it has neither.
func inert(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	dropped := map[string]bool{}
	macroType := false
	for _, e := range zr.File {
		macro, link, sheet := active(e.Name)
		if sheet {
			return nil, ErrMacroSheets
		}
		if macro || link {
			dropped["/"+strings.ToLower(e.Name)] = true
		}
		if strings.EqualFold(e.Name, "[Content_Types].xml") {
			b, err := readEntry(e)
			if err != nil {
				return nil, err
			}
			for _, ct := range macroContentTypes {
				macroType = macroType || bytes.Contains(b, []byte(ct))
			}
		}
	}
	if len(dropped) == 0 && !macroType {
		return data, nil
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		if dropped["/"+strings.ToLower(e.Name)] {
			continue
		}
		b, err := readEntry(e)
		if err != nil {
			return nil, err
		}
		switch strings.ToLower(e.Name) {
		case "[content_types].xml":
			b = contentTypesInert(b, dropped)
		case "xl/_rels/workbook.xml.rels":
			b = dropElements(b, "Relationship", func(a map[string]string) bool {
				t := a["Type"]
				return strings.HasSuffix(t, "/vbaProject") || strings.HasSuffix(t, "/externalLink")
			})
		case "xl/workbook.xml":
			b = dropElements(b, "externalReferences", func(map[string]string) bool { return true })
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: e.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func readEntry(e *zip.File) ([]byte, error) {
	rc, err := e.Open()
	if err != nil {
		return nil, fmt.Errorf("copy %s: %w", e.Name, err)
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// contentTypesInert drops the overrides of dropped parts and the default
// for VBA projects, and declares the workbook a plain one.
func contentTypesInert(b []byte, dropped map[string]bool) []byte {
	b = dropElements(b, "Override", func(a map[string]string) bool { return dropped[strings.ToLower(a["PartName"])] })
	b = dropElements(b, "Default", func(a map[string]string) bool { return a["ContentType"] == excelize.ContentTypeVBA })
	for _, ct := range macroContentTypes {
		b = bytes.ReplaceAll(b, []byte(`"`+ct+`"`), []byte(`"`+contentTypePlain+`"`))
	}
	return b
}

// attrPattern matches an attribute: name="value" or name='value'.
var attrPattern = regexp.MustCompile(`([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// dropElements removes from an XML part the elements named local (with
// any namespace prefix) whose attributes drop accepts, up to their end
// tag. It serves the few flat elements inert edits, which never nest in
// themselves; attribute values are compared as written (the parts'
// writers escape none of those it looks at).
func dropElements(b []byte, local string, drop func(attrs map[string]string) bool) []byte {
	re := regexp.MustCompile(`<((?:[\w.-]+:)?)` + regexp.QuoteMeta(local) + `\b([^>]*?)(/?)>`)
	var out bytes.Buffer
	for len(b) > 0 {
		m := re.FindSubmatchIndex(b)
		if m == nil {
			break
		}
		start, end := m[0], m[1]
		prefix, attrs, selfClosed := string(b[m[2]:m[3]]), b[m[4]:m[5]], m[7] > m[6]
		if !selfClosed {
			closeTag := []byte("</" + prefix + local + ">")
			if i := bytes.Index(b[end:], closeTag); i >= 0 {
				end += i + len(closeTag)
			}
		}
		a := map[string]string{}
		for _, am := range attrPattern.FindAllSubmatch(attrs, -1) {
			a[string(am[1])] = string(am[2]) + string(am[3])
		}
		out.Write(b[:start])
		if !drop(a) {
			out.Write(b[start:end])
		}
		b = b[end:]
	}
	out.Write(b)
	return out.Bytes()
}
