package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Colours: inputs are light yellow, pre-filled cells light grey, the
// follow-up part in the planning round a darker grey with grey text.
const (
	colourInput    = "FFF2CC"
	colourLocked   = "F2F2F2"
	colourFollowUp = "D9D9D9"
	colourHeader   = "1F4E79"
	colourBorder   = "BFBFBF"
)

// defaultFont is the workbook's body font, excelize's default.
const defaultFont = "Calibri"

// dateFormat is how date inputs show; ISO dates are what Swedes write.
const dateFormat = "yyyy-mm-dd"

// styles are the style ids of one file.
type styles struct {
	title, subtitle, header, label, text, locked, lockedDate, input, inputDate, sample, followUp, heading, plain int
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: colourBorder, Style: 1},
		{Type: "right", Color: colourBorder, Style: 1},
		{Type: "top", Color: colourBorder, Style: 1},
		{Type: "bottom", Color: colourBorder, Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	fill := func(c string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	dateFmt := dateFormat
	var st styles
	defs := []struct {
		id *int
		s  *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: colourHeader}, Protection: locked}},
		{&st.subtitle, &excelize.Style{Font: &excelize.Font{Italic: true, Size: 11}, Alignment: &excelize.Alignment{WrapText: false, Vertical: "top"}, Protection: locked}},
		{&st.header, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill(colourHeader), Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Protection: locked}},
		{&st.label, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill(colourLocked), Border: border, Alignment: wrap, Protection: locked}},
		{&st.text, &excelize.Style{Alignment: wrap, Protection: locked}},
		{&st.locked, &excelize.Style{Fill: fill(colourLocked), Border: border, Alignment: wrap, Protection: locked}},
		{&st.lockedDate, &excelize.Style{Fill: fill(colourLocked), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, CustomNumFmt: &dateFmt, Protection: locked}},
		// Text format (@), so that Excel keeps "95 %" or "1/3" as typed
		// instead of turning them into numbers and dates.
		{&st.input, &excelize.Style{NumFmt: 49, Fill: fill(colourInput), Border: border, Alignment: wrap, Protection: unlocked}},
		{&st.inputDate, &excelize.Style{Fill: fill(colourInput), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, CustomNumFmt: &dateFmt, Protection: unlocked}},
		// The legend's sample of an input: yellow, but locked, since
		// nothing typed there is read.
		{&st.sample, &excelize.Style{Fill: fill(colourInput), Border: border, Alignment: wrap, Protection: locked}},
		{&st.followUp, &excelize.Style{Font: &excelize.Font{Color: "808080"}, Fill: fill(colourFollowUp), Border: border, Alignment: wrap, Protection: locked}},
		{&st.heading, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: colourHeader}, Alignment: wrap, Protection: locked}},
		{&st.plain, &excelize.Style{Protection: locked}},
	}
	for _, d := range defs {
		// Every font is named and sized: a font record with only a
		// colour or weight is set in the program's default, a serif in
		// LibreOffice, unlike its neighbours.
		if d.s.Font == nil {
			d.s.Font = &excelize.Font{}
		}
		if d.s.Font.Family == "" {
			d.s.Font.Family = defaultFont
		}
		if d.s.Font.Size == 0 {
			d.s.Font.Size = 11
		}
		id, err := f.NewStyle(d.s)
		if err != nil {
			return st, fmt.Errorf("new style: %w", err)
		}
		*d.id = id
	}
	return st, nil
}
