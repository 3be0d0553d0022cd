package report

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/testkit"
)

func TestCheckLogo(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var small bytes.Buffer
	png.Encode(&small, image.NewRGBA(image.Rect(0, 0, 40, 20)))
	tests := []struct {
		name, path, want string
	}{
		{"none", "", ""},
		{"a small PNG", write("ok.png", small.Bytes()), ""},
		{"40000 × 40000 pixels", write("bomb.png", testkit.PNGHeader(40000, 40000)), "ReportErrLogoPixels"},
		{"just over the pixel limit", write("wide.png", testkit.PNGHeader(5001, 5000)), "ReportErrLogoPixels"},
		{"over the size limit", write("big.png", append(small.Bytes(), make([]byte, MaxLogoBytes)...)), "ReportErrLogoFileTooLarge"},
		{"not an image", write("text.png", []byte("hello")), "ReportErrLogo"},
		{"a folder", dir, "ReportErrLogoNotFile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkLogo(tt.path)
			var ue *cmdutil.UserError
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && (!errors.As(err, &ue) || ue.MessageID != tt.want):
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
		})
	}
}
