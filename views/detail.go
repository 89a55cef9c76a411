package views

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/shared/human"
)

// Detail shows one mention: title, who, where, when, the text as plain
// text with the watch rules' matches highlighted, and a button that opens
// the original post (http and https links only).
type Detail struct {
	DetailDeps
	want  uint64 // the mention last asked for; older answers are dropped
	shown inbox.Detail

	scroll   *container.Scroll
	draftMsg *widget.Label
	draftYes *widget.Button
	draftBar *fyne.Container // "Did you post it? Yes / Not yet"
	title    *widget.RichText
	meta     *widget.Label
	copies   *fyne.Container // other posts of the same text
	rules    *widget.Label
	chips    *fyne.Container
	state    *widget.Label
	why      *widget.Label
	cues     *widget.Label
	explain  *widget.Button
	text     *widget.RichText
	open     *widget.Button
	link     string
	body     *fyne.Container
	none     fyne.CanvasObject
	content  *fyne.Container
}

// DetailDeps is what the detail pane is built from.
type DetailDeps struct {
	Env
	Svc InboxService
	// OnCorrected is told when the owner corrected the shown reading.
	OnCorrected func(id uint64)
	// Search returns the search whose matches to highlight; may be nil.
	Search func() string
	// OpenCopy shows another post of the same text; nil: in this pane.
	OpenCopy func(id uint64)
	// Bar holds the workflow's buttons; they act on ShownID.
	Bar []fyne.CanvasObject
	// OnDraftAnswer records the owner's answer to "Did you send the
	// drafted reply?" for mention id; nil hides the question.
	OnDraftAnswer func(id uint64, sent bool)
}

// NewDetail builds an empty detail pane.
func NewDetail(deps DetailDeps) *Detail {
	d := &Detail{DetailDeps: deps}
	d.title = widget.NewRichText()
	d.title.Wrapping = fyne.TextWrapWord
	d.meta = widget.NewLabel("")
	d.meta.Wrapping = fyne.TextWrapWord
	d.copies = container.NewVBox()
	d.copies.Hide()
	d.rules = widget.NewLabel("")
	d.rules.TextStyle.Italic = true
	d.text = widget.NewRichText()
	d.text.Wrapping = fyne.TextWrapWord
	d.open = widget.NewButtonWithIcon("Open original", theme.ComputerIcon(), d.onOpen)
	d.chips = newFlow()
	d.state = widget.NewLabel("")
	d.state.Wrapping = fyne.TextWrapWord
	d.why = widget.NewLabel("")
	d.why.Wrapping = fyne.TextWrapWord
	d.why.TextStyle.Italic = true
	d.cues = widget.NewLabel("")
	d.cues.Wrapping = fyne.TextWrapWord
	d.cues.Hide()
	d.explain = widget.NewButtonWithIcon("Why?", theme.QuestionIcon(), d.onExplain)
	d.draftBar = d.newDraftBar()
	correct := widget.NewButtonWithIcon("Correct…", theme.DocumentCreateIcon(), d.onCorrect)
	actions := newFlow(d.open, d.explain, correct, d.rules)
	// Everything scrolls together, so that a long title or many copies
	// never push the window taller than a small laptop screen; the question
	// about a drafted reply stays in view.
	d.scroll = container.NewVScroll(container.NewVBox(d.title, d.meta, d.copies, d.chips, d.why, newFlow(d.Bar...), d.state,
		actions, d.cues, widget.NewSeparator(), d.text))
	d.body = container.NewBorder(d.draftBar, nil, nil, nil, d.scroll)
	hint := widget.NewLabel("Select a mention to read it here.")
	hint.Alignment = fyne.TextAlignCenter
	d.none = container.NewCenter(hint)
	d.content = container.NewStack(d.none)
	return d
}

// Content is the pane's root object.
func (d *Detail) Content() fyne.CanvasObject { return d.content }

// ShownID is the mention shown (0: none).
func (d *Detail) ShownID() uint64 { return d.shown.ID }

// Shown is the mention shown.
func (d *Detail) Shown() inbox.Detail { return d.shown }

// Show loads mention id in the background and shows it.
func (d *Detail) Show(id uint64) {
	d.want = id
	q := "" // read here, on the UI goroutine
	if d.Search != nil {
		q = d.Search()
	}
	d.Go(func() {
		m, err := d.Svc.Detail(id, q)
		fyne.Do(func() {
			if d.want != id {
				return
			}
			if err != nil {
				d.OnError(err)
				return
			}
			d.apply(m)
			d.trace("detail shown")
		})
	})
}

func (d *Detail) apply(m inbox.Detail) {
	if m.ID != d.shown.ID {
		d.scroll.ScrollToTop()
	}
	d.shown = m
	d.applyDraft(m)
	d.applyReading(m.Reading, m.Time)
	d.state.SetText(stateLine(m))
	d.cues.Hide()
	d.explain.Enable()
	title := m.Title
	if title == "" {
		title = "Post by " + orDash(m.Author)
	}
	d.title.Segments = highlightSegments(title, m.TitleHighlights, widget.RichTextStyleHeading)
	d.title.Refresh()
	d.meta.SetText(metaLine(m, time.Now()))
	d.applyCopies(m)
	if len(m.Rules) > 0 {
		d.rules.SetText("Matched: " + strings.Join(m.Rules, ", "))
		d.rules.Show()
	} else {
		d.rules.SetText("")
		d.rules.Hide() // no blank line where the rules would be
	}
	text := m.Text
	if strings.TrimSpace(text) == "" {
		text = "(This post has no text in the feed.)"
	}
	d.text.Segments = highlightSegments(text, m.Highlights, widget.RichTextStyleParagraph)
	d.text.Refresh()
	d.link = m.Link
	if d.link == "" {
		d.open.Disable()
	} else {
		d.open.Enable()
	}
	d.content.Objects = []fyne.CanvasObject{d.body}
	d.content.Refresh()
}

// applyCopies lists the other posts of the mention's text (reposts and
// cross-posts, which Rapport groups instead of dropping), one line each,
// a link that opens it.
func (d *Detail) applyCopies(m inbox.Detail) {
	d.copies.Objects = nil
	if len(m.Copies) == 0 {
		d.copies.Hide()
		return
	}
	now := time.Now()
	for _, c := range m.Copies {
		l := widget.NewHyperlink("Also posted by "+copyLine(c, now), nil)
		l.Truncation = fyne.TextTruncateEllipsis
		l.OnTapped = func() {
			if d.OpenCopy != nil {
				d.OpenCopy(c.ID)
			} else {
				d.Show(c.ID)
			}
		}
		d.copies.Add(l)
	}
	if m.MoreCopies {
		more := widget.NewLabel("… and more: search for a phrase of the post to see every copy")
		more.Truncation = fyne.TextTruncateEllipsis
		d.copies.Add(more)
	}
	d.copies.Show()
	d.copies.Refresh()
}

// copyLine names a copy: who, where, when.
func copyLine(c inbox.Copy, now time.Time) string {
	parts := []string{orDash(c.Author)}
	if len(c.Sources) > 0 {
		parts = append(parts, strings.Join(c.Sources, ", "))
	}
	if !c.Time.IsZero() {
		parts = append(parts, human.Ago(c.Time, now))
	}
	return strings.Join(parts, " · ")
}

func metaLine(m inbox.Detail, now time.Time) string {
	parts := []string{"by " + orDash(m.Author)}
	if len(m.Sources) > 0 {
		parts = append(parts, "in "+strings.Join(m.Sources, ", "))
	}
	if !m.Time.IsZero() {
		when := m.Time.Local().Format("Mon 2 Jan 2006, 15:04")
		if ago := human.Ago(m.Time, now); !strings.HasPrefix(ago, "on ") {
			when += " (" + ago + ")"
		}
		parts = append(parts, when)
	}
	return strings.Join(parts, " · ")
}

func (d *Detail) onOpen() {
	u, err := url.Parse(inbox.SafeLink(d.link))
	if err != nil || u.Scheme == "" {
		return
	}
	if err := fyne.CurrentApp().OpenURL(u); err != nil {
		d.OnError(err)
	}
}

// highlightSegments splits text into paragraphs at line breaks, with the
// ranges in spans (byte offsets, sorted) set in the highlight colour.
func highlightSegments(text string, spans [][2]int, block widget.RichTextStyle) []widget.RichTextSegment {
	inline := block
	inline.Inline = true
	mark := inline
	mark.ColorName = colorNameHighlight
	mark.TextStyle.Bold = true
	var segs []widget.RichTextSegment
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		end := pos + len(line)
		content := strings.TrimSuffix(line, "\n")
		cut := pos
		for _, sp := range spans {
			s, e := max(sp[0], pos), min(sp[1], pos+len(content))
			if s >= e || s < cut {
				continue
			}
			segs = append(segs, &widget.TextSegment{Text: text[cut:s], Style: inline}, &widget.TextSegment{Text: text[s:e], Style: mark})
			cut = e
		}
		segs = append(segs, &widget.TextSegment{Text: text[cut : pos+len(content)], Style: block})
		pos = end
	}
	return segs
}

// applyReading shows the chips and the priority's reason in words.
func (d *Detail) applyReading(r inbox.Reading, t time.Time) {
	d.chips.Objects = chipsFor(r.Polarity, r.Analysed, r.Intents, r.TouchPoints, r.Promise)
	d.chips.Refresh()
	why := "Priority " + strconv.Itoa(int(r.Priority+0.5)) + ": " + r.Why
	if ago := human.Ago(t, time.Now()); ago != "" {
		why += " · " + ago
	}
	if r.Corrected {
		why += " · corrected by you"
	}
	if !r.Analysed && r.Reason != "" {
		why += " (" + r.Reason + ")"
	}
	d.why.SetText(why)
}

// onExplain shows the cues that drove the reading.
func (d *Detail) onExplain() {
	if d.cues.Visible() {
		d.cues.Hide()
		return
	}
	id := d.shown.ID
	d.Go(func() {
		cues, err := d.Svc.Explain(id)
		onUI(err, d.OnError, func() {
			if d.shown.ID == id {
				d.cues.SetText(cueText(cues))
				d.cues.Show()
			}
		})
	})
}

func cueText(cues []inbox.Cue) string {
	if len(cues) == 0 {
		return "No single word decided this reading: it is neutral and asks for nothing."
	}
	lines := make([]string, 0, len(cues))
	for _, c := range cues {
		note := c.Note
		if note == "" {
			note = c.Kind + " '" + c.Text + "'"
		}
		lines = append(lines, "•  "+note)
	}
	return strings.Join(lines, "\n")
}

// stateLine says where the mention is in the workflow and what happened.
func stateLine(m inbox.Detail) string {
	line := "State: " + m.State.String()
	if m.State == inbox.StateSnoozed && !m.Snoozed.IsZero() {
		line += " until " + m.Snoozed.Local().Format("Mon 2 Jan 15:04")
	}
	if m.Owner != "" {
		line += " · assigned to " + m.Owner
	}
	if n := len(m.History); n > 0 {
		last := m.History[n-1]
		line += " · last change " + human.Ago(last.At, time.Now()) + ": " + last.Text
	}
	return line
}
