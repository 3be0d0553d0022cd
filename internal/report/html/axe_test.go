package html_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/malarbete/malarbete/internal/report/html/axetest"
)

// TestAxe runs axe-core in headless Chromium on the web pages of the
// Sorsele plan and its follow-up: no violation of WCAG 2.1 A or AA. With
// -out it also takes screenshots at a desktop's and a phone's width.
func TestAxe(t *testing.T) {
	bin, _ := axetest.Tools(t)
	docs := pages(t)
	for _, name := range []string{"sorsele-plan", "sorsele-augusti"} {
		t.Run(name, func(t *testing.T) {
			page := render(t, docs[name])
			axetest.Check(t, name, page)
			if *out != "" {
				plain := filepath.Join(t.TempDir(), "plain.html")
				if err := os.WriteFile(plain, []byte(page), 0o644); err != nil {
					t.Fatal(err)
				}
				for size, width := range map[string]string{"desktop": "1280,2400", "phone": "390,2400"} {
					axetest.Chromium(t, bin, "--screenshot="+filepath.Join(*out, name+"-"+size+".png"), "--window-size="+width, "file://"+plain)
				}
			}
		})
	}
}
