package routing

import (
	"slices"
	"testing"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

func TestSuggestedSampleTeam(t *testing.T) {
	t.Parallel()
	rules := Suggested(sampleTeam)
	got := make([]string, len(rules))
	for i, r := range rules {
		got[i] = Explain(r)
	}
	want := []string{
		"mentions about location/opening hours or staff → Luis Ortega",
		"mentions about delivery/shipping, returns/refunds or website/app → Kim Park",
		"complaints or churn risk → Kim Park",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Suggested:\n got %q\nwant %q", got, want)
	}
	if err := (Set{Rules: rules}).Validate(sampleTeam); err != nil {
		t.Errorf("suggested rules do not validate: %v", err)
	}
	// and a complaint about a barista goes to the café, one about delivery online
	staff := &storage.Mention{Analysis: storage.Analysis{Intents: []string{"complaint"}, TouchPoints: []string{"staff"}}}
	if owner, _ := Route(rules, staff); owner != "Luis Ortega" {
		t.Errorf("staff complaint routed to %q", owner)
	}
	if owner, _ := Route(rules, deliveryComplaint()); owner != "Kim Park" {
		t.Errorf("delivery complaint routed to %q", owner)
	}
	praise := &storage.Mention{Analysis: storage.Analysis{Intents: []string{"praise"}, TouchPoints: []string{"product quality"}}}
	if owner, _ := Route(rules, praise); owner != "" {
		t.Errorf("praise routed to %q; it should stay with the owner", owner)
	}
}

func TestSuggestedUsesDefaultTouchPoints(t *testing.T) {
	t.Parallel()
	var names []string
	for _, c := range analyze.DefaultConfig().TouchPoints {
		names = append(names, c.Name)
	}
	for _, r := range Suggested(sampleTeam) {
		for _, tp := range r.TouchPoints {
			if !slices.Contains(names, tp) {
				t.Errorf("rule %q uses touch point %q, not a default one (%q)", r.Name, tp, names)
			}
		}
		for _, in := range r.Intents {
			if !slices.Contains(analyze.Intents(), in) {
				t.Errorf("rule %q uses unknown intent %q", r.Name, in)
			}
		}
	}
}

func TestSuggestedRoles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		role   string
		venue  bool
		online bool
	}{
		{"owner", false, false},
		{"Café Manager", true, false},
		{"cafe manager", true, false},
		{"manager", true, false},
		{"social media manager", false, false},
		{"Customer Support", false, true},
		{"online shop & support", false, true},
		{"shop manager", true, true},
		{"", false, false},
	}
	for _, tt := range tests {
		rules := Suggested([]workspace.TeamMember{{Name: "Ana", Role: tt.role}})
		venue := slices.ContainsFunc(rules, func(r Rule) bool { return r.ID == "suggested-venue" })
		online := slices.ContainsFunc(rules, func(r Rule) bool { return r.ID == "suggested-orders" })
		if venue != tt.venue || online != tt.online {
			t.Errorf("role %q: venue %v, online %v; want %v, %v", tt.role, venue, online, tt.venue, tt.online)
		}
	}
	if rules := Suggested(nil); rules != nil {
		t.Errorf("no team: %+v", rules)
	}
	if rules := Suggested([]workspace.TeamMember{{Name: " ", Role: "support"}}); rules != nil {
		t.Errorf("member without a name got rules: %+v", rules)
	}
}
