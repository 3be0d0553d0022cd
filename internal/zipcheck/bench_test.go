package zipcheck

import (
	"archive/zip"
	"bytes"
	"testing"
)

// BenchmarkCheck measures Check with the default limits on an ordinary
// workbook, on bombs of about 200 MB unpacked, on floods of entries and
// on the worst archive it still passes. The refusals must cost
// milliseconds; only the last case reads up to MaxTotalSize.
func BenchmarkCheck(b *testing.B) {
	cases := []struct {
		name string
		data func(b *testing.B) []byte
	}{
		{"workbook-20KB", func(b *testing.B) []byte { return realWorkbook(b, 25, "") }},
		{"workbook-200KB", func(b *testing.B) []byte { return realWorkbook(b, 800, "") }},
		{"bomb-1x200MB", func(b *testing.B) []byte { return bomb(b, 1, 200) }},
		{"bomb-4x50MB", func(b *testing.B) []byte { return bomb(b, 4, 50) }},
		{"bomb-200MB-declaring-1KB", func(b *testing.B) []byte {
			return patchCentral(b, bomb(b, 1, 200), "xl/media/image1.bin", put32(cdUncompressed, 1024))
		}},
		{"bomb-200MB-declaring-60MB", func(b *testing.B) []byte {
			return patchCentral(b, bomb(b, 1, 200), "xl/media/image1.bin", put32(cdUncompressed, 60<<20))
		}},
		{"entries-10001", func(b *testing.B) []byte { return manyEntries(b, 10001) }},
		{"central-flood-25MB", func(*testing.B) []byte { return centralFlood((25<<20 - 60) / 46) }},
		{"cfb-scan-25MB", func(*testing.B) []byte {
			c := cfb(nil, "WordDocument")
			return append(c, make([]byte, 25<<20-len(c))...)
		}},
		{"accepted-2x63MB", func(b *testing.B) []byte { return bomb(b, 2, 63) }},
	}
	for _, c := range cases {
		data := c.data(b)
		b.Run(c.name, func(b *testing.B) {
			err := Check(bytes.NewReader(data), int64(len(data)), Limits{})
			b.Logf("%d bytes, %d declared unpacked: %v", len(data), unpacked(data), err)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				Check(bytes.NewReader(data), int64(len(data)), Limits{})
			}
		})
	}
}

// BenchmarkNewReaderFlood is the cost that counting the central headers
// first avoids: zip.NewReader on 25 MB of bare central headers.
func BenchmarkNewReaderFlood(b *testing.B) {
	data := centralFlood((25<<20 - 60) / 46)
	b.ReportAllocs()
	for b.Loop() {
		zip.NewReader(bytes.NewReader(data), int64(len(data)))
	}
}

// unpacked is the sum of the sizes the entries declare, or 0.
func unpacked(data []byte) (n uint64) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	for _, f := range zr.File {
		n += f.UncompressedSize64
	}
	return n
}
