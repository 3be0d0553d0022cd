package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// poppler runs a poppler tool and returns its output; the test skips
// where poppler is not installed.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not installed", tool)
	}
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", tool, strings.Join(args, " "), err)
	}
	return string(out)
}

// words joins a text's words with single spaces: pdftotext breaks lines
// where the poster does.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPosters writes the Sorsele posters after the planning round, at A4
// and at A3, with the real binary: one file per team with goals, each a
// tagged single page holding the vision and every text of the team's
// goals.
func TestPosters(t *testing.T) {
	org, reg := reporttest.Sorsele(t, 1)
	dir := t.TempDir()
	regPath := writeRegister(t, filepath.Join(dir, "register.json"), reg)
	for _, size := range []string{"A4", "A3"} {
		t.Run(size, func(t *testing.T) {
			out := filepath.Join(dir, size)
			mb(t, "poster", "--register", regPath, "-o", out, "--size", size, "--date", "2027-03-05")
			n := 0
			for _, rec := range reg.Units {
				u, _ := org.Unit(rec.Unit)
				for _, tg := range rec.Teams {
					if len(tg.Goals) == 0 {
						continue
					}
					team, _ := org.Team(tg.Team)
					n++
					path := filepath.Join(out, u.Name+" – "+team.Name+" – målkedja "+org.Period+".pdf")
					info := poppler(t, "pdfinfo", path)
					if !strings.Contains(info, "Pages:           1\n") || !strings.Contains(info, "Tagged:          yes") {
						t.Errorf("%s: not one tagged page:\n%s", path, info)
					}
					if size == "A3" && !strings.Contains(info, "(A3)") {
						t.Errorf("%s: not A3:\n%s", path, info)
					}
					text := words(poppler(t, "pdftotext", path, "-"))
					want := []string{org.Vision}
					for _, g := range tg.Goals {
						want = append(want, g.What, g.How, g.FollowUp.Method, g.FollowUp.Who)
					}
					for _, w := range want {
						if w != "" && !strings.Contains(text, words(w)) {
							t.Errorf("%s lacks %q", filepath.Base(path), w)
						}
					}
				}
			}
			files, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
			if len(files) != n || n == 0 {
				t.Errorf("%d posters, want %d", len(files), n)
			}
		})
	}
}

// TestGuide writes the manager's guide for Sorsele with the real binary,
// in Swedish and English, as PDF and web page: it holds every round's
// name and deadline, the meeting's date and time, and every value's
// behaviours.
func TestGuide(t *testing.T) {
	org, _ := reporttest.Sorsele(t, 1)
	dir := t.TempDir()
	for _, lang := range domain.Langs {
		t.Run(string(lang), func(t *testing.T) {
			cat, err := reporttest.Catalogue()
			if err != nil {
				t.Fatal(err)
			}
			l := cat.Localizer(lang)
			path := filepath.Join(dir, "guide-"+string(lang)+".pdf")
			mb(t, "--lang", string(lang), "guide", "-o", path, "--date", "2027-01-10")
			page := filepath.Join(dir, "guide-"+string(lang)+".html")
			mb(t, "--lang", string(lang), "guide", "-o", page, "--date", "2027-01-10")
			if info := poppler(t, "pdfinfo", path); !strings.Contains(info, "Tagged:          yes") {
				t.Errorf("not tagged:\n%s", info)
			}
			text := words(poppler(t, "pdftotext", path, "-"))
			html, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			meetings := 0
			for _, r := range org.Rounds {
				want = append(want, r.Name, report.FormatDate(l, r.Deadline))
				if r.Meeting != nil {
					meetings++
					want = append(want, report.FormatDate(l, r.Meeting.Date), r.Meeting.Time)
				}
			}
			if meetings == 0 {
				t.Fatal("the example has no meeting to check")
			}
			for _, v := range org.Values {
				want = append(want, v.Name)
				want = append(want, v.Behaviours...)
			}
			for _, w := range want {
				if !strings.Contains(text, words(w)) {
					t.Errorf("the PDF lacks %q", w)
				}
				if !strings.Contains(string(html), w) {
					t.Errorf("the web page lacks %q", w)
				}
			}
		})
	}
}
