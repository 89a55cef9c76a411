package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// authorLine lays out the top line of an inbox row: the author at their
// natural width (at most 55% of the row), then the intents in what is
// left, and the source and age at the right. Labels truncate with an
// ellipsis instead of overlapping.
type authorLine struct {
	author  *fitLabel
	intents *widget.RichText
}

func (l *authorLine) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(objs[2].MinSize().Width+2*theme.Padding()+40, h)
}

func (l *authorLine) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	author, intents, meta := objs[0], objs[1], objs[2]
	mw := meta.MinSize().Width
	gap := 2 * theme.Padding() // the list's scroll bar covers the row's right edge
	meta.Move(fyne.NewPos(max(0, size.Width-mw-gap), 0))
	meta.Resize(fyne.NewSize(mw, size.Height))
	avail := max(0, size.Width-mw-gap)
	aw := fyne.MeasureText(l.author.full, theme.TextSize(), l.author.TextStyle).Width + theme.InnerPadding()*2 + theme.Padding()*2
	aw = min(aw, avail*0.55)
	author.Move(fyne.NewPos(0, 0))
	author.Resize(fyne.NewSize(aw, size.Height))
	intents.Move(fyne.NewPos(aw-theme.Padding(), 0))
	intents.Resize(fyne.NewSize(max(0, avail-aw), size.Height))
}
