package report

import (
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"io"
	"os"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
)

// Limits of the logo, checked before the renderer opens it: the PDF
// library reads a PNG's pixels into memory, so a small file claiming
// 40000 × 40000 pixels took gigabytes and ended the run out of memory.
// A logo on an A4 cover needs a fraction of these.
const (
	// MaxLogoPixels bounds width × height.
	MaxLogoPixels = 25_000_000
	// MaxLogoBytes bounds the file's size.
	MaxLogoBytes = 5 << 20
)

// checkLogo refuses a logo that is not a regular file (a pipe would block
// the run), is over MaxLogoBytes, is not a PNG or JPEG, or claims more
// than MaxLogoPixels. Only the image's header is read.
func checkLogo(path string) error {
	if path == "" {
		return nil
	}
	data := map[string]any{"File": path}
	st, err := os.Stat(path)
	if err != nil {
		return cmdutil.NewUserError("ReportErrLogo", data, err)
	}
	if !st.Mode().IsRegular() {
		return cmdutil.NewUserError("ReportErrLogoNotFile", data, nil)
	}
	if st.Size() > MaxLogoBytes {
		data["Size"], data["Limit"] = (st.Size()+1<<20-1)>>20, MaxLogoBytes>>20
		return cmdutil.NewUserError("ReportErrLogoFileTooLarge", data, nil)
	}
	f, err := os.Open(path)
	if err != nil {
		return cmdutil.NewUserError("ReportErrLogo", data, err)
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(io.LimitReader(f, MaxLogoBytes))
	if err != nil || format != "png" && format != "jpeg" {
		return cmdutil.NewUserError("ReportErrLogo", data, err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxLogoPixels {
		data["Width"], data["Height"], data["Limit"] = cfg.Width, cfg.Height, MaxLogoPixels/1_000_000
		return cmdutil.NewUserError("ReportErrLogoPixels", data, nil)
	}
	return nil
}
