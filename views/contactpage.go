package views

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/human"
)

// contactPage shows one person: who they are, their score and its parts,
// the give-and-get ledger, nudges, the next follow-up, quick actions and
// the timeline of everything across platforms.
type contactPage struct {
	contactPageDeps
	want uint64
	pg   crm.Page

	title    *widget.Label
	who      *widget.Label
	stage    *widget.Select
	score    *widget.Label
	parts    *widget.Label
	ledger   *widget.Label
	nudges   *widget.Label
	next     *widget.Label
	timeline *fyne.Container
	body     fyne.CanvasObject
	none     fyne.CanvasObject
	content  *fyne.Container
}

// contactPageDeps is what a contact's page is built from.
type contactPageDeps struct {
	Env
	svc     ContactsService
	onReply func(mentionID uint64) // opens the composer on a mention
	// onSaved is told after a change to the person: the list reloads and
	// selects id (0: none).
	onSaved func(id uint64)
	// erase is told the owner confirmed erasing someone: the screen holds
	// the erase while it offers Undo (contacterase.go).
	erase func(id uint64, name string)
}

func newContactPage(deps contactPageDeps) *contactPage {
	p := &contactPage{contactPageDeps: deps}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.who = wrapped()
	p.stage = widget.NewSelect(append(stageNames(), "at risk"), p.onStage)
	p.stage.PlaceHolder = "No stage"
	p.score = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.score.Wrapping = fyne.TextWrapWord
	p.parts = wrapped()
	p.ledger = wrapped()
	p.nudges = wrapped()
	p.nudges.Importance = widget.WarningImportance
	p.next = wrapped()
	p.timeline = container.NewVBox()
	actions := newFlow(
		widget.NewButtonWithIcon("Reply to latest", theme.MailReplyIcon(), p.onReplyLatest),
		widget.NewButtonWithIcon("Log a call…", theme.AccountIcon(), p.onCall),
		widget.NewButtonWithIcon("Add a give or get…", theme.ContentAddIcon(), p.onGiveGet),
		widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { p.edit(crm.DetailsOf(p.pg.Person)) }),
		widget.NewButtonWithIcon("Erase…", theme.DeleteIcon(), p.onErase),
	)
	head := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	p.body = container.NewVScroll(container.NewVBox(
		p.title, p.who, container.NewBorder(nil, nil, widget.NewLabel("Stage"), nil, p.stage), actions,
		widget.NewSeparator(), p.score, p.parts, p.nudges,
		widget.NewSeparator(), head("Give and get"), p.ledger, p.next,
		widget.NewSeparator(), head("Timeline"), p.timeline))
	hint := widget.NewLabel("Select a person to see their page.")
	p.none = container.NewCenter(hint)
	p.content = container.NewStack(p.none)
	return p
}

func wrapped() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (p *contactPage) empty() {
	p.content.Objects = []fyne.CanvasObject{p.none}
	p.content.Refresh()
}

// load reads a person's page in the background.
func (p *contactPage) load(id uint64) {
	p.want = id
	p.Go(func() {
		pg, err := p.svc.ContactPage(id)
		fyne.Do(func() {
			if p.want != id {
				return
			}
			if err != nil {
				p.OnError(err)
				return
			}
			p.show(pg, time.Now())
		})
	})
}

func (p *contactPage) show(pg crm.Page, now time.Time) {
	p.pg = pg
	per := pg.Person
	p.title.SetText(per.Name)
	p.who.SetText(whoLine(pg))
	p.showStage(per.Stage, string(pg.Score.Suggested))
	p.score.SetText(scoreLine(pg))
	var parts []string
	for _, pt := range pg.Score.Parts {
		parts = append(parts, fmt.Sprintf("•  %s: %.0f of %.0f points — %s", pt.Name, pt.Points, pt.Weight*100, pt.Explain))
	}
	p.parts.SetText(strings.Join(parts, "\n"))
	var nudges []string
	for _, n := range pg.Nudges {
		nudges = append(nudges, "➜  "+n.Text)
	}
	p.nudges.SetText(strings.Join(nudges, "\n"))
	p.nudges.Hidden = len(nudges) == 0 // no empty gap
	p.ledger.SetText(ledgerLine(pg.Ledger))
	p.next.SetText("Next follow-up: none")
	if pg.NextUp != nil {
		p.next.SetText("Next follow-up: " + pg.NextUp.Title + " — due " + pg.NextUp.Due.Local().Format("Mon 2 Jan 15:04"))
	}
	p.renderTimeline(now)
	p.content.Objects = []fyne.CanvasObject{p.body}
	p.content.Refresh()
}

// showStage shows the person's stage, or none: the previous person's must
// never stay. A label of the owner's own joins the choices.
func (p *contactPage) showStage(stage, suggested string) {
	p.stage.OnChanged = nil
	defer func() { p.stage.OnChanged = p.onStage }()
	p.stage.PlaceHolder = "No stage"
	if suggested != "" {
		p.stage.PlaceHolder = "No stage (the score suggests " + advocates.Stage(suggested).Title() + ")"
	}
	if stage == "" {
		p.stage.ClearSelected()
		return
	}
	if !slices.Contains(p.stage.Options, stage) {
		p.stage.Options = append(p.stage.Options, stage)
	}
	p.stage.SetSelected(stage)
}

// scoreLine: "Advocate score 93 of 100 · rising, up 12 in 30 days ·
// the score suggests Advocate".
func scoreLine(pg crm.Page) string {
	sc := pg.Score
	line := fmt.Sprintf("Advocate score %.0f of 100", sc.Total)
	switch trend := math.Round(sc.Trend); {
	case trend > 0:
		line += fmt.Sprintf(" · %s, up %.0f in 30 days", sc.TrendWord, trend)
	case trend < 0:
		line += fmt.Sprintf(" · %s, down %.0f in 30 days", sc.TrendWord, -trend)
	default:
		line += " · " + sc.TrendWord
	}
	if sc.Suggested != "" {
		line += " · the score suggests " + sc.Suggested.Title()
	}
	return line
}

// ledgerLine says how giving and getting stand: "We gave 1 and got 2 back:
// they have given 1 more than we have. They brought $120.00; we gave
// $36.00."
func ledgerLine(l advocates.Ledger) string {
	if l.Gives == 0 && l.Gets == 0 {
		return "Nothing given or received yet: add a give or get when you send a sample or they refer someone."
	}
	line := fmt.Sprintf("We gave %s and got %s back", human.Count(l.Gives, "thing", "things"), human.Int(l.Gets))
	switch {
	case l.Balance < 0:
		line += fmt.Sprintf(": they have given %s more than we have.", human.Int(-l.Balance))
	case l.Balance > 0:
		line += fmt.Sprintf(": we have given %s more than they have.", human.Int(l.Balance))
	default:
		line += ": even."
	}
	switch {
	case l.GetValue > 0 && l.GiveValue > 0:
		line += fmt.Sprintf(" They brought %s; we gave %s.", money(l.GetValue), money(l.GiveValue))
	case l.GetValue > 0:
		line += fmt.Sprintf(" They brought %s.", money(l.GetValue))
	case l.GiveValue > 0:
		line += fmt.Sprintf(" We gave %s.", money(l.GiveValue))
	}
	return line
}

func whoLine(pg crm.Page) string {
	per := pg.Person
	var parts []string
	if per.Company != "" {
		parts = append(parts, per.Company)
	}
	for _, h := range per.Handles {
		parts = append(parts, human.Platform(h.Platform)+": "+h.Handle)
	}
	if per.Email != "" {
		parts = append(parts, per.Email)
	}
	if per.Phone != "" {
		parts = append(parts, per.Phone)
	}
	line := strings.Join(parts, " · ")
	if per.Preferences != "" {
		line += "\nPreferences and needs: " + per.Preferences
	}
	if per.Notes != "" {
		line += "\nNotes: " + per.Notes
	}
	if len(per.Tags) > 0 {
		line += "\nTags: " + strings.Join(per.Tags, ", ")
	}
	if pg.Own {
		line += "\nThis is your own account; it is not ranked."
	}
	return line
}

func money(v float64) string {
	if v == 0 {
		return "—"
	}
	return fmt.Sprintf("$%.2f", v)
}

// timelineMax is how many events the page draws at most.
const timelineMax = 200

func (p *contactPage) renderTimeline(now time.Time) {
	p.timeline.Objects = nil
	for i, e := range p.pg.Timeline {
		if i == timelineMax {
			p.timeline.Add(widget.NewLabel(fmt.Sprintf("… and %d older events", len(p.pg.Timeline)-timelineMax)))
			break
		}
		p.timeline.Add(eventRow(e, now))
	}
	if len(p.pg.Timeline) == 0 {
		p.timeline.Add(widget.NewLabel("Nothing yet."))
	}
	p.timeline.Refresh()
}

// wroteOn: "wrote on Bluesky", "wrote on a blog", "wrote on the web".
func wroteOn(platform string) string {
	switch platform {
	case "blog":
		return "wrote on a blog"
	case "web", "":
		return "wrote on the web"
	}
	return "wrote on " + human.Platform(platform)
}

func eventRow(e crm.Event, now time.Time) fyne.CanvasObject {
	what := e.Kind
	switch {
	case e.Kind == "mention":
		what = wroteOn(e.Platform)
	case e.Direction == "give":
		what = "we gave: " + e.Kind
	case e.Direction == "get":
		what = "they gave: " + e.Kind
	}
	if e.Value != 0 {
		what += " (" + money(e.Value) + ")"
	}
	color := colorNameMuted
	if e.Kind == "mention" {
		color = polarityColor(e.Polarity)
	}
	rt := widget.NewRichText(
		&widget.TextSegment{Text: human.Age(e.At, now) + " · " + what + "  ", Style: widget.RichTextStyle{Inline: true, ColorName: color, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: e.Text, Style: widget.RichTextStyleInline})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
