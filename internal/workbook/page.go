package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// freeze keeps the first cols columns and rows rows in view.
func (w *writer) freeze(sheet string, cols, rows int) error {
	top := cell(cols+1, rows+1)
	// The active pane must be one that exists: with only rows frozen there
	// is no right-hand pane.
	pane := "bottomRight"
	switch {
	case cols == 0:
		pane = "bottomLeft"
	case rows == 0:
		pane = "topRight"
	}
	err := w.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: top, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}},
	})
	if err != nil {
		return fmt.Errorf("freeze %s: %w", sheet, err)
	}
	return nil
}

// page sets A4 landscape fit to width, repeated header rows (headerRow >
// 0), and a header and footer with municipality, unit and page number.
func (w *writer) page(sheet string, headerRow int) error { return w.pageSetup(sheet, headerRow, false) }

// onePage is page for a sheet that prints on one page, upright: a sheet of
// goals as columns in a follow-up round, whose rows of review and revision
// would otherwise spill onto a second, nearly empty page.
func (w *writer) onePage(sheet string, headerRow int) error {
	return w.pageSetup(sheet, headerRow, true)
}

func (w *writer) pageSetup(sheet string, headerRow int, onePage bool) error {
	size, orient, one, tall := 9, "landscape", 1, 0
	if onePage {
		orient, tall = "portrait", 1
	}
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("page layout %s: %w", sheet, err)
	}
	t := true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &t}); err != nil {
		return fmt.Errorf("sheet props %s: %w", sheet, err)
	}
	m := 0.5
	if err := w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &[]float64{0.75}[0], Bottom: &[]float64{0.75}[0]}); err != nil {
		return fmt.Errorf("margins %s: %w", sheet, err)
	}
	unit := w.unit.Name
	if w.scope == domain.ScopeTeam || w.individual() {
		unit += " · " + w.teams[0].Name
	}
	page := w.l.T("WorkbookFooterPage", map[string]any{"Page": "&P", "Pages": "&N"})
	err := w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&8" + hfEscape(w.org.Name) + "&C&8" + hfEscape(unit) + "&R&8&A",
		OddFooter: "&L&8" + hfEscape(w.l.T("WorkbookFooterPeriod", w.data())) + "&R&8" + page,
	})
	if err != nil {
		return fmt.Errorf("header and footer %s: %w", sheet, err)
	}
	if headerRow > 0 {
		err := w.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: quoteSheet(sheet) + "!$" + itoa(headerRow) + ":$" + itoa(headerRow),
		})
		if err != nil {
			return fmt.Errorf("print titles %s: %w", sheet, err)
		}
	}
	return nil
}

// hfEscape doubles & so that names are not read as header codes.
// Each part is cut to hfPart characters: Excel refuses a header or footer
// over 255 characters and offers to repair the file.
func hfEscape(s string) string { return strings.ReplaceAll(truncateRunes(s, hfPart), "&", "&&") }

// hfPart bounds a name in a header or footer; three of them, doubled
// ampersands and the codes stay under 255.
const hfPart = 50

// protect locks a sheet without a password: it prevents accidents, it is
// not security. Users can still select cells and resize rows.
func (w *writer) protect(sheet string) error {
	err := w.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatRows: true,
	})
	if err != nil {
		return fmt.Errorf("protect %s: %w", sheet, err)
	}
	return nil
}
