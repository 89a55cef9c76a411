package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places objects left to right at their natural size and
// starts a new line when the next one does not fit, so rows of buttons or
// chips never push a pane wider than the window.
type flowLayout struct {
	width float32 // the width laid out last; MinSize answers for it
}

// newFlow wraps objects in a flowing container.
func newFlow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	f.place(objs, size.Width, true)
}

// MinSize is as wide as the widest object and as tall as the lines the
// objects need at the width last laid out.
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	width := f.width
	if width < w {
		width = w
	}
	return fyne.NewSize(w, f.place(objs, width, false))
}

// place lays out (or only measures) the objects; it returns the height.
func (f *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	x, y, line := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, line = 0, y+line+pad, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + pad
		line = max(line, m.Height)
	}
	return y + line
}
