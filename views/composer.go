package views

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/reply"
)

// Follow-up delays the composer offers.
var followChoices = []struct {
	label string
	d     time.Duration
}{{"1 day", 24 * time.Hour}, {"2 days", 48 * time.Hour}, {"1 week", 7 * 24 * time.Hour}}

// composer writes a reply: from a template, counted the way the platform
// counts, with a tone check, and sent by copying it to the post, by email
// or by phone — each logged on the mention and the author.
type composer struct {
	Env
	svc   ReplyService
	done  func()
	ctx   reply.Context
	temps []compose.Template
	tmpl  uint64
	typed int

	platform *widget.Select
	template *widget.Select
	draft    *widget.Entry
	counter  *widget.RichText
	problems *widget.Label
	tone     *widget.Label
	follow   *widget.Check
	after    *widget.Select
	dlg      *dialog.CustomDialog
	variant  *experiments.Suggestion // the experiment's variant to use (composer_experiment.go)
}

// reply opens the composer for a mention.
func (in *Inbox) reply(m inbox.Detail) {
	svc := in.Replies
	if svc == nil {
		return
	}
	in.Go(func() {
		ctx, err := svc.ReplyContext(m.ID)
		var temps []compose.Template
		if err == nil {
			temps, err = svc.Templates()
		}
		onUI(err, in.OnError, func() {
			c := &composer{Env: in.Env, svc: svc, ctx: ctx, temps: temps, done: in.Reload}
			in.composer = c
			c.show(m)
		})
	})
}

func (c *composer) show(m inbox.Detail) {
	names := make([]string, 0, len(compose.Platforms()))
	for _, p := range compose.Platforms() {
		names = append(names, p.Name)
	}
	c.platform = widget.NewSelect(names, func(string) { c.update() })
	c.platform.SetSelected(platformName(c.ctx.Platform))
	tnames := make([]string, len(c.temps))
	for i, t := range c.temps {
		tnames[i] = t.Name
	}
	c.template = widget.NewSelect(tnames, c.onTemplate)
	c.template.PlaceHolder = "Start from a template…"
	c.draft = widget.NewMultiLineEntry()
	c.draft.Wrapping = fyne.TextWrapWord
	c.draft.SetMinRowsVisible(7)
	c.draft.SetPlaceHolder("Write something genuinely useful. Thank them, answer them, help them.")
	c.draft.OnChanged = func(string) { c.update() }
	c.counter = widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleInline})
	c.problems = widget.NewLabel("")
	c.problems.Wrapping = fyne.TextWrapWord
	c.problems.Importance = widget.WarningImportance
	c.tone = widget.NewLabel("")
	c.tone.Wrapping = fyne.TextWrapWord
	c.follow = widget.NewCheck("Remind me in", nil)
	c.follow.SetChecked(true)
	labels := []string{}
	for _, f := range followChoices {
		labels = append(labels, f.label)
	}
	c.after = widget.NewSelect(labels, nil)
	c.after.SetSelected(labels[1])
	about := m.Title
	if about == "" {
		about, _, _ = strings.Cut(m.Text, "\n")
	}
	head := widget.NewLabelWithStyle("Reply to "+orDash(m.Author)+" — "+about, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(head, c.experimentHint(), container.NewGridWithColumns(2, c.template, c.platform))
	bottom := container.NewVBox(c.counter, c.problems, c.tone,
		container.NewHBox(c.follow, c.after, widget.NewLabel("if they don't answer")), c.buttons())
	c.dlg = dialog.NewCustomWithoutButtons("Reply", container.NewBorder(top, bottom, nil, nil, c.draft), c.Win)
	c.dlg.Resize(fyne.NewSize(760, 620))
	c.dlg.Show()
	c.Win.Canvas().Focus(c.draft)
	c.update()
}

func (c *composer) buttons() fyne.CanvasObject {
	send := widget.NewButtonWithIcon("Copy and open the conversation", theme.ContentCopyIcon(), c.onCopyAndOpen)
	send.Importance = widget.HighImportance
	email := widget.NewButtonWithIcon("Email instead", theme.MailSendIcon(), c.onEmail)
	call := widget.NewButtonWithIcon("Call instead…", theme.AccountIcon(), c.onCall)
	cancel := widget.NewButton("Cancel", func() { c.dlg.Hide() })
	return newFlow(send, email, call, cancel)
}

func platformName(id string) string {
	if p, ok := compose.PlatformByID(id); ok {
		return p.Name
	}
	return "Email"
}

func (c *composer) platformID() string {
	for _, p := range compose.Platforms() {
		if p.Name == c.platform.Selected {
			return p.ID
		}
	}
	return "email"
}

// onTemplate fills the draft from a template, variables filled in.
func (c *composer) onTemplate(name string) {
	for _, t := range c.temps {
		if t.Name != name {
			continue
		}
		text, problems := compose.Render(t.Body, c.ctx.Vars)
		c.tmpl = t.ID
		if t.Platform != "" {
			c.platform.SetSelected(platformName(t.Platform))
		}
		c.draft.SetText(text)
		c.problems.SetText(problemText(problems))
	}
}

func problemText(ps []compose.Problem) string {
	if len(ps) == 0 {
		return ""
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = "•  " + p.Message
	}
	return "Check before sending:\n" + strings.Join(lines, "\n")
}

// update counts the draft at once and checks its tone when typing pauses.
func (c *composer) update() {
	if c.draft == nil || c.counter == nil {
		return
	}
	n := compose.Count(c.platformID(), c.draft.Text)
	seg := c.counter.Segments[0].(*widget.TextSegment)
	seg.Text = countLabel(n)
	seg.Style.ColorName = map[string]fyne.ThemeColorName{"ok": colorNameMuted, "near": colorNameHighlight, "over": colorNameNegative}[n.State]
	seg.Style.TextStyle.Bold = n.State != "ok"
	c.counter.Refresh()
	c.typed++
	k := c.typed
	c.After(200*time.Millisecond, func() {
		if k == c.typed {
			c.tone.SetText(toneText(c.svc.Tone(c.draft.Text, c.platformID())))
		}
	})
}

func countLabel(n compose.Length) string {
	if n.Limit == 0 {
		return fmt.Sprintf("%d characters", n.Used)
	}
	text := fmt.Sprintf("%d / %d", n.Used, n.Limit)
	switch n.State {
	case "near":
		text += fmt.Sprintf(" — %d left", n.Left)
	case "over":
		text += fmt.Sprintf(" — %d too many", -n.Left)
	}
	if n.Note != "" {
		text += " · " + n.Note
	}
	return text
}

func toneText(r compose.ToneReport) string {
	if len(r.Flags) == 0 {
		if r.Polarity == "" {
			return "Tone: nothing to flag."
		}
		return fmt.Sprintf("Tone: %s (%.2f), nothing to flag.", r.Polarity, r.Sentiment)
	}
	lines := []string{fmt.Sprintf("Tone: %s (%.2f)", orDash(r.Polarity), r.Sentiment)}
	for _, f := range r.Flags {
		lines = append(lines, "•  \""+f.Text+"\": "+f.Advice)
	}
	return strings.Join(lines, "\n")
}

// action logs what was done and closes the composer.
func (c *composer) action(channel, text string) {
	a := reply.Action{MentionID: c.ctx.MentionID, Channel: channel, TemplateID: c.tmpl, Text: text}
	c.recordVariant(&a)
	if c.follow.Checked {
		for _, f := range followChoices {
			if f.label == c.after.Selected {
				a.FollowUp = f.d
			}
		}
	}
	c.dlg.Hide()
	c.Go(func() {
		err := c.svc.LogReply(a)
		onUI(err, c.OnError, func() {
			if c.done != nil {
				c.done()
			}
		})
	})
}

func (c *composer) onCopyAndOpen() {
	text := c.draft.Text
	fyne.CurrentApp().Clipboard().SetContent(text)
	if link := inbox.SafeLink(c.ctx.Link); link != "" {
		if u, err := url.Parse(link); err == nil {
			_ = fyne.CurrentApp().OpenURL(u)
		}
	}
	c.action(c.platformID(), text)
}

func (c *composer) onEmail() {
	subject := "About your post"
	if c.ctx.Vars.Brand != "" {
		subject = c.ctx.Vars.Brand + ": about your post"
	}
	if u, err := url.Parse(compose.MailtoURL(c.ctx.Email, subject, c.draft.Text)); err == nil {
		_ = fyne.CurrentApp().OpenURL(u)
	}
	c.action("email", c.draft.Text)
}

// onCall dials (when the number is known) and takes call notes.
func (c *composer) onCall() {
	if tel, err := compose.TelURL(c.ctx.Phone); err == nil && c.ctx.Phone != "" {
		if u, err := url.Parse(tel); err == nil {
			_ = fyne.CurrentApp().OpenURL(u)
		}
	}
	notes := widget.NewMultiLineEntry()
	notes.SetPlaceHolder("What did you talk about? What did you promise?")
	notes.SetMinRowsVisible(5)
	number := c.ctx.Phone
	if number == "" {
		number = "no number on file — add one on their contact page"
	}
	d := dialog.NewCustomConfirm("Call notes", "Save", "Cancel", container.NewVBox(widget.NewLabel("Phone: "+number), notes), func(ok bool) {
		if ok {
			c.action("phone", notes.Text)
		}
	}, c.Win)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}
