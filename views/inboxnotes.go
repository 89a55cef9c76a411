package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/search"
)

// notesLimit bounds how many matching notes a search shows.
const notesLimit = 100

// The inbox's search also looks through the notes of what was done with
// people (calls, replies, gives and gets): a button under the search box
// says how many match and lists them.

func (in *Inbox) newNotesButton() *widget.Button {
	b := widget.NewButtonWithIcon("", theme.DocumentIcon(), in.showNotes)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.Hide()
	return b
}

// findNotes searches the notes for q in the background.
func (in *Inbox) findNotes(q string) {
	if q == "" {
		in.applyNotes(q, nil)
		return
	}
	in.Go(func() {
		hits, err := in.Svc.Notes(q, notesLimit)
		if err != nil {
			hits = nil // the list says what is wrong with the query
		}
		fyne.Do(func() { in.applyNotes(q, hits) })
	})
}

func (in *Inbox) applyNotes(q string, hits []search.InteractionHit) {
	if q != in.filter.Query {
		return // a later search is on its way
	}
	in.notesHits = hits
	switch n := len(hits); {
	case n == 0:
		in.notes.Hide()
		return
	case n == 1:
		in.notes.SetText("1 note of a call, reply or give matches too — show")
	case n >= notesLimit:
		in.notes.SetText(fmt.Sprintf("%d+ notes of calls, replies and gives match too — show", notesLimit))
	default:
		in.notes.SetText(fmt.Sprintf("%d notes of calls, replies and gives match too — show", n))
	}
	in.notes.Show()
}

// showNotes lists the matching notes, newest first, matches highlighted.
func (in *Inbox) showNotes() {
	items := container.NewVBox()
	var d *dialog.CustomDialog
	for _, h := range in.notesHits {
		x := h.Interaction
		head := []string{x.At.Local().Format("Mon 2 Jan 2006, 15:04"), x.Kind}
		if x.Direction != "" {
			head = append(head, x.Direction)
		}
		if x.Channel != "" {
			head = append(head, x.Channel)
		}
		if h.Person != "" {
			head = append(head, "with "+h.Person)
		}
		title := widget.NewLabel(strings.Join(head, " · "))
		title.TextStyle.Bold = true
		var spans [][2]int
		for _, sp := range h.Spans {
			if sp.Field == "text" {
				spans = append(spans, [2]int{sp.Start, sp.End})
			}
		}
		note := widget.NewRichText(highlightSegments(x.Note, spans, widget.RichTextStyleParagraph)...)
		note.Wrapping = fyne.TextWrapWord
		row := container.NewBorder(nil, nil, nil, nil, title)
		if pid := x.PersonID; pid != 0 && in.OnContact != nil {
			open := widget.NewButton("Open contact", func() {
				d.Hide()
				in.OnContact(pid)
			})
			row = container.NewBorder(nil, nil, nil, open, title)
		}
		items.Add(container.NewVBox(row, note, widget.NewSeparator()))
	}
	d = dialog.NewCustom(fmt.Sprintf("Notes that match “%s”", in.filter.Query), "Close", container.NewVScroll(items), in.Win)
	d.Resize(fyne.NewSize(680, 520))
	d.Show()
}
