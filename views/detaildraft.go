package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/shared/human"
)

// newDraftBar builds the question the detail pane asks about a reply the
// owner drafted and handed to another program: only they know whether it
// went out, so nothing is recorded as sent until they say so.
func (d *Detail) newDraftBar() *fyne.Container {
	d.draftMsg = widget.NewLabel("")
	d.draftMsg.Wrapping = fyne.TextWrapWord
	d.draftYes = widget.NewButtonWithIcon("Yes, I posted it", theme.ConfirmIcon(), func() { d.answerDraft(true) })
	yes := d.draftYes
	yes.Importance = widget.HighImportance
	no := widget.NewButton("Not yet", func() { d.answerDraft(false) })
	bg := tint(colorNameHighlight)
	bar := container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, nil, container.NewHBox(yes, no), d.draftMsg)))
	bar.Hide()
	return bar
}

// applyDraft shows the question when the mention has a drafted reply.
func (d *Detail) applyDraft(m inbox.Detail) {
	if m.Draft == nil || d.OnDraftAnswer == nil {
		d.draftBar.Hide()
		return
	}
	d.draftMsg.SetText(draftQuestion(*m.Draft, time.Now()))
	d.draftYes.SetText("Yes, I posted it")
	if m.Draft.Channel == compose.PlatformEmail {
		d.draftYes.SetText("Yes, I sent it")
	}
	d.draftBar.Show()
}

// draftQuestion asks about a draft in words.
func draftQuestion(dr inbox.Draft, now time.Time) string {
	where, verb := "your mail program", "send"
	if p, ok := compose.PlatformByID(dr.Channel); ok && dr.Channel != compose.PlatformEmail {
		where, verb = p.Name, "post"
	}
	return "You drafted a reply for " + where + " " + human.Ago(dr.At, now) + ". Did you " + verb + " it?"
}

// answerDraft hands the owner's answer on, once.
func (d *Detail) answerDraft(sent bool) {
	if id := d.shown.ID; id != 0 {
		d.draftBar.Hide()
		d.OnDraftAnswer(id, sent)
	}
}
