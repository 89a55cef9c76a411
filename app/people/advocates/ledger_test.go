package advocates

import (
	"testing"

	"github.com/rapportapp/rapport/storage"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	tests := []struct{ kind, want string }{
		{"reply", Give},
		{"Thank", Give},
		{"thanks", Give},
		{"Thank you", Give},
		{"sample", Give},
		{"share", Give},
		{"referral_given", Give},
		{"discount", Give},
		{"gift", Give},
		{"mention", Get},
		{"recommend", Get},
		{"review", Get},
		{"referral", Get},
		{"purchase", Get},
		{"bought", Get},
		{"ask", Ask},
		{" ASK ", Ask},
		{"request", Ask},
		{"call", ""},
		{"email", ""},
		{"meeting", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Classify(tt.kind); got != tt.want {
			t.Errorf("Classify(%q) = %q, want %q", tt.kind, got, tt.want)
		}
	}
}

func TestSide(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind, dir, want string
	}{
		{"call", "give", Give},      // the stored direction decides open kinds
		{"referral", "give", Give},  // and wins over the kind: we referred them
		{"referral", "", Get},       // else the kind decides
		{"Thank You", "", Give},     // kinds are normalised
		{"ask", "give", Ask},        // an ask is never a give
		{"request", "get", Ask},     // nor a get
		{"meeting", "", ""},         // an open kind without direction is on neither side
		{"reply", " GET ", Get},     // directions ignore case and space
		{"reply", "sideways", Give}, // a direction we do not know is ignored
	}
	for _, tt := range tests {
		in := storage.Interaction{Kind: tt.kind, Direction: tt.dir}
		if got := side(&in); got != tt.want {
			t.Errorf("side(%q, %q) = %q, want %q", tt.kind, tt.dir, got, tt.want)
		}
	}
}

func TestBuildLedger(t *testing.T) {
	t.Parallel()
	ins := []storage.Interaction{
		{ID: 1, Kind: "reply", Direction: "give", At: daysAgo(10)},
		{ID: 2, Kind: "sample", At: daysAgo(9), Value: 12},
		{ID: 3, Kind: "referral", Direction: "get", At: daysAgo(5), Value: 89},
		{ID: 4, Kind: "purchase", Direction: "get", At: daysAgo(5), Value: 40.5},
		{ID: 5, Kind: "review", At: daysAgo(3)},
		{ID: 6, Kind: "ask", At: daysAgo(1)},
		{ID: 7, Kind: "meeting", At: daysAgo(20)},
	}
	l := BuildLedger(ins)
	if l.Gives != 2 || l.Gets != 3 || l.Asks != 1 || l.Balance != -1 {
		t.Errorf("gives %d gets %d asks %d balance %d, want 2 3 1 -1", l.Gives, l.Gets, l.Asks, l.Balance)
	}
	near(t, "give value", l.GiveValue, 12)
	near(t, "get value", l.GetValue, 129.5)
	near(t, "referral value", l.ValueByKind["referral"], 89)
	if l.ByKind["referral"] != 1 || l.ByKind["meeting"] != 1 || len(l.ByKind) != 7 {
		t.Errorf("by kind %v", l.ByKind)
	}
	var order []uint64
	for _, e := range l.Entries {
		order = append(order, e.Interaction.ID)
	}
	want := []uint64{6, 5, 4, 3, 2, 1, 7} // newest first; same time: higher id first
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
	if !l.LastGive.Equal(daysAgo(9)) || !l.LastGet.Equal(daysAgo(3)) {
		t.Errorf("last give %v, last get %v", l.LastGive, l.LastGet)
	}
	if e := BuildLedger(nil); e.Balance != 0 || len(e.Entries) != 0 || e.ByKind == nil {
		t.Errorf("empty ledger %+v", e)
	}
}
