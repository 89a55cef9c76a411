package views

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chip is a small rounded label: a sentiment, an intent or a touch point.
type chip struct {
	widget.BaseWidget
	text  string
	color fyne.ThemeColorName
}

func newChip(text string, c fyne.ThemeColorName) *chip {
	ch := &chip{text: text, color: c}
	ch.ExtendBaseWidget(ch)
	return ch
}

func (c *chip) CreateRenderer() fyne.WidgetRenderer {
	fg := theme.Color(c.color)
	bg := tint(c.color)
	bg.CornerRadius = theme.InputRadiusSize() * 2
	txt := canvas.NewText(c.text, fg)
	txt.TextSize = theme.CaptionTextSize()
	txt.TextStyle.Bold = true
	p := theme.Padding()
	pad := layout.NewCustomPaddedLayout(p/2, p/2, p*1.5, p*1.5) // a little room around the text
	return widget.NewSimpleRenderer(container.NewStack(bg, container.New(pad, container.NewCenter(txt))))
}

// tint is a rectangle in a light wash of a named colour, for chips and
// bars that ask for attention.
func tint(name fyne.ThemeColorName) *canvas.Rectangle {
	r, g, b, _ := theme.Color(name).RGBA()
	return canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30})
}

// chipsFor builds the chips of a reading: sentiment, intents, touch
// points and the promise verdict.
func chipsFor(polarity string, analysed bool, intents, touch []string, promise string) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	switch {
	case !analysed:
		out = append(out, newChip("not analysed", colorNameNeutral))
	case polarity != "":
		out = append(out, newChip(polarity, polarityColor(polarity)))
	}
	for _, in := range intents {
		out = append(out, newChip(in, colorNameIntent))
	}
	for _, t := range touch {
		out = append(out, newChip(t, colorNameTouch))
	}
	switch promise {
	case "at odds":
		out = append(out, newChip("at odds with our promise", colorNameNegative))
	case "in line":
		out = append(out, newChip("in line with our promise", colorNamePositive))
	}
	return out
}
