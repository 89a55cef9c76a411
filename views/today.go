package views

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/shared/human"
)

// todayMentions is how many of the most important new mentions Today shows.
const todayMentions = 8

// Today is where the day starts: follow-ups that are due, then the most
// important new mentions.
type Today struct {
	inbox   InboxService
	replies ReplyService
	Env
	onOpen func(id uint64) // opens a mention in the inbox

	follow  []reply.FollowUp
	rows    []inbox.Row
	summary *widget.Label
	fbox    *fyne.Container
	mbox    *fyne.Container
	content fyne.CanvasObject
}

// TodayDeps is what the Today screen is built from.
type TodayDeps struct {
	Env
	Inbox   InboxService
	Replies ReplyService
	// OnOpen opens a mention in the inbox.
	OnOpen func(id uint64)
}

// NewToday builds the Today screen.
func NewToday(deps TodayDeps) *Today {
	t := &Today{Env: deps.Env, inbox: deps.Inbox, replies: deps.Replies, onOpen: deps.OnOpen}
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.fbox = container.NewVBox()
	t.mbox = container.NewVBox()
	add := widget.NewButtonWithIcon("Add a follow-up…", theme.ContentAddIcon(), t.onAdd)
	head := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	body := container.NewVBox(t.summary,
		container.NewBorder(nil, nil, nil, add, head("Follow-ups")), t.fbox, widget.NewSeparator(),
		head("Most important new mentions"), t.mbox)
	t.content = container.NewPadded(container.NewVScroll(body))
	return t
}

// Content is the screen's root object.
func (t *Today) Content() fyne.CanvasObject { return t.content }

// Reload reads the follow-ups and the top mentions in the background.
func (t *Today) Reload() {
	t.Go(func() {
		follow, err := t.replies.FollowUps(false)
		var rows []inbox.Row
		if err == nil {
			var p inbox.Page
			p, err = t.inbox.Page(inbox.BuiltInViews()[0].Filter, time.Now(), nil, todayMentions)
			if err == nil {
				rows, err = t.inbox.Rows(p.IDs)
			}
		}
		onUI(err, t.OnError, func() {
			t.follow, t.rows = follow, rows
			t.render(time.Now())
		})
	})
}

func (t *Today) render(now time.Time) {
	due := 0
	t.fbox.Objects = nil
	for _, f := range t.follow {
		if !f.Due.After(now.Add(7 * 24 * time.Hour)) {
			t.fbox.Add(t.followRow(f, now))
		}
		if !f.Due.After(endOfDay(now)) {
			due++
		}
	}
	if len(t.fbox.Objects) == 0 {
		t.fbox.Add(widget.NewLabel("Nothing to follow up this week. Follow-ups you set while replying appear here."))
	}
	t.mbox.Objects = nil
	for _, r := range t.rows {
		t.mbox.Add(t.mentionRow(r, now))
	}
	if len(t.rows) == 0 {
		t.mbox.Add(widget.NewLabel("No new mentions waiting. Well done."))
	}
	t.summary.SetText(fmt.Sprintf("%s. %s due today or overdue; %s waiting in the inbox.",
		now.Format("Monday 2 January"), plural(due, "follow-up"), plural(len(t.rows), "top mention")))
	t.fbox.Refresh()
	t.mbox.Refresh()
}

func endOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 23, 59, 59, 0, t.Location())
}

func (t *Today) followRow(f reply.FollowUp, now time.Time) fyne.CanvasObject {
	when := "due " + f.Due.Local().Format("Mon 2 Jan 15:04")
	c := colorNameMuted
	if f.Due.Before(now) {
		when, c = "overdue since "+human.Age(f.Due, now), colorNameNegative
	}
	about := f.Person
	if f.Mention != "" {
		about += " · " + f.Mention
	}
	title := widget.NewLabelWithStyle(f.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	info := widget.NewRichText(&widget.TextSegment{Text: when, Style: widget.RichTextStyle{Inline: true, ColorName: c}},
		&widget.TextSegment{Text: "  " + about, Style: widget.RichTextStyleInline})
	info.Wrapping = fyne.TextWrapWord
	done := widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() { t.setDone(f.ID) })
	later := widget.NewButton("Tomorrow", func() { t.postpone(f.ID, now.Add(24*time.Hour)) })
	actions := container.NewHBox(done, later)
	if f.MentionID != 0 {
		id := f.MentionID
		actions.Add(widget.NewButtonWithIcon("Open", theme.VisibilityIcon(), func() { t.onOpen(id) }))
	}
	return container.NewBorder(nil, nil, nil, actions, container.NewVBox(title, info))
}

func (t *Today) mentionRow(r inbox.Row, now time.Time) fyne.CanvasObject {
	head := widget.NewLabel(r.Headline)
	head.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewRichText(&widget.TextSegment{
		Text:  orDash(r.Author) + " · " + human.Age(r.Time, now) + "  ",
		Style: widget.RichTextStyle{Inline: true, ColorName: colorNameMuted},
	})
	for _, in := range r.Intents {
		meta.Segments = append(meta.Segments, &widget.TextSegment{Text: in + " ", Style: intentStyle})
	}
	id := r.ID
	open := widget.NewButtonWithIcon("Open", theme.VisibilityIcon(), func() { t.onOpen(id) })
	return container.NewBorder(nil, nil, nil, open, container.NewVBox(head, meta))
}

func (t *Today) setDone(id uint64) {
	t.Go(func() {
		err := t.replies.SetFollowUpDone(id, true)
		fyne.Do(func() { t.after(err) })
	})
}

func (t *Today) postpone(id uint64, due time.Time) {
	t.Go(func() {
		err := t.replies.PostponeFollowUp(id, due)
		fyne.Do(func() { t.after(err) })
	})
}

func (t *Today) after(err error) {
	if err != nil {
		t.OnError(err)
		return
	}
	t.Reload()
}

// onAdd creates a follow-up by hand.
func (t *Today) onAdd() {
	keys := newDialogKeys()
	what := keys.entry()
	what.SetPlaceHolder("e.g. Send Maya a sample of the new Kenya")
	choices := snoozeChoices(time.Now())
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label + " (" + c.at.Format("Mon 2 Jan 15:04") + ")"
	}
	when := widget.NewSelect(labels, nil)
	when.SetSelected(labels[2])
	items := []*widget.FormItem{widget.NewFormItem("Follow up on", what), widget.NewFormItem("Due", when)}
	d := dialog.NewForm("Add a follow-up", "Add", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		var due time.Time
		for i, l := range labels {
			if l == when.Selected {
				due = choices[i].at
			}
		}
		nf := reply.NewFollowUp{Title: what.Text, Due: due}
		t.Go(func() {
			err := t.replies.AddFollowUp(nf)
			fyne.Do(func() { t.after(err) })
		})
	}, t.Win)
	keys.confirm = d.Submit
	d.Resize(fyne.NewSize(520, 220))
	keys.show(d, t.Win, what)
}
