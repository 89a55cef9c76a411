package views

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"
	"github.com/rapportapp/rapport/app/interacting/inbox"
	rstorage "github.com/rapportapp/rapport/storage"
)

// Insights is the Integrate area: what the conversations tell the
// business over a period, the experiments and the learnings board. Every
// number and bar opens the mentions behind it in the inbox.
type Insights struct {
	InsightsDeps
	period insights.Period
	weekly bool
	data   *insights.Insights
	exps   []experiments.Result
	ideas  []ideas.Idea
	topics []ideas.Topic

	periodSel, grainSel *widget.Select
	status              *widget.Label
	kpis                *fyne.Container
	volume, mood, want  *barChart
	share               *barChart // negative | positive, in % of the read
	byNet, bySrc        *trend
	splits              *fyne.Container
	touch, answers      *fyne.Container
	expBox, board       *fyne.Container
	content             fyne.CanvasObject
}

// InsightsDeps is what the Insights screen is built from.
type InsightsDeps struct {
	Env
	Svc InsightsService
	// OnOpenFilter shows the mentions a figure counts in the inbox.
	OnOpenFilter func(name string, f inbox.Filter)
	Now          func() time.Time
}

var periodChoices = []struct {
	name string
	days int
}{{"Last 7 days", 7}, {"Last 28 days", 28}, {"Last 12 weeks", 84}}

// NewInsights builds the screen.
func NewInsights(deps InsightsDeps) *Insights {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	s := &Insights{InsightsDeps: deps, period: insights.LastDays(deps.Now(), 28)}
	names := make([]string, len(periodChoices))
	for i, c := range periodChoices {
		names[i] = c.name
	}
	s.periodSel = widget.NewSelect(names, nil)
	s.periodSel.SetSelectedIndex(1)
	s.periodSel.OnChanged = s.onPeriodChanged
	s.grainSel = widget.NewSelect([]string{"By day", "By week"}, nil)
	s.grainSel.SetSelectedIndex(0)
	s.grainSel.OnChanged = s.onGrainChanged
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	reportBtn := widget.NewButton("Weekly report…", s.onReport)
	bar := container.NewHBox(s.periodSel, s.grainSel, reportBtn)
	s.kpis = newFlow() // wraps: five figures side by side would widen the window once numbers grow
	s.volume = newBarChart("Mentions", colorNameTouch)
	s.mood = newBarChart("Mean sentiment", colorNamePositive)
	s.want = newBarChart("Like vs want: praise | purchase", colorNamePositive, colorNameIntent)
	s.share = newBarChart("Negative | positive, % of read", colorNameNegative, colorNamePositive)
	s.byNet = newTrend("Mentions on", "Network", s.drawTrends)
	s.bySrc = newTrend("Mentions from", "Source", s.drawTrends)
	s.splits = container.NewVBox()
	s.touch, s.answers = container.NewVBox(), container.NewVBox()
	s.expBox, s.board = container.NewVBox(), container.NewVBox()
	charts := container.New(layout.NewGridLayoutWithColumns(3), s.volume, s.mood, s.share, s.want, s.byNet.box, s.bySrc.box)
	overview := container.NewVScroll(container.NewVBox(s.kpis, charts, s.splits))
	tabs := container.NewAppTabs(
		container.NewTabItem("Overview", overview),
		container.NewTabItem("Touch points & promise", container.NewVScroll(s.touch)),
		container.NewTabItem("Answers & people", container.NewVScroll(s.answers)),
		container.NewTabItem("Experiments", container.NewVScroll(s.expBox)),
		container.NewTabItem("Ideas & learnings", container.NewVScroll(s.board)),
	)
	s.content = container.NewBorder(container.NewVBox(bar, s.status), nil, nil, nil, tabs)
	return s
}

// Content is the screen's root object.
func (s *Insights) Content() fyne.CanvasObject { return s.content }

func (s *Insights) onPeriodChanged(string) {
	s.period = insights.LastDays(s.Now(), periodChoices[max(0, s.periodSel.SelectedIndex())].days)
	s.Reload()
}

func (s *Insights) onGrainChanged(string) {
	s.weekly = s.grainSel.SelectedIndex() == 1
	if s.data != nil {
		s.show()
	}
}

// Reload reads the figures of the period in the background.
func (s *Insights) Reload() {
	if s.Svc == nil {
		return
	}
	p := s.period
	s.status.SetText("Reading " + p.String() + "…")
	s.Go(func() {
		data, err := s.Svc.Insights(p)
		var exps []experiments.Result
		var board []ideas.Idea
		var topics []ideas.Topic
		if err == nil {
			exps, err = s.Svc.Experiments()
		}
		if err == nil {
			board, err = s.Svc.Ideas()
		}
		if err == nil {
			topics, err = s.Svc.Roadmap(p)
		}
		onUI(err, s.OnError, func() {
			s.data, s.exps, s.ideas, s.topics = data, exps, board, topics
			s.show()
		})
	})
}

// open shows the mentions behind a figure in the inbox.
func (s *Insights) open(name string, r insights.Ref) {
	if s.OnOpenFilter != nil {
		s.OnOpenFilter(name, insights.FilterFor(s.period, r))
	}
}

// figure is a number that opens its mentions.
func (s *Insights) figure(text, name string, r insights.Ref) *widget.Button {
	b := widget.NewButton(clipText(text, 22), func() { s.open(name, r) })
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}

// figureRow is a figure with what it means beside it, wrapped to the
// width there is.
func (s *Insights) figureRow(text, about, name string, r insights.Ref) fyne.CanvasObject {
	return container.NewBorder(nil, nil, s.figure(text, name, r), nil, wrapLabel(about))
}

// clipText cuts a figure's text so that no button widens the window.
func clipText(t string, n int) string {
	r := []rune(t)
	if len(r) <= n {
		return t
	}
	return string(r[:n-1]) + "…"
}

func (s *Insights) show() {
	d := s.data
	s.status.SetText(fmt.Sprintf("%s (UTC days), compared with %s – %s. Every number and bar opens its mentions.", s.period, d.PrevFrom, d.PrevTo))
	if d.Empty {
		s.status.SetText(fmt.Sprintf("No mentions in %s — nothing to chart yet. Choose a longer period, or check your sources.", s.period))
	}
	s.showKPIs()
	s.showCharts()
	s.showTrends()
	s.showSplits()
	s.showTouch()
	s.showAnswers()
	s.showExperiments()
	s.showBoard()
}

func (s *Insights) showKPIs() {
	d := s.data
	t, p := d.Totals, d.PreviousTotals
	s.kpis.Objects = []fyne.CanvasObject{
		kpi("Mentions", s.figure(fmt.Sprintf("%d  %s", t.Mentions, delta(float64(t.Mentions), float64(p.Mentions))), "Mentions", insights.Ref{Kind: insights.RefAll})),
		kpi("Mean sentiment", s.figure(fmt.Sprintf("%+.2f (was %+.2f)", t.MeanSentiment, p.MeanSentiment), "Mentions", insights.Ref{Kind: insights.RefAll})),
		kpi("Negative · positive", container.NewHBox(
			s.figure(fmt.Sprintf("%.0f %% (%d)", 100*t.ShareNegative, t.Negative), "Negative mentions", insights.Ref{Kind: insights.RefPolarity, Value: "negative"}),
			s.figure(fmt.Sprintf("%.0f %% (%d)", 100*t.SharePositive, t.Positive), "Positive mentions", insights.Ref{Kind: insights.RefPolarity, Value: "positive"}))),
		kpi("Answered within 1 h", s.figure(fmt.Sprintf("%d of %d", d.Response.Within1h, d.Response.Answered), "Answered within an hour", insights.Ref{Kind: insights.RefWithin1h})),
		kpi("Waiting now", s.figure(fmt.Sprint(d.Response.Waiting.Count), "Waiting for an answer", insights.Ref{Kind: insights.RefWaiting})),
	}
	s.kpis.Refresh()
}

func kpi(title string, value fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(title)
	l.TextStyle.Bold = true
	return container.NewVBox(l, value)
}

func delta(now, before float64) string {
	if before == 0 {
		return ""
	}
	return fmt.Sprintf("(%+.0f %%)", 100*(now-before)/before)
}

func (s *Insights) showCharts() {
	var vol, mood, want []bar
	for _, sp := range s.spans() {
		var n, an, neg, praise, purchase int64
		var sent float64
		for _, d := range sp.days {
			n += d.Mentions
			an += d.Analysed
			neg += d.Negative
			sent += d.MeanSentiment * float64(d.Analysed)
			praise += d.Intents["praise"]
			purchase += d.Intents["purchase"]
		}
		ref := sp.ref(insights.RefAll, "")
		vol = append(vol, bar{
			label: sp.label, values: []float64{float64(n)}, tip: fmt.Sprintf("%s: %d mentions", sp.name, n),
			onTap: func() { s.open("Mentions of "+sp.name, ref) },
		})
		m := 0.0
		if an > 0 {
			m = sent / float64(an)
		}
		mood = append(mood, bar{
			label: sp.label, values: []float64{m}, tip: fmt.Sprintf("%s: mean %+.2f, %d negative of %d", sp.name, m, neg, an),
			onTap: func() { s.open("Mentions of "+sp.name, ref) },
		})
		want = append(want, bar{
			label: sp.label, values: []float64{float64(praise), float64(purchase)},
			tip: fmt.Sprintf("%s: %d praise, %d purchase intent", sp.name, praise, purchase),
			onTapPart: func(j int) {
				intent := [2]string{"praise", "purchase"}[j]
				s.open([2]string{"Praise", "Purchase intent"}[j]+" of "+sp.name, sp.ref(insights.RefIntent, intent))
			},
		})
	}
	s.volume.setBars(vol)
	s.mood.setBars(mood)
	s.want.setBars(want)
}

func dayOf(s string) rstorage.Day {
	t, _ := time.Parse(time.DateOnly, s)
	return rstorage.DayOf(t)
}

// splitRows lists the values of one dimension as figures.
func (s *Insights) splitRows(title string, kind insights.RefKind, ss []insights.Split, name func(insights.Split) string) fyne.CanvasObject {
	box := container.NewVBox(boldLabel(title))
	for i, sp := range ss {
		if i == 6 {
			break
		}
		n := name(sp)
		box.Add(s.figure(fmt.Sprintf("%d  %s  (%s)", sp.Mentions, n, changeText(sp.Change)), title+": "+n, insights.Ref{Kind: kind, Value: sp.Key}))
	}
	if len(ss) == 0 {
		box.Add(widget.NewLabel("None in this period"))
	}
	return box
}

func changeText(c *float64) string {
	if c == nil {
		return "new"
	}
	return fmt.Sprintf("%+.0f %%", 100**c)
}

func boldLabel(t string) *widget.Label {
	l := widget.NewLabel(t)
	l.TextStyle.Bold = true
	return l
}

func (s *Insights) showSplits() {
	d := s.data
	voice := container.NewVBox(boldLabel("Share of voice"))
	for _, v := range d.Voice {
		voice.Add(s.figure(fmt.Sprintf("%d  %s  (%.0f %%)", v.Mentions, v.Name, 100*v.Share), "Share of voice: "+v.Name, insights.Ref{Kind: insights.RefQuery, Value: v.Query}))
	}
	s.splits.Objects = []fyne.CanvasObject{container.New(layout.NewGridLayoutWithColumns(4),
		s.splitRows("Networks", insights.RefNetwork, d.Networks, networkName),
		s.splitRows("Intents", insights.RefIntent, d.Intents, func(sp insights.Split) string { return sp.Key }),
		s.splitRows("Sources", insights.RefSource, d.Sources, splitName), voice)}
	s.splits.Refresh()
}

// onReport writes the weekly report of the last 7 days where the user
// chooses.
func (s *Insights) onReport() {
	p := insights.LastDays(s.Now(), 7)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		s.Go(func() {
			err := s.Svc.WriteReport(p, path)
			onUI(err, s.OnError, func() {
				dialog.ShowInformation("Report written", "The report of "+p.String()+" is in "+path+". Open it in a browser to read or print it.", s.Win)
			})
		})
	}, s.Win)
	d.SetFileName("rapport-report-" + p.To.String() + ".html")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".html", ".md"}))
	d.Show()
}
