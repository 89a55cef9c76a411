package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestFlowLetsThePaneShrink is why newFlow keeps its own layout rather than
// Fyne's RowWrapLayout: after a wide layout, RowWrapLayout reports the
// widest row as its minimum width (and, before its first layout, every
// object on its own row as its height), which pins the detail pane and the
// window at that width; newFlow's minimum stays the widest button, so the
// pane and the window can shrink again and the buttons wrap.
func TestFlowLetsThePaneShrink(t *testing.T) {
	test.NewTempApp(t)
	buttons := func() []fyne.CanvasObject {
		var objs []fyne.CanvasObject
		for range 6 {
			objs = append(objs, widget.NewButton("A button label", nil))
		}
		return objs
	}
	widest := buttons()[0].MinSize().Width
	ours := newFlow(buttons()...)
	ours.Resize(fyne.NewSize(1200, 300))
	if w := ours.MinSize().Width; w > widest+1 {
		t.Errorf("after a wide layout newFlow needs %.0f px, want the widest button (%.0f)", w, widest)
	}
	fynes := container.New(layout.NewRowWrapLayout(), buttons()...)
	fynes.Resize(fyne.NewSize(1200, 300))
	if w := fynes.MinSize().Width; w < 3*widest {
		t.Logf("Fyne's RowWrapLayout now lets a pane shrink (%.0f px): newFlow could be replaced", w)
	}
}

// TestTightLinesKeepTheRowHeight checks that the rows' two lines stack as
// they did with the hand-written layout: the padding between and above the
// labels taken back.
func TestTightLinesKeepTheRowHeight(t *testing.T) {
	test.NewTempApp(t)
	a, b := widget.NewLabel("Maya Lin"), widget.NewLabel("Loved the Guji")
	c := tightLines(a, b)
	p := theme.Padding()
	want := a.MinSize().Height + b.MinSize().Height - 2*p
	if got := c.MinSize().Height; got != want {
		t.Errorf("two lines need %.1f px, want %.1f", got, want)
	}
	c.Resize(fyne.NewSize(300, want))
	if y := c.Objects[0].Position().Y + b.Position().Y; y != a.MinSize().Height-2*p {
		t.Errorf("second line at %.1f, want %.1f", y, a.MinSize().Height-2*p)
	}
}
