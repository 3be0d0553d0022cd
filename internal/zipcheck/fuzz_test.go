package zipcheck

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzCheck feeds Check arbitrary bytes: it must never panic, must return
// nil or an *Error with a known kind (a bytes.Reader never fails), and an
// archive it passes must read back whole through archive/zip. Time per
// input is bounded by the limits (at most MaxTotalSize unpacked); the
// tight limits let the fuzzer reach every refusal with small inputs.
func FuzzCheck(f *testing.F) {
	valid := workbookWith(f)
	crc := centralField(f, valid, "xl/workbook.xml", cdCRC)
	for _, seed := range [][]byte{
		valid,
		valid[:len(valid)/2],
		patchCentral(f, valid, "xl/workbook.xml", put32(cdCRC, crc^1)),
		patchCentral(f, valid, "xl/workbook.xml", put32(cdUncompressed, 3)),
		buildRaw(f, stored("xl/sharedStrings.xml", []byte("<sst/>"))),
		workbookWith(f, entry{name: "../x"}),
		manyEntries(f, 30),
		buildZip(f),
		cfb(nil, "Workbook"),
		cfb(nil, "EncryptionInfo", "EncryptedPackage"),
		[]byte("Mål för enheten\n"),
		nil,
	} {
		f.Add(seed)
	}
	tight := Limits{MaxFileSize: 1 << 20, MaxEntries: 16, MaxEntrySize: 1 << 20, MaxTotalSize: 4 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lim := range []Limits{{}, tight} {
			err := Check(bytes.NewReader(data), int64(len(data)), lim)
			// The two-step check never refuses what Check passes, and
			// never passes what Check refuses but for data running on
			// past the declared size, which a parser does not read.
			if err2 := checkThenVerify(data, lim); err == nil && err2 != nil {
				t.Fatalf("Check passed, CheckStructure and Verify = %v", err2)
			}
			if err == nil {
				readBack(t, data)
				continue
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Check = %v (%T), want *Error", err, err)
			}
			if !e.Kind.valid() || e.Data() == nil || e.Error() == "" {
				t.Fatalf("malformed *Error %#v", e)
			}
		}
	})
}

// readBack reads every entry of an archive that Check passed, with
// archive/zip alone.
func readBack(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("Check passed an archive zip.NewReader refuses: %v", err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("Check passed %q, which does not open: %v", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			t.Fatalf("Check passed %q, which does not read: %v", f.Name, err)
		}
	}
}
