// Command demofill fills generated workbooks with the bundled sample
// answers, the way managers would, so that "make demo" can run the whole
// cycle: the goals in the planning round, the status, current value,
// analysis, correction and revised goals in a follow-up round. The round
// is the one each workbook was generated for. It leaves the generated
// workbooks untouched; the work is done by internal/demo, which the
// end-to-end tests share.
//
//	demofill -c CONFIG [-answers PATH] [-reviews PATH -round ID] IN OUT
//
// IN is the folder of generated workbooks; OUT receives the filled copies
// in the same sub-folders. PATH names a file inside the embedded examples,
// such as sorsele/answers/plan.yaml; without -reviews the Sorsele rounds'
// answers (april, augusti) are used.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/demo"
	"github.com/malarbete/malarbete/internal/sample"
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
	draft := flag.String("draft", "", "fill only this unit's workbook, as a first draft with mistakes")
	flag.Parse()
	if flag.NArg() != 2 || (*reviews == "") != (*round == "") {
		return fmt.Errorf("usage: demofill -c CONFIG [-answers PATH] [-reviews PATH -round ID] [-draft UNIT] IN OUT")
	}
	in, out := flag.Arg(0), flag.Arg(1)

	org, problems, err := config.Load(*cfg)
	if err != nil {
		return err
	}
	if org == nil {
		return fmt.Errorf("%s has %d problems; run malarbete check", *cfg, len(problems))
	}
	opts := demo.Options{Plan: *answers, Draft: *draft}
	if *reviews != "" {
		opts.Reviews = map[string]string{*round: *reviews}
	}
	n, err := demo.FillDir(in, out, org, demo.New(org, opts))
	if err != nil {
		return err
	}
	if *draft != "" {
		fmt.Printf("Ett första utkast med vanliga misstag ligger i %s.\n", out)
		return nil
	}
	fmt.Printf("Fyllde i %d arbetsböcker i %s som cheferna skulle ha gjort.\n", n, out)
	return nil
}
