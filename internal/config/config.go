// Package config reads the organisation config: YAML decoded through
// yaml.Node so that every problem names its file, line and column. It
// reports all problems of a file in one run.
package config

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete/internal/domain"
)

// MaxSize is the largest config file read; real ones are a few hundred
// kilobytes even for large municipalities.
const MaxSize = 8 << 20

// Load reads and checks the config at path. The organisation is nil when
// any problem is an error. The returned error is reserved for failures
// that are not the config's fault.
func Load(path string) (*domain.Organisation, domain.Findings, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readProblem(path, err), nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, readProblem(path, err), nil
	}
	org, fs := Parse(path, data)
	if org != nil && org.Logo != "" {
		logo := org.Logo
		if !filepath.IsAbs(logo) {
			logo = filepath.Join(filepath.Dir(path), logo)
		}
		if _, err := os.Stat(logo); err != nil {
			fs = append(fs, domain.Finding{Code: CodeLogoMissing, Severity: domain.SeverityError,
				Location: domain.Location{File: path}, MessageID: "ConfigLogoMissing", Data: map[string]any{"Logo": org.Logo}})
			org = nil
		} else {
			org.Logo = logo
		}
	}
	return org, fs, nil
}

func readProblem(path string, err error) domain.Findings {
	id := "ConfigCannotRead"
	if errors.Is(err, fs.ErrNotExist) {
		id = "ConfigNotFound"
	}
	return domain.Findings{{Code: CodeCannotRead, Severity: domain.SeverityError,
		Location: domain.Location{File: path}, MessageID: id}}
}

var bom = []byte("\xef\xbb\xbf")

// Parse checks config text. name is the file name used in findings.
func Parse(name string, data []byte) (*domain.Organisation, domain.Findings) {
	w := &walker{file: name}
	root := w.document(data)
	if root == nil {
		return nil, w.findings
	}
	org := w.organisation(root)
	// The checks across the file run even after errors in it, so that one
	// run reports every problem; they skip what could not be read.
	if !w.tooBig {
		check(w, org)
	}
	// People fix a file from top to bottom.
	sort.SliceStable(w.findings, func(i, j int) bool {
		a, b := w.findings[i].Location, w.findings[j].Location
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	if w.findings.HasErrors() {
		return nil, w.findings
	}
	org.BuildIndex()
	return org, w.findings
}

// document decodes the single YAML document of data into its root
// mapping node, reporting encoding and syntax problems.
func (w *walker) document(data []byte) *yaml.Node {
	if len(data) > MaxSize {
		w.errorf(nil, CodeTooLarge, "ConfigTooLarge", map[string]any{"MaxMB": MaxSize >> 20})
		return nil
	}
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		w.findings = append(w.findings, domain.Finding{Code: CodeNotUTF8, Severity: domain.SeverityError,
			Location: domain.Location{File: w.file, Line: line, Column: 1}, MessageID: "ConfigNotUTF8"})
		return nil
	}
	if len(bytes.TrimSpace(stripComments(data))) == 0 {
		w.errorf(nil, CodeEmpty, "ConfigEmpty", nil)
		return nil
	}
	if line, col, ok := tabIndent(data); ok {
		w.findings = append(w.findings, domain.Finding{Code: CodeTabIndent, Severity: domain.SeverityError,
			Location: domain.Location{File: w.file, Line: line, Column: col}, MessageID: "ConfigTabIndent"})
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		w.syntax(data, err)
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		n := &extra
		if len(extra.Content) > 0 {
			n = extra.Content[0]
		}
		w.errorf(n, CodeSeveralDocs, "ConfigSeveralDocuments", nil)
		return nil
	case !errors.Is(err, io.EOF):
		w.syntax(data, err)
		return nil
	}
	if len(doc.Content) == 0 {
		w.errorf(nil, CodeEmpty, "ConfigEmpty", nil)
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		w.wrongType(root, "", "ConfigWantMapping")
		return nil
	}
	return root
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// tabIndent finds the first tab in a line's indentation, which YAML
// forbids and editors hide.
func tabIndent(data []byte) (line, col int, ok bool) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		for j, c := range l {
			if c == '\t' {
				return i + 1, j + 1, true
			}
			if c != ' ' {
				break
			}
		}
	}
	return 0, 0, false
}

func stripComments(data []byte) []byte {
	var out []byte
	for _, l := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(l)
		if len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			out = append(out, t...)
		}
	}
	return out
}
