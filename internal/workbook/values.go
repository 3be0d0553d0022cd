package workbook

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// text returns a cell's raw text, trimmed; for keys and pre-filled cells.
func (rd *reader) text(sheet string, col, row int) string {
	if g := rd.grid(sheet); g != nil {
		return strings.TrimSpace(g.at(col, row).raw)
	}
	v, err := rd.f.GetCellValue(sheet, cell(col, row), excelize.Options{RawCellValue: true})
	if err != nil {
		rd.cellError(sheet, err)
		return ""
	}
	return strings.TrimSpace(v)
}

// A reference to another workbook, in a formula whose string literals
// are removed, is [1]Sheet!A1 unquoted, or quoted '[Book.xlsx]Sheet'!A1 or
// 'C:\path\[Book.xlsx]Sheet'!A1. A bracket elsewhere, as in a sheet named
// 'Fritidshemmet [Solen]'!A1, is not one.
var (
	stringLiteral   = regexp.MustCompile(`"(?:[^"]|"")*"`)
	quotedSheet     = regexp.MustCompile(`'((?:[^']|'')*)'!`)
	externalQuoted  = regexp.MustCompile(`^(?:[^\[\]]*[\\/])?\[[^\]]+\]`)
	externalUnquote = regexp.MustCompile(`\[[^\]]+\][^\s!(),;&+\-*/^=<>]*!`)
)

// isExternalRef reports whether formula fm refers to another workbook;
// brackets inside its texts ("Minska energin [kWh]") or sheet names do
// not count.
func isExternalRef(fm string) bool {
	fm = stringLiteral.ReplaceAllString(fm, `""`)
	external := false
	fm = quotedSheet.ReplaceAllStringFunc(fm, func(ref string) string {
		if externalQuoted.MatchString(quotedSheet.FindStringSubmatch(ref)[1]) {
			external = true
		}
		return "S!"
	})
	return external || externalUnquote.MatchString(fm)
}

// input returns what a person typed in a cell: text as it was typed,
// numbers as shown (decimal comma in Swedish workbooks). A formula gives
// its cached value and a finding.
func (rd *reader) input(sheet string, col, row int, field string) string {
	ref := cell(col, row)
	c, err := rd.cell(sheet, col, row)
	if err != nil {
		rd.cellError(sheet, err)
		return ""
	}
	v := c.raw
	if c.number() {
		v = rd.number(sheet, ref, c.raw)
	}
	v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
	if fm := c.formula; fm != "" {
		if isExternalRef(fm) {
			rd.add(FindingExternalLink.at(rd.file, sheet, ref, nil))
		} else {
			rd.add(FindingFormula.at(rd.file, sheet, ref, map[string]any{"Text": domain.Excerpt(v, excerptLen)}))
		}
	}
	return v
}

// cell returns a cell as the grid holds it, or as excelize gives it
// where the sheet has no grid.
func (rd *reader) cell(sheet string, col, row int) (gridCell, error) {
	if g := rd.grid(sheet); g != nil {
		return g.at(col, row), nil
	}
	ref := cell(col, row)
	raw, err := rd.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return gridCell{}, err
	}
	c := gridCell{raw: raw, typ: "s"}
	if typ, _ := rd.f.GetCellType(sheet, ref); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset && isNumber(raw) {
		c.typ = "n"
	}
	c.formula, _ = rd.f.GetCellFormula(sheet, ref)
	return c, nil
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && s != ""
}

// number returns a number as it was shown: the cell's format where it
// has one (a percentage typed as 90 %), with a decimal comma in Swedish
// workbooks.
func (rd *reader) number(sheet, ref, raw string) string {
	shown, err := rd.f.GetCellValue(sheet, ref)
	if err != nil || shown == "" {
		shown = raw
	}
	if rd.id.Language == domain.Swedish && isNumber(strings.TrimSuffix(shown, "%")) {
		shown = strings.Replace(shown, ".", ",", 1)
	}
	return shown
}

// date reads a date cell: a serial number in the workbook's date system,
// or a text date. A cell that holds no date gives a finding; the text is
// returned either way so that the goal is not taken for empty.
func (rd *reader) date(sheet string, col, row int) (domain.Date, string) {
	ref := cell(col, row)
	c, err := rd.cell(sheet, col, row)
	raw := strings.TrimSpace(c.raw)
	rd.cellError(sheet, err)
	if err != nil || raw == "" {
		return domain.Date{}, ""
	}
	if c.formula != "" {
		rd.add(FindingFormula.at(rd.file, sheet, ref, map[string]any{"Text": domain.Excerpt(raw, excerptLen)}))
	}
	if f, err := strconv.ParseFloat(raw, 64); err == nil {
		if f >= 1 && f < 2958466 { // 9999-12-31
			if t, err := excelize.ExcelDateToTime(f, rd.date1904); err == nil {
				return domain.DateOf(t), raw
			}
		}
	} else if d, ok := ParseTextDate(raw); ok {
		return d, raw
	}
	example := rd.org.PeriodStart
	if example.IsZero() {
		example = domain.NewDate(2027, time.March, 15)
	}
	rd.add(FindingNotADate.at(rd.file, sheet, ref, map[string]any{"Text": domain.Excerpt(raw, excerptLen), "Example": example.String()}))
	if rd.unread == nil {
		rd.unread = map[domain.Cell]bool{}
	}
	rd.unread[domain.Cell{Sheet: sheet, Ref: ref}] = true
	return domain.Date{}, raw
}

// months maps Swedish and English month names and abbreviations.
var months = map[string]time.Month{}

func init() {
	names := [][]string{
		{"januari", "january", "jan"}, {"februari", "february", "feb"}, {"mars", "march", "mar"},
		{"april", "apr"}, {"maj", "may"}, {"juni", "june", "jun"}, {"juli", "july", "jul"},
		{"augusti", "august", "aug"}, {"september", "sept", "sep"}, {"oktober", "october", "okt", "oct"},
		{"november", "nov"}, {"december", "dec"},
	}
	for i, ns := range names {
		for _, n := range ns {
			months[n] = time.Month(i + 1)
		}
	}
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ].*)?$`)
	dmyDate   = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
	wordDate  = regexp.MustCompile(`^(\d{1,2})\.?\s+([a-zåäö]+)\.?\s+(\d{4})$`)
	wordDateE = regexp.MustCompile(`^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$`)
)

// ParseTextDate reads the dates people type: 2027-03-15, 2027/3/15,
// 15/3/2027 and 15.3.2027 (day first, as in Sweden), 15 mars 2027 and
// March 15, 2027.
func ParseTextDate(s string) (domain.Date, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	var y, d int
	var m time.Month
	switch {
	case isoDate.MatchString(s):
		p := isoDate.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), time.Month(atoi(p[2])), atoi(p[3])
	case dmyDate.MatchString(s):
		p := dmyDate.FindStringSubmatch(s)
		d, m, y = atoi(p[1]), time.Month(atoi(p[2])), atoi(p[3])
	case wordDate.MatchString(s):
		p := wordDate.FindStringSubmatch(s)
		mm, ok := months[p[2]]
		if !ok {
			return domain.Date{}, false
		}
		d, m, y = atoi(p[1]), mm, atoi(p[3])
	case wordDateE.MatchString(s):
		p := wordDateE.FindStringSubmatch(s)
		mm, ok := months[p[1]]
		if !ok {
			return domain.Date{}, false
		}
		m, d, y = mm, atoi(p[2]), atoi(p[3])
	default:
		return domain.Date{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || t.Month() != m {
		return domain.Date{}, false
	}
	return domain.NewDate(y, m, d), true
}
