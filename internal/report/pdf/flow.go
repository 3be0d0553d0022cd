package pdf

import "slices"

// strip is a horizontal slice of a block that never breaks across pages
// unless it can split itself: a line of text, a table row, a bar.
type strip struct {
	h    float64
	draw func(p *page, y float64)
	// split, if set, cuts the strip so that its first part fits avail;
	// ok is false when not even one line fits.
	split func(avail float64) (first, rest strip, ok bool)
	// spacer strips are dropped at the top of a page.
	spacer bool
	// tag is the structure element the strip's operations draw, unless
	// draw sets its own.
	tag int32
}

// tagged gives strips the structure element tag.
func tagged(ss []strip, tag int32) []strip {
	for i := range ss {
		ss[i].tag = tag
	}
	return ss
}

// drawStrip draws s at y with its structure element as the current one.
func drawStrip(p *page, s strip, y float64) {
	if s.draw == nil {
		return
	}
	p.tag = s.tag
	s.draw(p, y)
	p.tag = 0
}

// flowOpts control how a block's strips go onto pages.
type flowOpts struct {
	// keep moves the whole block to the next page when it does not fit
	// here but fits on an empty page.
	keep bool
	// lead is how much of the block must fit on this page to start it
	// here (two lines of a paragraph: no lonely first line).
	lead float64
	// repeat is drawn at the top of the block and of every page it
	// continues on (a table's header row).
	repeat *strip
	// deco draws behind one page's part of the block (a bar beside a
	// goal card, a quote's rule); its ops go under the strips' ops.
	deco func(p *page, y0, y1 float64) []op
	// after is space below the block, outside deco and dropped at a
	// page foot.
	after float64
}

// layouter places strips onto pages. The renderer runs it twice over the
// same blocks: once to measure, counting pages and noting where headings
// land without drawing anything, and once to draw, handing each page to
// emit as soon as the next one begins. So only one page of drawing
// operations is ever held, however long the report.
type layouter struct {
	f  *fonts
	th *theme
	g  *geometry
	// chapter is the chapter being laid out, for the running header.
	chapter string
	// p is the page being laid out, nil before the first and after close.
	p *page
	y float64
	// n is the number of pages begun.
	n int
	// emit receives each finished page; nil while measuring. The page is
	// reused for the next one, so emit must not keep it.
	emit func(*page)
	// st is the structure tree the drawing pass builds; nil while
	// measuring, where elements are not needed.
	st *structure
	// spare is the page that p points to: one page's operations, reused
	// from page to page.
	spare page
	// started is the page on which the last flow began, for the check
	// that no heading is left alone at a page's foot.
	started int
	// splits counts the strips split across pages (rows taller than a
	// page), for the check that no other row is.
	splits int
}

func (l *layouter) newPage() {
	l.close()
	l.spare.ops = l.spare.ops[:0]
	l.spare.plain = false
	l.spare.chapter = l.chapter
	l.spare.tag, l.spare.artifact = 0, false
	l.p = &l.spare
	l.n++
	l.y = l.g.marginTop
}

// close finishes the page being laid out and hands it to emit.
func (l *layouter) close() {
	if l.p != nil && l.emit != nil {
		l.emit(l.p)
	}
	l.p = nil
}

// drawing reports whether strips should be drawn: not while measuring,
// where only their heights matter.
func (l *layouter) drawing() bool { return l.emit != nil }

func (l *layouter) atTop() bool { return l.p == nil || l.y <= l.g.marginTop+0.01 }

func (l *layouter) fits(h float64) bool { return l.p != nil && l.y+h <= l.g.bottom+0.01 }

func total(ss []strip) float64 {
	t := 0.0
	for _, s := range ss {
		t += s.h
	}
	return t
}

func (l *layouter) flow(ss []strip, o flowOpts) {
	if l.p == nil {
		l.newPage()
	}
	rh := 0.0
	if o.repeat != nil {
		rh = o.repeat.h
	}
	all := total(ss) + rh
	switch {
	case o.keep && !l.fits(all) && all <= l.g.capacity && !l.atTop():
		l.newPage()
	case !l.fits(o.lead+rh) && !l.atTop():
		l.newPage()
	}
	segPage, segY, segOps := l.p, l.y, len(l.p.ops)
	l.started = l.n
	draw := l.drawing()
	endSeg := func() {
		if o.deco == nil || l.y <= segY || !draw {
			return
		}
		// The decoration goes under the segment's strips: insert its
		// operations where the segment began, in place.
		segPage.ops = slices.Insert(segPage.ops, segOps, o.deco(segPage, segY, l.y)...)
	}
	repeated := false
	startSeg := func() {
		segPage, segY, segOps = l.p, l.y, len(l.p.ops)
		if o.repeat != nil {
			if draw {
				// The header row is read once, where the block begins;
				// repeated on later pages it is decoration.
				l.p.artifact = repeated
				drawStrip(l.p, *o.repeat, l.y)
				l.p.artifact = false
			}
			repeated = true
			l.y += o.repeat.h
		}
	}
	startSeg()
	for len(ss) > 0 {
		s := ss[0]
		if s.spacer && l.atTop() {
			ss = ss[1:]
			continue
		}
		// fresh: nothing but the repeated header is on this page yet.
		fresh := segY <= l.g.marginTop+0.01 && l.y <= segY+rh+0.01
		if l.fits(s.h) || fresh && s.split == nil {
			// It fits, or it is alone on a fresh page and cannot split:
			// draw it anyway rather than loop.
			if draw {
				drawStrip(l.p, s, l.y)
			}
			l.y += s.h
			ss = ss[1:]
			continue
		}
		// A strip that does not fit goes to the next page whole: a table
		// row or a card's item is never split, unless it is taller than
		// a page could hold.
		if s.split != nil && s.h > l.g.capacity-rh {
			first, rest, ok := s.split(l.g.bottom - l.y)
			switch {
			case ok:
				if draw {
					drawStrip(l.p, first, l.y)
				}
				l.y += first.h
				ss[0] = rest
				l.splits++
			case fresh:
				if draw {
					drawStrip(l.p, s, l.y) // not one line fits an empty page
				}
				l.y += s.h
				ss = ss[1:]
				continue
			}
		}
		endSeg()
		l.newPage()
		startSeg()
	}
	endSeg()
	l.y = min(l.y+o.after, l.g.bottom+1)
}
