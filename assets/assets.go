// Package assets embeds what the binary carries with it: the app icon and
// the sample workspace (assets/sample, see its README).
package assets

import (
	"embed"
	"io/fs"
)

//go:embed icon.png
var iconPNG []byte

//go:embed sample/workspace.json sample/feeds
var sample embed.FS

// Icon is the app icon as PNG.
func Icon() []byte { return iconPNG }

// Sample is the sample workspace: workspace.json and the feeds/ it names.
func Sample() fs.FS {
	sub, err := fs.Sub(sample, "sample")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}
