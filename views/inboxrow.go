package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/human"
	"github.com/rapportapp/rapport/app/inbox"
)

// inboxRow is one list row: author, source and age on top, the headline
// below. Its height never depends on the content, so every row is the same.
type inboxRow struct {
	widget.BaseWidget
	author, headline *widget.Label
	source, age      *canvas.Text
}

func newInboxRow() fyne.CanvasObject {
	r := &inboxRow{
		author:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		headline: widget.NewLabel(""),
		source:   canvas.NewText("", theme.Color(colorNameMuted)),
		age:      canvas.NewText("", theme.Color(colorNameMuted)),
	}
	r.author.Truncation = fyne.TextTruncateEllipsis
	r.headline.Truncation = fyne.TextTruncateEllipsis
	r.source.TextSize = theme.CaptionTextSize()
	r.age.TextSize = theme.CaptionTextSize()
	r.ExtendBaseWidget(r)
	return r
}

func (r *inboxRow) CreateRenderer() fyne.WidgetRenderer {
	// The source sits after the author, inset by the label padding so that
	// its text lines up with the author's baseline band.
	meta := container.NewHBox(container.NewCenter(r.source), container.NewCenter(r.age))
	top := container.NewBorder(nil, nil, nil, meta, r.author)
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, top, r.headline))
}

func (r *inboxRow) set(row inbox.Row, now time.Time) {
	r.author.SetText(orDash(row.Author))
	r.headline.SetText(row.Headline)
	r.source.Text = row.Source
	r.source.Color = theme.Color(colorNameMuted)
	r.age.Text = human.Age(row.Time, now)
	r.age.Color = theme.Color(colorNameMuted)
	r.source.Refresh()
	r.age.Refresh()
}

func (r *inboxRow) setLoading() {
	r.author.SetText("…")
	r.headline.SetText("")
	r.source.Text, r.age.Text = "", ""
	r.source.Refresh()
	r.age.Refresh()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// tightVBox stacks objects with no padding between them.
type tightVBox struct{}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s.SubtractWidthHeight(0, theme.Padding()*2)
}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := -theme.Padding()
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - theme.Padding()
	}
}
