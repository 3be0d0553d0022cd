// Package sharedtest runs the mail and remind commands in tests: a
// municipality of our own (names with / : and å, ä, ö), its workbooks
// and a register.
package sharedtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/workbook"
)

// orgYAML is a small municipality of our own; %s is the mail section.
const OrgYAML = `organisation:
  id: vindel
  name: Vindelns kommun
  period: "2027"
  hr: {name: Åke Hällström, email: hr@vindel.example}
vision: Ett Vindeln för alla.
overallGoal: Tillsammans.
values:
  - {id: mod, name: Mod, behaviours: [att våga]}
departments:
  - {id: vard, name: Vård och omsorg, goals: [God vård.]}
units:
  - {id: ostra, name: "Östra: boendet/Åsen", department: vard, manager: {name: Örjan Ål, email: orjan@vindel.example}}
  - {id: vastra, name: Västra hemtjänsten, department: vard, manager: {name: Väinö Sjöberg, email: vaino@vindel.example}}
  - {id: norra, name: Norra, department: vard, manager: {name: Nora Nord, email: nora@vindel.example}}
teams:
  - {id: ostra-dag, name: Dag, unit: ostra}
rounds:
  - {id: plan, name: Planering, deadline: 2027-02-26}
  - {id: april, name: Uppföljning april, deadline: 2027-04-30}
%s`

// Env is a config of our own in a temporary folder, and a way to run
// the real command line against it.
type Env struct {
	Dir    string
	Config string
	Org    *domain.Organisation
	// Getenv is the environment of a run.
	Getenv map[string]string
	// Edit changes the organisation after loading (addresses the config
	// would refuse).
	Edit func(*domain.Organisation)
}

// New writes OrgYAML with mailSection into a temporary folder.
func New(t *testing.T, mailSection string) *Env {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "organisation.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(OrgYAML, mailSection)), 0o644); err != nil {
		t.Fatal(err)
	}
	org, _, err := config.Load(cfg)
	if err != nil || org == nil {
		t.Fatalf("config: %v", err)
	}
	return &Env{Dir: dir, Config: cfg, Org: org, Getenv: map[string]string{}}
}

// Run runs the command line with the config, a fixed clock and captured
// streams.
func (e *Env) Run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{
		IO:        &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now:       func() time.Time { return time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC) },
		Getenv:    func(k string) string { return e.Getenv[k] },
		Catalogue: cat,
		LoadConfig: func(path string) (*domain.Organisation, domain.Findings, error) {
			org, fs, err := config.Load(path)
			if org != nil && e.Edit != nil {
				e.Edit(org)
			}
			return org, fs, err
		},
	}
	code = cli.Run(f, append([]string{"-c", e.Config}, args...))
	return out.String(), errOut.String(), code
}

// SendOut generates the planning workbooks of every unit into
// Dir/utskick.
func (e *Env) SendOut(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(e.Dir, "utskick")
	os.MkdirAll(dir, 0o755)
	for _, u := range e.Org.Units {
		if _, err := workbook.WriteFile(filepath.Join(dir, u.ID+".xlsx"), e.Org, workbook.Options{Unit: u.ID}, atomicfile.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WriteRegister writes a register in which Östra returned the planning
// workbook, Västra's was left out with three errors and Norra sent
// nothing.
func (e *Env) WriteRegister(t *testing.T) string {
	t.Helper()
	reg := register.New(e.Org)
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	reg.Rounds = []string{"plan"}
	reg.Units = []domain.UnitRecord{{Unit: "ostra", Department: "vard", Goals: []domain.UnitGoal{}, Teams: []domain.TeamGoals{}, Criteria: []domain.CriterionNote{},
		Sources: []domain.Provenance{{File: "in/ostra.xlsx", SHA256: "aa", TemplateVersion: "1", Round: "plan", Unit: "ostra", ReadAt: at}}}}
	reg.Rejected = []domain.Provenance{{File: "in/vastra.xlsx", SHA256: "bb", TemplateVersion: "1", Round: "plan", Unit: "vastra", ReadAt: at, Errors: 3}}
	reg.Missing = []domain.MissingUnit{{Round: "plan", Unit: "vastra"}, {Round: "plan", Unit: "norra"}}
	path := filepath.Join(e.Dir, "register.json")
	if err := register.Write(path, reg, atomicfile.Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	return path
}
