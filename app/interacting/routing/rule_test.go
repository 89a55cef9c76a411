package routing

import (
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// sampleTeam is the sample workspace's team (assets/sample/workspace.json).
var sampleTeam = []workspace.TeamMember{
	{Name: "Dana Reyes", Email: "dana@emberandoak.coffee", Role: "owner"},
	{Name: "Luis Ortega", Email: "luis@emberandoak.coffee", Role: "café manager"},
	{Name: "Kim Park", Email: "kim@emberandoak.coffee", Role: "online shop & support"},
}

// deliveryComplaint is a negative complaint about delivery from source 3,
// matched by watch rule 7.
func deliveryComplaint() *storage.Mention {
	return &storage.Mention{
		ID: 1, Author: "@sam", Platform: "reddit", SourceIDs: []uint64{3}, RuleIDs: []uint64{7},
		Text: "Why does my order take three weeks to arrive?",
		Analysis: storage.Analysis{
			Analysed: true, Polarity: "negative", Sentiment: -0.62,
			Intents: []string{"complaint", "question"}, TouchPoints: []string{"delivery/shipping"}, Priority: 72,
		},
	}
}

func TestRoute(t *testing.T) {
	t.Parallel()
	m := deliveryComplaint()
	tests := []struct {
		name  string
		rules []Rule
		owner string
		rule  string // the matching rule's ID
	}{
		{"no rules", nil, "", ""},
		{"intent matches", []Rule{{ID: "a", Intents: []string{"complaint"}, Owner: "Kim Park"}}, "Kim Park", "a"},
		{"intent any of the list", []Rule{{ID: "a", Intents: []string{"praise", "question"}, Owner: "Kim Park"}}, "Kim Park", "a"},
		{"intent ignores case", []Rule{{ID: "a", Intents: []string{" Complaint"}, Owner: "Kim Park"}}, "Kim Park", "a"},
		{"intent differs", []Rule{{ID: "a", Intents: []string{"praise"}, Owner: "Kim Park"}}, "", ""},
		{"touch point matches", []Rule{{ID: "a", TouchPoints: []string{"staff", "Delivery/Shipping"}, Owner: "Kim Park"}}, "Kim Park", "a"},
		{"touch point differs", []Rule{{ID: "a", TouchPoints: []string{"staff"}, Owner: "Luis Ortega"}}, "", ""},
		{"source matches", []Rule{{ID: "a", SourceIDs: []uint64{1, 3}, Owner: "Kim Park"}}, "Kim Park", "a"},
		{"source differs", []Rule{{ID: "a", SourceIDs: []uint64{4}, Owner: "Kim Park"}}, "", ""},
		{"watch rule matches", []Rule{{ID: "a", RuleIDs: []uint64{7}, Owner: "Kim Park"}}, "Kim Park", "a"},
		{"watch rule differs", []Rule{{ID: "a", RuleIDs: []uint64{8}, Owner: "Kim Park"}}, "", ""},
		{"sentiment matches", []Rule{{ID: "a", Sentiment: "negative", Owner: "Kim Park"}}, "Kim Park", "a"},
		{"sentiment differs", []Rule{{ID: "a", Sentiment: "positive", Owner: "Kim Park"}}, "", ""},
		{"priority reached", []Rule{{ID: "a", MinPriority: 72, Owner: "Kim Park"}}, "Kim Park", "a"},
		{"priority too low", []Rule{{ID: "a", MinPriority: 72.5, Owner: "Kim Park"}}, "", ""},
		{"all kinds hold", []Rule{{
			ID: "a", Intents: []string{"complaint"}, TouchPoints: []string{"delivery/shipping"},
			SourceIDs: []uint64{3}, RuleIDs: []uint64{7}, Sentiment: "negative", MinPriority: 50, Owner: "Kim Park",
		}}, "Kim Park", "a"},
		{"one kind fails", []Rule{{
			ID: "a", Intents: []string{"complaint"}, TouchPoints: []string{"delivery/shipping"},
			Sentiment: "positive", Owner: "Kim Park",
		}}, "", ""},
		{"no conditions match all", []Rule{{ID: "a", Owner: "Dana Reyes"}}, "Dana Reyes", "a"},
		{"first match wins", []Rule{
			{ID: "a", Intents: []string{"praise"}, Owner: "Dana Reyes"},
			{ID: "b", TouchPoints: []string{"delivery/shipping"}, Owner: "Kim Park"},
			{ID: "c", Intents: []string{"complaint"}, Owner: "Luis Ortega"},
		}, "Kim Park", "b"},
		{"disabled skipped", []Rule{
			{ID: "a", Intents: []string{"complaint"}, Owner: "Luis Ortega", Disabled: true},
			{ID: "b", Owner: "Dana Reyes"},
		}, "Dana Reyes", "b"},
		{"no owner skipped", []Rule{{ID: "a", Intents: []string{"complaint"}, Owner: " "}, {ID: "b", Owner: "Dana Reyes"}}, "Dana Reyes", "b"},
		{"owner trimmed", []Rule{{ID: "a", Owner: " Kim Park "}}, "Kim Park", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			owner, rule := Route(tt.rules, m)
			id := ""
			if rule != nil {
				id = rule.ID
			}
			if owner != tt.owner || id != tt.rule {
				t.Errorf("Route = %q by %q, want %q by %q", owner, id, tt.owner, tt.rule)
			}
		})
	}
}

func TestRouteReturnsRuleInSlice(t *testing.T) {
	t.Parallel()
	rules := []Rule{{ID: "a", Owner: "Kim Park"}}
	if _, r := Route(rules, deliveryComplaint()); r != &rules[0] {
		t.Error("Route should point at the rule in the given slice")
	}
}

func TestRouteNotAnalysed(t *testing.T) {
	t.Parallel()
	m := &storage.Mention{Text: "Bonjour", Analysis: storage.Analysis{Reason: "not English"}}
	rules := []Rule{
		{ID: "neutral", Sentiment: "neutral", Owner: "Kim Park"},
		{ID: "rest", Owner: "Dana Reyes"},
	}
	if owner, r := Route(rules, m); owner != "Dana Reyes" || r.ID != "rest" {
		t.Errorf("unanalysed mention routed to %q by %q; it has no sentiment to match", owner, r.ID)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	good := Rule{Name: "Delivery", TouchPoints: []string{"delivery/shipping"}, Sentiment: "negative", MinPriority: 40, Owner: "Kim Park"}
	tests := []struct {
		name string
		edit func(r *Rule)
		team []workspace.TeamMember
		want []string // parts of the message; none means valid
	}{
		{"valid", func(*Rule) {}, sampleTeam, nil},
		{"no conditions is valid", func(r *Rule) { r.TouchPoints, r.Sentiment, r.MinPriority = nil, "", 0 }, sampleTeam, nil},
		{"sentiment any case", func(r *Rule) { r.Sentiment = "Positive" }, sampleTeam, nil},
		{"no name", func(r *Rule) { r.Name = "  " }, sampleTeam, []string{"give the rule a name"}},
		{"no owner", func(r *Rule) { r.Owner = "" }, sampleTeam, []string{"choose who takes care"}},
		{
			"owner not on team", func(r *Rule) { r.Owner = "Sam Lee" }, sampleTeam,
			[]string{"Sam Lee is not on the team: choose a team member, or add Sam Lee to the team first"},
		},
		{"owner case differs", func(r *Rule) { r.Owner = "kim park" }, sampleTeam, []string{"did you mean Kim Park?"}},
		{"no team", func(*Rule) {}, nil, []string{"add team members first"}},
		{
			"bad sentiment", func(r *Rule) { r.Sentiment = "angry" }, sampleTeam,
			[]string{`"angry" is not a sentiment: choose negative, neutral or positive`},
		},
		{
			"unknown intent", func(r *Rule) { r.Intents = []string{"complaint", "rant"} }, sampleTeam,
			[]string{`"rant" is not an intent Rapport knows: choose from complaint, question`},
		},
		{"empty intent", func(r *Rule) { r.Intents = []string{""} }, sampleTeam, []string{"one of the intents is empty"}},
		{"empty touch point", func(r *Rule) { r.TouchPoints = []string{"staff", " "} }, sampleTeam, []string{"one of the touch points is empty"}},
		{"zero source", func(r *Rule) { r.SourceIDs = []uint64{0} }, sampleTeam, []string{"a source or watch rule is missing"}},
		{"priority too high", func(r *Rule) { r.MinPriority = 101 }, sampleTeam, []string{"between 0 and 100"}},
		{"priority negative", func(r *Rule) { r.MinPriority = -1 }, sampleTeam, []string{"between 0 and 100"}},
		{
			"several problems", func(r *Rule) { r.Name, r.Sentiment = "", "meh" }, sampleTeam,
			[]string{"give the rule a name\n", `"meh" is not a sentiment`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good
			r.TouchPoints = append([]string(nil), good.TouchPoints...)
			tt.edit(&r)
			err := r.Validate(tt.team)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate = nil, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func BenchmarkRoute(b *testing.B) {
	rules := append(Suggested(sampleTeam), Rule{ID: "rest", Name: "Everything else", Owner: "Dana Reyes"})
	m := deliveryComplaint()
	m.Analysis.TouchPoints = []string{"price"}
	m.Analysis.Intents = []string{"praise"}
	for b.Loop() {
		Route(rules, m)
	}
}
