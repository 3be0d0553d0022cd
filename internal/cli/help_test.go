package cli

import (
	"regexp"
	"testing"
)

// pflagType matches a flag shown with pflag's English type name, which
// the usage texts replace with a value name in the help's language.
var pflagType = regexp.MustCompile(`--[a-z-]+ (string|strings|stringArray|int|duration|float64)\b`)

// TestHelp keeps every command's help in both languages as a golden
// file, and checks that no flag shows pflag's English type name.
func TestHelp(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		for _, cmd := range []string{"", "init", "check", "import", "generate", "validate", "collect", "report", "poster", "guide", "mail", "remind", "version", "completion"} {
			name := cmd
			if name == "" {
				name = "malarbete"
			}
			t.Run(lang+"/"+name, func(t *testing.T) {
				args := []string{"--lang", lang}
				if cmd != "" {
					args = append(args, cmd)
				}
				out, errOut, code := run(t, nil, append(args, "--help")...)
				if code != 0 || errOut != "" {
					t.Fatalf("exit %d, stderr %q", code, errOut)
				}
				if m := pflagType.FindString(out); m != "" {
					t.Errorf("flag shown with pflag's type name: %q", m)
				}
				golden(t, "help/"+name+"."+lang+".golden", out)
			})
		}
	}
}
