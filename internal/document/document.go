// Package document is the report's document tree: plain structs of
// headings, paragraphs, lists, tables, key/value cards, a hierarchy
// diagram and bar charts, in reading order. The tree holds every text
// already localized and says what each part is, never where it goes on a
// page or in which font, so that several renderers (the PDF in
// report/pdf, an HTML page) read one tree, and its structure can be
// tested as JSON without parsing PDF bytes. The builder in internal/report
// makes the tree; this package needs the domain only for the language and
// the date.
package document

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/malarbete/malarbete/internal/domain"
)

// Document is the whole report.
type Document struct {
	Lang domain.Lang `json:"lang"`
	Meta Meta        `json:"meta"`
	// Header is the running header of every page but the cover.
	Header string `json:"header"`
	// PageLabel is the footer with the placeholders {page} and {pages},
	// e.g. "Sida {page} av {pages}"; the renderer fills them in.
	PageLabel string `json:"pageLabel"`
	// Date is the report's date; the renderer uses it as the PDF's
	// creation date so that equal inputs give equal bytes.
	Date domain.Date `json:"date"`
	// Accent is the organisation's colour as "#RRGGBB", or empty for the
	// renderer's own. A renderer may darken it so that text in it stays
	// readable.
	Accent string `json:"accent,omitempty"`
	// Labels are the few texts a renderer adds of its own.
	Labels Labels  `json:"labels"`
	Blocks []Block `json:"blocks"`
}

// Labels are texts that a renderer adds around the blocks, localized
// with the rest of the tree so that a renderer holds no text of its own.
type Labels struct {
	// SkipToContent is a web page's first link, past the contents to the
	// text ("Hoppa till innehållet").
	SkipToContent string `json:"skipToContent,omitempty"`
	// FigureData heads a figure's numbers shown as a table or list
	// beside it ("Siffrorna i diagrammet").
	FigureData string `json:"figureData,omitempty"`
	// Total heads a chart's column of sums ("Totalt").
	Total string `json:"total,omitempty"`
}

// Meta is the document information the PDF carries.
type Meta struct {
	Title    string `json:"title"`
	Author   string `json:"author"`
	Subject  string `json:"subject"`
	Keywords string `json:"keywords,omitempty"`
	Creator  string `json:"creator"`
}

// Block is one element of the document's flow. The set of blocks is
// closed: the renderer handles each type below.
type Block interface{ block() }

// Cover is the title page.
type Cover struct {
	Organisation string `json:"organisation"`
	// Title names the document and its round, e.g. "Uppföljning april
	// 2027".
	Title    string `json:"title"`
	Subtitle string `json:"subtitle,omitempty"`
	// Lines are printed under the title: the decision, the record number,
	// the version and the date.
	Lines []string `json:"lines,omitempty"`
	// Logo is a path to a PNG or JPEG, or empty.
	Logo string `json:"logo,omitempty"`
	// Quote is printed at the foot of the cover (the vision).
	Quote string `json:"quote,omitempty"`
}

// Contents is where the table of contents goes; the renderer fills it with
// the headings marked InContents and their page numbers.
type Contents struct {
	Title string `json:"title"`
}

// Heading starts a section. Level 1 is a chapter and starts a new page.
type Heading struct {
	Level int `json:"level"`
	// Number is the chapter's or section's number as printed before the
	// text ("2", "2.1", "Bilaga 1"), or empty.
	Number string `json:"number,omitempty"`
	Text   string `json:"text"`
	// InContents puts the heading in the contents page. Every heading is
	// in the PDF outline; the contents stays short enough to read.
	InContents bool `json:"inContents,omitempty"`
}

// TextStyle says how a paragraph is set.
type TextStyle string

// Paragraph styles.
const (
	StyleNormal TextStyle = ""
	// StyleLead is an introduction, set slightly larger.
	StyleLead TextStyle = "lead"
	// StyleQuote is a quoted statement such as the vision.
	StyleQuote TextStyle = "quote"
	// StyleNote is a remark in smaller, grey italics.
	StyleNote TextStyle = "note"
)

// Paragraph is running text; a newline in Text starts a new line.
type Paragraph struct {
	Text  string    `json:"text"`
	Style TextStyle `json:"style,omitempty"`
}

// List is a bulleted list (Numbered: 1., 2., …).
type List struct {
	Items    []string `json:"items"`
	Numbered bool     `json:"numbered,omitempty"`
}

// KeyValues is a labelled list, such as one team goal with its Vad, Hur
// and Uppföljning. The renderer keeps a short one on one page.
type KeyValues struct {
	// Title is printed in bold above the pairs, if set.
	Title string     `json:"title,omitempty"`
	Items []KeyValue `json:"items"`
	// Tone colours the bar beside the block; empty is neutral.
	Tone Tone `json:"tone,omitempty"`
}

// KeyValue is one labelled value.
type KeyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	// Tone colours a marker before the value (a status), or empty.
	Tone Tone `json:"tone,omitempty"`
}

// Tone is a semantic colour; the renderer picks the actual colour. Each
// tone of a status (good, done, warn, bad, accent, muted) is drawn with a
// shape of its own as well, so that nobody depends on telling colours
// apart.
type Tone string

// Tones.
const (
	ToneNeutral Tone = ""
	ToneGood    Tone = "good"
	ToneDone    Tone = "done"
	ToneWarn    Tone = "warn"
	ToneBad     Tone = "bad"
	ToneMuted   Tone = "muted"
	ToneAccent  Tone = "accent"
)

// Table is a table with a header row that the renderer repeats after a
// page break. A row is never split across pages.
type Table struct {
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
	// RowHeaders says that each row's first cell heads the row (a
	// matrix), as the column titles head the columns.
	RowHeaders bool `json:"rowHeaders,omitempty"`
	// Caption is printed under the table, if set.
	Caption string `json:"caption,omitempty"`
}

// Column is a table column. Width is relative to the other columns.
type Column struct {
	Title string  `json:"title"`
	Width float64 `json:"width"`
	// Numeric columns are right-aligned.
	Numeric bool `json:"numeric,omitempty"`
}

// Row is one table row.
type Row struct {
	Cells []string `json:"cells"`
	// Bold sets the row in bold, such as a total.
	Bold bool `json:"bold,omitempty"`
	// Tones colours a marker in each cell, or is empty.
	Tones []Tone `json:"tones,omitempty"`
}

// Diagram is the goal hierarchy drawn as boxes and arrows: one row per
// level, from the vision down to the salary criteria.
type Diagram struct {
	Levels []DiagramLevel `json:"levels"`
	// Alt says in words what the diagram shows, for those who cannot see
	// it.
	Alt string `json:"alt"`
}

// DiagramLevel is one level of the hierarchy.
type DiagramLevel struct {
	Label string `json:"label"`
	// Boxes are the boxes on this level, left to right.
	Boxes []DiagramBox `json:"boxes"`
	// Note is a line beside the level's label, such as counts.
	Note string `json:"note,omitempty"`
}

// NamesOnly reports whether the level's boxes hold names alone, with no
// lines under them: a renderer may list such names in one box where they
// do not fit side by side.
func (l DiagramLevel) NamesOnly() bool {
	for _, b := range l.Boxes {
		if len(b.Lines) > 0 {
			return false
		}
	}
	return true
}

// DiagramBox is one box of a level: a name, and lines under it such as
// counts or short goal labels.
type DiagramBox struct {
	Title string   `json:"title,omitempty"`
	Lines []string `json:"lines,omitempty"`
}

// BarChart is a horizontal stacked bar chart, one bar per category. Its
// numbers are in the tree, so that a renderer can offer them as a table.
type BarChart struct {
	Title string `json:"title,omitempty"`
	// CategoryTitle says what the categories are ("Verksamhet"): the
	// first column's title when the chart is shown as a table.
	CategoryTitle string   `json:"categoryTitle,omitempty"`
	Categories    []string `json:"categories"`
	Series        []Series `json:"series"`
	// Values are indexed [category][series].
	Values [][]int `json:"values"`
	// Alt says in words what the chart shows.
	Alt string `json:"alt"`
}

// KeyFigures is a set of key figures, such as the summary's: each a
// number with what it counts.
type KeyFigures struct {
	Title string      `json:"title,omitempty"`
	Items []KeyFigure `json:"items"`
}

// KeyFigure is one key figure.
type KeyFigure struct {
	// Value is the figure as printed, e.g. "58" or "11 av 12".
	Value string `json:"value"`
	// Label says what it counts.
	Label string `json:"label"`
	// Detail is a line under it, such as the change since last round.
	Detail string `json:"detail,omitempty"`
	// Tone marks a status figure, or is empty.
	Tone Tone `json:"tone,omitempty"`
}

// Colophon is the document's own information: who decided it, who owns
// it, its version and whom to ask. Renderers put it last (the PDF on a
// back page of its own).
type Colophon struct {
	Title string     `json:"title"`
	Items []KeyValue `json:"items"`
	// Note is a closing line, such as how the report was made.
	Note string `json:"note,omitempty"`
}

// Series is one segment kind of the bars, with its legend label.
type Series struct {
	Label string `json:"label"`
	Tone  Tone   `json:"tone"`
}

// PageBreak starts a new page.
type PageBreak struct{}

func (Cover) block()      {}
func (Contents) block()   {}
func (Heading) block()    {}
func (Paragraph) block()  {}
func (List) block()       {}
func (KeyValues) block()  {}
func (Table) block()      {}
func (Diagram) block()    {}
func (BarChart) block()   {}
func (KeyFigures) block() {}
func (Colophon) block()   {}
func (PageBreak) block()  {}

// blockType names each block in the JSON form of a document.
func blockType(b Block) string {
	switch b.(type) {
	case Cover, *Cover:
		return "cover"
	case Contents, *Contents:
		return "contents"
	case Heading, *Heading:
		return "heading"
	case Paragraph, *Paragraph:
		return "paragraph"
	case List, *List:
		return "list"
	case KeyValues, *KeyValues:
		return "keyValues"
	case Table, *Table:
		return "table"
	case Diagram, *Diagram:
		return "diagram"
	case BarChart, *BarChart:
		return "barChart"
	case KeyFigures, *KeyFigures:
		return "keyFigures"
	case Colophon, *Colophon:
		return "colophon"
	case PageBreak, *PageBreak:
		return "pageBreak"
	}
	return "unknown"
}

// MarshalJSON writes every block with a "type" field, so that a snapshot
// of the tree shows what the renderer will draw.
func (d *Document) MarshalJSON() ([]byte, error) {
	type plain Document // without this method
	blocks := make([]json.RawMessage, len(d.Blocks))
	for i, b := range d.Blocks {
		body, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("block %d: %w", i, err)
		}
		tag := `{"type":"` + blockType(b) + `"`
		if len(body) > 2 {
			tag += ","
		}
		blocks[i] = append([]byte(tag), body[1:]...)
	}
	p := plain(*d)
	p.Blocks = nil
	head, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	bs, err := json.Marshal(blocks)
	if err != nil {
		return nil, err
	}
	// Replace the null blocks of the copy with the tagged ones.
	head = bytes.TrimSuffix(head, []byte(`"blocks":null}`))
	return append(append(head, `"blocks":`...), append(bs, '}')...), nil
}
