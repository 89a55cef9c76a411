package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/interacting/reply"
)

// The composer's part in experiments: when a running experiment covers
// the mention, the composer says which variant to use and the reply it
// logs records it. Kept apart from the composer's own code; the reply
// service's implementation (the desk) also suggests variants.

// variantSuggester is what the composer asks for the variant to use.
type variantSuggester interface {
	SuggestVariant(mentionID uint64) (experiments.Suggestion, bool, error)
}

// experimentHint returns the line that names the variant to use; it stays
// hidden when no experiment applies.
func (c *composer) experimentHint() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.HighImportance
	l.Hide()
	s, ok := c.svc.(variantSuggester)
	if !ok {
		return l
	}
	id := c.ctx.MentionID
	c.Go(func() {
		sg, found, err := s.SuggestVariant(id)
		fyne.Do(func() {
			if err != nil || !found {
				return
			}
			c.variant = &sg
			text := "Experiment “" + sg.Name + "”: use variant " + sg.Variant.Key + " — " + sg.Variant.Name
			if sg.Variant.Tip != "" {
				text += ". " + sg.Variant.Tip
			}
			l.SetText(text)
			l.Show()
		})
	})
	return l
}

// recordVariant marks the reply with the suggested variant.
func (c *composer) recordVariant(a *reply.Action) {
	if c.variant != nil {
		a.Experiment, a.Variant = c.variant.Experiment, c.variant.Variant.Key
	}
}
