package zipcheck

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	valid := workbookWith(t)
	small := Limits{MaxFileSize: 1 << 20, MaxEntries: 20, MaxEntrySize: 64 << 10, MaxTotalSize: 100 << 10}
	big := bytes.Repeat([]byte("<c>Vad Hur Uppföljning</c>"), 4000) // 104 KB, deflates well

	tests := []struct {
		name  string
		data  func(t *testing.T) []byte
		lim   Limits
		kind  Kind   // 0: Check returns nil
		entry string // the Entry the error names
		is    error  // an error the *Error wraps, when it matters
	}{
		{name: "minimal workbook", data: func(*testing.T) []byte { return valid }},
		{name: "stored entries", data: func(t *testing.T) []byte {
			es := minimal()
			for i := range es {
				es[i].store = true
			}
			return buildZip(t, es...)
		}},
		{name: "with directory entry", data: func(t *testing.T) []byte {
			return workbookWith(t, entry{name: "xl/media/", store: true})
		}},
		{name: "workbook written by excelize", data: func(t *testing.T) []byte { return realWorkbook(t, 20, "") }},

		{name: "empty file", data: func(*testing.T) []byte { return nil }, kind: Empty},
		{name: "text renamed xlsx", data: func(*testing.T) []byte {
			return []byte("Mål för enheten Björken\nVad: trygghet\n")
		}, kind: NotZip},
		{name: "three bytes", data: func(*testing.T) []byte { return []byte("PK\x03") }, kind: NotZip},
		{name: "zip after other bytes", data: func(*testing.T) []byte {
			return append([]byte("%PDF-1.7\n"), valid...)
		}, kind: NotZip},
		{name: "truncated to half", data: func(*testing.T) []byte { return valid[:len(valid)/2] }, kind: Corrupt},
		{name: "truncated end record", data: func(*testing.T) []byte { return valid[:len(valid)-10] }, kind: Corrupt},
		{name: "file larger than limit", data: func(*testing.T) []byte { return valid }, lim: Limits{MaxFileSize: 100}, kind: TooLarge},

		{name: "old xls", data: func(*testing.T) []byte {
			return cfb(nil, "Workbook", "\x05SummaryInformation")
		}, kind: OldXLS},
		{name: "excel 95 xls", data: func(*testing.T) []byte { return cfb(nil, "Book") }, kind: OldXLS},
		{name: "old xls quoting EncryptionInfo in a cell", data: func(*testing.T) []byte {
			text := append([]byte{0, 0, 0}, utf16le("EncryptionInfo")...)
			return cfb(text, "Workbook")
		}, kind: OldXLS},
		{name: "encrypted ooxml", data: func(*testing.T) []byte {
			return cfb(nil, "\x06DataSpaces", "EncryptionInfo", "EncryptedPackage")
		}, kind: Encrypted},
		{name: "encrypted by excelize", data: func(t *testing.T) []byte { return realWorkbook(t, 5, "hemligt") }, kind: Encrypted},
		{name: "word document", data: func(*testing.T) []byte { return cfb(nil, "WordDocument", "1Table") }, kind: NotZip},
		{name: "compound file header only", data: func(*testing.T) []byte { return cfbMagic }, kind: NotZip},

		{name: "dot dot", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: "../x"}) }, kind: InsecureName, entry: "../x"},
		{name: "dot dot inside", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: "xl/../../x"}) }, kind: InsecureName, entry: "xl/../../x"},
		{name: "absolute", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: "/abs"}) }, kind: InsecureName, entry: "/abs"},
		{name: "drive letter", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: `C:\x`}) }, kind: InsecureName, entry: `C:\x`},
		{name: "drive relative", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: "c:x"}) }, kind: InsecureName, entry: "c:x"},
		{name: "backslash", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: `xl\worksheets\sheet2.xml`}) }, kind: InsecureName, entry: `xl\worksheets\sheet2.xml`},
		{name: "nul in name", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: "xl/a\x00.xml"}) }, kind: InsecureName, entry: "xl/a\x00.xml"},
		{name: "empty name", data: func(t *testing.T) []byte { return workbookWith(t, entry{name: ""}) }, kind: InsecureName},

		{name: "10001 entries", data: func(t *testing.T) []byte {
			return cached(t, "many", func() []byte { return manyEntries(t, 10001) })
		}, kind: TooManyEntries},
		{name: "entries just over a small limit", data: func(t *testing.T) []byte { return manyEntries(t, 21) }, lim: small, kind: TooManyEntries},
		{name: "entries at a small limit", data: func(t *testing.T) []byte { return manyEntries(t, 20) }, lim: small},
		{name: "flood of central headers", data: func(*testing.T) []byte { return centralFlood(100_000) }, kind: TooManyEntries},

		{name: "zip bomb 200 MB in one entry", data: func(t *testing.T) []byte {
			return cached(t, "bomb1x200", func() []byte { return bomb(t, 1, 200) })
		}, kind: EntryTooLarge, entry: "xl/media/image1.bin"},
		{name: "zip bomb 200 MB in four entries", data: func(t *testing.T) []byte {
			return cached(t, "bomb4x50", func() []byte { return bomb(t, 4, 50) })
		}, kind: TotalTooLarge, entry: "xl/media/image3.bin"},
		{name: "zip bomb declaring 1 KB", data: func(t *testing.T) []byte {
			b := cached(t, "bomb1x200", func() []byte { return bomb(t, 1, 200) })
			return patchCentral(t, b, "xl/media/image1.bin", put32(cdUncompressed, 1024))
		}, kind: Corrupt, entry: "xl/media/image1.bin"},
		{name: "entry larger than declared", data: func(t *testing.T) []byte {
			b := workbookWith(t, entry{name: "xl/sharedStrings.xml", data: big})
			return patchCentral(t, b, "xl/sharedStrings.xml", put32(cdUncompressed, 1000))
		}, kind: Corrupt, entry: "xl/sharedStrings.xml"},
		{name: "entry smaller than declared", data: func(t *testing.T) []byte {
			b := workbookWith(t, entry{name: "xl/sharedStrings.xml", data: big})
			return patchCentral(t, b, "xl/sharedStrings.xml", put32(cdUncompressed, uint32(len(big)+1)))
		}, kind: Corrupt, entry: "xl/sharedStrings.xml", is: io.ErrUnexpectedEOF},
		{name: "crc field flipped", data: func(t *testing.T) []byte {
			crc := centralField(t, valid, "xl/workbook.xml", cdCRC)
			return patchCentral(t, valid, "xl/workbook.xml", put32(cdCRC, crc^1))
		}, kind: Corrupt, entry: "xl/workbook.xml", is: zip.ErrChecksum},
		{name: "stored data byte flipped", data: func(t *testing.T) []byte {
			b := buildRaw(t, stored("xl/sharedStrings.xml", []byte("<sst><si><t>Trygghet</t></si></sst>")))
			i := bytes.Index(b, []byte("Trygghet"))
			b[i] ^= 0x20
			return b
		}, kind: Corrupt, entry: "xl/sharedStrings.xml", is: zip.ErrChecksum},
		{name: "deflated data byte flipped", data: func(t *testing.T) []byte {
			b := workbookWith(t, entry{name: "xl/sharedStrings.xml", data: big})
			var off uint32
			patchCentral(t, b, "xl/sharedStrings.xml", func(h []byte) { off = le32(h[cdLocalOffset:]) })
			b[int(off)+30+len("xl/sharedStrings.xml")+40] ^= 0xFF // inside the deflate stream
			return b
		}, kind: Corrupt, entry: "xl/sharedStrings.xml"},
		{name: "crc zero in header", data: func(t *testing.T) []byte {
			// archive/zip skips the CRC check when the header says 0
			// and there is no data descriptor; Check does not.
			e := stored("xl/sharedStrings.xml", []byte("<sst/>"))
			e.crc = 0
			return buildRaw(t, e)
		}, kind: Corrupt, entry: "xl/sharedStrings.xml", is: zip.ErrChecksum},

		{name: "entry larger than limit", data: func(t *testing.T) []byte {
			return workbookWith(t, entry{name: "xl/sharedStrings.xml", data: big})
		}, lim: small, kind: EntryTooLarge, entry: "xl/sharedStrings.xml"},
		{name: "entry at limit", data: func(t *testing.T) []byte {
			return workbookWith(t, entry{name: "xl/sharedStrings.xml", data: big[:64<<10]})
		}, lim: small},
		{name: "total larger than limit", data: func(t *testing.T) []byte {
			return workbookWith(t, entry{name: "xl/a.xml", data: big[:60<<10]}, entry{name: "xl/b.xml", data: big[:60<<10]})
		}, lim: small, kind: TotalTooLarge, entry: "xl/b.xml"},

		{name: "no workbook part", data: func(t *testing.T) []byte {
			return buildZip(t, entry{name: "[Content_Types].xml"}, entry{name: "word/document.xml"})
		}, kind: NotWorkbook},
		{name: "no content types", data: func(t *testing.T) []byte { return buildZip(t, minimal()[1:]...) }, kind: NotWorkbook},
		{name: "empty archive", data: func(t *testing.T) []byte { return buildZip(t) }, kind: NotWorkbook},
		{name: "zip-encrypted entry", data: func(t *testing.T) []byte {
			e := stored("xl/sharedStrings.xml", []byte("<sst/>"))
			e.flags = 0x1
			return buildRaw(t, e)
		}, kind: Encrypted, entry: "xl/sharedStrings.xml"},
		{name: "unknown method", data: func(t *testing.T) []byte {
			e := stored("xl/sharedStrings.xml", []byte("<sst/>"))
			e.method = 14 // LZMA
			return buildRaw(t, e)
		}, kind: Corrupt, entry: "xl/sharedStrings.xml", is: zip.ErrAlgorithm},
		{name: "duplicate entry", data: func(t *testing.T) []byte {
			return workbookWith(t, entry{name: "xl/workbook.xml"})
		}, kind: Corrupt, entry: "xl/workbook.xml"},
		{name: "duplicate in other case", data: func(t *testing.T) []byte {
			return workbookWith(t, entry{name: "XL/Workbook.xml"})
		}, kind: Corrupt, entry: "XL/Workbook.xml"},
		{name: "overlapping entries", data: func(t *testing.T) []byte {
			// Two central headers for the same local entry: each is
			// whole and correct, but the file is counted twice.
			same := []byte("<sst><si><t>Mod</t></si></sst>")
			b := buildRaw(t, stored("xl/a.xml", same), stored("xl/b.xml", same))
			off := centralField(t, b, "xl/a.xml", cdLocalOffset)
			return patchCentral(t, b, "xl/b.xml", put32(cdLocalOffset, off))
		}, kind: Corrupt, is: errOverlap},
		{name: "data past end of file", data: func(t *testing.T) []byte {
			b := buildRaw(t, stored("xl/a.xml", []byte("<a/>")))
			return patchCentral(t, b, "xl/a.xml", put32(20, 1<<20)) // compressed size
		}, kind: Corrupt, entry: "xl/a.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			err := Check(bytes.NewReader(data), int64(len(data)), tt.lim)
			if tt.kind == 0 {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
			} else {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("Check = %v, want *Error of kind %v", err, tt.kind)
				}
				if e.Kind != tt.kind {
					t.Errorf("Kind = %v, want %v (%v)", e.Kind, tt.kind, err)
				}
				if tt.entry != "" && e.Entry != tt.entry {
					t.Errorf("Entry = %q, want %q", e.Entry, tt.entry)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("Check = %v, want it to wrap %v", err, tt.is)
				}
			}

			// CheckStructure, then Verify of what a trusting parser
			// unpacks, refuses the same files for the same reason.
			err2 := checkThenVerify(data, tt.lim)
			var e, e2 *Error
			errors.As(err, &e)
			errors.As(err2, &e2)
			switch {
			case (e == nil) != (e2 == nil):
				t.Errorf("CheckStructure and Verify = %v, Check = %v", err2, err)
			case e != nil && (e.Kind != e2.Kind || e.Entry != e2.Entry):
				t.Errorf("CheckStructure and Verify = %v, Check = %v", err2, err)
			}
		})
	}
}

// checkThenVerify runs CheckStructure, unpacks every entry the way
// excelize does (archive/zip, read errors ignored) and verifies it.
func checkThenVerify(data []byte, lim Limits) error {
	entries, err := CheckStructure(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if err := entries[i].Verify(b); err != nil {
			return err
		}
	}
	return nil
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// TestInsecurePathGodebug checks both behaviours of zip.NewReader: with
// zipinsecurepath=0 (as the main package sets it) it returns
// zip.ErrInsecurePath along with the reader.
func TestInsecurePathGodebug(t *testing.T) {
	b := workbookWith(t, entry{name: "../x"})
	for _, setting := range []string{"zipinsecurepath=1", "zipinsecurepath=0"} {
		t.Run(setting, func(t *testing.T) {
			t.Setenv("GODEBUG", setting)
			_, nrErr := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if want := setting == "zipinsecurepath=0"; errors.Is(nrErr, zip.ErrInsecurePath) != want {
				t.Fatalf("zip.NewReader = %v; the setting did not take effect", nrErr)
			}
			err := Check(bytes.NewReader(b), int64(len(b)), Limits{})
			var e *Error
			if !errors.As(err, &e) || e.Kind != InsecureName || e.Entry != "../x" {
				t.Fatalf("Check = %v, want InsecureName for ../x", err)
			}
		})
	}
}

// TestBombIsWellFormed makes sure that the bomb is refused for its size,
// not for a fault of the builder: with limits above its size it passes.
func TestBombIsWellFormed(t *testing.T) {
	if testing.Short() {
		t.Skip("unpacks 200 MB")
	}
	b := cached(t, "bomb1x200", func() []byte { return bomb(t, 1, 200) })
	if len(b) > 256<<10 {
		t.Errorf("bomb is %d bytes, want a small file", len(b))
	}
	lim := Limits{MaxEntrySize: 256 << 20, MaxTotalSize: 256 << 20}
	if err := Check(bytes.NewReader(b), int64(len(b)), lim); err != nil {
		t.Fatalf("Check = %v, want nil with limits above the bomb", err)
	}
}

// TestReadError: a failing disk is not a damaged workbook.
func TestReadError(t *testing.T) {
	valid := workbookWith(t)
	for _, n := range []int64{0, 4, int64(len(valid)) - 30, int64(len(valid)) / 2} {
		err := Check(failingReader{valid, n}, int64(len(valid)), Limits{})
		var e *Error
		if errors.As(err, &e) || !errors.Is(err, errDisk) {
			t.Errorf("fail after %d bytes: Check = %v, want the read error and no *Error", n, err)
		}
	}
}

func TestCheckNegativeSize(t *testing.T) {
	err := Check(bytes.NewReader(nil), -1, Limits{})
	var e *Error
	if err == nil || errors.As(err, &e) {
		t.Fatalf("Check = %v, want a plain error", err)
	}
}

// TestCheckFile reads files given in ZIPCHECK_FILES (separated by the
// path list separator), for trying Check on real workbooks: files saved
// by Excel, LibreOffice or Numbers, .xls files and encrypted ones.
func TestCheckFile(t *testing.T) {
	list := os.Getenv("ZIPCHECK_FILES")
	if list == "" {
		t.Skip("set ZIPCHECK_FILES to check real files")
	}
	for _, path := range filepath.SplitList(list) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		err = Check(f, st.Size(), Limits{})
		f.Close()
		t.Logf("%s: %v", filepath.Base(path), err)
	}
}

func TestLimitsDefaults(t *testing.T) {
	d := DefaultLimits()
	if got := (Limits{}).WithDefaults(); got != d {
		t.Errorf("zero Limits = %+v, want %+v", got, d)
	}
	got := Limits{MaxFileSize: -1, MaxEntries: 7}.WithDefaults()
	if got.MaxFileSize != d.MaxFileSize || got.MaxEntries != 7 || got.MaxEntrySize != d.MaxEntrySize {
		t.Errorf("partial Limits = %+v", got)
	}
}

func TestInsecureName(t *testing.T) {
	for name, want := range map[string]bool{
		"xl/workbook.xml": false, "[Content_Types].xml": false, "xl/media/": false,
		"docProps/app.xml": false, "xl/a..b.xml": false, "xl/..x": false,
		"": true, "/x": true, "../x": true, "xl/..": true, "a/../b": true, `a\b`: true,
		"C:/x": true, "z:": true, "x\x7f": true, "x\ny": true, "..": true,
	} {
		if got := insecureName(name); got != want {
			t.Errorf("insecureName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestErrorText(t *testing.T) {
	e := &Error{Kind: Corrupt, Entry: strings.Repeat("x", 200) + "\x1b[31m", Err: zip.ErrChecksum}
	s := e.Error()
	if strings.Contains(s, "\x1b") || len(s) > 200 || !strings.Contains(s, "checksum") {
		t.Errorf("Error() = %q: want the name quoted and shortened, and the cause", s)
	}
	if got := (&Error{Kind: 0}).MessageID(); got != "ArchiveCorrupt" {
		t.Errorf("zero kind MessageID = %q", got)
	}
	if got := Kind(200).String(); got != "Kind(200)" {
		t.Errorf("String = %q", got)
	}
}

// TestZeroCRCMissedByArchiveZip shows why Check computes the CRC itself:
// archive/zip reads an entry whose header CRC is 0 without complaint
// when there is no data descriptor.
func TestZeroCRCMissedByArchiveZip(t *testing.T) {
	e := stored("xl/sharedStrings.xml", []byte("<sst/>"))
	e.crc = 0
	b := buildRaw(t, e)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/sharedStrings.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if _, err := io.ReadAll(rc); err != nil {
		t.Skipf("archive/zip now checks a zero CRC (%v); Check's own comparison is belt and braces", err)
	}
}
