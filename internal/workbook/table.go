package workbook

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/zipcheck"
)

// ErrNoSheet means a workbook without a sheet to read.
var ErrNoSheet = errors.New("workbook has no sheet")

// FirstSheetRows reads the first sheet of an .xlsx that some other
// program wrote (an HR system's export), row by row, cell values as stored:
// each calls each with the 1-based row number and the row's cells, empty
// rows too, until it returns false, or maxRows rows. The caller has
// checked the archive with zipcheck under limits; excelize gets the same
// bounds. A crafted sheet that trips the parser is an error, not a crash.
func FirstSheetRows(data []byte, limits zipcheck.Limits, maxRows int, each func(row int, cells []string) bool) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("read sheet: damaged workbook: %v", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), openOptions(limits))
	if err != nil {
		return fmt.Errorf("open workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return ErrNoSheet
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return fmt.Errorf("read sheet: %w", err)
	}
	defer rows.Close()
	for n := 1; n <= maxRows && rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("read row %d: %w", n, err)
		}
		if !each(n, cells) {
			return nil
		}
	}
	return rows.Error()
}
