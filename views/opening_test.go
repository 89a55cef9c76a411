package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestOpeningShowsTheUpdateAndStopsOnce: the opening window starts
// without a step, then names the step, how far it has got of about how
// much and how long is left; Quit asks the open to stop, once.
func TestOpeningShowsTheUpdateAndStopsOnce(t *testing.T) {
	a := test.NewTempApp(t)
	clock := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	stops := 0
	o := ShowOpening(a, "/home/me/rapport", func() { stops++ }, func() time.Time { return clock })
	if o.heading.Text != "Opening your data folder…" || !o.spin.Visible() || o.bar.Visible() || o.step.Text != "" {
		t.Fatalf("before a step: heading %q, spinner %v, bar %v, step %q", o.heading.Text, o.spin.Visible(), o.bar.Visible(), o.step.Text)
	}
	o.Set(OpeningStep{Name: "check the folder's files", Done: 12, Total: 341, Unit: "files"})
	if o.heading.Text != "Opening your data folder…" || o.step.Text != "Check the folder's files." || o.count.Text != "12 of 341 files" || !o.bar.Visible() {
		t.Errorf("checking files: heading %q, step %q, count %q, bar %v", o.heading.Text, o.step.Text, o.count.Text, o.bar.Visible())
	}
	name := "list the identity index by identity key"
	o.Set(OpeningStep{Step: 1, Steps: 1, Name: name})
	if o.step.Text != "List the identity index by identity key." || o.count.Text != "Starting…" || !o.spin.Visible() {
		t.Errorf("a step starting: %q, %q, spinner %v", o.step.Text, o.count.Text, o.spin.Visible())
	}
	clock = clock.Add(2 * time.Second)
	o.Set(OpeningStep{Step: 1, Steps: 1, Name: name, Done: 300_000, Total: 4_500_000, Estimate: true, Unit: "entries"})
	if o.count.Text != "300,000 of about 4,500,000 entries" || o.spin.Visible() || !o.bar.Visible() {
		t.Errorf("two seconds in: %q, spinner %v, bar %v", o.count.Text, o.spin.Visible(), o.bar.Visible())
	}
	clock = clock.Add(28 * time.Second)
	o.Set(OpeningStep{Step: 1, Steps: 1, Name: name, Done: 1_500_000, Total: 4_500_000, Estimate: true, Unit: "entries"})
	if want := "1,500,000 of about 4,500,000 entries · about a minute left"; o.count.Text != want {
		t.Errorf("half a minute in: %q, want %q", o.count.Text, want)
	}
	if v := o.bar.Value; v < 0.33 || v > 0.34 {
		t.Errorf("bar at %v, want a third", v)
	}
	o.Set(OpeningStep{Step: 1, Steps: 1, Name: name, Done: 4_600_000, Total: 4_500_000, Estimate: true, Unit: "entries"}) // past the estimate
	if o.count.Text != "4,600,000 entries so far" || o.bar.Value != 0.99 {
		t.Errorf("past the estimate: %q, bar %v", o.count.Text, o.bar.Value)
	}
	// A step that goes on where a stopped open left it: its pace counts
	// from its first report.
	resumed := OpeningStep{Step: 1, Steps: 1, Name: "list again", Done: 2_000_000, Total: 4_000_000, Estimate: true, Unit: "entries"}
	o.Set(resumed)
	clock = clock.Add(10 * time.Second)
	resumed.Done = 2_200_000
	o.Set(resumed)
	if want := "2,200,000 of about 4,000,000 entries · about 2 minutes left"; o.count.Text != want {
		t.Errorf("resumed: %q, want %q", o.count.Text, want)
	}
	o.Set(OpeningStep{Step: 2, Steps: 2, Name: "build the full-text index of mentions", Done: 1234, Unit: "mentions"})
	if o.step.Text != "Step 2 of 2: Build the full-text index of mentions." || o.count.Text != "1,234 mentions so far" {
		t.Errorf("a second step without a total: %q, %q", o.step.Text, o.count.Text)
	}

	test.Tap(o.quit)
	if stops != 1 || !o.quit.Disabled() || o.heading.Text != "Stopping… what is done so far is kept." {
		t.Fatalf("Quit: stops %d, disabled %v, heading %q", stops, o.quit.Disabled(), o.heading.Text)
	}
	o.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	o.Set(OpeningStep{Step: 2, Steps: 2, Name: "x", Done: 9})
	if stops != 1 || o.heading.Text != "Stopping… what is done so far is kept." {
		t.Errorf("after Quit: stops %d, heading %q", stops, o.heading.Text)
	}
	o.Close()
	o.Close()
}

// TestOpeningEscapeStops: Escape stops the open as Quit does.
func TestOpeningEscapeStops(t *testing.T) {
	a := test.NewTempApp(t)
	stops := 0
	o := ShowOpening(a, "/d", func() { stops++ }, nil)
	o.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if stops != 1 || !o.quit.Disabled() {
		t.Errorf("Escape: stops %d, Quit disabled %v", stops, o.quit.Disabled())
	}
}

// TestOpeningTextIsNotTheDisabledColour: a label of low importance is
// drawn in the disabled colour, which the light theme makes too faint to
// read; the note that quitting is safe was one.
func TestOpeningTextIsNotTheDisabledColour(t *testing.T) {
	a := test.NewTempApp(t)
	o := ShowOpening(a, "/home/me/rapport", func() {}, time.Now)
	var walk func(obj fyne.CanvasObject)
	n := 0
	walk = func(obj fyne.CanvasObject) {
		switch w := obj.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *widget.Label:
			n++
			if w.Importance == widget.LowImportance {
				t.Errorf("label %q is of low importance: the disabled colour", w.Text)
			}
		}
	}
	walk(o.Window().Content())
	if n < 5 {
		t.Errorf("%d labels found: the walk misses the window's", n)
	}
}
