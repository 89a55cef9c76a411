// Command appmeta prints the facts about Rapport that packages need, read
// from FyneApp.toml (the one place they are written), as shell assignments
// for scripts/package.sh:
//
//	eval "$(go run ./scripts/appmeta FyneApp.toml)"
//
// It uses the same TOML parser as the binary (version.go), so the version
// in a package's metadata is the one `rapport version` prints.
package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

type fyneApp struct {
	Website string
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	LinuxAndBSD struct {
		GenericName string
		Categories  []string
		Comment     string
		Keywords    []string
	}
}

// plainVersion is what Debian, RPM and Windows all accept: three numbers.
var plainVersion = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: appmeta FyneApp.toml")
		os.Exit(2)
	}
	var f fyneApp
	if _, err := toml.DecodeFile(os.Args[1], &f); err != nil {
		fmt.Fprintf(os.Stderr, "appmeta: %v\n", err)
		os.Exit(1)
	}
	d := f.Details
	if !plainVersion.MatchString(d.Version) || d.ID == "" || d.Name == "" {
		fmt.Fprintf(os.Stderr, "appmeta: %s needs [Details] Name, ID and a Version like 1.2.3 (got %q)\n", os.Args[1], d.Version)
		os.Exit(1)
	}
	l := f.LinuxAndBSD
	for _, kv := range [][2]string{
		{"APP_NAME", d.Name},
		{"APP_ID", d.ID},
		{"APP_VERSION", d.Version},
		{"APP_BUILD", fmt.Sprint(d.Build)},
		{"APP_WEBSITE", f.Website},
		{"APP_GENERIC_NAME", l.GenericName},
		{"APP_COMMENT", l.Comment},
		{"APP_CATEGORIES", strings.Join(l.Categories, ";") + ";"},
		{"APP_KEYWORDS", strings.Join(l.Keywords, ";") + ";"},
	} {
		fmt.Printf("%s=%s\n", kv[0], quote(kv[1]))
	}
}

// quote makes s one shell word.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
