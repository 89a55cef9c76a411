package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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
	for m.inbox.next != nil { // a page at a time, as scrolling asks for them
		n := len(m.inbox.ids)
		m.inbox.loadIDs(n)
		work.drain()
		eventually(t, "the next page is listed", func() bool { return len(m.inbox.ids) > n || m.inbox.next == nil })
	}
	if got, want := int64(len(m.inbox.ids)), m.insights.data.Totals.Mentions; got != want {
		t.Errorf("the inbox lists %d mentions, the figure says %d", got, want)
	}
}
