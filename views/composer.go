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
// counts, with a tone check. Rapport cannot post for the owner: it copies
// the reply and opens the conversation, or opens the mail program with it,
// and records a draft that the owner later confirms as sent (the detail
// pane asks). Only a call, whose notes the owner saves, is recorded as
// given at once.
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
	draft    *keyEntry
	counter  *widget.RichText
	problems *widget.Label
	tone     *widget.Label
	follow   *widget.Check
	after    *widget.Select
	send     *widget.Button // copy and open the conversation
	email    *widget.Button
	status   *widget.Label // what went wrong opening a link
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
	c.draft = newMultiLineEntry()
	c.draft.Wrapping = fyne.TextWrapWord
	c.draft.SetMinRowsVisible(7)
	c.draft.SetPlaceHolder("Write something genuinely useful. Thank them, answer them, help them.")
	c.draft.OnChanged = func(string) { c.update() }
	c.draft.onShortcut = func(s fyne.Shortcut) bool {
		if isCtrlEnter(s) {
			c.onCopyAndOpen()
			return true
		}
		return false
	}
	c.counter = widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleInline})
	c.problems = widget.NewLabel("")
	c.problems.Wrapping = fyne.TextWrapWord
	c.problems.Importance = widget.WarningImportance
	c.problems.Hide()
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
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	c.status.Importance = widget.DangerImportance
	c.status.Hide()
	// Warnings scroll in a box of their own height, so the draft never
	// shrinks as they appear.
	warnings := container.NewVScroll(container.NewVBox(c.problems, c.tone))
	warnings.SetMinSize(fyne.NewSize(0, 96))
	bottom := container.NewVBox(c.counter, warnings, c.status,
		container.NewHBox(c.follow, c.after, widget.NewLabel("if they don't answer")), c.buttons())
	c.dlg = dialog.NewCustomWithoutButtons("Reply", container.NewBorder(top, bottom, nil, nil, c.draft), c.Win)
	c.dlg.Resize(fyne.NewSize(760, 620))
	c.dlg.Show()
	c.Win.Canvas().Focus(c.draft)
	c.update()
}

func (c *composer) buttons() fyne.CanvasObject {
	c.send = widget.NewButtonWithIcon("Copy and open the conversation (Ctrl+Enter)", theme.ContentCopyIcon(), c.onCopyAndOpen)
	c.send.Importance = widget.HighImportance
	c.email = widget.NewButtonWithIcon("Email instead", theme.MailSendIcon(), c.onEmail)
	call := widget.NewButtonWithIcon("Call instead…", theme.AccountIcon(), c.onCall)
	cancel := widget.NewButton("Cancel", func() { c.dlg.Hide() })
	return newFlow(c.send, c.email, call, cancel)
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
		c.problems.Hidden = len(problems) == 0
		c.problems.Refresh()
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
	if c.send != nil {
		empty := strings.TrimSpace(c.draft.Text) == ""
		for _, b := range []*widget.Button{c.send, c.email} {
			if empty {
				b.Disable()
			} else {
				b.Enable()
			}
		}
	}
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

// action builds what the composer records for channel and text, with the
// follow-up if one is asked for.
func (c *composer) action(channel, text string) reply.Action {
	a := reply.Action{MentionID: c.ctx.MentionID, Channel: channel, TemplateID: c.tmpl, Text: text}
	c.recordVariant(&a)
	if c.follow.Checked {
		for _, f := range followChoices {
			if f.label == c.after.Selected {
				a.FollowUp = f.d
			}
		}
	}
	return a
}

// record closes the composer and records a (the draft, or a call) with
// save; done reloads the inbox afterwards.
func (c *composer) record(a reply.Action, save func(reply.Action) error) {
	c.dlg.Hide()
	c.Go(func() {
		err := save(a)
		onUI(err, c.OnError, func() {
			if c.done != nil {
				c.done()
			}
		})
	})
}

// risks lists what the owner should look at before sending text: a draft
// over the platform's limit, and what the tone check flags.
func risks(n compose.Length, tone compose.ToneReport) []string {
	var out []string
	if n.State == compose.StateOver {
		out = append(out, fmt.Sprintf("It is %d over the limit of %d: the platform will refuse or cut it.", -n.Left, n.Limit))
	}
	for _, f := range tone.Flags {
		out = append(out, "\""+f.Text+"\": "+f.Advice)
	}
	return out
}

// checkThen runs next when the draft has nothing to flag, or after the
// owner confirms once that it should go as it is.
func (c *composer) checkThen(text string, next func()) {
	platform := c.platformID()
	n := compose.Count(platform, text)
	c.Go(func() {
		tone := c.svc.Tone(text, platform)
		fyne.Do(func() {
			rs := risks(n, tone)
			if len(rs) == 0 {
				next()
				return
			}
			msg := widget.NewLabel("•  " + strings.Join(rs, "\n•  "))
			msg.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustomConfirm("Send it as it is?", "Send anyway", "Edit it", msg, func(ok bool) {
				if ok {
					next()
				}
			}, c.Win)
			d.Resize(fyne.NewSize(520, 260))
			d.Show()
		})
	})
}

// openThen opens link (none: nothing to open) and runs next when it
// opened; when nothing could open it, the composer stays and says so, and
// nothing is recorded.
func (c *composer) openThen(link, what string, next func()) {
	if link == "" {
		next()
		return
	}
	u, err := url.Parse(link)
	if err != nil {
		c.showStatus("The link cannot be opened (" + err.Error() + "). Nothing was recorded.")
		return
	}
	c.Go(func() {
		err := c.Open(u)
		fyne.Do(func() {
			if err != nil {
				c.showStatus("Could not open " + what + ": " + err.Error() + ". Nothing was recorded; the reply is still here.")
				return
			}
			next()
		})
	})
}

func (c *composer) showStatus(text string) {
	c.status.SetText(text)
	c.status.Show()
}

// onCopyAndOpen copies the reply, opens the conversation and records a
// draft: whether it was posted, only the owner can say (the detail pane
// asks).
func (c *composer) onCopyAndOpen() {
	text := c.draft.Text
	if strings.TrimSpace(text) == "" {
		return
	}
	c.checkThen(text, func() {
		fyne.CurrentApp().Clipboard().SetContent(text)
		c.openThen(inbox.SafeLink(c.ctx.Link), "the conversation", func() {
			c.record(c.action(c.platformID(), text), c.svc.DraftReply)
		})
	})
}

// onEmail opens the mail program with the reply and records a draft.
func (c *composer) onEmail() {
	text := c.draft.Text
	if strings.TrimSpace(text) == "" {
		return
	}
	subject := "About your post"
	if c.ctx.Vars.Brand != "" {
		subject = c.ctx.Vars.Brand + ": about your post"
	}
	c.checkThen(text, func() {
		c.openThen(compose.MailtoURL(c.ctx.Email, subject, text), "your mail program", func() {
			c.record(c.action("email", text), c.svc.DraftReply)
		})
	})
}

// onCall dials (when the number is known) and takes call notes.
func (c *composer) onCall() {
	if tel, err := compose.TelURL(c.ctx.Phone); err == nil && c.ctx.Phone != "" {
		if u, err := url.Parse(tel); err == nil {
			c.Go(func() { _ = c.Open(u) }) // a phone app is a convenience: the notes are what is recorded
		}
	}
	notes := newMultiLineEntry()
	notes.SetPlaceHolder("What did you talk about? What did you promise?")
	notes.SetMinRowsVisible(5)
	number := c.ctx.Phone
	if number == "" {
		number = "no number on file — add one on their contact page"
	}
	d := dialog.NewCustomConfirm("Call notes", "Save", "Cancel", container.NewVBox(widget.NewLabel("Phone: "+number), notes), func(ok bool) {
		if ok {
			c.record(c.action("phone", notes.Text), c.svc.LogReply)
		}
	}, c.Win)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}
