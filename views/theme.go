package views

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/rapportapp/rapport/assets"
)

// rapportTheme wraps Fyne's default theme (so light and dark follow the
// system) and changes the brand colours, each as a light/dark pair, and the
// text font (Inter: one face with every character our own text uses, see
// assets/fonts/README.md).
type rapportTheme struct {
	fyne.Theme
	fonts [4]fyne.Resource // regular, bold, italic, bold italic
}

func newTheme() fyne.Theme {
	t := rapportTheme{Theme: theme.DefaultTheme()}
	for i := range t.fonts {
		name, data := assets.Font(i&1 == 1, i&2 == 2)
		t.fonts[i] = fyne.NewStaticResource(name, data)
	}
	return t
}

// Font is Inter for text; monospace and symbols stay Fyne's.
func (t rapportTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	i := 0
	if s.Bold {
		i |= 1
	}
	if s.Italic {
		i |= 2
	}
	return t.fonts[i]
}

// Named colours of our own.
const (
	colorNameHighlight fyne.ThemeColorName = "rapportHighlight"
	colorNameMuted     fyne.ThemeColorName = "rapportMuted"
	colorNameNegative  fyne.ThemeColorName = "rapportNegative"
	colorNamePositive  fyne.ThemeColorName = "rapportPositive"
	colorNameNeutral   fyne.ThemeColorName = "rapportNeutral"
	colorNameIntent    fyne.ThemeColorName = "rapportIntent"
	colorNameTouch     fyne.ThemeColorName = "rapportTouch"
)

var palette = map[fyne.ThemeColorName][2]color.Color{ // [light, dark]
	theme.ColorNamePrimary:   {color.NRGBA{R: 0xC9, G: 0x57, B: 0x2F, A: 0xFF}, color.NRGBA{R: 0xF0, G: 0x8A, B: 0x5D, A: 0xFF}},
	theme.ColorNameFocus:     {color.NRGBA{R: 0xC9, G: 0x57, B: 0x2F, A: 0x66}, color.NRGBA{R: 0xF0, G: 0x8A, B: 0x5D, A: 0x66}},
	theme.ColorNameSelection: {color.NRGBA{R: 0xC9, G: 0x57, B: 0x2F, A: 0x33}, color.NRGBA{R: 0xF0, G: 0x8A, B: 0x5D, A: 0x44}},
	colorNameHighlight:       {color.NRGBA{R: 0xA8, G: 0x3F, B: 0x12, A: 0xFF}, color.NRGBA{R: 0xFF, G: 0xB0, B: 0x80, A: 0xFF}},
	colorNameMuted:           {color.NRGBA{R: 0x6B, G: 0x6B, B: 0x6B, A: 0xFF}, color.NRGBA{R: 0xA8, G: 0xA8, B: 0xA8, A: 0xFF}},
	colorNameNegative:        {color.NRGBA{R: 0xC0, G: 0x2B, B: 0x2B, A: 0xFF}, color.NRGBA{R: 0xFF, G: 0x7A, B: 0x7A, A: 0xFF}},
	colorNamePositive:        {color.NRGBA{R: 0x1E, G: 0x85, B: 0x3A, A: 0xFF}, color.NRGBA{R: 0x6F, G: 0xD6, B: 0x8A, A: 0xFF}},
	colorNameNeutral:         {color.NRGBA{R: 0x8A, G: 0x8A, B: 0x8A, A: 0xFF}, color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xFF}},
	colorNameIntent:          {color.NRGBA{R: 0x8A, G: 0x3F, B: 0xB0, A: 0xFF}, color.NRGBA{R: 0xD0, G: 0x9C, B: 0xF5, A: 0xFF}},
	colorNameTouch:           {color.NRGBA{R: 0x1F, G: 0x5F, B: 0xB0, A: 0xFF}, color.NRGBA{R: 0x86, G: 0xB6, B: 0xF5, A: 0xFF}},
}

// polarityColor names the colour of a sentiment.
func polarityColor(p string) fyne.ThemeColorName {
	switch p {
	case "negative":
		return colorNameNegative
	case "positive":
		return colorNamePositive
	}
	return colorNameNeutral
}

func (t rapportTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if pair, ok := palette[name]; ok {
		if v == theme.VariantDark {
			return pair[1]
		}
		return pair[0]
	}
	return t.Theme.Color(name, v)
}
