package advocates

import (
	"slices"
	"testing"
)

func TestParseStage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Stage
		ok   bool
	}{
		{"stranger", Stranger, true},
		{"Engaged", Engaged, true},
		{"CUSTOMER", Customer, true},
		{" advocate ", Advocate, true},
		{"Champion", Champion, true},
		{"fan", Customer, true},
		{"lead", Engaged, true},
		{"ambassador", Champion, true},
		{"influencer", "", false},
		{"press", "", false},
		{"at risk", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseStage(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseStage(%q) = %q %v, want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStages(t *testing.T) {
	t.Parallel()
	got := Stages()
	if !slices.Equal(got, []Stage{Stranger, Engaged, Customer, Advocate, Champion}) {
		t.Fatalf("Stages() = %v", got)
	}
	got[0] = "changed"
	if Stages()[0] != Stranger {
		t.Error("Stages returned the package's own slice")
	}
	for i, st := range Stages() {
		if st.Rank() != i {
			t.Errorf("%s.Rank() = %d, want %d", st, st.Rank(), i)
		}
	}
	if Stage("press").Rank() != -1 || Champion.Title() != "Champion" || Stage("at risk").Title() != "at risk" {
		t.Error("custom labels")
	}
}
