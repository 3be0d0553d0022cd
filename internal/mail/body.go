package mail

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/malarbete/malarbete/internal/domain"
)

// BlockKind is how a block of a body is laid out.
type BlockKind int

// The kinds of block.
const (
	// Paragraph is one paragraph; its items are lines.
	Paragraph BlockKind = iota
	// Steps is a numbered list.
	Steps
	// Bullets is a list without numbers.
	Bullets
)

// Block is a paragraph or a list of a mail's body.
type Block struct {
	Kind  BlockKind
	Items []string
}

// Body is a mail's text as blocks, so that the plain text and the HTML
// alternative say the same thing.
type Body []Block

// para appends a paragraph of lines; empty lines are left out.
func (b *Body) para(lines ...string) {
	var kept []string
	for _, l := range lines {
		if l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > 0 {
		*b = append(*b, Block{Kind: Paragraph, Items: kept})
	}
}

func (b *Body) list(kind BlockKind, items []string) {
	if len(items) > 0 {
		*b = append(*b, Block{Kind: kind, Items: items})
	}
}

// textWidth is where plain-text lines are wrapped, as mail programs do.
const textWidth = 72

// Text returns the body as plain text, wrapped at 72 characters, lists
// indented under their markers.
func (b Body) Text() string {
	var sb strings.Builder
	for i, bl := range b {
		if i > 0 {
			sb.WriteString("\n")
		}
		for n, item := range bl.Items {
			switch bl.Kind {
			case Paragraph:
				sb.WriteString(wrap(item, "", ""))
			case Steps:
				marker := strconv.Itoa(n+1) + ". "
				sb.WriteString(wrap(item, marker, strings.Repeat(" ", len(marker))))
			case Bullets:
				sb.WriteString(wrap(item, "- ", "  "))
			}
			sb.WriteString("\n")
		}
	}
	return sb.String()
}

// wrap breaks s into lines of at most textWidth characters at spaces; a
// word longer than a line stays whole. The first line starts with first,
// the others with rest.
func wrap(s, first, rest string) string {
	var sb strings.Builder
	line := first
	width := utf8.RuneCountInString(first)
	fresh := true
	for _, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		if !fresh && width+1+n > textWidth {
			sb.WriteString(line + "\n")
			line, width, fresh = rest, utf8.RuneCountInString(rest), true
		}
		if !fresh {
			line += " "
			width++
		}
		line += w
		width += n
		fresh = false
	}
	sb.WriteString(line)
	return sb.String()
}

// HTML returns the body as a small HTML document in lang, titled title.
// Every text is escaped: names and findings may hold <, > and &.
func (b Body) HTML(lang domain.Lang, title string) string {
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html>\n<html lang=\"" + string(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
		html.EscapeString(title) + "</title>\n</head>\n<body style=\"font-family: Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.4;\">\n")
	for _, bl := range b {
		switch bl.Kind {
		case Paragraph:
			esc := make([]string, len(bl.Items))
			for i, it := range bl.Items {
				esc[i] = html.EscapeString(it)
			}
			sb.WriteString("<p>" + strings.Join(esc, "<br>\n") + "</p>\n")
		case Steps, Bullets:
			tag := "ol"
			if bl.Kind == Bullets {
				tag = "ul"
			}
			sb.WriteString("<" + tag + ">\n")
			for _, it := range bl.Items {
				sb.WriteString("<li>" + html.EscapeString(it) + "</li>\n")
			}
			sb.WriteString("</" + tag + ">\n")
		}
	}
	sb.WriteString("</body>\n</html>\n")
	return sb.String()
}
