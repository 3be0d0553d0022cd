package workbook

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// sheetName makes a valid sheet name: no []:*?/\, not empty, at most 31
// characters, no leading or trailing apostrophe.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return '-'
		}
		if r < ' ' {
			return -1
		}
		return r
	}, s)
	s = strings.Trim(strings.TrimSpace(s), "'")
	if s == "" {
		s = "-"
	}
	return strings.TrimSpace(truncateRunes(s, 31))
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// truncateUTF16 cuts s to n UTF-16 units, the unit Excel counts in.
func truncateUTF16(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		k := utf16.RuneLen(r)
		if used+k > n-1 {
			break
		}
		used += k
		b.WriteRune(r)
	}
	return b.String() + "…"
}

// cell returns the A1 reference of a 1-based column and row.
func cell(col, row int) string { return colName(col) + itoa(row) }

// colName returns the letters of a 1-based column.
func colName(col int) string {
	var b [4]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// absRef returns 'Sheet'!$A$1:$B$2, quoting the sheet name.
func absRef(sheet string, c1, r1, c2, r2 int) string {
	return quoteSheet(sheet) + "!$" + colName(c1) + "$" + itoa(r1) + ":$" + colName(c2) + "$" + itoa(r2)
}

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// put writes a text with a style.
func (w *writer) put(sheet string, col, row int, text string, style int) error {
	ref := cell(col, row)
	if text != "" {
		if err := w.f.SetCellStr(sheet, ref, text); err != nil {
			return fmt.Errorf("set %s!%s: %w", sheet, ref, err)
		}
	}
	if err := w.f.SetCellStyle(sheet, ref, ref, style); err != nil {
		return fmt.Errorf("style %s!%s: %w", sheet, ref, err)
	}
	return nil
}

// styleRange styles the rectangle c1,r1 to c2,r2.
func (w *writer) styleRange(sheet string, c1, r1, c2, r2, style int) error {
	if err := w.f.SetCellStyle(sheet, cell(c1, r1), cell(c2, r2), style); err != nil {
		return fmt.Errorf("style %s: %w", sheet, err)
	}
	return nil
}

func (w *writer) widths(sheet string, cols []Column, repeatLast int) error {
	for i, c := range cols {
		n := 1
		if i == len(cols)-1 && repeatLast > 0 {
			n = repeatLast
		}
		for k := 0; k < n; k++ {
			name := colName(i + 1 + k)
			if err := w.f.SetColWidth(sheet, name, name, c.Width); err != nil {
				return fmt.Errorf("width %s!%s: %w", sheet, name, err)
			}
		}
		if c.Hidden {
			if err := w.f.SetColVisible(sheet, colName(i+1), false); err != nil {
				return fmt.Errorf("hide %s!%s: %w", sheet, colName(i+1), err)
			}
		}
	}
	return nil
}

// height estimates the row height of wrapped texts: excelize cannot fit
// rows, and a printed sheet needs them right.
func height(minimum float64, cells ...struct {
	text  string
	width float64
}) float64 {
	lines := 1
	for _, c := range cells {
		n := 0
		perLine := int(math.Max(c.width*1.15, 1))
		for _, p := range strings.Split(c.text, "\n") {
			n += max(1, (utf8.RuneCountInString(p)+perLine-1)/perLine)
		}
		lines = max(lines, n)
	}
	return math.Max(minimum, float64(lines)*15+3)
}

type sized = struct {
	text  string
	width float64
}

// rowHeight sets the height of a row of locked texts. A row a manager
// types in keeps no set height: Excel and LibreOffice fit it to what is
// typed, on screen and in print, where a set height would hide all but
// the first lines of a long text.
func (w *writer) rowHeight(sheet string, row int, h float64, typed bool) error {
	if typed {
		return nil
	}
	return w.setHeight(sheet, row, h)
}

func (w *writer) setHeight(sheet string, row int, h float64) error {
	if err := w.f.SetRowHeight(sheet, row, h); err != nil {
		return fmt.Errorf("height %s row %d: %w", sheet, row, err)
	}
	return nil
}
