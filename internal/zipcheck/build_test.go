package zipcheck

// Builders of the test archives. Every case is made in code, from
// archive/zip and byte edits, so that each test says what it breaks.

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

type entry struct {
	name  string
	data  []byte
	store bool // zip.Store instead of zip.Deflate
}

// minimal returns the parts of a small but complete workbook.
func minimal() []entry {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	return []entry{
		{name: "[Content_Types].xml", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)},
		{name: "_rels/.rels", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{name: "xl/workbook.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Mål" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{name: "xl/_rels/workbook.xml.rels", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)},
		{name: "xl/worksheets/sheet1.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Vad</t></is></c></row></sheetData></worksheet>`)},
	}
}

// buildZip writes entries with archive/zip, as a zip tool would.
func buildZip(tb testing.TB, entries ...entry) []byte {
	tb.Helper()
	return writeZip(tb, entries, nil)
}

// workbookWith is the minimal workbook and then extra entries.
func workbookWith(tb testing.TB, extra ...entry) []byte {
	tb.Helper()
	return buildZip(tb, append(minimal(), extra...)...)
}

// raw is an entry written as it is: compressed data, CRC and sizes as
// given, and no data descriptor.
type raw struct {
	name         string
	method       uint16
	flags        uint16
	data         []byte
	crc          uint32
	uncompressed uint64
}

// buildRaw writes the minimal workbook and then raw entries.
func buildRaw(tb testing.TB, entries ...raw) []byte {
	tb.Helper()
	return writeZip(tb, minimal(), entries)
}

// writeZip writes entries through archive/zip's compressors, then raw
// entries as they are.
func writeZip(tb testing.TB, entries []entry, raws []raw) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	write := func(f io.Writer, err error, data []byte) {
		if err == nil {
			_, err = f.Write(data)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		f, err := w.CreateHeader(h)
		write(f, err, e.data)
	}
	for _, e := range raws {
		f, err := w.CreateRaw(&zip.FileHeader{
			Name: e.name, Method: e.method, Flags: e.flags, CRC32: e.crc,
			CompressedSize64: uint64(len(e.data)), UncompressedSize64: e.uncompressed,
		})
		write(f, err, e.data)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// stored is a raw entry stored without compression and with its true CRC.
func stored(name string, data []byte) raw {
	return raw{name: name, method: zip.Store, data: data, crc: crc32.ChecksumIEEE(data), uncompressed: uint64(len(data))}
}

// Offsets in a central directory header (APPNOTE 4.3.12).
const (
	cdCRC          = 16
	cdUncompressed = 24
	cdLocalOffset  = 42
)

// patchCentral returns a copy of b in which fn has edited the central
// directory header of the entry name (the 46 fixed bytes). The central
// directory is what archive/zip and excelize trust.
func patchCentral(tb testing.TB, b []byte, name string, fn func(h []byte)) []byte {
	tb.Helper()
	b = bytes.Clone(b)
	for i := 0; ; {
		j := bytes.Index(b[i:], centralSig)
		if j < 0 {
			tb.Fatalf("no central header for %q", name)
		}
		h := b[i+j:]
		n := int(binary.LittleEndian.Uint16(h[28:]))
		if len(h) >= 46+n && string(h[46:46+n]) == name {
			fn(h[:46])
			return b
		}
		i += j + len(centralSig)
	}
}

// centralField reads a little-endian uint32 of the central header of name.
func centralField(tb testing.TB, b []byte, name string, off int) uint32 {
	var v uint32
	patchCentral(tb, b, name, func(h []byte) { v = binary.LittleEndian.Uint32(h[off:]) })
	return v
}

func put32(off int, v uint32) func([]byte) {
	return func(h []byte) { binary.LittleEndian.PutUint32(h[off:], v) }
}

// zeros is the deflate stream, the CRC and the length of mb MB of zero
// bytes. Deflating 200 MB takes half a second, so it compresses 1 MB three
// times with a sync flush after each: at the highest level the second and
// later segments are the same bytes (the window is all zeros and the
// flush aligns to a byte), and they are repeated. The stream ends with
// the empty final block of Close. TestBombIsWellFormed reads it back.
func zeros(tb testing.TB, mb int) (data []byte, crc uint32, n uint64) {
	tb.Helper()
	const chunk = 1 << 20
	zero := make([]byte, chunk)
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		tb.Fatal(err)
	}
	segment := func() []byte {
		start := buf.Len()
		fw.Write(zero)
		fw.Flush()
		return bytes.Clone(buf.Bytes()[start:])
	}
	first, second, third := segment(), segment(), segment()
	if !bytes.Equal(second, third) {
		tb.Fatal("deflate segments of zeros differ; build the bomb by streaming instead")
	}
	start := buf.Len()
	fw.Close()
	tail := bytes.Clone(buf.Bytes()[start:])

	var out bytes.Buffer
	out.Write(first)
	for range mb - 1 {
		out.Write(second)
		crc = crc32.Update(crc, crc32.IEEETable, zero)
	}
	crc = crc32.Update(crc, crc32.IEEETable, zero)
	out.Write(tail)
	return out.Bytes(), crc, uint64(mb) * chunk
}

// bomb is a workbook whose parts entries each unpack to mb MB of zeros.
func bomb(tb testing.TB, parts, mb int) []byte {
	tb.Helper()
	data, crc, n := zeros(tb, mb)
	var entries []raw
	for i := range parts {
		entries = append(entries, raw{name: fmt.Sprintf("xl/media/image%d.bin", i+1), method: zip.Deflate, data: data, crc: crc, uncompressed: n})
	}
	return buildRaw(tb, entries...)
}

// manyEntries is a workbook with n entries in all, each empty and stored.
func manyEntries(tb testing.TB, n int) []byte {
	tb.Helper()
	es := minimal()
	for i := len(es); i < n; i++ {
		es = append(es, entry{name: fmt.Sprintf("xl/x/%05d", i), store: true})
	}
	return buildZip(tb, es...)
}

// centralFlood is a file of n bare central directory headers and an end
// record: nothing to decompress, but a File for every header in
// zip.NewReader. It starts with the local header signature so that it
// passes the first look.
func centralFlood(n int) []byte {
	var b bytes.Buffer
	b.Write(localSig)
	b.Write(make([]byte, 26)) // an empty local header
	dirStart := b.Len()
	h := make([]byte, 46)
	copy(h, centralSig)
	for range n {
		b.Write(h)
	}
	end := make([]byte, 22)
	copy(end, endSig)
	binary.LittleEndian.PutUint16(end[8:], uint16(n))
	binary.LittleEndian.PutUint16(end[10:], uint16(n))
	binary.LittleEndian.PutUint32(end[12:], uint32(b.Len()-dirStart))
	binary.LittleEndian.PutUint32(end[16:], uint32(dirStart))
	b.Write(end)
	return b.Bytes()
}

// cfb builds a small compound file (CFB version 3, 512-byte sectors):
// header, one FAT sector, one data sector holding data, and a directory
// sector with the root and the named streams (at most three). It is
// enough for Check, which looks at directory entries only; it is not a
// complete .xls.
func cfb(data []byte, streams ...string) []byte {
	const (
		sector     = 512
		endOfChain = 0xFFFFFFFE
		free       = 0xFFFFFFFF
		noStream   = 0xFFFFFFFF
	)
	le16 := binary.LittleEndian.PutUint16
	le32 := binary.LittleEndian.PutUint32
	out := make([]byte, 4*sector) // header, FAT, data, directory
	h := out[:sector]
	copy(h, cfbMagic)
	le16(h[24:], 0x3E) // minor version
	le16(h[26:], 3)    // major version
	le16(h[28:], 0xFFFE)
	le16(h[30:], 9) // 512-byte sectors
	le16(h[32:], 6) // 64-byte mini sectors
	le32(h[44:], 1) // one FAT sector
	le32(h[48:], 2) // directory in sector 2
	le32(h[56:], 4096)
	le32(h[60:], endOfChain)
	le32(h[68:], endOfChain)
	for i := 76; i < sector; i += 4 {
		le32(h[i:], free)
	}
	le32(h[76:], 0) // the FAT is sector 0
	fat := out[sector : 2*sector]
	for i := 0; i < sector; i += 4 {
		le32(fat[i:], free)
	}
	le32(fat[0:], 0xFFFFFFFD) // FAT sector
	le32(fat[4:], endOfChain) // data
	le32(fat[8:], endOfChain) // directory
	copy(out[2*sector:3*sector], data)
	dir := out[3*sector:]
	put := func(i int, name string, typ byte, child, right uint32) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le16(e[2*j:], c)
		}
		le16(e[64:], uint16(2*len(u)+2))
		e[66] = typ
		e[67] = 1 // black
		le32(e[68:], noStream)
		le32(e[72:], right)
		le32(e[76:], child)
		le32(e[116:], endOfChain)
	}
	put(0, "Root Entry", 5, 1, noStream)
	for i, s := range streams {
		right := uint32(i + 2)
		if i == len(streams)-1 {
			right = noStream
		}
		put(i+1, s, 2, noStream, right)
	}
	return out
}

// utf16le encodes s as UTF-16LE, as names and texts are in an .xls.
func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// realWorkbook is a workbook written by excelize with sheets of varied
// Swedish text, about the size of a filled unit workbook (150–300 KB).
// password encrypts it as Excel does ("" for none).
func realWorkbook(tb testing.TB, rows int, password string) []byte {
	tb.Helper()
	words := strings.Fields("mål vad hur uppföljning enhet arbetslag trygghet lärande samverkan " +
		"elever brukare personal kompetens dialog mod glädje respekt vecka månad rapport " +
		"förbättra minska öka alla varje genom med utan tillsammans nöjd tid ansvar")
	rng := rand.New(rand.NewPCG(1, 2))
	f := excelize.NewFile()
	defer f.Close()
	for s := range 4 {
		sheet := fmt.Sprintf("Blad%d", s+1)
		if s == 0 {
			f.SetSheetName("Sheet1", sheet)
		} else if _, err := f.NewSheet(sheet); err != nil {
			tb.Fatal(err)
		}
		for r := 1; r <= rows; r++ {
			for c := 1; c <= 3; c++ {
				var sb strings.Builder
				for range 4 + rng.IntN(12) {
					sb.WriteString(words[rng.IntN(len(words))])
					sb.WriteByte(' ')
				}
				cell, _ := excelize.CoordinatesToCellName(c, r)
				f.SetCellStr(sheet, cell, fmt.Sprintf("%s%d", sb.String(), rng.IntN(1000)))
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: password}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// failingReader fails every read after the first n bytes, as a disk would.
type failingReader struct {
	data []byte
	n    int64
}

var errDisk = fmt.Errorf("input/output error")

func (f failingReader) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > f.n {
		return 0, errDisk
	}
	return bytes.NewReader(f.data).ReadAt(p, off)
}

// cache keeps archives that take a while to build across tests and
// benchmarks of one run.
var cache sync.Map

func cached(tb testing.TB, key string, build func() []byte) []byte {
	if b, ok := cache.Load(key); ok {
		return b.([]byte)
	}
	b := build()
	cache.Store(key, b)
	return b
}
