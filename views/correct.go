package views

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

const keepAnalyserLabel = "as Rapport read it"

// onCorrect lets the owner correct the sentiment, intents and touch
// points of the shown mention; the correction is kept and wins.
func (d *Detail) onCorrect() {
	m := d.shown
	if m.ID == 0 {
		return
	}
	intents, touch := d.Svc.Vocabulary()
	mood := widget.NewRadioGroup([]string{keepAnalyserLabel, "negative", "neutral", "positive"}, nil)
	mood.Horizontal = true
	mood.SetSelected(keepAnalyserLabel)
	if m.Reading.Corrected && m.Reading.Polarity != "" {
		mood.SetSelected(m.Reading.Polarity)
	}
	in := widget.NewCheckGroup(intents, nil)
	in.Horizontal = true
	in.SetSelected(m.Reading.Intents)
	tp := widget.NewCheckGroup(touch, nil)
	tp.Horizontal = true
	tp.SetSelected(m.Reading.TouchPoints)
	form := container.NewVBox(
		widget.NewLabelWithStyle("Sentiment", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), mood,
		widget.NewLabelWithStyle("Intents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), in,
		widget.NewLabelWithStyle("Touch points", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), tp,
	)
	dlg := dialog.NewCustomConfirm("Correct how Rapport read this", "Save", "Cancel", container.NewVScroll(form), func(ok bool) {
		if !ok {
			return
		}
		c := &inbox.Correction{Intents: slices.Clone(in.Selected), TouchPoints: slices.Clone(tp.Selected)}
		if mood.Selected != keepAnalyserLabel {
			c.Polarity = mood.Selected
		}
		d.saveCorrection(m.ID, c)
	}, d.Win)
	dlg.Resize(fyne.NewSize(640, 420))
	dlg.Show()
}

func (d *Detail) saveCorrection(id uint64, c *inbox.Correction) {
	d.Go(func() {
		err := d.Svc.Correct(id, c)
		onUI(err, d.OnError, func() {
			if d.OnCorrected != nil {
				d.OnCorrected(id)
			}
			if d.want == id {
				d.Show(id)
			}
		})
	})
}
