package workbook

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/zipcheck"
)

// ErrRefused means that a workbook was refused by the checks made before
// it is parsed (too large, damaged, crafted); reading it gives the
// finding that says why.
var ErrRefused = errors.New("workbook refused by the checks before parsing")

// openChecked opens the workbook in r after the checks Read makes before
// parsing: zipcheck's structure and limits, the reader's limits on
// parts, the entries' real sizes and CRCs, and the sheets' shapes. What
// writes a copy of a returned workbook (annotate, fill) opens it so,
// and costs no more than reading it. The caller closes the file.
func openChecked(ctx context.Context, r io.ReaderAt, size int64) (*excelize.File, error) {
	entries, refused, err := checkArchive(r, size, "", zipcheck.Limits{})
	if err != nil {
		return nil, err
	}
	if refused != nil {
		return nil, fmt.Errorf("%w (%s)", ErrRefused, refused.Code)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), openOptions(zipcheck.Limits{}))
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, fmt.Errorf("open workbook: %w", err)
	}
	refused, err = verifyArchive(f, entries, r, size, "", zipcheck.Limits{})
	if refused == nil && err == nil {
		refused = inspect(f, "").refused
	}
	if refused != nil || err != nil {
		f.Close()
		if err == nil {
			err = fmt.Errorf("%w (%s)", ErrRefused, refused.Code)
		}
		return nil, err
	}
	return f, nil
}
