package views

import (
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/human"
	"github.com/rapportapp/rapport/app/inbox"
)

// Detail shows one mention: title, who, where, when, the text as plain
// text with the watch rules' matches highlighted, and a button that opens
// the original post (http and https links only).
type Detail struct {
	onError func(error)
	want    uint64 // the mention last asked for; older answers are dropped

	title   *widget.RichText
	meta    *widget.Label
	rules   *widget.Label
	text    *widget.RichText
	open    *widget.Button
	link    string
	body    *fyne.Container
	none    fyne.CanvasObject
	content *fyne.Container
}

// NewDetail builds an empty detail pane.
func NewDetail(onError func(error)) *Detail {
	d := &Detail{onError: onError}
	d.title = widget.NewRichText()
	d.title.Wrapping = fyne.TextWrapWord
	d.meta = widget.NewLabel("")
	d.meta.Wrapping = fyne.TextWrapWord
	d.rules = widget.NewLabel("")
	d.rules.TextStyle.Italic = true
	d.text = widget.NewRichText()
	d.text.Wrapping = fyne.TextWrapWord
	d.open = widget.NewButtonWithIcon("Open original", theme.ComputerIcon(), d.onOpen)
	header := container.NewVBox(d.title, d.meta, container.NewHBox(d.open, d.rules), widget.NewSeparator())
	d.body = container.NewBorder(header, nil, nil, nil, container.NewVScroll(d.text))
	hint := widget.NewLabel("Select a mention to read it here.")
	hint.Alignment = fyne.TextAlignCenter
	d.none = container.NewCenter(hint)
	d.content = container.NewStack(d.none)
	return d
}

// Content is the pane's root object.
func (d *Detail) Content() fyne.CanvasObject { return d.content }

// Show loads mention id in the background and shows it.
func (d *Detail) Show(svc InboxService, id uint64) {
	d.want = id
	goAsync(func() {
		m, err := svc.Detail(id)
		fyne.Do(func() {
			if d.want != id {
				return
			}
			if err != nil {
				d.onError(err)
				return
			}
			d.apply(m)
		})
	})
}

func (d *Detail) apply(m inbox.Detail) {
	title := m.Title
	if title == "" {
		title = "Post by " + orDash(m.Author)
	}
	d.title.Segments = highlightSegments(title, m.TitleHighlights, widget.RichTextStyleHeading)
	d.title.Refresh()
	d.meta.SetText(metaLine(m, time.Now()))
	if len(m.Rules) > 0 {
		d.rules.SetText("Matched: " + strings.Join(m.Rules, ", "))
	} else {
		d.rules.SetText("")
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

func metaLine(m inbox.Detail, now time.Time) string {
	parts := []string{"by " + orDash(m.Author)}
	if len(m.Sources) > 0 {
		parts = append(parts, "in "+strings.Join(m.Sources, ", "))
	}
	if !m.Time.IsZero() {
		when := m.Time.Local().Format("Mon 2 Jan 2006, 15:04")
		if age := human.Age(m.Time, now); age == "now" {
			when += " (just now)"
		} else {
			when += " (" + age + " ago)"
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
		d.onError(err)
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
