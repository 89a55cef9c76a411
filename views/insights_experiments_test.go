package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/experiments"
)

func TestVariantsAreReadOneALine(t *testing.T) {
	tests := []struct {
		text string
		want []experiments.Variant
	}{
		{"Reply in public — under the post\nTake it offline - offer email\n", []experiments.Variant{
			{Key: "A", Name: "Reply in public", Tip: "under the post"}, {Key: "B", Name: "Take it offline", Tip: "offer email"},
		}},
		{"\n  Fast  \n\nLater – the next morning\nGive first", []experiments.Variant{
			{Key: "A", Name: "Fast"}, {Key: "B", Name: "Later", Tip: "the next morning"}, {Key: "C", Name: "Give first"},
		}},
		{"", nil},
	}
	for _, tt := range tests {
		got := parseVariants(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("%q: %+v, want %+v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: variant %d is %+v, want %+v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

// entries lists the entries of a dialog in order.
func entries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	})
	return out
}

// rowButton is the button of the row of box that says text.
func rowButton(t *testing.T, box *fyne.Container, text, button string) *widget.Button {
	t.Helper()
	for _, row := range box.Objects {
		if strings.Contains(collectText(row), text) {
			if b := findButton(row, button); b != nil {
				return b
			}
		}
	}
	t.Fatalf("no %s button by %q", button, text)
	return nil
}

func experimentNamed(t *testing.T, m *MainWindow, name string) experiments.Result {
	t.Helper()
	all, err := m.svc.Experiments()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no experiment %q", name)
	return experiments.Result{}
}

func TestAnExperimentIsCreatedStartedAndConcludedOnScreen(t *testing.T) {
	// Given Insights on the sample, on Experiments
	m, _ := sampleWindow(t)
	m.tabs.SelectIndex(tabInsights)
	eventually(t, "the figures are read", func() bool { return m.insights.data != nil })
	s := m.insights
	// When the user writes a new experiment with one variant only
	test.Tap(findButton(s.expBox, "New experiment…"))
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Hypothesis") {
		t.Fatal("no experiment form")
	}
	es := entries(top) // name, days, hypothesis, variants in the form's order
	name, hyp, variants, days := es[0], es[1], es[2], es[3]
	test.Type(name, "Thank before asking")
	test.Type(hyp, "A thank-you first brings people back")
	test.Type(variants, "Ask at once")
	days.SetText("7")
	var errs []error
	s.OnError = func(err error) { errs = append(errs, err) }
	test.Tap(findButton(top, "Save as draft"))
	work.drain()
	// Then it is refused with a reason
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "two variants") {
		t.Fatalf("errors %v, want one asking for two variants", errs)
	}
	// When the form has two variants
	test.Tap(findButton(s.expBox, "New experiment…"))
	top = m.Win.Canvas().Overlays().Top()
	es = entries(top)
	test.Type(es[0], "Thank before asking")
	test.Type(es[2], "Ask at once\nThank first — say thanks for the last review")
	test.Tap(findButton(top, "Save as draft"))
	eventually(t, "the list shows it", func() bool { return strings.Contains(collectText(s.expBox), "Thank before asking") })
	// Then it is a draft with both variants and the defaults
	x := experimentNamed(t, m, "Thank before asking")
	if x.State != experiments.Draft || len(x.Variants) != 2 || x.Days != 14 || x.Outcome != experiments.OutcomeReturns {
		t.Errorf("saved %+v", x)
	}
	// When the user starts it
	test.Tap(rowButton(t, s.expBox, "Thank before asking", "Start"))
	eventually(t, "it runs", func() bool { return experimentNamed(t, m, "Thank before asking").State == experiments.Running })
	// And concludes it with what was learned
	test.Tap(rowButton(t, s.expBox, "Thank before asking", "Conclude…"))
	top = m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "What we learned") {
		t.Fatal("no conclusion form")
	}
	e := entries(top)[0]
	e.SetText("")
	test.Type(e, "Thanking first did not matter")
	test.Tap(findButton(top, "Conclude"))
	eventually(t, "it is concluded", func() bool {
		if len(errs) > 1 {
			t.Fatalf("errors %v", errs)
		}
		return experimentNamed(t, m, "Thank before asking").State == experiments.Concluded
	})
	if len(errs) != 1 {
		t.Errorf("errors %v", errs)
	}
}
