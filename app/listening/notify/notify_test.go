package notify

import (
	"strings"
	"testing"
	"time"
)

var noon = time.Date(2026, 11, 20, 12, 0, 0, 0, time.Local)

func TestQuietHours(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to string
		at       time.Time
		want     bool
	}{
		{"22:00", "07:00", noon, false},
		{"22:00", "07:00", time.Date(2026, 11, 20, 23, 30, 0, 0, time.Local), true},
		{"22:00", "07:00", time.Date(2026, 11, 20, 6, 59, 0, 0, time.Local), true},
		{"22:00", "07:00", time.Date(2026, 11, 20, 7, 0, 0, 0, time.Local), false},
		{"12:00", "13:00", noon, true},
		{"12:00", "12:00", noon, false},
		{"bogus", "07:00", noon, false},
	}
	for _, tt := range tests {
		if got := quiet(Settings{QuietFrom: tt.from, QuietTo: tt.to}, tt.at); got != tt.want {
			t.Errorf("quiet %s–%s at %s = %v", tt.from, tt.to, tt.at.Format("15:04"), got)
		}
	}
}

func TestOfferPicksWhatMattersAndLimitsPerMinute(t *testing.T) {
	t.Parallel()
	s := Defaults()
	items := []Item{
		{ID: 1, Author: "Maya", Headline: "love it", Priority: 12, Intents: []string{"praise"}},
		{ID: 2, Author: "Sam", Headline: "where is my order?", Priority: 30, Intents: []string{"question", "complaint"}, Why: "complaint · negative"},
		{ID: 3, Author: "Jo", Headline: "big news", Priority: 50},
	}
	var n Notifier
	notes := n.Offer(s, items, noon)
	if len(notes) != 2 || notes[0].IDs[0] != 3 || notes[1].IDs[0] != 2 || !strings.Contains(notes[1].Title, "Sam — complaint") {
		t.Fatalf("notes %+v", notes)
	}
	// A burst: one room left this minute, then a summary.
	burst := []Item{{ID: 4, Author: "A", Priority: 60}, {ID: 5, Author: "B", Priority: 55}, {ID: 6, Author: "C", Priority: 40}}
	notes = n.Offer(s, burst, noon.Add(10*time.Second))
	if len(notes) != 2 || notes[0].IDs[0] != 4 || len(notes[1].IDs) != 2 || !strings.Contains(notes[1].Title, "2 more") {
		t.Fatalf("burst %+v", notes)
	}
	// The limit is spent: the next is a summary only.
	if notes := n.Offer(s, []Item{{ID: 7, Priority: 90}}, noon.Add(20*time.Second)); len(notes) != 1 || !strings.Contains(notes[0].Title, "1 more") {
		t.Fatalf("over the limit %+v", notes)
	}
	// A minute later there is room again.
	if notes := n.Offer(s, []Item{{ID: 8, Author: "D", Priority: 90}}, noon.Add(2*time.Minute)); len(notes) != 1 || notes[0].IDs[0] != 8 {
		t.Fatalf("after a minute %+v", notes)
	}
	if notes := n.Offer(s, items, time.Date(2026, 11, 20, 23, 0, 0, 0, time.Local)); notes != nil {
		t.Errorf("quiet hours: %+v", notes)
	}
	s.Enabled = false
	if notes := n.Offer(s, items, noon.Add(time.Hour)); notes != nil {
		t.Errorf("disabled: %+v", notes)
	}
}
