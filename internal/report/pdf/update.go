package pdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	_ "embed" // the sRGB profile
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// What fpdf cannot write, written after its output as an incremental
// update (ISO 32000-1 7.5.6): the structure tree of a tagged PDF, the
// catalogue that names it with MarkInfo, Lang and DisplayDocTitle, the
// pages again with StructParents and their links as annotations that the
// structure tree can point to, the outline, and what PDF/A-2 asks for:
// XMP metadata that says PDF/A-2a and PDF/UA-1, an sRGB output intent,
// document information that matches the XMP, and a file ID. fpdf's own
// catalogue, page tree and information stay in the file unreferenced.
//
// The update's small objects go into compressed object streams, with a
// cross-reference stream (PDF 1.5): a large report has hundreds of
// thousands of structure elements, which as plain objects would make the
// file four times as large.
//
// It relies on how fpdf v0.12.0 numbers its objects: the resources are
// object 2 and page n (from 0) has its content stream at 4+2n (fpdf's own
// link destinations rely on the same numbering). The tests check the
// result with qpdf and poppler.

//go:embed icc/sRGB2014.icc
var srgbProfile []byte

// pdfVersion is the version the file declares: 1.7, that of ISO 32000-1,
// on which PDF/A-2 and PDF/UA-1 are built.
const pdfVersion = "1.7"

// fpdfWriter passes fpdf's output on to the real writer: it declares
// version 1.7 in the header, counts the bytes for the update's offsets,
// hashes them for the file ID and keeps the end, where fpdf's trailer
// stands.
type fpdfWriter struct {
	w    io.Writer
	n    int64
	sum  hash.Hash
	tail []byte
}

const tailSize = 1024

func newFpdfWriter(w io.Writer) *fpdfWriter {
	return &fpdfWriter{w: w, sum: sha256.New()}
}

func (c *fpdfWriter) Write(p []byte) (int, error) {
	out := p
	if c.n == 0 && len(p) >= 8 && bytes.HasPrefix(p, []byte("%PDF-1.")) {
		// fpdf writes the lowest version its features need; either is
		// one digit, so no offset moves.
		if _, err := io.WriteString(c.w, "%PDF-"+pdfVersion); err != nil {
			return 0, err
		}
		c.sum.Write([]byte("%PDF-" + pdfVersion))
		c.n += 8
		out = p[8:]
	}
	n, err := c.w.Write(out)
	if n != len(out) && err == nil {
		err = io.ErrShortWrite
	}
	if err != nil {
		return 0, err
	}
	c.n += int64(len(out))
	c.sum.Write(out)
	if len(p) >= tailSize {
		c.tail = append(c.tail[:0], p[len(p)-tailSize:]...)
	} else {
		c.tail = append(c.tail, p...)
		if len(c.tail) > tailSize {
			c.tail = c.tail[len(c.tail)-tailSize:]
		}
	}
	return len(p), nil
}

// trailer reads the size of fpdf's object table and where its
// cross-reference table begins from the end of its output.
func (c *fpdfWriter) trailer() (size int, xref int64, err error) {
	t := string(c.tail)
	i := strings.LastIndex(t, "trailer")
	j := strings.LastIndex(t, "startxref")
	if i < 0 || j < i {
		return 0, 0, errors.New("no trailer at the end of fpdf's output")
	}
	fields := strings.Fields(t[i:j])
	for k := 0; k+1 < len(fields); k++ {
		if fields[k] == "/Size" {
			size, err = strconv.Atoi(fields[k+1])
		}
	}
	if err != nil || size < 3 {
		return 0, 0, fmt.Errorf("fpdf's trailer has no size: %q", t[i:])
	}
	rest := strings.Fields(t[j+len("startxref"):])
	if len(rest) == 0 {
		return 0, 0, errors.New("fpdf's output ends without startxref")
	}
	xref, err = strconv.ParseInt(rest[0], 10, 64)
	return size, xref, err
}

// outlineItem is one entry of the outline (bookmarks).
type outlineItem struct {
	title string
	level int // 0 at the top; one deeper at most than the one before
	page  int // from 0
	y     float64
}

// meta is the document information, cleaned for the font, as the info
// dictionary and the XMP both carry it.
type meta struct {
	title, author, subject, keywords, creator, lang string
	created                                         time.Time
}

// update is what is written after fpdf's output.
type update struct {
	g       *geometry
	st      *structure
	pages   int
	heads   []headingPos
	pageOf  func(headingPos) int
	outline []outlineItem
	meta    meta
}

// contentObj is the object number of page i's content stream in fpdf's
// output.
func contentObj(i int) int { return 4 + 2*i }

// objWriter writes the update's objects: small ones into object streams,
// streams as they are, and at the end the cross-reference stream.
type objWriter struct {
	w   *bufio.Writer
	off int64 // the offset in the whole file
	err error
	// base is the first object number of the update; xref holds each
	// object's entry from there, in the cross-reference stream's format
	// (W [1 4 2]).
	base int
	xref []byte
	next int // the next free object number
	// The object stream being filled: its number, the objects' numbers
	// and offsets, and their bytes.
	stm     int
	stmHead []byte
	stmBody []byte
	stmN    int
	zw      *zlib.Writer
	zbuf    bytes.Buffer
	buf     []byte
}

// objectsPerStream is how many objects an object stream holds: enough to
// compress well, few enough that a reader finds an object quickly.
const objectsPerStream = 200

func (o *objWriter) write(b []byte) {
	if o.err != nil {
		return
	}
	n, err := o.w.Write(b)
	o.off += int64(n)
	o.err = err
}

func (o *objWriter) entry(num int, typ byte, f2 uint32, f3 uint16) {
	i := (num - o.base) * 7
	for len(o.xref) < i+7 {
		o.xref = append(o.xref, 0)
	}
	o.xref[i] = typ
	o.xref[i+1], o.xref[i+2], o.xref[i+3], o.xref[i+4] = byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2)
	o.xref[i+5], o.xref[i+6] = byte(f3>>8), byte(f3)
}

// obj adds object num, a dictionary or array, to the object stream.
func (o *objWriter) obj(num int, body []byte) {
	if o.stmN == 0 {
		o.stm = o.next
		o.next++
	}
	o.entry(num, 2, uint32(o.stm), uint16(o.stmN))
	o.stmHead = strconv.AppendInt(o.stmHead, int64(num), 10)
	o.stmHead = append(o.stmHead, ' ')
	o.stmHead = strconv.AppendInt(o.stmHead, int64(len(o.stmBody)), 10)
	o.stmHead = append(o.stmHead, ' ')
	o.stmBody = append(o.stmBody, body...)
	o.stmBody = append(o.stmBody, '\n')
	o.stmN++
	if o.stmN == objectsPerStream {
		o.flush()
	}
}

// flush writes the object stream being filled.
func (o *objWriter) flush() {
	if o.stmN == 0 {
		return
	}
	o.buf = append(append(o.buf[:0], "<</Type /ObjStm /N "...), strconv.Itoa(o.stmN)...)
	o.buf = append(append(o.buf, " /First "...), strconv.Itoa(len(o.stmHead))...)
	o.stream(o.stm, o.buf, o.stmHead, o.stmBody)
	o.stmHead, o.stmBody, o.stmN = o.stmHead[:0], o.stmBody[:0], 0
}

// stream writes stream object num with dictionary entries dict (without
// the closing >>), compressing the concatenation of data.
func (o *objWriter) stream(num int, dict []byte, data ...[]byte) {
	o.zbuf.Reset()
	if o.zw == nil {
		o.zw, _ = zlib.NewWriterLevel(&o.zbuf, zlib.BestSpeed)
	} else {
		o.zw.Reset(&o.zbuf)
	}
	for _, d := range data {
		o.zw.Write(d) // a bytes.Buffer does not fail
	}
	o.zw.Close()
	o.plain(num, append(dict, " /Filter /FlateDecode"...), o.zbuf.Bytes())
}

// plain writes stream object num as it is.
func (o *objWriter) plain(num int, dict, data []byte) {
	o.entry(num, 1, uint32(o.off), 0)
	head := strconv.AppendInt(nil, int64(num), 10)
	head = append(head, " 0 obj\n"...)
	head = append(head, dict...)
	head = append(head, " /Length "...)
	head = strconv.AppendInt(head, int64(len(data)), 10)
	head = append(head, ">>\nstream\n"...)
	o.write(head)
	o.write(data)
	o.write([]byte("\nendstream\nendobj\n"))
}

// ref appends "num 0 R".
func ref(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// num appends v rounded to two decimals.
func num(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, float64(int64(v*100+0.5))/100, 'f', -1, 64)
}

// textString appends s as a PDF text string: UTF-16BE with its byte
// order mark, in hexadecimal, which needs no escaping.
func textString(b []byte, s string) []byte {
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hexDigits[u>>12&0xf], hexDigits[u>>8&0xf], hexDigits[u>>4&0xf], hexDigits[u&0xf])
	}
	return append(b, '>')
}

const hexDigits = "0123456789ABCDEF"

// ptPerMM converts the layout's millimetres into PDF points.
const ptPerMM = 72 / 25.4

// write writes the update after fpdf's output, which c has passed on to
// w.
func (u *update) write(w io.Writer, c *fpdfWriter) error {
	size, prev, err := c.trailer()
	if err != nil {
		return err
	}
	id := hex.EncodeToString(c.sum.Sum(nil)[:16])
	st := u.st

	// Object numbers: the attached elements in order, then the rest;
	// object streams take the numbers after these as they fill.
	next := size
	elemObj := make([]int32, len(st.elems))
	for i := int(rootElem); i < len(st.elems); i++ {
		if st.elems[i].attached {
			elemObj[i] = int32(next)
			next++
		}
	}
	treeRoot, parentTree := next, next+1
	next += 2
	// The parent tree: one key per page, then one per annotation, in
	// leaves of at most leafSize keys under the root.
	keys := u.pages + len(st.annots)
	const leafSize = 128
	leaves := 0
	if keys > leafSize {
		leaves = (keys + leafSize - 1) / leafSize
	}
	leafObj := next
	next += leaves
	annotObj := next
	next += len(st.annots)
	outlineObj := next
	next += len(u.outline)
	outlineRoot := next
	next++
	pagesObj := next
	pageObj := func(i int) int { return pagesObj + 1 + i }
	next += 1 + u.pages
	metaObj, iccObj, infoObj, catalogObj := next, next+1, next+2, next+3
	next += 4

	bw := bufio.NewWriterSize(w, 64<<10)
	o := &objWriter{w: bw, off: c.n, base: size, next: next}
	o.write([]byte("\n"))
	b := make([]byte, 0, 4096)

	// The structure elements.
	kd := st.kids()
	for i := int(rootElem); i < len(st.elems); i++ {
		el := &st.elems[i]
		if !el.attached {
			continue
		}
		b = append(b[:0], "<</S /"...)
		b = append(b, el.typ.String()...)
		b = append(b, " /P "...)
		if i == int(rootElem) {
			b = ref(b, treeRoot)
		} else {
			b = ref(b, int(elemObj[el.parent]))
		}
		ks := kd.list[kd.start[i]:kd.start[i+1]]
		as := kd.annots[int32(i)]
		// The page of its first content, against which its MCIDs count.
		page := int32(-1)
		if len(ks) > 0 && ks[0] <= 0 {
			page = kd.pageOf[-ks[0]]
		} else if len(as) > 0 {
			page = st.annots[as[0]].page
		}
		if page >= 0 {
			b = append(b, " /Pg "...)
			b = ref(b, pageObj(int(page)))
		}
		switch el.scope {
		case scopeColumn:
			b = append(b, " /A <</O /Table /Scope /Column>>"...)
		case scopeRow:
			b = append(b, " /A <</O /Table /Scope /Row>>"...)
		}
		if el.typ == tagFigure {
			b = append(b, " /Alt "...)
			b = textString(b, st.alt[int32(i)])
		}
		if n := len(ks) + len(as); n > 0 {
			b = append(b, " /K "...)
			if n > 1 {
				b = append(b, '[')
			}
			for k, c := range ks {
				if k > 0 {
					b = append(b, ' ')
				}
				if c > 0 {
					b = ref(b, int(elemObj[c]))
					continue
				}
				pg := kd.pageOf[-c]
				mcid := int64(-c - st.pageStart[pg])
				if pg == page {
					b = strconv.AppendInt(b, mcid, 10)
					continue
				}
				b = append(b, "<</Type /MCR /Pg "...)
				b = ref(b, pageObj(int(pg)))
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, mcid, 10)
				b = append(b, ">>"...)
			}
			for k, a := range as {
				if k > 0 || len(ks) > 0 {
					b = append(b, ' ')
				}
				b = append(b, "<</Type /OBJR /Obj "...)
				b = ref(b, annotObj+a)
				b = append(b, " /Pg "...)
				b = ref(b, pageObj(int(st.annots[a].page)))
				b = append(b, ">>"...)
			}
			if n > 1 {
				b = append(b, ']')
			}
		}
		b = append(b, ">>"...)
		o.obj(int(elemObj[i]), b)
	}

	// The structure tree's root and its parent tree.
	b = append(b[:0], "<</Type /StructTreeRoot /K "...)
	b = ref(b, int(elemObj[rootElem]))
	b = append(b, " /ParentTree "...)
	b = ref(b, parentTree)
	b = append(b, " /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(keys), 10)
	b = append(b, ">>"...)
	o.obj(treeRoot, b)
	entry := func(b []byte, key int) []byte {
		b = strconv.AppendInt(b, int64(key), 10)
		b = append(b, ' ')
		if key >= u.pages {
			return ref(b, int(elemObj[st.annots[key-u.pages].elem]))
		}
		b = append(b, '[')
		for k, e := range st.onPage(key) {
			if k > 0 {
				b = append(b, ' ')
			}
			b = ref(b, int(elemObj[e]))
		}
		return append(b, ']')
	}
	nums := func(b []byte, lo, hi int) []byte {
		b = append(b, "/Nums ["...)
		for k := lo; k < hi; k++ {
			if k > lo {
				b = append(b, ' ')
			}
			b = entry(b, k)
		}
		return append(b, "]>>"...)
	}
	if leaves == 0 {
		o.obj(parentTree, nums(append(b[:0], "<<"...), 0, keys))
	} else {
		b = append(b[:0], "<</Kids ["...)
		for l := range leaves {
			if l > 0 {
				b = append(b, ' ')
			}
			b = ref(b, leafObj+l)
		}
		o.obj(parentTree, append(b, "]>>"...))
		for l := range leaves {
			lo, hi := l*leafSize, min((l+1)*leafSize, keys)
			b = append(b[:0], "<</Limits ["...)
			b = strconv.AppendInt(b, int64(lo), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(hi-1), 10)
			b = append(b, "] "...)
			o.obj(leafObj+l, nums(b, lo, hi))
		}
	}

	// The links of the contents page. Each is printable (F 4) for
	// PDF/A, says where it leads (Contents) for PDF/UA, and names its
	// place in the parent tree.
	annotsOf := make(map[int][]int)
	for i, a := range st.annots {
		annotsOf[int(a.page)] = append(annotsOf[int(a.page)], annotObj+i)
		b = append(b[:0], "<</Type /Annot /Subtype /Link /F 4 /Border [0 0 0] /Rect ["...)
		z := u.g.zoom
		b = num(b, a.x*z*ptPerMM)
		b = append(b, ' ')
		b = num(b, (u.g.pageH-a.y-a.h)*z*ptPerMM)
		b = append(b, ' ')
		b = num(b, (a.x+a.w)*z*ptPerMM)
		b = append(b, ' ')
		b = num(b, (u.g.pageH-a.y)*z*ptPerMM)
		b = append(b, "] /Contents "...)
		b = textString(b, a.text)
		b = append(b, " /StructParent "...)
		b = strconv.AppendInt(b, int64(u.pages+i), 10)
		b = append(b, " /Dest "...)
		h := u.heads[a.heading]
		b = dest(b, pageObj(u.pageOf(h)-1), u.g.paperY(h.y))
		o.obj(annotObj+i, append(b, ">>"...))
	}

	// The outline.
	b = u.writeOutline(o, b, outlineObj, outlineRoot, pageObj)

	// The page tree and the pages again: fpdf's content with keys into
	// the parent tree, the annotations, and tab order by structure.
	b = append(b[:0], "<</Type /Pages /Count "...)
	b = strconv.AppendInt(b, int64(u.pages), 10)
	b = append(b, " /MediaBox [0 0 "...)
	b = num(b, u.g.pageW*u.g.zoom*ptPerMM)
	b = append(b, ' ')
	b = num(b, u.g.pageH*u.g.zoom*ptPerMM)
	b = append(b, "] /Kids ["...)
	for i := range u.pages {
		if i > 0 {
			b = append(b, ' ')
		}
		b = ref(b, pageObj(i))
	}
	o.obj(pagesObj, append(b, "]>>"...))
	for i := range u.pages {
		b = append(b[:0], "<</Type /Page /Parent "...)
		b = ref(b, pagesObj)
		b = append(b, " /Resources 2 0 R /Contents "...)
		b = ref(b, contentObj(i))
		b = append(b, " /StructParents "...)
		b = strconv.AppendInt(b, int64(i), 10)
		if as := annotsOf[i]; len(as) > 0 {
			b = append(b, " /Tabs /S /Annots ["...)
			for k, a := range as {
				if k > 0 {
					b = append(b, ' ')
				}
				b = ref(b, a)
			}
			b = append(b, ']')
		}
		o.obj(pageObj(i), append(b, ">>"...))
	}

	// Document information, the same as in the XMP.
	m := u.meta
	b = append(b[:0], "<<"...)
	for _, kv := range []struct{ k, v string }{
		{"Title", m.title}, {"Author", m.author}, {"Subject", m.subject}, {"Keywords", m.keywords},
		{"Creator", m.creator}, {"Producer", m.creator},
	} {
		if kv.v == "" {
			continue
		}
		b = append(b, '/')
		b = append(b, kv.k...)
		b = append(b, ' ')
		b = textString(b, kv.v)
		b = append(b, ' ')
	}
	date := "(D:" + m.created.UTC().Format("20060102150405") + "Z)"
	o.obj(infoObj, append(b, "/CreationDate "+date+" /ModDate "+date+">>"...))

	// The catalogue.
	b = append(b[:0], "<</Type /Catalog /Version /"+pdfVersion+" /Pages "...)
	b = ref(b, pagesObj)
	b = append(b, " /Lang "...)
	b = textString(b, m.lang)
	b = append(b, " /MarkInfo <</Marked true>> /StructTreeRoot "...)
	b = ref(b, treeRoot)
	b = append(b, " /ViewerPreferences <</DisplayDocTitle true>> /Metadata "...)
	b = ref(b, metaObj)
	b = append(b, " /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile "...)
	b = ref(b, iccObj)
	b = append(b, ">>]"...)
	if u.pages > 0 {
		b = append(b, " /OpenAction ["...)
		b = ref(b, pageObj(0))
		b = append(b, " /FitH null] /PageLayout /SinglePage"...)
	}
	if len(u.outline) > 0 {
		b = append(b, " /Outlines "...)
		b = ref(b, outlineRoot)
		b = append(b, " /PageMode /UseOutlines"...)
	}
	o.obj(catalogObj, append(b, ">>"...))
	o.flush()

	// The XMP metadata, uncompressed as PDF/A wants it, and the sRGB
	// profile of the output intent.
	o.plain(metaObj, []byte("<</Type /Metadata /Subtype /XML"), u.xmp())
	o.stream(iccObj, []byte("<</N 3"), srgbProfile)

	// The cross-reference stream, which lists itself too.
	xrefObj := o.next
	o.next++
	o.entry(xrefObj, 1, uint32(o.off), 0)
	b = append(b[:0], "<</Type /XRef /Size "...)
	b = strconv.AppendInt(b, int64(o.next), 10)
	b = append(b, " /Index ["...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(o.next-size), 10)
	b = append(b, "] /W [1 4 2] /Root "...)
	b = ref(b, catalogObj)
	b = append(b, " /Info "...)
	b = ref(b, infoObj)
	b = append(b, " /Prev "...)
	b = strconv.AppendInt(b, prev, 10)
	b = append(b, " /ID [<"+id+"> <"+id+">]"...)
	xrefAt := o.off
	o.stream(xrefObj, b, o.xref)
	o.write([]byte("startxref\n" + strconv.FormatInt(xrefAt, 10) + "\n%%EOF\n"))
	if o.err != nil {
		return o.err
	}
	if o.off > 1<<32-1 {
		return errors.New("the file is larger than its cross-reference stream can address")
	}
	return bw.Flush()
}

// dest appends an explicit destination: the top of y, in millimetres from the
// paper's foot, on page object page.
func dest(b []byte, page int, y float64) []byte {
	b = append(b, '[')
	b = ref(b, page)
	b = append(b, " /XYZ 0 "...)
	b = num(b, y*ptPerMM)
	return append(b, " null]"...)
}

// writeOutline writes the outline items, numbered from first, and their
// root.
func (u *update) writeOutline(o *objWriter, b []byte, first, root int, pageObj func(int) int) []byte {
	items := u.outline
	parent := make([]int, len(items)) // -1: the root
	prev := make([]int, len(items))
	next := make([]int, len(items))
	kids := make([][]int, len(items))
	var top []int
	var path []int // the last item at each level above the current one
	for i, it := range items {
		prev[i], next[i], parent[i] = -1, -1, -1
		lvl := min(it.level, len(path))
		path = path[:lvl]
		sibs := &top
		if lvl > 0 {
			parent[i] = path[lvl-1]
			sibs = &kids[parent[i]]
		}
		if n := len(*sibs); n > 0 {
			prev[i] = (*sibs)[n-1]
			next[(*sibs)[n-1]] = i
		}
		*sibs = append(*sibs, i)
		path = append(path, i)
	}
	for i, it := range items {
		b = append(b[:0], "<</Title "...)
		b = textString(b, it.title)
		b = append(b, " /Parent "...)
		if parent[i] < 0 {
			b = ref(b, root)
		} else {
			b = ref(b, first+parent[i])
		}
		if prev[i] >= 0 {
			b = append(b, " /Prev "...)
			b = ref(b, first+prev[i])
		}
		if next[i] >= 0 {
			b = append(b, " /Next "...)
			b = ref(b, first+next[i])
		}
		if k := kids[i]; len(k) > 0 {
			b = append(b, " /First "...)
			b = ref(b, first+k[0])
			b = append(b, " /Last "...)
			b = ref(b, first+k[len(k)-1])
			// Closed, with this many entries under it.
			b = append(b, " /Count "...)
			b = strconv.AppendInt(b, -int64(len(k)), 10)
		}
		b = append(b, " /Dest "...)
		b = dest(b, pageObj(it.page), u.g.paperY(it.y))
		o.obj(first+i, append(b, ">>"...))
	}
	b = append(b[:0], "<</Type /Outlines"...)
	if len(top) > 0 {
		b = append(b, " /First "...)
		b = ref(b, first+top[0])
		b = append(b, " /Last "...)
		b = ref(b, first+top[len(top)-1])
	}
	b = append(b, " /Count "...)
	b = strconv.AppendInt(b, int64(len(top)), 10)
	o.obj(root, append(b, ">>"...))
	return b
}

// xmp returns the XMP metadata: the document information again, and the
// claims of PDF/A-2a and PDF/UA-1, with the extension schema PDF/A asks
// for the PDF/UA property.
func (u *update) xmp() []byte {
	m := u.meta
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace
	date := m.created.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
`)
	if m.title != "" {
		b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(m.title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if m.author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(m.author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if m.subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(m.subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if m.lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(m.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if m.keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(m.keywords) + "</pdf:Keywords>\n")
	}
	if m.creator != "" {
		b.WriteString("<pdf:Producer>" + esc(m.creator) + "</pdf:Producer>\n")
		b.WriteString("<xmp:CreatorTool>" + esc(m.creator) + "</xmp:CreatorTool>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	b.WriteString(`<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the document follows</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`)
	return []byte(b.String())
}
