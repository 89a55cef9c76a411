package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/insights"
	rstorage "github.com/rapportapp/rapport/storage"
)

// span is one point of the charts over time: a day or a week of the period.
type span struct {
	label    string // under the axis ("11-20")
	name     string // "2026-11-14 – 2026-11-20"
	from, to rstorage.Day
	days     []insights.DayRow
}

// spans groups the period's days by day or by week (7 days from the
// period's first day).
func (s *Insights) spans() []span {
	var out []span
	step := 1
	if s.weekly {
		step = 7
	}
	days := s.data.Days
	for i := 0; i < len(days); i += step {
		b := days[i:min(i+step, len(days))]
		sp := span{label: b[0].Day[5:], name: b[0].Day, from: dayOf(b[0].Day), to: dayOf(b[len(b)-1].Day), days: b}
		if len(b) > 1 {
			sp.name += " – " + b[len(b)-1].Day
		}
		out = append(out, sp)
	}
	return out
}

// ref narrows a figure to the days of a span.
func (sp span) ref(kind insights.RefKind, value string) insights.Ref {
	return insights.Ref{Kind: kind, Value: value, From: sp.from, To: sp.to}
}

// trend is a chart of one network's or one source's mentions over time,
// with a choice of which.
type trend struct {
	sel   *widget.Select
	chart *barChart
	keys  []string // the values behind sel's options
	box   fyne.CanvasObject
}

// newTrend makes the chart, titled by the choice: "Mentions on [reddit ▾]".
func newTrend(title, prompt string, onChange func()) *trend {
	t := &trend{chart: newBarChart("", colorNameTouch)}
	t.sel = widget.NewSelect(nil, func(string) { onChange() })
	t.sel.PlaceHolder = prompt
	t.box = container.NewBorder(container.NewBorder(nil, nil, boldLabel(title), nil, t.sel), nil, nil, nil, t.chart)
	return t
}

// setChoices offers the values of a dimension (most mentions first),
// keeping the one chosen if it is still there, else the first.
func (t *trend) setChoices(ss []insights.Split, name func(insights.Split) string) {
	chosen := t.key()
	t.keys = t.keys[:0]
	opts := make([]string, 0, len(ss))
	pick := 0
	for i, sp := range ss {
		t.keys = append(t.keys, sp.Key)
		opts = append(opts, fmt.Sprintf("%s (%d)", name(sp), sp.Mentions))
		if sp.Key == chosen {
			pick = i
		}
	}
	f := t.sel.OnChanged
	t.sel.OnChanged = nil // filling in is not a choice
	t.sel.SetOptions(opts)
	if len(opts) > 0 {
		t.sel.SetSelectedIndex(pick)
	} else {
		t.sel.ClearSelected()
	}
	t.sel.OnChanged = f
}

// key is the value chosen, or "" with none.
func (t *trend) key() string {
	if i := t.sel.SelectedIndex(); i >= 0 && i < len(t.keys) {
		return t.keys[i]
	}
	return ""
}

// networkName shows a network ("" is the open web).
func networkName(sp insights.Split) string {
	if sp.Key == "" {
		return "web"
	}
	return sp.Key
}

func splitName(sp insights.Split) string { return sp.Name }

// showTrends draws the networks' and sources' charts and the share of
// negative and positive mentions over time.
func (s *Insights) showTrends() {
	s.byNet.setChoices(s.data.Networks, networkName)
	s.bySrc.setChoices(s.data.Sources, splitName)
	s.drawTrends()
}

// drawTrends draws the charts of the network and source chosen.
func (s *Insights) drawTrends() {
	if s.data == nil {
		return
	}
	net, src := s.byNet.key(), s.bySrc.key()
	netName, srcName := s.byNet.sel.Selected, s.bySrc.sel.Selected
	var nets, srcs, share []bar
	for _, sp := range s.spans() {
		var n, m, an, neg, pos int64
		for _, d := range sp.days {
			n += d.Networks[net]
			m += d.Sources[src]
			an += d.Analysed
			neg += d.Negative
			pos += d.Positive
		}
		nref, sref := sp.ref(insights.RefNetwork, net), sp.ref(insights.RefSource, src)
		nets = append(nets, bar{
			label: sp.label, values: []float64{float64(n)}, tip: fmt.Sprintf("%s: %d mentions on %s", sp.name, n, netName),
			onTap: func() { s.open(netName+", "+sp.name, nref) },
		})
		srcs = append(srcs, bar{
			label: sp.label, values: []float64{float64(m)}, tip: fmt.Sprintf("%s: %d mentions from %s", sp.name, m, srcName),
			onTap: func() { s.open(srcName+", "+sp.name, sref) },
		})
		shareNeg, sharePos := 0.0, 0.0
		if an > 0 {
			shareNeg, sharePos = 100*float64(neg)/float64(an), 100*float64(pos)/float64(an)
		}
		share = append(share, bar{
			label: sp.label, values: []float64{shareNeg, sharePos},
			tip: fmt.Sprintf("%s: %.0f %% negative (%d), %.0f %% positive (%d) of %d read", sp.name, shareNeg, neg, sharePos, pos, an),
			onTapPart: func(j int) {
				pol := [2]string{"negative", "positive"}[j]
				s.open([2]string{"Negative", "Positive"}[j]+" mentions of "+sp.name, sp.ref(insights.RefPolarity, pol))
			},
		})
	}
	if len(s.data.Networks) == 0 {
		nets = nil
	}
	if len(s.data.Sources) == 0 {
		srcs = nil
	}
	s.byNet.chart.setBars(nets)
	s.bySrc.chart.setBars(srcs)
	s.share.setBars(share)
}
