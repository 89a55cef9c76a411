package views

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/insights"
	"github.com/rapportapp/rapport/app/interacting/inbox"
)

func TestInsightsShowFiguresThatOpenTheirMentions(t *testing.T) {
	// Given the window on the sample workspace, on Insights
	m, _ := sampleWindow(t)
	m.tabs.SelectIndex(tabInsights)
	eventually(t, "the figures are read", func() bool { return m.insights.data != nil })
	text := collectText(m.insights.Content())
	for _, want := range []string{"Mentions", "Waiting now", "Networks", "compared with"} {
		if !strings.Contains(text, want) {
			t.Errorf("Insights lacks %q", want)
		}
	}
	if m.insights.data.Empty {
		t.Fatal("the sample's last 28 days should have mentions")
	}
	// When the user taps the number of mentions
	var btn *widget.Button
	walk(m.insights.kpis.Objects[0], func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			btn = b
		}
	})
	if btn == nil {
		t.Fatal("the mentions figure is not a button")
	}
	test.Tap(btn)
	work.drain()
	// Then the inbox lists exactly those mentions
	if m.tabs.SelectedIndex() != tabInbox {
		t.Fatal("the inbox was not opened")
	}
	eventually(t, "the period is listed", func() bool { return m.inbox.loaded && !m.inbox.listed.From.IsZero() })
	listAll(t, m.inbox)
	if got, want := int64(len(m.inbox.ids)), m.insights.data.Totals.Mentions; got != want {
		t.Errorf("the inbox lists %d mentions, the figure says %d", got, want)
	}
}

// biggest is the index of the tallest bar (its first value).
func biggest(bs []bar) int {
	k := 0
	for i, b := range bs {
		if b.values[0] > bs[k].values[0] {
			k = i
		}
	}
	return k
}

// tapBar taps value j of bar i of a chart laid out at 600×200.
func tapBar(c *barChart, i, j int) {
	c.Resize(fyne.NewSize(600, 200))
	slot := (600 - chartLeft - chartRight) / float32(len(c.bars))
	part := slot / float32(len(c.bars[i].values))
	test.TapAt(c, fyne.NewPos(chartLeft+float32(i)*slot+part*(float32(j)+0.5), 100))
}

func TestTrendChartsOpenTheMentionsOfEachPoint(t *testing.T) {
	// Given the window on the sample workspace, on Insights
	m, _ := sampleWindow(t)
	m.tabs.SelectIndex(tabInsights)
	eventually(t, "the figures are read", func() bool { return m.insights.data != nil })
	s := m.insights
	if len(s.byNet.sel.Options) < 2 || len(s.bySrc.sel.Options) < 2 {
		t.Fatalf("networks %v, sources %v: the sample has several of each", s.byNet.sel.Options, s.bySrc.sel.Options)
	}
	cases := []struct {
		name   string
		choose func()
		chart  *barChart
		part   int
		check  func(f inbox.Filter) bool
	}{
		{"second network", func() { s.byNet.sel.SetSelectedIndex(1) }, s.byNet.chart, 0, func(f inbox.Filter) bool {
			return f.Platform != nil && *f.Platform == s.byNet.keys[1]
		}},
		{"second source", func() { s.bySrc.sel.SetSelectedIndex(1) }, s.bySrc.chart, 0, func(f inbox.Filter) bool {
			return f.SourceID != 0 && fmt.Sprint(f.SourceID) == s.bySrc.keys[1]
		}},
		{"negative share", func() {}, s.share, 0, func(f inbox.Filter) bool { return f.Polarity == "negative" }},
		{"positive share", func() {}, s.share, 1, func(f inbox.Filter) bool { return f.Polarity == "positive" }},
		{"purchase intent", func() {}, s.want, 1, func(f inbox.Filter) bool { return f.Intent == "purchase" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m.tabs.SelectIndex(tabInsights)
			// When the user chooses a value and taps the tallest bar
			c.choose()
			i := biggest(c.chart.bars)
			b := c.chart.bars[i]
			tapBar(c.chart, i, c.part)
			work.drain()
			// Then the inbox lists the mentions of that day, that many
			if m.tabs.SelectedIndex() != tabInbox {
				t.Fatal("the inbox was not opened")
			}
			f := m.inbox.view.Filter
			if !c.check(f) || f.To.Sub(f.From) != 24*time.Hour {
				t.Errorf("filter %+v does not select one day of %s", f, c.name)
			}
			want := b.values[0]
			if c.chart == s.share { // a share: the count behind it is the day's
				day := s.data.Days[i]
				want = float64([]int64{day.Negative, day.Positive}[c.part])
			} else if c.part == 1 {
				want = b.values[1]
			}
			eventually(t, "the list is filled", func() bool { return float64(len(m.inbox.ids)) == want })
		})
	}
}

func TestTheGrainGroupsTheChartsByWeek(t *testing.T) {
	m, _ := sampleWindow(t)
	m.tabs.SelectIndex(tabInsights)
	eventually(t, "the figures are read", func() bool { return m.insights.data != nil })
	s := m.insights
	if len(s.volume.bars) != 28 || len(s.byNet.chart.bars) != 28 {
		t.Fatalf("%d and %d bars for 28 days", len(s.volume.bars), len(s.byNet.chart.bars))
	}
	// When the user groups by week
	s.grainSel.SetSelectedIndex(1)
	// Then every chart has four bars, and a week's bar counts its 7 days
	for _, c := range []*barChart{s.volume, s.mood, s.share, s.want, s.byNet.chart, s.bySrc.chart} {
		if len(c.bars) != 4 {
			t.Errorf("%q: %d bars, want 4 weeks", c.title, len(c.bars))
		}
	}
	var first int64
	for _, d := range s.data.Days[:7] {
		first += d.Networks[s.byNet.key()]
	}
	if got := s.byNet.chart.bars[0].values[0]; got != float64(first) {
		t.Errorf("first week on %s: %v, want %d", s.byNet.key(), got, first)
	}
}

func TestWaitingByOwnerOpensEachOwnersMentions(t *testing.T) {
	// Given Insights on the sample, where every waiting mention is
	// unassigned
	m, _ := sampleWindow(t)
	m.tabs.SelectIndex(tabInsights)
	eventually(t, "the figures are read", func() bool { return m.insights.data != nil })
	w := m.insights.data.Response.Waiting
	n := w.ByOwner[""]
	if n == 0 || w.Counted != w.Count {
		t.Fatalf("waiting %+v", w)
	}
	// Then Answers & people lists the owner's count, as a button
	btn := findButton(m.insights.answers, fmt.Sprintf("%d unassigned", n))
	if btn == nil {
		t.Fatalf("no waiting figure per owner in %q", collectText(m.insights.answers))
	}
	// And tapping it opens exactly those mentions
	test.Tap(btn)
	work.drain()
	eventually(t, "the list is read", func() bool { return m.inbox.loaded && m.tabs.SelectedIndex() == tabInbox })
	listAll(t, m.inbox)
	if len(m.inbox.ids) != n {
		t.Errorf("the inbox lists %d mentions, the figure says %d", len(m.inbox.ids), n)
	}
}

// listAll reads the inbox's list to its end, a page at a time, as
// scrolling asks for them.
func listAll(t *testing.T, in *Inbox) {
	t.Helper()
	for in.next != nil {
		n := len(in.ids)
		in.loadIDs(n)
		work.drain()
		eventually(t, "the next page is listed", func() bool { return len(in.ids) > n || in.next == nil })
	}
}

// TestInsightsFitALaptopScreenWithLargeNumbers: at 100,000 mentions the
// five key figures side by side were 1,106 px wide and widened the window
// past a 1024-px screen; they wrap instead.
func TestInsightsFitALaptopScreenWithLargeNumbers(t *testing.T) {
	m, _ := sampleWindow(t)
	m.tabs.SelectIndex(tabInsights)
	eventually(t, "the figures are read", func() bool { return m.insights.data != nil })
	s := m.insights
	d := *s.data
	d.Totals.Mentions, d.Totals.Negative, d.Totals.Positive = 315_100, 103_800, 157_900
	d.Response.Waiting.Count, d.Response.Answered, d.Response.Within1h = 1_000_000, 123_456, 12_345
	d.Sources = nil
	for i := range 1000 {
		sp := insights.Split{Key: fmt.Sprint(i), Name: fmt.Sprintf("Source %04d of the corpus", i)}
		sp.Mentions = int64(100_000 - i)
		d.Sources = append(d.Sources, sp)
	}
	s.data = &d
	s.show()
	// 1024 px less the sidebar (about 80 px)
	if w := s.content.MinSize().Width; w > 940 {
		t.Errorf("Insights need %.0f px; a 1024-px screen leaves about 940", w)
	}
}
