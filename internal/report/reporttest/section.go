package reporttest

import "github.com/malarbete/malarbete/internal/document"

// Section returns the blocks under the heading with text, up to the next
// heading of the same or a higher level; ok is false when there is no
// such heading.
func Section(doc *document.Document, text string) (blocks []document.Block, ok bool) {
	for i, b := range doc.Blocks {
		h, isHeading := b.(document.Heading)
		if !isHeading || h.Text != text {
			continue
		}
		for _, b := range doc.Blocks[i+1:] {
			if next, isHeading := b.(document.Heading); isHeading && next.Level <= h.Level {
				break
			}
			blocks = append(blocks, b)
		}
		return blocks, true
	}
	return nil, false
}
