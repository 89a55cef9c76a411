package main

import (
	_ "embed"
	"strings"

	"github.com/BurntSushi/toml"
)

// FyneApp.toml is the one place Rapport's version is written. The binary
// embeds it, and scripts/package.sh reads the same file (scripts/appmeta),
// so `rapport version`, the About screen and every installer's metadata
// agree without anyone passing a version by hand.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

// ldflagsVersion is the fallback for a FyneApp.toml without a version:
// go build -ldflags "-X main.ldflagsVersion=…".
var ldflagsVersion = "dev"

// version is Rapport's version, as FyneApp.toml's [Details] Version says.
var version = appVersion(fyneAppTOML, ldflagsVersion)

// appDetails is the [Details] table of FyneApp.toml.
type appDetails struct {
	Name    string
	ID      string
	Version string
	Build   int
}

// readDetails parses FyneApp.toml's [Details].
func readDetails(b []byte) (appDetails, error) {
	var f struct{ Details appDetails }
	_, err := toml.Decode(string(b), &f)
	return f.Details, err
}

// appVersion is the version FyneApp.toml names, or fallback when it names
// none or cannot be read.
func appVersion(b []byte, fallback string) string {
	d, err := readDetails(b)
	if v := strings.TrimSpace(d.Version); err == nil && v != "" {
		return v
	}
	return fallback
}
