package views

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/shared/human"
)

// inboxRow is one list row: author, source and age on top, the headline
// below. Its height never depends on the content, so every row is the same.
type inboxRow struct {
	widget.BaseWidget
	id               uint64
	check            *widget.Check // ticks the row for a bulk action
	onMark           func(id uint64, on bool)
	author, headline *fitLabel
	intents          *widget.RichText
	owner, source    *canvas.Text // who takes care of it; where it was found
	age              *canvas.Text
	mood             *canvas.Rectangle // a bar in the sentiment's colour
	// top is the author line and meta its owner, source and age: laid
	// out again whenever their texts change (a recycled row keeps its size).
	top, meta      *fyne.Container
	intentsChanged bool // its text changed since it was drawn
}

func newInboxRow(onMark func(id uint64, on bool)) *inboxRow {
	r := &inboxRow{
		onMark:   onMark,
		author:   newFitLabel(fyne.TextStyle{Bold: true}),
		headline: newFitLabel(fyne.TextStyle{}),
		intents:  widget.NewRichText(&widget.TextSegment{Style: intentStyle}),
		owner:    canvas.NewText("", theme.Color(colorNameHighlight)),
		source:   canvas.NewText("", theme.Color(colorNameMuted)),
		age:      canvas.NewText("", theme.Color(colorNameMuted)),
		mood:     canvas.NewRectangle(theme.Color(colorNameNeutral)),
	}
	r.intents.Truncation = fyne.TextTruncateEllipsis
	r.mood.SetMinSize(fyne.NewSize(4, 4))
	r.check = widget.NewCheck("", r.onCheck)
	r.source.TextSize = theme.CaptionTextSize()
	r.owner.TextSize = theme.CaptionTextSize()
	r.owner.TextStyle.Bold = true
	r.age.TextSize = theme.CaptionTextSize()
	r.ExtendBaseWidget(r)
	return r
}

func (r *inboxRow) CreateRenderer() fyne.WidgetRenderer {
	// The source sits after the author, inset by the label padding so that
	// its text lines up with the author's baseline band.
	r.meta = container.NewHBox(container.NewCenter(r.owner), container.NewCenter(r.source), container.NewCenter(r.age))
	r.top = container.New(&authorLine{author: r.author, intents: r.intents}, r.author, r.intents, r.meta)
	lines := tightLines(r.top, r.headline)
	left := container.NewHBox(r.mood, container.NewCenter(r.check))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, left, nil, lines))
}

func (r *inboxRow) onCheck(on bool) {
	if r.onMark != nil && r.id != 0 {
		r.onMark(r.id, on)
	}
}

// setMarked shows the tick without reporting it back.
func (r *inboxRow) setMarked(on bool) {
	if r.check.Checked != on {
		fn := r.check.OnChanged
		r.check.OnChanged = nil
		r.check.SetChecked(on)
		r.check.OnChanged = fn
	}
}

func (r *inboxRow) set(row inbox.Row, now time.Time) {
	r.id = row.ID
	r.author.SetText(orDash(row.Author))
	r.headline.SetText(row.Headline)
	r.source.Text = human.Platform(row.Platform)
	r.source.Color = theme.Color(colorNameMuted)
	r.owner.Text = ""
	if row.Owner != "" {
		r.owner.Text = "→ " + firstName(row.Owner)
	}
	r.owner.Color = theme.Color(colorNameHighlight)
	r.owner.Refresh()
	r.age.Text = human.Age(row.Time, now)
	r.age.Color = theme.Color(colorNameMuted)
	r.setIntents(strings.Join(row.Intents, " · "))
	r.mood.FillColor = theme.Color(polarityColor(row.Polarity))
	if row.Polarity == "" {
		r.mood.FillColor = color.Transparent
	}
	r.source.Refresh()
	r.age.Refresh()
	r.mood.Refresh()
	r.relayout()
}

// relayout places the author line's parts for their new texts: the list
// reuses a row at the same size, so nothing else would, and a date longer
// than the one before ran past the row's edge.
func (r *inboxRow) relayout() {
	before := r.intents.Size()
	if r.top != nil { // else not drawn yet: the first layout places them
		r.top.Layout.Layout(r.top.Objects, r.top.Size())
		r.meta.Refresh() // its size may not have changed, its parts' have
	}
	if r.intentsChanged && r.intents.Size() == before { // a new size redrew it already
		r.intents.Refresh()
	}
	r.intentsChanged = false
}

func (r *inboxRow) setLoading() {
	r.id = 0
	r.author.SetText("…")
	r.headline.SetText("")
	r.source.Text, r.age.Text, r.owner.Text = "", "", ""
	r.owner.Refresh()
	r.setIntents("")
	r.mood.FillColor = color.Transparent
	r.source.Refresh()
	r.age.Refresh()
	r.mood.Refresh()
	r.relayout()
}

// intentStyle sets intents small, bold and in their colour.
var intentStyle = widget.RichTextStyle{Inline: true, ColorName: colorNameIntent, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true}}

// setIntents changes the intents' text; relayout draws it (cutting it to
// its width shapes the text, so it is done once per change).
func (r *inboxRow) setIntents(s string) {
	seg := r.intents.Segments[0].(*widget.TextSegment)
	if seg.Text != s {
		seg.Text = s
		r.intentsChanged = true
	}
}

// firstName is the first word of a name ("Kim Park" → "Kim"), to keep rows
// short.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// tightLines stacks lines of labels closer than a VBox would: each label
// has its own inner padding, so the padding between them and above them
// is taken back (Fyne's own layouts, with negative padding).
func tightLines(objs ...fyne.CanvasObject) *fyne.Container {
	p := theme.Padding()
	return container.New(layout.NewCustomPaddedLayout(-p, 0, 0, 0), container.New(layout.NewCustomPaddedVBoxLayout(-p), objs...))
}
