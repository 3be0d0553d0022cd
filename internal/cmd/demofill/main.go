// Command demofill fills generated workbooks with the bundled sample
// answers, the way managers would, so that "make demo" can run the whole
// cycle. It writes through the workbook layer, never the tool's reader,
// and leaves the generated workbooks untouched.
//
//	demofill -c CONFIG -answers PATH [-reviews PATH -round ID] IN OUT
//
// IN is the folder of generated workbooks; OUT receives the filled copies
// in the same sub-folders. PATH names a file inside the embedded examples,
// such as sorsele/answers/plan.yaml.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/sample"
	"github.com/malarbete/malarbete/internal/workbook"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demofill:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg := flag.String("c", "organisation.yaml", "organisation config")
	answers := flag.String("answers", sample.SorselePlan, "planning answers inside the embedded examples")
	reviews := flag.String("reviews", "", "follow-up answers inside the embedded examples")
	round := flag.String("round", "", "the round of -reviews")
	flag.Parse()
	if flag.NArg() != 2 {
		return fmt.Errorf("usage: demofill -c CONFIG [-answers PATH] [-reviews PATH -round ID] IN OUT")
	}
	in, out := flag.Arg(0), flag.Arg(1)

	org, problems, err := config.Load(*cfg)
	if err != nil {
		return err
	}
	if org == nil {
		return fmt.Errorf("%s has %d problems; run malarbete check", *cfg, len(problems))
	}
	subs, err := sample.LoadPlan(malarbete.Examples, *answers)
	if err != nil {
		return err
	}
	if *reviews != "" {
		rs, err := sample.LoadReviews(malarbete.Examples, *reviews, *round)
		if err != nil {
			return err
		}
		if err := sample.AttachReviews(subs, rs); err != nil {
			return err
		}
	}

	n := 0
	err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xlsx") {
			return err
		}
		generated, _, err := workbook.ReadFile(path, org)
		if err != nil || generated == nil {
			return fmt.Errorf("read %s: %v", path, err)
		}
		id := generated.Identity
		sub, ok := subs[id.Unit]
		if !ok {
			return nil // a unit without sample answers stays unreturned
		}
		sub.Identity = id
		rel, _ := filepath.Rel(in, path)
		dst := filepath.Join(out, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := workbook.FillFile(path, dst, forScope(sub, id), org, atomicfile.Options{Overwrite: true}); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("Fyllde i %d arbetsböcker i %s som cheferna skulle ha gjort.\n", n, out)
	return nil
}

// forScope keeps the teams a workbook covers: a team workbook gets only
// its team's answers.
func forScope(sub *domain.Submission, id domain.Identity) *domain.Submission {
	if id.Scope != domain.ScopeTeam {
		return sub
	}
	c := *sub
	c.Teams = nil
	for _, t := range sub.Teams {
		for _, want := range id.Teams {
			if t.Team == want {
				c.Teams = append(c.Teams, t)
			}
		}
	}
	return &c
}
