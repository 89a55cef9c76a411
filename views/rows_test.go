package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/rapportapp/rapport/app/interacting/inbox"
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

// TestAReusedInboxRowPlacesALongerDate: the list reuses a row at the same
// size, so the author line was laid out for the date it showed first; a
// longer date ("5 Dec 2025" after "2 h") ran past the row's edge.
func TestAReusedInboxRowPlacesALongerDate(t *testing.T) {
	test.NewTempApp(t)
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	r := newInboxRow(nil)
	r.set(inbox.Row{ID: 1, Author: "Quivi Povisibit", Headline: "Sizu have in.", Platform: "web", Time: now.Add(-2 * time.Hour), Intents: []string{"praise"}}, now)
	w := test.NewWindow(r)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 70))
	for _, at := range []time.Time{now.AddDate(-1, 0, 0), now.Add(-time.Minute), now.AddDate(0, -3, -2)} {
		r.set(inbox.Row{ID: 2, Author: "Jizelom Popozuyo", Headline: "Porojipo lebidas uldayo.", Platform: "web", Owner: "Kim Park", Time: at, Intents: []string{"complaint", "referral", "churn"}}, now)
		if gap := rightGap(t, r, r.age); gap < 2*theme.Padding() {
			t.Errorf("the date %q ends %.0f px from the row's edge, want at least %.0f", r.age.Text, gap, 2*theme.Padding())
		}
		d := fyne.CurrentApp().Driver()
		if src, age := d.AbsolutePositionForObject(r.source).X+r.source.MinSize().Width, d.AbsolutePositionForObject(r.age).X; src > age {
			t.Errorf("the network overlaps the date %q", r.age.Text)
		}
	}
}
