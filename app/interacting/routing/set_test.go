package routing

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

func TestLoadEmpty(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	var s Set
	err := st.View(func(tx *storage.Tx) (err error) { s, err = Load(tx); return err })
	if err != nil || len(s.Rules) != 0 {
		t.Fatalf("Load on a new store = %+v, %v; want no rules", s, err)
	}
}

func TestSaveLoad(t *testing.T) {
	t.Parallel()
	// given rules, one of them without an ID
	st := testkit.Store(t)
	in := Set{Rules: []Rule{
		{
			ID: "a", Name: "Delivery complaints", Intents: []string{"complaint", "churn"}, TouchPoints: []string{"delivery/shipping"},
			SourceIDs: []uint64{3, 1 << 40}, RuleIDs: []uint64{7}, Sentiment: "negative", MinPriority: 42.5, Owner: "Kim Park",
		},
		{Name: "Everything else", Owner: "Dana Reyes", Disabled: true},
	}}
	// when they are saved and read back
	if err := st.Update(func(tx *storage.Tx) error { return Save(tx, in) }); err != nil {
		t.Fatal(err)
	}
	var out Set
	if err := st.View(func(tx *storage.Tx) (err error) { out, err = Load(tx); return err }); err != nil {
		t.Fatal(err)
	}
	// then they come back in order, with a new ID for the second only
	if in.Rules[1].ID != "" {
		t.Error("Save changed the caller's rules")
	}
	if len(out.Rules) != 2 || !strings.HasPrefix(out.Rules[1].ID, "r") || len(out.Rules[1].ID) != 13 {
		t.Fatalf("loaded %+v", out.Rules)
	}
	want := in.Rules[1]
	want.ID = out.Rules[1].ID
	if !reflect.DeepEqual(out.Rules[0], in.Rules[0]) || !reflect.DeepEqual(out.Rules[1], want) {
		t.Errorf("loaded %+v\nwant %+v", out.Rules, []Rule{in.Rules[0], want})
	}
	// and saving again keeps the ID
	if err := st.Update(func(tx *storage.Tx) error { return Save(tx, out) }); err != nil {
		t.Fatal(err)
	}
	var again Set
	_ = st.View(func(tx *storage.Tx) (err error) { again, err = Load(tx); return err })
	if !reflect.DeepEqual(again, out) {
		t.Errorf("second save changed the rules: %+v", again)
	}
}

func TestNewIDUnique(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if seen[id] {
			t.Fatalf("NewID repeated %q", id)
		}
		seen[id] = true
	}
}

func TestSetValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		rules []Rule
		want  []string
	}{
		{"suggested rules are valid", Suggested(sampleTeam), nil},
		{"catch-all at the end is fine", []Rule{
			{ID: "a", Name: "Delivery", TouchPoints: []string{"delivery/shipping"}, Owner: "Kim Park"},
			{ID: "b", Name: "Everything else", Owner: "Dana Reyes"},
		}, nil},
		{"disabled rules below a catch-all are fine", []Rule{
			{ID: "b", Name: "Everything else", Owner: "Dana Reyes"},
			{ID: "a", Name: "Delivery", TouchPoints: []string{"delivery/shipping"}, Owner: "Kim Park", Disabled: true},
		}, nil},
		{"catch-all hides rules", []Rule{
			{ID: "b", Name: "Everything else", Owner: "Dana Reyes"},
			{ID: "a", Name: "Delivery", TouchPoints: []string{"delivery/shipping"}, Owner: "Kim Park"},
		}, []string{"rule “Delivery” never applies: rule “Everything else” above it matches every mention; move that one to the end"}},
		{"rule problems name the rule", []Rule{
			{ID: "a", Name: "Delivery", Owner: "Sam"},
			{ID: "b", Owner: "Kim Park", Intents: []string{"praise"}},
		}, []string{"rule “Delivery”: Sam is not on the team", "rule 2: give the rule a name"}},
		{"duplicates", []Rule{
			{ID: "a", Name: "Delivery", Intents: []string{"praise"}, Owner: "Kim Park"},
			{ID: "a", Name: "delivery ", Intents: []string{"complaint"}, Owner: "Kim Park"},
		}, []string{"another rule has the same ID", "two rules have this name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Set{Rules: tt.rules}.Validate(sampleTeam)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate = %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate = nil")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate = %q\nwant it to contain %q", err, w)
				}
			}
		})
	}
}
