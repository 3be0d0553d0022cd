package workbook

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestGridAsExcelize reads every sheet of the corpus both ways: where the
// grid reads a sheet, each cell's raw value, whether it is a number and
// whether it has a formula are what excelize gives.
func TestGridAsExcelize(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.xlsx"))
	if len(files) == 0 {
		t.Skip("no corpus; run the corpus test first")
	}
	read := 0
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) > 2<<20 {
				t.Skip("a large file of the hostile corpus")
			}
			if filepath.Base(path) == "cells-out-of-order.xlsx" {
				// excelize loses cells written before others of their
				// row; the grid reads them where their references put
				// them, as Excel shows them.
				t.Skip("excelize loses cells here")
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Skip("excelize cannot open it")
			}
			defer f.Close()
			b := readBook(f, mustLayout(t), mustCatalogue(t))
			for _, sheet := range f.GetSheetList() {
				g := b.grid(sheet)
				if g == nil {
					continue
				}
				read++
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Errorf("%s: the grid read a sheet excelize cannot: %v", sheet, err)
					continue
				}
				for r := 1; r <= max(len(rows), g.rows); r++ {
					for c := 1; c <= g.cols+1; c++ {
						ref := cell(c, r)
						want, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
						typ, _ := f.GetCellType(sheet, ref)
						fm, _ := f.GetCellFormula(sheet, ref)
						got := g.at(c, r)
						num := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset && isNumber(want)
						if got.raw != want || got.number() != num && want != "" || (got.formula != "") != (fm != "") {
							t.Errorf("%s!%s: grid %q (number %v, formula %q), excelize %q (number %v, formula %q)", sheet, ref, got.raw, got.number(), got.formula, want, num, fm)
						}
					}
				}
			}
		})
	}
	if read == 0 {
		t.Error("the grid read no sheet")
	}
}
