package bench

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// bookSpec is everything a generated workbook holds, as plain excelize
// values: what the bare program needs to write the same workbook with
// excelize's ordinary calls and none of our layout, catalogue or text
// machinery. specOf reads it from one of our workbooks.
type bookSpec struct {
	Sheets []sheetSpec
	// Styles are the file's cell formats 1..n, in order: created in that
	// order, they get the same ids and styles.xml the same bytes.
	Styles []excelize.Style
	Names  []excelize.DefinedName
	// Custom are the custom document properties, all strings.
	Custom [][2]string
	Doc    excelize.DocProperties
	Calc   excelize.CalcPropsOptions
	Active int
	// LockStructure protects the workbook's structure, without a password.
	LockStructure bool
}

// sheetSpec is one sheet of a bookSpec. The Has* flags say which parts
// the sheet has, so that the bare program sets only those.
type sheetSpec struct {
	Name         string
	State        string // "", "hidden" or "veryHidden"
	Cols         []colSpec
	Rows         []rowSpec
	Cells        []cellSpec
	Validations  []excelize.DataValidation
	Panes        *excelize.Panes
	Layout       *excelize.PageLayoutOptions
	Margins      *excelize.PageLayoutMarginsOptions
	FitToPage    bool
	HeaderFooter *excelize.HeaderFooterOptions
	Protected    bool
}

type colSpec struct {
	Min, Max int
	Width    float64
	Hidden   bool
}

type rowSpec struct {
	Row    int
	Height float64
}

// Cell kinds.
const (
	cellEmpty   = iota // a style only
	cellString         // a shared or inline string
	cellNumber         // a number, written as an integer when it is one
	cellFormula        // a formula; its cached value is not written
)

type cellSpec struct {
	Ref   string
	Kind  int
	Value string
	Style int
}

// The parts of the package XML that excelize's getters do not tell:
// which cells exist (styled but empty ones too), row heights, column
// ranges, sheet states and which sheets are protected.
type (
	xmlWorkbook struct {
		Protection *struct {
			LockStructure bool `xml:"lockStructure,attr"`
		} `xml:"workbookProtection"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	xmlRels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	xmlSheet struct {
		FitToPage *struct {
			On bool `xml:"fitToPage,attr"`
		} `xml:"sheetPr>pageSetUpPr"`
		Pane *struct{} `xml:"sheetViews>sheetView>pane"`
		Cols []struct {
			Min    int     `xml:"min,attr"`
			Max    int     `xml:"max,attr"`
			Width  float64 `xml:"width,attr"`
			Hidden bool    `xml:"hidden,attr"`
		} `xml:"cols>col"`
		Rows []struct {
			R      int     `xml:"r,attr"`
			Ht     float64 `xml:"ht,attr"`
			Custom bool    `xml:"customHeight,attr"`
			Cells  []struct {
				R string    `xml:"r,attr"`
				S int       `xml:"s,attr"`
				T string    `xml:"t,attr"`
				F *struct{} `xml:"f"`
				V *string   `xml:"v"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
		Protection *struct{} `xml:"sheetProtection"`
		Margins    *struct{} `xml:"pageMargins"`
		PageSetup  *struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"pageSetup"`
		HeaderFooter *struct{} `xml:"headerFooter"`
	}
)

// specOf reads the bookSpec of a workbook.
func specOf(data []byte) (*bookSpec, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	part := func(name string, v any) error {
		f, err := zr.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return xml.NewDecoder(f).Decode(v)
	}
	var wb xmlWorkbook
	var rels xmlRels
	if err := part("xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := part("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		if strings.HasPrefix(r.Target, "/") {
			target[r.ID] = strings.TrimPrefix(r.Target, "/")
		} else {
			target[r.ID] = path.Join("xl", r.Target)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spec := &bookSpec{Names: f.GetDefinedName(), Active: f.GetActiveSheetIndex(), LockStructure: wb.Protection != nil && wb.Protection.LockStructure}
	for i := 1; ; i++ {
		st, err := f.GetStyle(i)
		if err != nil {
			break
		}
		spec.Styles = append(spec.Styles, *st)
	}
	props, err := f.GetCustomProps()
	if err != nil {
		return nil, err
	}
	for _, p := range props {
		spec.Custom = append(spec.Custom, [2]string{p.Name, fmt.Sprint(p.Value)})
	}
	doc, err := f.GetDocProps()
	if err != nil {
		return nil, err
	}
	spec.Doc = *doc
	if spec.Calc, err = f.GetCalcProps(); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		var x xmlSheet
		if err := part(target[s.RID], &x); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Name, err)
		}
		ss, err := sheetSpecOf(f, s.Name, s.State, &x)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Name, err)
		}
		spec.Sheets = append(spec.Sheets, ss)
	}
	return spec, nil
}

func sheetSpecOf(f *excelize.File, name, state string, x *xmlSheet) (sheetSpec, error) {
	ss := sheetSpec{Name: name, State: state, Protected: x.Protection != nil, FitToPage: x.FitToPage != nil && x.FitToPage.On}
	for _, c := range x.Cols {
		ss.Cols = append(ss.Cols, colSpec{Min: c.Min, Max: c.Max, Width: c.Width, Hidden: c.Hidden})
	}
	for _, r := range x.Rows {
		if r.Custom {
			ss.Rows = append(ss.Rows, rowSpec{Row: r.R, Height: r.Ht})
		}
		for _, c := range r.Cells {
			cs := cellSpec{Ref: c.R, Style: c.S}
			switch {
			case c.F != nil:
				fm, err := f.GetCellFormula(name, c.R)
				if err != nil {
					return ss, err
				}
				cs.Kind, cs.Value = cellFormula, fm
			case c.T == "s" || c.T == "inlineStr" || c.T == "str":
				v, err := f.GetCellValue(name, c.R, excelize.Options{RawCellValue: true})
				if err != nil {
					return ss, err
				}
				cs.Kind, cs.Value = cellString, v
			case c.V != nil:
				cs.Kind, cs.Value = cellNumber, *c.V
			}
			ss.Cells = append(ss.Cells, cs)
		}
	}
	dvs, err := f.GetDataValidations(name)
	if err != nil {
		return ss, err
	}
	for _, dv := range dvs {
		ss.Validations = append(ss.Validations, *dv)
	}
	if x.Pane != nil {
		p, err := f.GetPanes(name)
		if err != nil {
			return ss, err
		}
		ss.Panes = &p
	}
	if x.PageSetup != nil {
		l, err := f.GetPageLayout(name)
		if err != nil {
			return ss, err
		}
		// The getter fills in defaults; keep what the sheet sets.
		set := map[string]bool{}
		for _, a := range x.PageSetup.Attrs {
			set[a.Name.Local] = true
		}
		if !set["firstPageNumber"] {
			l.FirstPageNumber = nil
		}
		if !set["scale"] {
			l.AdjustTo = nil
		}
		if !set["blackAndWhite"] {
			l.BlackAndWhite = nil
		}
		if !set["pageOrder"] {
			l.PageOrder = nil
		}
		ss.Layout = &l
	}
	if x.Margins != nil {
		m, err := f.GetPageMargins(name)
		if err != nil {
			return ss, err
		}
		ss.Margins = &m
	}
	if x.HeaderFooter != nil {
		if ss.HeaderFooter, err = f.GetHeaderFooter(name); err != nil {
			return ss, err
		}
	}
	return ss, nil
}

// bareSame writes the workbook of spec with excelize's ordinary calls:
// the same cells, styles, validations, defined names, page setup,
// protection and properties as ours, but each set straight from the spec.
// It is the floor for our writer: what excelize itself costs for this
// workbook.
func bareSame(w io.Writer, spec *bookSpec) error {
	f := excelize.NewFile()
	defer f.Close()
	styles := make([]int, len(spec.Styles)+1)
	for i := range spec.Styles {
		id, err := f.NewStyle(&spec.Styles[i])
		if err != nil {
			return err
		}
		styles[i+1] = id
	}
	if err := sheets(f, spec); err != nil {
		return err
	}
	for i := range spec.Sheets {
		if err := bareSheet(f, &spec.Sheets[i], styles); err != nil {
			return fmt.Errorf("sheet %s: %w", spec.Sheets[i].Name, err)
		}
	}
	for i := range spec.Names {
		n := spec.Names[i]
		if n.Scope == "Workbook" {
			n.Scope = ""
		}
		if err := f.SetDefinedName(&n); err != nil {
			return err
		}
	}
	calc := spec.Calc
	if err := f.SetCalcProps(&calc); err != nil {
		return err
	}
	for _, p := range spec.Custom {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: p[0], Value: p[1]}); err != nil {
			return err
		}
	}
	doc := spec.Doc
	if err := f.SetDocProps(&doc); err != nil {
		return err
	}
	for _, s := range spec.Sheets {
		if s.State != "" {
			if err := f.SetSheetVisible(s.Name, false, s.State == "veryHidden"); err != nil {
				return err
			}
		}
		if s.Protected {
			// The options our sheets carry; TestBareWritesSameWorkbook
			// compares the protection element.
			if err := f.ProtectSheet(s.Name, &excelize.SheetProtectionOptions{
				SelectLockedCells: true, SelectUnlockedCells: true, FormatRows: true,
			}); err != nil {
				return err
			}
		}
	}
	if spec.LockStructure {
		if err := f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
			return err
		}
	}
	f.SetActiveSheet(spec.Active)
	_, err := f.WriteTo(w)
	return err
}

// sheets creates the sheets of spec in order.
func sheets(f *excelize.File, spec *bookSpec) error {
	for i, s := range spec.Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
	}
	return nil
}

func bareSheet(f *excelize.File, s *sheetSpec, styles []int) error {
	for _, c := range s.Cols {
		from, _ := excelize.ColumnNumberToName(c.Min)
		to, _ := excelize.ColumnNumberToName(c.Max)
		if err := f.SetColWidth(s.Name, from, to, c.Width); err != nil {
			return err
		}
		if c.Hidden {
			if err := f.SetColVisible(s.Name, from+":"+to, false); err != nil {
				return err
			}
		}
	}
	for _, c := range s.Cells {
		if err := setValue(f, s.Name, c); err != nil {
			return err
		}
		if c.Style != 0 {
			if err := f.SetCellStyle(s.Name, c.Ref, c.Ref, styles[c.Style]); err != nil {
				return err
			}
		}
	}
	for _, r := range s.Rows {
		if err := f.SetRowHeight(s.Name, r.Row, r.Height); err != nil {
			return err
		}
	}
	for i := range s.Validations {
		dv := s.Validations[i]
		if err := f.AddDataValidation(s.Name, &dv); err != nil {
			return err
		}
	}
	if s.Panes != nil {
		p := *s.Panes
		if err := f.SetPanes(s.Name, &p); err != nil {
			return err
		}
	}
	if s.Layout != nil {
		l := *s.Layout
		if err := f.SetPageLayout(s.Name, &l); err != nil {
			return err
		}
	}
	if s.FitToPage {
		t := true
		if err := f.SetSheetProps(s.Name, &excelize.SheetPropsOptions{FitToPage: &t}); err != nil {
			return err
		}
	}
	if s.Margins != nil {
		m := *s.Margins
		if err := f.SetPageMargins(s.Name, &m); err != nil {
			return err
		}
	}
	if s.HeaderFooter != nil {
		if err := f.SetHeaderFooter(s.Name, s.HeaderFooter); err != nil {
			return err
		}
	}
	return nil
}

func setValue(f *excelize.File, sheet string, c cellSpec) error {
	switch c.Kind {
	case cellString:
		return f.SetCellStr(sheet, c.Ref, c.Value)
	case cellFormula:
		return f.SetCellFormula(sheet, c.Ref, c.Value)
	case cellNumber:
		if n, err := strconv.ParseInt(c.Value, 10, 64); err == nil {
			return f.SetCellInt(sheet, c.Ref, n)
		}
		v, err := strconv.ParseFloat(c.Value, 64)
		if err != nil {
			return err
		}
		return f.SetCellFloat(sheet, c.Ref, v, -1, 64)
	}
	return nil
}

// bareValues writes only the cells' values and formulas: no styles,
// validations, names, page setup, protection or properties. It is the
// reference the first benchmark compared against, kept as a second line:
// the distance to it is what the workbook's guidance costs in excelize,
// not our overhead.
func bareValues(w io.Writer, spec *bookSpec) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := sheets(f, spec); err != nil {
		return err
	}
	for _, s := range spec.Sheets {
		for _, c := range s.Cells {
			if err := setValue(f, s.Name, c); err != nil {
				return err
			}
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// benchDate fixes the workbooks' timestamps.
var benchDate = domain.NewDate(2027, 1, 15)
