package zipcheck_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/malarbete/malarbete/internal/zipcheck"
)

// A caller checks the file before excelize opens it, and turns a refusal
// into a finding with the error's message id and data.
func ExampleCheck() {
	file := strings.NewReader("Vad: trygghet\nHur: dialog\n") // a text file named .xlsx
	err := zipcheck.Check(file, file.Size(), zipcheck.DefaultLimits())
	var e *zipcheck.Error
	switch {
	case errors.As(err, &e):
		fmt.Println(e.Kind, e.MessageID(), e.Data())
	case err != nil:
		fmt.Println("read error:", err) // the disk failed, not the file
	default:
		fmt.Println("ok")
	}
	// Output: NotZip ArchiveNotZip map[]
}
