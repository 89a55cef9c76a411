package routing

import "testing"

func TestExplain(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule Rule
		want string
	}{
		{
			Rule{Intents: []string{"complaint", "churn"}, TouchPoints: []string{"delivery/shipping"}, Sentiment: "negative", Owner: "Kim Park"},
			"complaints or churn risk about delivery/shipping, negative → Kim Park",
		},
		{
			Rule{Intents: []string{"question", "buy", "praise"}, Owner: "Kim Park"},
			"questions, want-to-buy moments or praise → Kim Park",
		},
		{
			Rule{TouchPoints: []string{"staff", "location/opening hours"}, Owner: "Luis Ortega"},
			"mentions about staff or location/opening hours → Luis Ortega",
		},
		{Rule{Sentiment: "Negative", MinPriority: 60, Owner: "Dana Reyes"}, "negative mentions, priority 60 or more → Dana Reyes"},
		{
			Rule{SourceIDs: []uint64{1, 2}, RuleIDs: []uint64{9}, Owner: "Dana Reyes"},
			"mentions from 2 chosen sources matching 1 chosen watch rule → Dana Reyes",
		},
		{Rule{Owner: "Dana Reyes"}, "every mention → Dana Reyes"},
		{Rule{Intents: []string{"complaint"}}, "complaints → nobody yet"},
		{Rule{Intents: []string{"praise"}, Owner: "Dana Reyes", Disabled: true}, "praise → Dana Reyes (turned off)"},
	}
	for _, tt := range tests {
		if got := Explain(tt.rule); got != tt.want {
			t.Errorf("Explain(%+v)\n got %q\nwant %q", tt.rule, got, tt.want)
		}
	}
}

func TestExplainNamed(t *testing.T) {
	t.Parallel()
	names := map[uint64]string{1: "r/coffee", 2: "Mastodon #coffee", 9: "Brand"}
	name := func(id uint64) string { return names[id] }
	r := Rule{SourceIDs: []uint64{1, 2}, RuleIDs: []uint64{9}, Owner: "Dana Reyes"}
	want := "mentions from sources “r/coffee” or “Mastodon #coffee” matching watch rule “Brand” → Dana Reyes"
	if got := ExplainNamed(r, name, name); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	r.SourceIDs = []uint64{1, 5} // 5 has no name: count instead
	want = "mentions from 2 chosen sources matching watch rule “Brand” → Dana Reyes"
	if got := ExplainNamed(r, name, name); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
