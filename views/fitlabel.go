package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitLabel is a one-line label that ends in "…" when its text is wider
// than the label, like a Label with TextTruncateEllipsis, at a fraction
// of the cost: Fyne 2.8 shapes the whole text with a new font shaper
// (parsing the font again) for every ellipsis it places, which made
// drawing the inbox's rows most of the time an action took with 100,000
// mentions (docs/benchmarks-scale.md). This one measures with Fyne's
// cached text sizes and cuts the text itself; the label only clips.
type fitLabel struct {
	widget.Label
	full  string
	width float32 // the width the text was fitted to
}

func newFitLabel(style fyne.TextStyle) *fitLabel {
	l := &fitLabel{}
	l.TextStyle = style
	l.Truncation = fyne.TextTruncateClip
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows s, cut to the label's width.
func (l *fitLabel) SetText(s string) {
	if s == l.full && l.width == l.Size().Width {
		return
	}
	l.full = s
	l.fit()
}

// Resize fits the text to the new width.
func (l *fitLabel) Resize(size fyne.Size) {
	l.Label.Resize(size)
	if size.Width != l.width {
		l.fit()
	}
}

func (l *fitLabel) fit() {
	l.width = l.Size().Width
	text := fitText(l.full, l.width-2*theme.InnerPadding(), func(s string) float32 {
		return fyne.MeasureText(s, theme.TextSize(), l.TextStyle).Width
	})
	if text != l.Text {
		l.Text = text
		l.Refresh()
	}
}

// fitText is s, or its longest start that fits in width with "…" after
// it (spaces before the "…" dropped), as measure measures; a width of 0 or less (not laid out yet) keeps s.
func fitText(s string, width float32, measure func(string) float32) string {
	if width <= 0 || s == "" || measure(s) <= width {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // runes[:lo]+"…" fits; runes[:hi]+"…" does not (or hi is all)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if measure(string(runes[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	return strings.TrimRight(string(runes[:lo]), " ") + "…"
}
