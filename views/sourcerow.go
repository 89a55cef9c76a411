package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/shared/human"
)

// sourceRow shows a source's name, folder and mention count on top and
// its health below, in the health's colour.
type sourceRow struct {
	widget.BaseWidget
	name   *widget.Label
	meta   *canvas.Text
	health *widget.RichText
}

func newSourceRow() fyne.CanvasObject {
	r := &sourceRow{
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		meta:   canvas.NewText("", theme.Color(colorNameMuted)),
		health: widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleInline}),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.health.Truncation = fyne.TextTruncateEllipsis
	r.meta.TextSize = theme.CaptionTextSize()
	r.ExtendBaseWidget(r)
	return r
}

func (r *sourceRow) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, nil, clearOfTheEdge(container.NewCenter(r.meta)), r.name)
	return widget.NewSimpleRenderer(tightLines(top, r.health))
}

func (r *sourceRow) set(v monitor.SourceView, now time.Time) {
	r.name.SetText(v.Name)
	meta := human.Count(v.Mentions, "mention", "mentions")
	if v.Folder != "" {
		meta = v.Folder + " · " + meta
	}
	r.meta.Text = meta
	r.meta.Color = theme.Color(colorNameMuted)
	r.meta.Refresh()
	text, c := healthText(v, now)
	seg := r.health.Segments[0].(*widget.TextSegment)
	seg.Text = text
	seg.Style.ColorName = c
	seg.Style.SizeName = theme.SizeNameCaptionText
	r.health.Refresh()
}
