package views

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func sampleBars(n int) []bar {
	bs := make([]bar, n)
	for i := range bs {
		bs[i] = bar{label: fmt.Sprintf("11-%02d", i%30+1), values: []float64{float64((i*37)%23 + 3)}, tip: "x"}
	}
	return bs
}

func TestAChartSaysWhenItIsEmptyAndShowsValuesOnHover(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart("Mentions", colorNameTouch)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(500, 220))
	c.setBars(nil)
	if !containsText(c, "Nothing in this period") {
		t.Error("an empty chart must say so")
	}
	tapped := -1
	bs := sampleBars(10)
	for i := range bs {
		bs[i].tip = fmt.Sprintf("day %d", i)
		bs[i].onTap = func() { tapped = i }
	}
	c.setBars(bs)
	c.Resize(fyne.NewSize(440, 200))
	x := chartLeft + (440-chartLeft)/10*3.5 // the middle of the fourth bar
	test.MoveMouse(w.Canvas(), fyne.NewPos(x, 100))
	if !containsText(c, "day 3") {
		t.Error("hovering a bar shows its value")
	}
	test.TapAt(c, fyne.NewPos(x, 100))
	if tapped != 3 {
		t.Errorf("tapped bar %d, want 3", tapped)
	}
}

func containsText(c *barChart, s string) bool {
	r := test.WidgetRenderer(c).(*chartRenderer)
	for _, t := range []string{r.title.Text, r.tip.Text, r.empty.Text} {
		if len(t) >= len(s) && contains(t, s) {
			return true
		}
	}
	return false
}

func contains(a, b string) bool {
	for i := 0; i+len(b) <= len(a); i++ {
		if a[i:i+len(b)] == b {
			return true
		}
	}
	return false
}

// BenchmarkBarChart is the cost of charting 84 days on the canvas: the
// data set, the objects updated and laid out (/update), and the same with
// the window rendered to an image by the test driver's software painter
// (/update-and-paint), for the comparison with a chart library in
// docs/insights.md.
func BenchmarkBarChart(b *testing.B) {
	test.NewTempApp(b)
	c := newBarChart("Mentions", colorNameTouch)
	w := test.NewTempWindow(b, c)
	w.Resize(fyne.NewSize(480, 180))
	bs := sampleBars(84)
	b.Run("update", func(b *testing.B) {
		for b.Loop() {
			c.setBars(bs)
		}
	})
	b.Run("update-and-paint", func(b *testing.B) {
		for b.Loop() {
			c.setBars(bs)
			w.Canvas().Capture()
		}
	})
}
