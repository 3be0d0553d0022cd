package html_test

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// axePath finds axe-core's script: MALARBETE_AXE, else where .ci/run
// installs it.
func axePath() string {
	if p := os.Getenv("MALARBETE_AXE"); p != "" {
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(cache, "malarbete", "axe", "node_modules", "axe-core", "axe.min.js")
}

// chromium runs headless Chromium with args, as a test machine allows.
func chromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	out, err := exec.Command(bin, append(base, args...)...).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return out
}

// axeRunner runs axe-core on the page with the WCAG 2.1 A and AA rules and
// writes what it found into the page, where --dump-dom shows it.
const axeRunner = `<script src="axe.min.js"></script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(function (r) {
  var p = document.createElement("pre"); p.id = "axe-result";
  p.textContent = JSON.stringify({passes: r.passes.length, violations: r.violations.map(function (v) {
    return {id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" ") + ": " + n.failureSummary; })};
  })});
  document.body.appendChild(p);
});
</script>`

var axeResult = regexp.MustCompile(`(?s)<pre id="axe-result">(.*?)</pre>`)

// TestAxe runs axe-core in headless Chromium on the web pages of the
// Sorsele plan and its follow-up: no violation of WCAG 2.1 A or AA. With
// -out it also takes screenshots at a desktop's and a phone's width.
func TestAxe(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed")
	}
	axe := axePath()
	if _, err := os.Stat(axe); err != nil {
		t.Skipf("axe-core not installed (%s); .ci/run installs it", axe)
	}
	docs := pages(t)
	for _, name := range []string{"sorsele-plan", "sorsele-augusti"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			script, err := os.ReadFile(axe)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "axe.min.js"), script, 0o644); err != nil {
				t.Fatal(err)
			}
			page := render(t, docs[name])
			path := filepath.Join(dir, name+".html")
			if err := os.WriteFile(path, []byte(strings.Replace(page, "</body>", axeRunner+"</body>", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := chromium(t, bin, "--allow-file-access-from-files", "--virtual-time-budget=30000", "--dump-dom", "file://"+path)
			m := axeResult.FindSubmatch(dom)
			if m == nil {
				t.Fatal("axe wrote no result into the page")
			}
			var res struct {
				Passes     int
				Violations []struct {
					ID, Help string
					Nodes    []string
				}
			}
			if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &res); err != nil {
				t.Fatal(err)
			}
			if res.Passes == 0 {
				t.Error("axe passed no rule: did it run?")
			}
			for _, v := range res.Violations {
				t.Errorf("%s (%s): %s", v.ID, v.Help, strings.Join(v.Nodes, "; "))
			}
			if *out != "" {
				plain := filepath.Join(dir, "plain.html")
				if err := os.WriteFile(plain, []byte(page), 0o644); err != nil {
					t.Fatal(err)
				}
				for size, width := range map[string]string{"desktop": "1280,2400", "phone": "390,2400"} {
					chromium(t, bin, "--screenshot="+filepath.Join(*out, name+"-"+size+".png"), "--window-size="+width, "file://"+plain)
				}
			}
		})
	}
}
