package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// zpart is one entry of a workbook's archive.
type zpart struct {
	name string
	data []byte
}

// parts returns the entries of an archive in their order.
func parts(tb testing.TB, data []byte) []zpart {
	tb.Helper()
	ps, ok := tryParts(data)
	if !ok {
		tb.Fatal("not a readable zip archive")
	}
	return ps
}

// tryParts returns the entries of an archive, or false when data is no
// readable archive.
func tryParts(data []byte) ([]zpart, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, false
	}
	out := make([]zpart, 0, len(zr.File))
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, false
		}
		b, err := io.ReadAll(io.LimitReader(rc, 16<<20))
		rc.Close()
		if err != nil {
			return nil, false
		}
		out = append(out, zpart{f.Name, b})
	}
	return out, true
}

// rezip writes parts into a new archive, deflated, with fixed times so
// that the same parts give the same bytes.
func rezip(tb testing.TB, ps []zpart) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range ps {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err == nil {
			_, err = w.Write(p.data)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// editParts rezips data with fn applied to every part; fn returns the new
// bytes, or nil to drop the part. extra parts are added at the end.
func editParts(tb testing.TB, data []byte, fn func(name string, b []byte) []byte, extra ...zpart) []byte {
	tb.Helper()
	var out []zpart
	for _, p := range parts(tb, data) {
		if fn != nil {
			p.data = fn(p.name, p.data)
		}
		if p.data != nil {
			out = append(out, p)
		}
	}
	return rezip(tb, append(out, extra...))
}
