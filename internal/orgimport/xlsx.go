package orgimport

import (
	"bytes"
	"errors"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/workbook"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// xlsxLimits bound an exported workbook before excelize opens it. An
// export of a few thousand rows unpacks to a few MB; the shared strings
// are parsed whole, at some 30 times their size, so parts stay small.
var xlsxLimits = zipcheck.Limits{
	MaxFileSize:  MaxSize,
	MaxEntries:   500,
	MaxEntrySize: 16 << 20,
	MaxTotalSize: 64 << 20,
}

// maxSheetRows bounds the rows walked, empty ones included: a sheet whose
// last row is numbered a million is walked quickly but not for ever.
const maxSheetRows = 1 << 20

// readXLSX reads the first sheet of an .xlsx export, cell values as
// stored (a code 0042 kept as text stays 0042).
func readXLSX(name string, data []byte) (t *Table, fs domain.Findings) {
	at := domain.Location{File: name}
	if err := zipcheck.Check(bytes.NewReader(data), int64(len(data)), xlsxLimits); err != nil {
		return nil, domain.Findings{archiveFinding(err, at)}
	}
	t = &Table{File: name, Encoding: EncodingXLSX}
	full := false
	err := workbook.FirstSheetRows(data, xlsxLimits, maxSheetRows, func(n int, cells []string) bool {
		if !t.add(n, cells) {
			full = true
			return false
		}
		return true
	})
	switch {
	case full:
		return nil, domain.Findings{TableTooManyRows.Finding(at, map[string]any{"Max": MaxRows})}
	case err != nil:
		return nil, domain.Findings{WorkbookDamaged.Finding(at, nil)}
	case len(t.Rows) == 0:
		return nil, domain.Findings{TableEmpty.Finding(at, nil)}
	}
	return t, nil
}

// archiveFinding says why zipcheck refused the file, in words for HR
// rather than for a manager returning a goal workbook.
func archiveFinding(err error, at domain.Location) domain.Finding {
	var ze *zipcheck.Error
	if errors.As(err, &ze) {
		switch ze.Kind {
		case zipcheck.OldXLS:
			return WorkbookOldXLS.Finding(at, nil)
		case zipcheck.Encrypted:
			return WorkbookEncrypted.Finding(at, nil)
		case zipcheck.TooLarge, zipcheck.TooManyEntries, zipcheck.EntryTooLarge, zipcheck.TotalTooLarge:
			return TableTooLarge.Finding(at, map[string]any{"MaxMB": MaxSize >> 20})
		}
	}
	return WorkbookDamaged.Finding(at, nil)
}
