package workbook

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// TestReadInsecureName reads a filled workbook with an extra entry "../x"
// under both settings of GODEBUG zipinsecurepath: the main package sets 0,
// tests and other programs run with Go's default. Either way the file is
// refused with MB0315 before excelize opens it, and nothing else is said.
func TestReadInsecureName(t *testing.T) {
	data := editParts(t, filled(t, domain.Swedish), nil, zpart{"../x", []byte("x")})
	for _, setting := range []string{"zipinsecurepath=1", "zipinsecurepath=0"} {
		t.Run(setting, func(t *testing.T) {
			t.Setenv("GODEBUG", setting)
			sub, fs, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), testOrg(), ReadOptions{Name: "x.xlsx"})
			if err != nil || sub != nil || len(fs) != 1 || fs[0].Code != "MB0315" || fs[0].MessageID != "ArchiveInsecureName" {
				t.Errorf("Read = %v, %+v, %v; want only MB0315", sub != nil, fs, err)
			}
		})
	}
}

// TestOpenOptions checks that excelize gets the bounds zipcheck applied:
// the total as UnzipSizeLimit, one entry as UnzipXMLSizeLimit, defaults
// for fields left zero, and never an XML limit above the total (which
// excelize refuses).
func TestOpenOptions(t *testing.T) {
	d := zipcheck.DefaultLimits()
	tests := []struct {
		name             string
		lim              zipcheck.Limits
		wantTotal, wantX int64
	}{
		{"defaults", zipcheck.Limits{}, d.MaxTotalSize, d.MaxEntrySize},
		{"set", zipcheck.Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 8 << 20}, 8 << 20, 1 << 20},
		{"entry above total", zipcheck.Limits{MaxEntrySize: 8 << 20, MaxTotalSize: 1 << 20}, 1 << 20, 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := openOptions(tt.lim)
			if o.UnzipSizeLimit != tt.wantTotal || o.UnzipXMLSizeLimit != tt.wantX {
				t.Errorf("openOptions = %d, %d; want %d, %d", o.UnzipSizeLimit, o.UnzipXMLSizeLimit, tt.wantTotal, tt.wantX)
			}
		})
	}
}

// TestReadLimits checks that ReadOptions.Limits reach zipcheck, and that
// each limit gives MB0314 with its own message and only the limit as data.
func TestReadLimits(t *testing.T) {
	data := filled(t, domain.Swedish)
	tests := []struct {
		name    string
		lim     zipcheck.Limits
		message string
		data    map[string]any
	}{
		{"file", zipcheck.Limits{MaxFileSize: 1 << 10}, "ArchiveTooLarge", map[string]any{"MaxMB": int64(0)}},
		{"entries", zipcheck.Limits{MaxEntries: 5}, "ArchiveTooManyEntries", map[string]any{"MaxEntries": int64(5)}},
		{"entry", zipcheck.Limits{MaxEntrySize: 1 << 10}, "ArchiveEntryTooLarge", map[string]any{"MaxMB": int64(0)}},
		{"total", zipcheck.Limits{MaxTotalSize: 16 << 10}, "ArchiveTotalTooLarge", map[string]any{"MaxMB": int64(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, fs, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), testOrg(), ReadOptions{Name: "x.xlsx", Limits: tt.lim})
			if err != nil || sub != nil || len(fs) != 1 {
				t.Fatalf("Read = %v, %+v, %v; want one finding", sub != nil, fs, err)
			}
			if f := fs[0]; f.Code != "MB0314" || f.MessageID != tt.message || !reflect.DeepEqual(f.Data, tt.data) {
				t.Errorf("finding %+v, want MB0314 %s %v", f, tt.message, tt.data)
			}
		})
	}
}

// failingReader fails every read: a second look at the file shows.
type failingReader struct{}

func (failingReader) ReadAt([]byte, int64) (int, error) { return 0, errors.New("read again") }

// TestVerifyArchive checks the check that replaces a second
// decompression: parts that match their headers are passed without
// reading the file again; a part that does not match, or is not there to
// compare, leaves the verdict to zipcheck.Check on the file itself, so
// that a part excelize changed in memory never refuses a sound file.
func TestVerifyArchive(t *testing.T) {
	data := filled(t, domain.Swedish)
	entries, err := zipcheck.CheckStructure(bytes.NewReader(data), int64(len(data)), zipcheck.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	changed := slices.Clone(entries)
	changed[len(changed)-1].CRC32 ^= 1
	missing := append(slices.Clone(entries), zipcheck.Entry{Name: "xl/media/image9.png"})
	tests := []struct {
		name    string
		entries []zipcheck.Entry
		r       io.ReaderAt
		wantErr bool
	}{
		{"parts match: the file is not read again", entries, failingReader{}, false},
		{"a part differs: the file is checked again", changed, bytes.NewReader(data), false},
		{"a part differs: a failing second read is an error", changed, failingReader{}, true},
		{"a part is missing: the file is checked again", missing, bytes.NewReader(data), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fd, err := verifyArchive(f, tt.entries, tt.r, int64(len(data)), "x.xlsx", zipcheck.Limits{})
			if fd != nil || (err != nil) != tt.wantErr {
				t.Errorf("verifyArchive = %+v, %v; want no finding, error %v", fd, err, tt.wantErr)
			}
		})
	}
}
