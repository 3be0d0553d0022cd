package generate

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/workbook"
)

// writeManifest writes manifest.csv: one row per workbook for HR's mail
// merge, headers in the workbooks' language. A Swedish manifest is
// separated by semicolons, as Swedish Excel expects (the decimal comma
// takes the comma), an English one by commas.
func writeManifest(opts *GenerateOptions, org *domain.Organisation, jobs []job, round string, l *i18n.Localizer, set *atomicfile.Folder) error {
	r, _ := org.Round(round)
	path, err := set.Path(ManifestFile)
	if err != nil {
		return cmdutil.WriteFailed(filepath.Join(opts.OutputDir, ManifestFile), err)
	}
	err = atomicfile.Write(path, atomicfile.Options{}, func(w io.Writer) error {
		// A BOM makes Excel open the UTF-8 file with å, ä and ö intact.
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if sep := []rune(l.T("GenerateManifestSeparator", nil)); len(sep) == 1 {
			cw.Comma = sep[0]
		}
		header := []string{}
		for _, id := range []string{"GenerateManifestFile", "GenerateManifestDepartment", "GenerateManifestUnit", "GenerateManifestTeam", "GenerateManifestManager", "GenerateManifestEmail", "GenerateManifestDeadline", "GenerateManifestMeeting"} {
			header = append(header, l.T(id, nil))
		}
		if err := cw.Write(header); err != nil {
			return err
		}
		for _, j := range jobs {
			team := ""
			if j.team != nil {
				team = j.team.Name
			}
			row := []string{j.rel, j.dept.Name, j.unit.Name, team, j.unit.Manager.Name, j.unit.Manager.Email, r.Deadline.String(), meeting(r)}
			for i := range row[1:] {
				row[i+1] = workbook.EscapeFormula(row[i+1])
			}
			// The file column stays a path that opens the file: "./"
			// keeps a spreadsheet from reading "=Kultur/…" as a formula.
			if workbook.EscapeFormula(row[0]) != row[0] {
				row[0] = "./" + row[0]
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return cmdutil.WriteFailed(filepath.Join(opts.OutputDir, ManifestFile), err)
	}
	return nil
}

// meeting is the round's meeting as the manifest shows it: date, time and
// note, or nothing.
func meeting(r domain.Round) string {
	m := r.Meeting
	if m == nil {
		return ""
	}
	parts := []string{m.Date.String()}
	for _, s := range []string{m.Time, m.Note} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// progress draws a bar on a terminal's stderr; elsewhere, or with
// --quiet, it is silent.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	total int
	n     int
	label string
}

func newProgress(io *cmdutil.IOStreams, total int, l *i18n.Localizer) *progress {
	p := &progress{total: total, label: l.T("GenerateProgress", nil)}
	if io.ErrTTY && !io.Quiet && total > 0 {
		p.w = io.ErrOut
	}
	return p
}

func (p *progress) step() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	const width = 30
	filled := p.n * width / p.total
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("#", filled), strings.Repeat(" ", width-filled), p.n, p.total)
}

func (p *progress) done() {
	if p.w != nil {
		fmt.Fprintln(p.w)
	}
}
