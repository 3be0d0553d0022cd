// Package poster implements "malarbete poster": a one-page goal poster
// per team, "Vår målkedja", from the register, as a tagged PDF/A and with
// --html as a web page too.
package poster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/filename"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/poster"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/report/html"
	"github.com/malarbete/malarbete/internal/report/pdf"
)

// PosterOptions are the inputs of the poster command.
type PosterOptions struct {
	IO        *cmdutil.IOStreams
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	Now       func() time.Time

	// RegisterPath is --register.
	RegisterPath string
	// OutputDir is --output.
	OutputDir string
	// Size is --size: A4 or A3.
	Size string
	// Round is --round; empty means the register's latest.
	Round string
	// HTML is --html: a web page beside each PDF.
	HTML bool
	// Date is --date; empty means today by Now.
	Date string
	// Force is --force: overwrite existing posters.
	Force bool
}

// NewCmdPoster returns the poster command; runF replaces the run in tests.
func NewCmdPoster(f *cmdutil.Factory, runF func(*PosterOptions) error) *cobra.Command {
	opts := &PosterOptions{IO: f.IO, Config: f.Config, Localizer: f.Localizer, Now: f.Now}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("PosterCmdUse", nil),
		Short:   l.T("PosterCmdShort", nil),
		Long:    l.T("PosterCmdLong", nil),
		Example: l.T("PosterCmdExample", nil),
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.RegisterPath == "" {
				return cmdutil.FlagErrorf("%s", l.T("PosterErrRegisterRequired", nil))
			}
			if opts.OutputDir == "" {
				return cmdutil.FlagErrorf("%s", l.T("PosterErrOutputRequired", nil))
			}
			opts.Size = strings.ToUpper(opts.Size)
			if _, ok := zooms[opts.Size]; !ok {
				return cmdutil.FlagErrorf("%s", l.T("PosterErrSize", map[string]any{"Size": opts.Size}))
			}
			if err := cmdutil.CheckDateFlag(l, opts.Date); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runPoster(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.RegisterPath, "register", "", l.T("PosterFlagRegister", nil))
	cmd.Flags().StringVarP(&opts.OutputDir, "output", "o", "", l.T("PosterFlagOutput", nil))
	cmd.Flags().StringVar(&opts.Size, "size", "A4", l.T("PosterFlagSize", nil))
	cmd.Flags().StringVar(&opts.Round, "round", "", l.T("PosterFlagRound", nil))
	cmd.Flags().BoolVar(&opts.HTML, "html", false, l.T("PosterFlagHTML", nil))
	cmd.Flags().StringVar(&opts.Date, "date", "", l.T("PosterFlagDate", nil))
	cmd.Flags().BoolVar(&opts.Force, "force", false, l.T("PosterFlagForce", nil))
	return cmd
}

// zooms are the largest and the smallest zoom of each paper: the type
// of an A4 poster is 1.6 to 0.9 times the report's (body text 16 to 9
// pt, headings 32 to 18), an A3 poster is the A4 one enlarged (body text
// 22.6 to 12.7 pt).
var zooms = map[string][2]float64{
	"A4": {1.6, 0.9},
	"A3": {1.6 * math.Sqrt2, 0.9 * math.Sqrt2},
}

// zoomSteps is in how many steps the type goes from the largest zoom to
// the smallest.
const zoomSteps = 14

func runPoster(ctx context.Context, opts *PosterOptions) error {
	org, err := opts.Config()
	if err != nil {
		return err
	}
	l := opts.Localizer()
	reg, err := register.ReadFor(opts.RegisterPath, org)
	if err != nil {
		return cmdutil.RegisterError(opts.RegisterPath, err, "RegisterHintFlag")
	}
	round := opts.Round
	if round == "" {
		round = reg.LatestRound()
	}
	if _, ok := org.Round(round); !ok {
		return cmdutil.NewUserError("PosterErrRound", map[string]any{"Round": round}, nil)
	}
	register.Reorganise(reg, org, round)
	date := cmdutil.DateOr(opts.Date, opts.Now)
	posters, empty, err := poster.Build(ctx, org, reg, poster.Options{Round: round, Date: date}, l)
	if err != nil {
		return err
	}
	if len(posters) == 0 {
		return cmdutil.NewUserError("PosterErrNoGoals", map[string]any{"Path": opts.RegisterPath}, nil)
	}
	set, err := atomicfile.NewFolder(opts.OutputDir)
	if err != nil {
		return cmdutil.CreateFolderFailed(opts.OutputDir, err)
	}
	defer set.Abort()
	var (
		rels []string
		seen filename.Set
	)
	for _, p := range posters {
		if err := ctx.Err(); err != nil {
			return err
		}
		base := l.T("PosterFile", map[string]any{"Unit": p.Unit.Name, "Team": p.Team.Name, "Period": org.Period})
		rel := seen.Unique(filename.Safe(base, ".pdf"), ".pdf")
		pages, err := writePDF(ctx, set, rel, p.Doc, opts.Size)
		if err != nil {
			return err
		}
		rels = append(rels, rel)
		if pages > 1 {
			cmdutil.Say(opts.IO.ErrOut, l, "PosterTooLong", map[string]any{"File": rel, "Pages": pages})
		}
		if opts.HTML {
			hrel := strings.TrimSuffix(rel, ".pdf") + ".html"
			if err := writeFile(set, hrel, func(w io.Writer) error {
				_, err := html.Render(ctx, w, p.Doc, html.Options{})
				return err
			}); err != nil {
				return err
			}
			rels = append(rels, hrel)
		}
	}
	if err := set.Commit(rels, opts.Force); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return cmdutil.NewUserError("PosterErrExists", map[string]any{"Path": opts.OutputDir}, err)
		}
		return cmdutil.WriteFailed(opts.OutputDir, err)
	}
	if len(empty) > 0 && !opts.IO.Quiet {
		names := make([]string, len(empty))
		for i, t := range empty {
			names[i] = t.Name
		}
		cmdutil.SayN(opts.IO.ErrOut, l, "PosterTeamsWithoutGoals", len(empty), map[string]any{"Teams": strings.Join(names, ", ")})
	}
	if !opts.IO.Quiet {
		cmdutil.SayN(opts.IO.Out, l, "PosterWrote", len(posters), map[string]any{"Dir": opts.OutputDir})
	}
	return nil
}

// writePDF renders the poster at the largest zoom at which it fits one
// page, so that a long text makes the type smaller, never shorter. A
// poster that does not fit at the smallest zoom is written on more pages;
// it returns how many.
func writePDF(ctx context.Context, set *atomicfile.Folder, rel string, doc *document.Document, size string) (int, error) {
	z := zooms[size]
	var buf bytes.Buffer
	pages := 0
	for i := 0; i <= zoomSteps && pages != 1; i++ {
		zoom := z[0] - (z[0]-z[1])*float64(i)/zoomSteps
		buf.Reset()
		res, err := pdf.Render(ctx, &buf, doc, pdf.Options{Paper: size, Zoom: zoom})
		if err != nil {
			return 0, fmt.Errorf("poster %s: %w", rel, err)
		}
		pages = res.Pages
	}
	return pages, writeFile(set, rel, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// writeFile writes rel into the staged set.
func writeFile(set *atomicfile.Folder, rel string, fill func(io.Writer) error) error {
	path, err := set.Path(rel)
	if err != nil {
		return cmdutil.WriteFailed(rel, err)
	}
	if err := atomicfile.Write(path, atomicfile.Options{}, fill); err != nil {
		if cmdutil.IsFileError(err) {
			return cmdutil.WriteFailed(rel, err)
		}
		return err
	}
	return nil
}
