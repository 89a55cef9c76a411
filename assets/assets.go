// Package assets embeds what the binary carries with it: the app icon, the
// text font (assets/fonts) and the sample workspace (assets/sample, see its
// README).
package assets

import (
	"embed"
	"io/fs"
)

//go:embed icon.png
var iconPNG []byte

//go:embed sample/workspace.json sample/feeds
var sample embed.FS

//go:embed fonts/Inter-Regular.otf
var fontRegular []byte

//go:embed fonts/Inter-Bold.otf
var fontBold []byte

//go:embed fonts/Inter-Italic.otf
var fontItalic []byte

//go:embed fonts/Inter-BoldItalic.otf
var fontBoldItalic []byte

// Font is the text font in one of its styles (Inter, see fonts/README.md):
// the file's name and its bytes.
func Font(bold, italic bool) (string, []byte) {
	switch {
	case bold && italic:
		return "Inter-BoldItalic.otf", fontBoldItalic
	case bold:
		return "Inter-Bold.otf", fontBold
	case italic:
		return "Inter-Italic.otf", fontItalic
	}
	return "Inter-Regular.otf", fontRegular
}

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
