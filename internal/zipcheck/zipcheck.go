// Package zipcheck inspects an .xlsx archive before any parser touches it.
//
// Workbooks come back by e-mail from hundreds of managers, so every file is
// untrusted. excelize checks its unzip limits only against the sizes an
// archive declares, ignores CRC errors, accepts entry names such as "../x"
// and reads the whole archive into memory. Check looks at the file first,
// in bounded memory and time, and says in one *Error why a file is
// refused; the error carries a message id and data that the CLI localizes.
// A caller that unpacks every entry anyway uses CheckStructure before the
// parser and Entry.Verify after it, so that the archive is unpacked once.
package zipcheck

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Limits bound what Check accepts. A zero or negative field means the
// value of DefaultLimits, so that a caller sets only what it changes and a
// forgotten field never means "unlimited".
type Limits struct {
	// MaxFileSize is the largest archive, in bytes as stored on disk.
	MaxFileSize int64
	// MaxEntries is the most entries (parts) the archive may hold.
	MaxEntries int
	// MaxEntrySize is the largest uncompressed size of one entry, in bytes.
	MaxEntrySize int64
	// MaxTotalSize is the largest sum of the entries' uncompressed sizes,
	// in bytes.
	MaxTotalSize int64
}

// DefaultLimits returns limits for the workbooks of one unit or team.
//
// A generated unit workbook is about 20 KB on disk: 17 parts that unpack
// to about 70 KB. Filled in and saved by Excel or LibreOffice it grows to a
// few hundred KB, some 20 to 40 parts and 1 to 5 MB unpacked. The limits
// leave room for a manager who pastes photos or screenshots (stored as
// they are, a few MB each) and still stop what no goal workbook can be:
//
//   - 25 MB file: about 100 times a filled workbook, and about what e-mail
//     systems let through as an attachment, so a larger file did not come
//     back by mail the ordinary way.
//   - 2,000 entries: some 50 times the parts of a real workbook; the
//     central directory of 2,000 entries is well under 1 MB of memory.
//   - 64 MB per entry unpacked: the largest part of a real workbook is one
//     sheet or the shared strings, under 1 MB; 64 MB also admits a large
//     pasted picture.
//   - 128 MB in total unpacked: 25 times a large filled workbook. excelize
//     keeps the unpacked parts in memory. Check itself reads at most this
//     much, at several hundred MB per second. This bound alone does not
//     keep parsing cheap: excelize needs some 30 times the size of the
//     sheet XML it parses (120 MB of small rows took 59 s and 3.4 GB), so
//     a parser of sheets needs tighter limits on those parts; the workbook
//     reader bounds each sheet at 2 MB.
//
// The caller should also pass MaxTotalSize to excelize as UnzipSizeLimit
// and MaxEntrySize as UnzipXMLSizeLimit, so both agree on the bounds.
func DefaultLimits() Limits {
	return Limits{
		MaxFileSize:  25 << 20,
		MaxEntries:   2000,
		MaxEntrySize: 64 << 20,
		MaxTotalSize: 128 << 20,
	}
}

// WithDefaults returns l with the fields that are zero or negative set
// from DefaultLimits, as Check applies them; a caller that passes the same
// bounds on to a parser uses it to agree with Check.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxEntrySize <= 0 {
		l.MaxEntrySize = d.MaxEntrySize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = d.MaxTotalSize
	}
	return l
}

var (
	cfbMagic   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	localSig   = []byte("PK\x03\x04")
	endSig     = []byte("PK\x05\x06")
	centralSig = []byte("PK\x01\x02")
)

// errOverlap marks entries whose data overlap: no zip writer makes them,
// but they let a small file declare the same compressed data many times
// (a "non-recursive" zip bomb).
var errOverlap = errors.New("zip: entries overlap")

// errLength marks an entry whose real length differs from the declared one.
var errLength = errors.New("zip: entry length differs from its header")

// copyBuffer is the size of the buffer entries are streamed through.
const copyBuffer = 32 << 10

// Check inspects the archive of size bytes in r and returns nil when a
// workbook parser may open it, or an *Error that says why not. It stops
// at the first problem, looking from the cheapest to the dearest: the
// size, the first bytes (compound files: OldXLS or Encrypted), the number
// of entries, the central directory (names, encryption, method, declared
// sizes, duplicates, the workbook's parts), where the data lie, and last
// the data themselves.
//
// Check decompresses every entry, in a small buffer and never more than
// the entry declares, so that a damaged entry (CRC or length), which
// excelize would silently accept, is found here. Memory stays bounded by
// the central directory (at most Limits.MaxEntries entries) and time by
// Limits.MaxTotalSize.
//
// When reading r itself fails (a disk error, not a property of the file),
// Check returns that error wrapped, and not an *Error: the manager who
// sent the file is not to be told it is damaged.
func Check(r io.ReaderAt, size int64, lim Limits) error {
	_, err := inspect(r, size, lim, true)
	return err
}

// CheckStructure does what Check does except decompressing the data, and
// returns the entries as the central directory declares them. It is for a
// caller that unpacks every entry anyway, as excelize does: Entry.Verify
// then checks each entry's bytes, and the archive is decompressed once,
// not twice. What CheckStructure accepts can still be damaged inside; the
// declared sizes it checked bound what a parser that trusts them (as
// archive/zip does) unpacks, so a bomb that lies about its size is cut
// off at the limits before Verify refuses it. The one damage Verify
// cannot see, and Check does, is data that run on past the declared
// size: archive/zip stops at that size, so the parser never reads them.
func CheckStructure(r io.ReaderAt, size int64, lim Limits) ([]Entry, error) {
	return inspect(r, size, lim, false)
}

// Entry is one entry of an archive as its central directory declares it.
type Entry struct {
	// Name is the entry's name as stored.
	Name string
	// Size is the declared uncompressed size.
	Size uint64
	// CRC32 is the declared checksum of the uncompressed data.
	CRC32 uint32
}

// Verify returns nil when data are the entry's declared bytes, or an
// *Error of kind Corrupt when their length or CRC differ: data that a
// parser unpacked from a damaged entry, cut short or altered.
func (e Entry) Verify(data []byte) error {
	switch {
	case uint64(len(data)) != e.Size:
		return &Error{Kind: Corrupt, Entry: e.Name, Err: errLength}
	case crc32.ChecksumIEEE(data) != e.CRC32:
		return &Error{Kind: Corrupt, Entry: e.Name, Err: zip.ErrChecksum}
	}
	return nil
}

// inspect is Check and CheckStructure: data says whether the entries'
// data are decompressed and checked too.
func inspect(r io.ReaderAt, size int64, lim Limits, data bool) ([]Entry, error) {
	if size < 0 {
		return nil, fmt.Errorf("zipcheck: negative size %d", size)
	}
	tr := &trackingReader{r: r}
	// The section answers reads outside [0, size) itself, with io.EOF:
	// a crafted archive makes archive/zip ask for negative offsets, and
	// that is a fault of the file, not of r.
	files, e := check(io.NewSectionReader(tr, 0, size), size, lim.WithDefaults(), data)
	if tr.err != nil {
		return nil, fmt.Errorf("zipcheck: read archive: %w", tr.err)
	}
	if e != nil {
		return nil, e
	}
	entries := make([]Entry, len(files))
	for i, f := range files {
		entries[i] = Entry{Name: f.Name, Size: f.UncompressedSize64, CRC32: f.CRC32}
	}
	return entries, nil
}

func check(r io.ReaderAt, size int64, lim Limits, data bool) ([]*zip.File, *Error) {
	if size == 0 {
		return nil, &Error{Kind: Empty}
	}
	if size > lim.MaxFileSize {
		return nil, &Error{Kind: TooLarge, Limit: lim.MaxFileSize}
	}
	head := make([]byte, len(cfbMagic))
	n, _ := r.ReadAt(head, 0) // a short read is a short file; other errors are tracked
	head = head[:n]
	switch {
	case bytes.Equal(head, cfbMagic):
		return nil, checkCFB(r, size)
	case !bytes.HasPrefix(head, localSig) && !bytes.HasPrefix(head, endSig):
		// Every xlsx starts with its first entry; an archive with no
		// entries starts with the end record and is reported below as
		// no workbook.
		return nil, &Error{Kind: NotZip}
	}

	// zip.NewReader allocates a File for every central directory header
	// before anything can be counted: a 25 MB file of bare headers costs
	// 0.2 to 1.2 s and 150 MB (BenchmarkNewReaderFlood). Each header it
	// parses starts with its signature, so counting the signatures in the
	// file bounds the entries, cheaply and whatever the end record claims.
	if countSig(r, size, centralSig, lim.MaxEntries) > lim.MaxEntries {
		return nil, &Error{Kind: TooManyEntries, Limit: int64(lim.MaxEntries)}
	}
	zr, err := zip.NewReader(r, size)
	// With GODEBUG zipinsecurepath=0 NewReader refuses names such as
	// "../x" but still returns the reader; the loop below finds the name.
	insecure := errors.Is(err, zip.ErrInsecurePath) && zr != nil
	if err != nil && !insecure {
		return nil, &Error{Kind: Corrupt, Err: err}
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, &Error{Kind: TooManyEntries, Limit: int64(lim.MaxEntries)}
	}
	if e := checkHeaders(zr.File, lim); e != nil {
		return nil, e
	}
	if insecure {
		// Go's rule (filepath.IsLocal) refused a name that ours let
		// pass, such as a reserved device name on Windows.
		return nil, &Error{Kind: InsecureName, Err: err}
	}
	if e := checkLayout(zr.File, size); e != nil {
		return nil, e
	}
	if data {
		buf := make([]byte, copyBuffer)
		for _, f := range zr.File {
			if e := checkData(f, buf); e != nil {
				return nil, e
			}
		}
	}
	return zr.File, nil
}

// checkHeaders checks what the central directory says about each entry,
// before anything is decompressed: names, encryption, method, declared
// sizes, duplicates and the two parts every workbook has.
func checkHeaders(files []*zip.File, lim Limits) *Error {
	var total uint64
	seen := make(map[string]bool, len(files))
	var contentTypes, workbook bool
	for _, f := range files {
		switch {
		case insecureName(f.Name):
			return &Error{Kind: InsecureName, Entry: f.Name}
		case f.Flags&0x1 != 0:
			// Zip-level encryption (general purpose bit 0): Excel never
			// writes it, but a password is a password to the sender.
			return &Error{Kind: Encrypted, Entry: f.Name}
		case f.Method != zip.Store && f.Method != zip.Deflate:
			return &Error{Kind: Corrupt, Entry: f.Name, Err: zip.ErrAlgorithm}
		case f.UncompressedSize64 > uint64(lim.MaxEntrySize):
			return &Error{Kind: EntryTooLarge, Entry: f.Name, Limit: lim.MaxEntrySize}
		}
		total += f.UncompressedSize64 // no overflow: each term is at most MaxEntrySize
		if total > uint64(lim.MaxTotalSize) {
			return &Error{Kind: TotalTooLarge, Entry: f.Name, Limit: lim.MaxTotalSize}
		}
		// Part names are case-insensitive in OPC: two entries that
		// differ only in case are the same part, and which one a reader
		// takes is up to the reader.
		key := strings.ToLower(f.Name)
		if seen[key] {
			return &Error{Kind: Corrupt, Entry: f.Name, Err: errors.New("zip: duplicate entry")}
		}
		seen[key] = true
		switch f.Name {
		case "[Content_Types].xml":
			contentTypes = true
		case "xl/workbook.xml":
			workbook = true
		}
	}
	if !contentTypes || !workbook {
		return &Error{Kind: NotWorkbook}
	}
	return nil
}

// checkLayout refuses entries whose data lie outside the file or overlap
// another entry's data. It reads each local header (30 bytes and the
// name) but decompresses nothing.
func checkLayout(files []*zip.File, size int64) *Error {
	type span struct {
		start, end int64
		name       string
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return &Error{Kind: Corrupt, Entry: f.Name, Err: err}
		}
		end := off + int64(f.CompressedSize64)
		if f.CompressedSize64 > uint64(size) || end > size {
			return &Error{Kind: Corrupt, Entry: f.Name, Err: io.ErrUnexpectedEOF}
		}
		spans = append(spans, span{off, end, f.Name})
	}
	slices.SortFunc(spans, func(a, b span) int {
		switch {
		case a.start < b.start:
			return -1
		case a.start > b.start:
			return 1
		}
		return 0
	})
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return &Error{Kind: Corrupt, Entry: spans[i].name, Err: errOverlap}
		}
	}
	return nil
}

// checkData decompresses one entry to its end into a CRC, never reading
// more than one byte past its declared size. archive/zip checks the CRC
// only at EOF, so reading to EOF matters; it also skips the check when
// the header's CRC is zero, so the CRC is compared here as well.
func checkData(f *zip.File, buf []byte) *Error {
	rc, err := f.Open()
	if err != nil {
		return &Error{Kind: Corrupt, Entry: f.Name, Err: err}
	}
	defer rc.Close()
	sum := crc32.NewIEEE()
	// The declared size is at most MaxEntrySize (checkHeaders), so the
	// limit bounds the work of a bomb that lies about its size.
	n, err := io.CopyBuffer(sum, io.LimitReader(rc, int64(f.UncompressedSize64)+1), buf)
	switch {
	case err != nil:
		return &Error{Kind: Corrupt, Entry: f.Name, Err: err}
	case uint64(n) != f.UncompressedSize64:
		return &Error{Kind: Corrupt, Entry: f.Name, Err: errLength}
	case sum.Sum32() != f.CRC32:
		return &Error{Kind: Corrupt, Entry: f.Name, Err: zip.ErrChecksum}
	}
	return nil
}

// insecureName reports whether an entry name could point outside the
// folder it would be unpacked into, on any system. Nothing is unpacked
// here, but Excel never writes such a name, excelize keeps it as it is,
// and a later tool might unpack it.
func insecureName(name string) bool {
	switch {
	case name == "", strings.HasPrefix(name, "/"), strings.Contains(name, `\`):
		return true
	case len(name) >= 2 && name[1] == ':' && isASCIILetter(name[0]):
		return true // drive letter: C:x or C:/x
	case slices.Contains(strings.Split(name, "/"), ".."):
		return true
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return true // control characters: NUL truncates names in C tools
	}
	// The rule zip.NewReader applies with zipinsecurepath=0 on this system.
	return !filepath.IsLocal(name)
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// trackingReader remembers the first error of r other than io.EOF. Such an
// error is a fault of the disk or the caller, not of the file, and Check
// returns it instead of calling the file damaged.
type trackingReader struct {
	r   io.ReaderAt
	err error
}

func (t *trackingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := t.r.ReadAt(p, off)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = err
	}
	return n, err
}

// scanChunk is the size of the chunks a file is scanned in: large enough
// to be fast, small enough to keep memory flat.
const scanChunk = 64 << 10

// scan reads r from off to size in chunks and calls fn with each chunk
// and its offset, prefixed by the last keep bytes of the chunk before so
// that a pattern across a boundary is seen whole. fn returns false to
// stop. A read error ends the scan (trackingReader has kept it).
func scan(r io.ReaderAt, off, size int64, keep int, fn func(off int64, b []byte) bool) {
	buf := make([]byte, keep+scanChunk)
	carried := 0
	for off < size {
		n, err := r.ReadAt(buf[carried:carried+int(min(scanChunk, size-off))], off)
		b := buf[:carried+n]
		if !fn(off-int64(carried), b) || err != nil || n == 0 {
			return
		}
		off += int64(n)
		carried = min(keep, len(b))
		copy(buf, b[len(b)-carried:])
	}
}

// countSig counts the occurrences of sig in r, stopping once the count
// passes limit. sig must not overlap itself (no proper prefix equal to a
// suffix), so that no occurrence is counted twice across chunks.
func countSig(r io.ReaderAt, size int64, sig []byte, limit int) int {
	count := 0
	scan(r, 0, size, len(sig)-1, func(_ int64, b []byte) bool {
		count += bytes.Count(b, sig)
		return count <= limit
	})
	return count
}
