package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// area describes a part of the product that is still being built, so its
// screen tells the user what it will hold instead of showing nothing.
type area struct {
	title, lead string
	bullets     []string
}

var comingAreas = map[string]area{
	"Insights": {
		title: "Insights — what the conversations tell your business",
		lead:  "Turning mentions into decisions.",
		bullets: []string{
			"Trends of mentions, sentiment and intents over time",
			"How fast you answer, and who is waiting",
			"A touch-point audit: price, delivery, service, quality, website, staff, hours, returns",
			"Exports for your spreadsheet",
		},
	},
}

// newComingSoon builds the screen of an area not built yet.
func newComingSoon(name string) fyne.CanvasObject {
	a := comingAreas[name]
	title := widget.NewLabelWithStyle(a.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lead := widget.NewLabel(a.lead)
	lead.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(title, lead)
	for _, b := range a.bullets {
		l := widget.NewLabel("•  " + b)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	note := widget.NewLabel("This area is being built. Your mentions are already collected in the Inbox.")
	note.TextStyle.Italic = true
	note.Wrapping = fyne.TextWrapWord
	box.Add(widget.NewSeparator())
	box.Add(note)
	return container.NewPadded(container.NewVScroll(box))
}
