package views

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/human"
)

// contactRow shows a person: name and stage, score at the right; below,
// where they are, when we last heard from them and their trend.
type contactRow struct {
	widget.BaseWidget
	name  *widget.Label
	stage *canvas.Text
	score *canvas.Text
	meta  *widget.Label
}

func newContactRow() fyne.CanvasObject {
	r := &contactRow{
		name:  widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		stage: canvas.NewText("", theme.Color(colorNameIntent)),
		score: canvas.NewText("", theme.Color(theme.ColorNamePrimary)),
		meta:  widget.NewLabel(""),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.stage.TextSize = theme.CaptionTextSize()
	r.stage.TextStyle.Bold = true
	r.score.TextStyle.Bold = true
	r.score.TextSize = theme.TextSize() * 1.2
	r.ExtendBaseWidget(r)
	return r
}

func (r *contactRow) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, nil, container.NewCenter(r.stage), r.name)
	lines := tightLines(top, r.meta)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, clearOfTheEdge(container.NewCenter(r.score)), lines))
}

func (r *contactRow) set(row crm.Row, now time.Time) {
	r.name.SetText(row.Name)
	stage := row.Stage
	if stage == "" && row.Suggested != "" {
		stage = "suggests " + advocates.Stage(row.Suggested).Title()
	}
	r.stage.Text = stage
	r.stage.Color = theme.Color(colorNameIntent)
	r.score.Text = fmt.Sprintf("%.0f", row.Score)
	r.score.Color = theme.Color(theme.ColorNamePrimary)
	meta := human.Platforms(row.Platforms)
	if !row.LastContact.IsZero() {
		meta += " · " + human.Ago(row.LastContact, now)
	}
	if row.Trend != "" && row.Trend != "steady" {
		meta += " · " + row.Trend
	}
	if row.Own {
		meta = "your own account · " + meta
	}
	r.meta.SetText(meta)
	r.stage.Refresh()
	r.score.Refresh()
}

// clearOfTheEdge keeps a row's right-hand text off the edge, where the
// list's scroll bar lies over it.
func clearOfTheEdge(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, 0, 2*theme.Padding()), o)
}
