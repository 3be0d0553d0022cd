package pdf

import (
	"math"

	"github.com/malarbete/malarbete/internal/document"
)

// keyFigures lays out key figures in rows of boxes: the figure large,
// what it counts under it, and a detail such as the change since the last
// round. A status figure has its marker before its label.
func (l *layouter) keyFigures(b document.KeyFigures) ([]strip, flowOpts) {
	const (
		gap       = 4.0
		pad       = 3.0
		valueSize = 22.0
		labelSize = bodySize
		detSize   = noteSize
	)
	var ss []strip
	if b.Title != "" {
		ss = append(ss, strip{h: 2, spacer: true})
		ss = append(ss, tagged(l.textStrips(b.Title, l.g.marginL, l.g.contentW, bold, 11, colText), l.st.add(0, tagP))...)
		ss = append(ss, strip{h: 1.5})
	}
	list := l.st.add(0, tagL)
	cols := 3
	if len(b.Items) == 4 || len(b.Items) > 6 {
		cols = 4
	}
	bw := (l.g.contentW - gap*float64(cols-1)) / float64(cols)
	type box struct {
		value          string
		label, detail  []string
		tone           document.Tone
		labelX, innerW float64
		tag            int32
	}
	th := l.th
	for start := 0; start < len(b.Items); start += cols {
		row := b.Items[start:min(start+cols, len(b.Items))]
		boxes := make([]box, len(row))
		h := 0.0
		for i, it := range row {
			bo := box{value: l.f.clean(it.Value), tone: it.Tone, innerW: bw - 2*pad, tag: l.st.add(l.st.add(list, tagLI), tagLBody)}
			if it.Tone != "" {
				bo.labelX = markerW + 0.5
			}
			bo.label = l.f.balance(l.f.clean(it.Label), regular, labelSize, bo.innerW-bo.labelX)
			if it.Detail != "" {
				bo.detail = l.f.wrap(l.f.clean(it.Detail), italic, detSize, bo.innerW)
			}
			boxes[i] = bo
			bh := pad + lineHeight(valueSize)*0.9 + float64(len(bo.label))*lineHeight(labelSize) + float64(len(bo.detail))*lineHeight(detSize) + pad
			h = math.Max(h, bh)
		}
		ss = append(ss, strip{h: h + gap, draw: func(p *page, y float64) {
			for i, bo := range boxes {
				x := l.g.marginL + float64(i)*(bw+gap)
				p.tag = 0
				p.rect(x, y, bw, h, colZebra, true)
				p.line(x, y, x+bw, y, 0.8, th.accent)
				p.tag = bo.tag
				yy := y + pad
				vlh := lineHeight(valueSize) * 0.9
				p.text(x+pad, baseline(yy, vlh, valueSize), bo.value, bold, valueSize, th.accent)
				yy += vlh
				llh := lineHeight(labelSize)
				for k, ln := range bo.label {
					if k == 0 && bo.tone != "" {
						p.marker(x+pad+markerW/2-0.3, yy+llh/2, markerSize+0.4, bo.tone)
					}
					p.text(x+pad+bo.labelX, baseline(yy, llh, labelSize), ln, regular, labelSize, colText)
					yy += llh
				}
				for _, ln := range bo.detail {
					p.text(x+pad, baseline(yy, lineHeight(detSize), detSize), ln, italic, detSize, colMuted)
					yy += lineHeight(detSize)
				}
			}
		}})
	}
	return ss, flowOpts{keep: true, after: 3}
}

// colophon lays out the back page: the document's information at the
// foot of a page of its own.
func (l *layouter) colophon(b document.Colophon) ([]strip, flowOpts) {
	const (
		keyW    = 45.0
		keySize = 9.0
		valSize = bodySize
	)
	lh := lineHeight(valSize)
	var body []strip
	body = append(body, tagged(l.textStrips(b.Title, l.g.marginL, l.g.contentW, bold, 14, l.th.accent), l.st.add(0, tagP))...)
	body = append(body, strip{h: 3})
	list := l.st.add(0, tagL)
	for _, it := range b.Items {
		lbl, item := l.st.item(list)
		key := cellLines{x: l.g.marginL, w: keyW - 2, st: bold, size: keySize, col: colMuted, tag: lbl}
		key.lines = l.f.wrap(l.f.clean(it.Key), bold, keySize, key.w)
		val := cellLines{x: l.g.marginL + keyW, w: l.g.contentW - keyW, st: regular, size: valSize, col: colText, tag: item}
		val.lines = l.f.wrap(l.f.clean(it.Value), regular, valSize, val.w)
		n := max(len(key.lines), len(val.lines))
		body = append(body, multiStrip([]cellLines{key, val}, lh, 0.8, 0.8, nil, 0, n, false))
	}
	if b.Note != "" {
		body = append(body, strip{h: 4})
		body = append(body, tagged(l.textStrips(b.Note, l.g.marginL, l.g.contentW, italic, noteSize, colMuted), l.st.add(0, tagP))...)
	}
	// What is left of the page goes above, so the text stands at its foot.
	rest := l.g.capacity - total(body) - 2
	ss := []strip{{h: math.Max(rest, 0)}}
	accent := l.th.accent
	ss = append(ss, strip{h: 0.01, draw: func(p *page, y float64) {
		p.line(l.g.marginL, y-3, l.g.marginL+50, y-3, 0.8, accent)
	}})
	return append(ss, body...), flowOpts{keep: true}
}
