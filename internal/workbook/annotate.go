package workbook

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// colourProblem marks the cells a finding points at in a feedback copy.
const colourProblem = "F8CBAD"

// AnnotateFile writes to dst a feedback copy of the workbook at src: a
// first sheet listing the findings, and each problem cell highlighted with
// a comment. The texts are in the workbook's language. src is never
// modified; dst is written atomically and may be replaced.
func AnnotateFile(src, dst string, sub *domain.Submission, org *domain.Organisation, fs domain.Findings) error {
	return AnnotateFileContext(context.Background(), src, dst, sub, org, fs)
}

// AnnotateFileContext is AnnotateFile under ctx, which ends the work at
// its next cell; its signature is validate's AnnotateFunc.
func AnnotateFileContext(ctx context.Context, src, dst string, sub *domain.Submission, org *domain.Organisation, fs domain.Findings) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	return atomicfile.Write(dst, atomicfile.Options{Overwrite: true, Inputs: []string{src}}, func(w io.Writer) error {
		return AnnotateContext(ctx, in, st.Size(), w, sub, org, fs)
	})
}

// Annotate reads a workbook from r and writes the feedback copy to w.
func Annotate(r io.ReaderAt, size int64, w io.Writer, sub *domain.Submission, org *domain.Organisation, fs domain.Findings) error {
	return AnnotateContext(context.Background(), r, size, w, sub, org, fs)
}

// AnnotateContext is Annotate under ctx. The workbook is checked as Read
// checks it before anything is parsed (the archive, its real sizes, the
// sheets' shapes), so that annotating costs no more time or memory than
// reading: a file refused there gives ErrRefused here.
func AnnotateContext(ctx context.Context, r io.ReaderAt, size int64, w io.Writer, sub *domain.Submission, org *domain.Organisation, fs domain.Findings) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("annotate: damaged workbook: %v", p)
		}
	}()
	_, cat, err := defaults(nil, nil)
	if err != nil {
		return err
	}
	f, err := openChecked(ctx, r, size)
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	defer f.Close()
	lang := domain.Lang("")
	if sub != nil {
		lang = sub.Identity.Language
	}
	if !lang.Valid() && org != nil {
		lang = org.Language
	}
	l := cat.Localizer(langOf(lang))
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}

	// One comment per cell, with every finding about it.
	type mark struct{ sheet, cell string }
	notes := map[mark][]string{}
	var order []mark
	for _, x := range fs {
		m := mark{x.Location.Sheet, x.Location.Cell}
		if m.cell == "" || !sheets[m.sheet] {
			continue
		}
		if _, _, err := excelize.CellNameToCoordinates(m.cell); err != nil {
			continue
		}
		if _, seen := notes[m]; !seen {
			order = append(order, m)
		}
		notes[m] = append(notes[m], l.T("Severity_"+string(x.Severity), nil)+": "+l.Finding(x))
	}
	styled := map[int]int{}
	for _, m := range order {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("annotate: %w", err)
		}
		if err := highlight(f, m.sheet, m.cell, styled); err != nil {
			return err
		}
		text := strings.Join(notes[m], "\n")
		// An earlier annotation's comment gives way to today's.
		if err := f.DeleteComment(m.sheet, m.cell); err != nil {
			return fmt.Errorf("annotate: comment %s!%s: %w", m.sheet, m.cell, err)
		}
		err := f.AddComment(m.sheet, excelize.Comment{
			Cell: m.cell, Author: "malarbete", Width: 300, Height: 120,
			Paragraph: []excelize.RichTextRun{{Text: text}},
		})
		if err != nil {
			return fmt.Errorf("annotate: comment %s!%s: %w", m.sheet, m.cell, err)
		}
	}
	if err := findingsSheet(f, cat, l, fs); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	if err := writeInert(f, w); err != nil {
		return fmt.Errorf("annotate: write: %w", err)
	}
	return nil
}

// highlight gives a cell the problem colour and keeps the rest of its
// style; styled caches the new style of each old one.
func highlight(f *excelize.File, sheet, ref string, styled map[int]int) error {
	old, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		return fmt.Errorf("annotate: style %s!%s: %w", sheet, ref, err)
	}
	id, ok := styled[old]
	if !ok {
		st, err := f.GetStyle(old)
		if err != nil || st == nil {
			st = &excelize.Style{}
		}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourProblem}}
		if id, err = f.NewStyle(st); err != nil {
			return fmt.Errorf("annotate: style: %w", err)
		}
		styled[old] = id
	}
	if err := f.SetCellStyle(sheet, ref, ref, id); err != nil {
		return fmt.Errorf("annotate: style %s!%s: %w", sheet, ref, err)
	}
	return nil
}

// findingsSheet puts the list of findings first, errors before warnings,
// and opens the workbook on it.
func findingsSheet(f *excelize.File, cat *i18n.Catalogue, l interface {
	T(string, map[string]any) string
	Finding(domain.Finding) string
}, fs domain.Findings) error {
	// A copy annotated again (a manager returned the feedback copy) gets
	// today's findings instead of the earlier ones.
	for _, s := range f.GetSheetList() {
		if isFindingsSheet(s, cat) {
			if err := f.DeleteSheet(s); err != nil {
				return fmt.Errorf("annotate: delete sheet: %w", err)
			}
		}
	}
	base := sheetName(l.T("WorkbookAnnotateSheet", nil))
	name := base
	for n := 2; ; n++ {
		if i, _ := f.GetSheetIndex(name); i < 0 {
			break
		}
		name = sheetName(fmt.Sprintf("%s (%d)", base, n))
	}
	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("annotate: new sheet: %w", err)
	}
	list := f.GetSheetList()
	if err := f.MoveSheet(name, list[0]); err != nil {
		return fmt.Errorf("annotate: move sheet: %w", err)
	}
	sorted := append(domain.Findings(nil), fs...)
	rank := map[domain.Severity]int{domain.SeverityError: 0, domain.SeverityWarning: 1, domain.SeverityInfo: 2}
	sort.SliceStable(sorted, func(i, j int) bool { return rank[sorted[i].Severity] < rank[sorted[j].Severity] })

	st, err := newStyles(f)
	if err != nil {
		return err
	}
	set := func(ref, text string, style int) error {
		if err := f.SetCellStr(name, ref, text); err != nil {
			return fmt.Errorf("annotate: %w", err)
		}
		return f.SetCellStyle(name, ref, ref, style)
	}
	if err := set("A1", l.T("WorkbookAnnotateTitle", nil), st.title); err != nil {
		return err
	}
	if err := set("A2", l.T("WorkbookAnnotateHint", nil), st.subtitle); err != nil {
		return err
	}
	headers := []string{"WorkbookAnnotateColSeverity", "WorkbookAnnotateColSheet", "WorkbookAnnotateColCell", "WorkbookAnnotateColWhat"}
	widths := []float64{12, 22, 8, 100}
	for i, h := range headers {
		col := colName(i + 1)
		if err := set(col+"4", l.T(h, nil), st.header); err != nil {
			return err
		}
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return fmt.Errorf("annotate: %w", err)
		}
	}
	for i, x := range sorted {
		r := itoa(5 + i)
		row := []string{l.T("Severity_"+string(x.Severity), nil), x.Location.Sheet, x.Location.Cell, l.Finding(x)}
		for c, v := range row {
			if err := set(colName(c+1)+r, v, st.text); err != nil {
				return err
			}
		}
		// Sentences wrap; without a height LibreOffice keeps one line and
		// the next row covers the rest.
		if err := f.SetRowHeight(name, 5+i, height(15, sized{row[1], widths[1]}, sized{row[3], widths[3]})); err != nil {
			return fmt.Errorf("annotate: %w", err)
		}
	}
	// Landscape, fit to width: the sentences are long.
	size, orient, one, zero, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return fmt.Errorf("annotate: page layout: %w", err)
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("annotate: sheet props: %w", err)
	}
	if i, err := f.GetSheetIndex(name); err == nil {
		f.SetActiveSheet(i)
	}
	return nil
}
