package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/people/crm"
)

// rightGap is the room between a text and the right edge of its row.
func rightGap(t *testing.T, row fyne.CanvasObject, text *canvas.Text) float32 {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	end := d.AbsolutePositionForObject(text).X + text.MinSize().Width
	return d.AbsolutePositionForObject(row).X + row.Size().Width - end
}

// TestRowNumbersStayClearOfTheEdge: a list's scroll bar covers the right
// edge of its rows; the score of a contact and the mention count of a
// source were drawn flush against it and came out cut.
func TestRowNumbersStayClearOfTheEdge(t *testing.T) {
	test.NewTempApp(t)
	cr := newContactRow().(*contactRow)
	cr.set(crm.Row{Name: "Carl Whitfield", Stage: "influencer", Score: 93, Platforms: []string{"youtube"}}, time.Now())
	sr := newSourceRow().(*sourceRow)
	v := monitor.SourceView{Mentions: 42}
	v.Name, v.Folder = "Bean There PDX", "Blogs & Reviews"
	sr.set(v, time.Now())
	for _, tt := range []struct {
		name string
		row  fyne.CanvasObject
		text *canvas.Text
	}{{"contact score", cr, cr.score}, {"source mentions", sr, sr.meta}} {
		w := test.NewWindow(tt.row)
		w.Resize(fyne.NewSize(420, 80))
		if gap := rightGap(t, tt.row, tt.text); gap < 2*theme.Padding() {
			t.Errorf("the %s ends %.0f px from the row's edge, want at least %.0f", tt.name, gap, 2*theme.Padding())
		}
		w.Close()
	}
}
