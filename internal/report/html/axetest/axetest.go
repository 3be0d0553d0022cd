// Package axetest runs axe-core in headless Chromium on a web page, with
// the rules of WCAG 2.1 A and AA: the check every web page of the tool
// passes (the report, the poster, the guide). A test skips where Chromium
// or axe-core is not installed; .ci/run installs both.
package axetest

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

// Path finds axe-core's script: MALARBETE_AXE, else where .ci/run
// installs it.
func Path() string {
	if p := os.Getenv("MALARBETE_AXE"); p != "" {
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(cache, "malarbete", "axe", "node_modules", "axe-core", "axe.min.js")
}

// Chromium runs headless Chromium with args, as a test machine allows.
func Chromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	out, err := exec.Command(bin, append(base, args...)...).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return out
}

// runner runs axe-core on the page with the WCAG 2.1 A and AA rules and
// writes what it found into the page, where --dump-dom shows it.
const runner = `<script src="axe.min.js"></script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(function (r) {
  var p = document.createElement("pre"); p.id = "axe-result";
  p.textContent = JSON.stringify({passes: r.passes.length, violations: r.violations.map(function (v) {
    return {id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" ") + ": " + n.failureSummary; })};
  })});
  document.body.appendChild(p);
});
</script>`

var result = regexp.MustCompile(`(?s)<pre id="axe-result">(.*?)</pre>`)

// Tools returns Chromium's path and axe-core's, skipping t where either
// is missing.
func Tools(t *testing.T) (chromium, axe string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed")
	}
	axe = Path()
	if _, err := os.Stat(axe); err != nil {
		t.Skipf("axe-core not installed (%s); .ci/run installs it", axe)
	}
	return bin, axe
}

// Check runs axe-core on page and fails t for every violation of WCAG
// 2.1 A or AA; it skips where the tools are missing.
func Check(t *testing.T, name, page string) {
	t.Helper()
	bin, axe := Tools(t)
	dir := t.TempDir()
	script, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "axe.min.js"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".html")
	if err := os.WriteFile(path, []byte(strings.Replace(page, "</body>", runner+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := Chromium(t, bin, "--allow-file-access-from-files", "--virtual-time-budget=30000", "--dump-dom", "file://"+path)
	m := result.FindSubmatch(dom)
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
}
