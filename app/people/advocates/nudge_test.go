package advocates

import (
	"slices"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

func nudgesFor(stage string, ms []storage.Mention, ins ...storage.Interaction) []Nudge {
	in := Inputs{Person: storage.Person{Name: "Maya", Stage: stage}, Mentions: ms, Interactions: ins, Now: now}
	return Nudges(in, BuildLedger(ins))
}

func find(ns []Nudge, kind string) (Nudge, bool) {
	for _, n := range ns {
		if n.Kind == kind {
			return n, true
		}
	}
	return Nudge{}, false
}

type nudgeCase struct {
	name  string
	stage string
	ms    []storage.Mention
	ins   []storage.Interaction
	want  string // the nudge's text, "" when it must stay quiet
}

func runNudges(t *testing.T, kind string, tests []nudgeCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, ok := find(nudgesFor(tt.stage, tt.ms, tt.ins...), kind)
			switch {
			case tt.want == "" && ok:
				t.Errorf("fired %q", n.Text)
			case tt.want != "" && n.Text != tt.want:
				t.Errorf("got %q, want %q", n.Text, tt.want)
			}
		})
	}
}

func TestNudgeAskFirst(t *testing.T) {
	t.Parallel()
	const twice = "You asked twice without an answer — give before you ask again."
	ask := func(days float64) storage.Interaction { return inter("ask", "", days) }
	runNudges(t, NudgeAskFirst, []nudgeCase{
		{name: "two asks", ins: []storage.Interaction{ask(9), ask(2)}, want: twice},
		{
			name: "three asks", ins: []storage.Interaction{ask(9), ask(5), ask(2)},
			want: "You asked three times without an answer — give before you ask again.",
		},
		{name: "a give between asks is not an answer", ins: []storage.Interaction{ask(9), inter("reply", "give", 5), ask(2)}, want: twice},
		{name: "one ask", ins: []storage.Interaction{ask(2)}},
		{name: "they answered", ins: []storage.Interaction{ask(9), ask(5), inter("review", "get", 2)}},
		{name: "only asks since the answer count", ins: []storage.Interaction{ask(20), ask(9), inter("mention", "get", 5), ask(2)}},
		{name: "we gave since", ins: []storage.Interaction{ask(9), ask(5), inter("sample", "", 2)}},
	})
}

func TestNudgeThank(t *testing.T) {
	t.Parallel()
	ref := func(days float64) storage.Interaction { return inter("referral", "get", days) }
	refMention := mention(9, "https://mastodon.social/@maya/9", "mastodon", 3, "positive", "referral")
	linked := ref(3)
	linked.MentionID = 9
	runNudges(t, NudgeThank, []nudgeCase{
		{
			name: "three referrals", ins: []storage.Interaction{ref(9), inter("recommend", "", 5), ref(2)},
			want: "They recommended you three times — thank them.",
		},
		{
			name: "since our last thanks", ins: []storage.Interaction{ref(40), inter("thanks", "", 30), ref(9), ref(5)},
			ms: []storage.Mention{refMention}, want: "They recommended you three times — thank them.",
		},
		{name: "four", ins: []storage.Interaction{ref(9), ref(8), ref(5), ref(2)}, want: "They recommended you four times — thank them."},
		{name: "thanked after", ins: []storage.Interaction{ref(9), ref(5), ref(4), inter("thank", "give", 2)}},
		{name: "a gift thanks too", ins: []storage.Interaction{ref(9), ref(5), ref(4), inter("gift", "", 2)}},
		{name: "two", ins: []storage.Interaction{ref(9), ref(5)}},
		{name: "a get and its mention count once", ins: []storage.Interaction{ref(9), linked}, ms: []storage.Mention{refMention}},
		{name: "reviews are not recommendations", ins: []storage.Interaction{inter("review", "", 9), inter("review", "", 5), ref(2)}},
	})
}

func TestNudgeReachOut(t *testing.T) {
	t.Parallel()
	const text = "Something went wrong for a fan — reach out."
	bad := mention(5, "https://www.reddit.com/r/Coffee/comments/x/y/", "reddit", 3, "negative")
	fixed := mention(6, "https://www.reddit.com/r/Coffee/comments/z/y/", "reddit", 3, "positive")
	fixed.Corrected = &storage.Correction{Polarity: "negative"}
	good := func(id uint64, days float64) storage.Mention {
		return mention(id, "https://mastodon.social/@maya/"+u64(id), "mastodon", days, "positive")
	}
	runNudges(t, NudgeReachOut, []nudgeCase{
		{name: "an advocate complains", stage: "Advocate", ms: []storage.Mention{bad}, want: text},
		{name: "a fan complains", stage: "fan", ms: []storage.Mention{bad}, want: text},
		{name: "two good words before", ms: []storage.Mention{good(1, 30), good(2, 10), bad}, want: text},
		{name: "corrected to negative", stage: "champion", ms: []storage.Mention{fixed}, want: text},
		{name: "a stranger complains", ms: []storage.Mention{bad}},
		{name: "good words after do not count", ms: []storage.Mention{good(1, 1), good(2, 2), bad}},
		{name: "long ago", stage: "advocate", ms: []storage.Mention{mention(5, "", "web", 20, "negative")}},
		{name: "we already replied", stage: "advocate", ms: []storage.Mention{bad}, ins: []storage.Interaction{inter("reply", "give", 1)}},
	})
	n, _ := find(nudgesFor("advocate", []storage.Mention{bad}), NudgeReachOut)
	if n.MentionID != 5 || n.Priority != 1 {
		t.Errorf("mention %d priority %d, want 5 and 1", n.MentionID, n.Priority)
	}
}

func TestNudgeCheckIn(t *testing.T) {
	t.Parallel()
	old := mention(1, "https://mastodon.social/@maya/1", "mastodon", 74, "positive")
	runNudges(t, NudgeCheckIn, []nudgeCase{
		{name: "quiet advocate", stage: "advocate", ms: []storage.Mention{old}, want: "Haven't heard from Maya in 74 days — check in."},
		{name: "a get counts as hearing", stage: "advocate", ms: []storage.Mention{old}, ins: []storage.Interaction{inter("review", "", 10)}},
		{name: "heard lately", stage: "advocate", ms: []storage.Mention{mention(1, "", "web", 30, "neutral")}},
		{name: "we checked in", stage: "advocate", ms: []storage.Mention{old}, ins: []storage.Interaction{inter("call", "give", 5)}},
		{name: "not a fan", ms: []storage.Mention{old}},
		{name: "never heard", stage: "champion"},
	})
	in := Inputs{
		Person:   storage.Person{Stage: "advocate", Handles: []storage.Handle{{Platform: "reddit", Handle: "mayabrews"}}},
		Mentions: []storage.Mention{old}, Now: now,
	}
	if n, _ := find(Nudges(in, Ledger{}), NudgeCheckIn); n.Text != "Haven't heard from mayabrews in 74 days — check in." {
		t.Errorf("without a name: %q", n.Text)
	}
}

func TestNudgeGiveBack(t *testing.T) {
	t.Parallel()
	gets := func(n int) []storage.Interaction {
		var out []storage.Interaction
		for i := range n {
			out = append(out, inter("mention", "get", float64(i+1)))
		}
		return out
	}
	give := inter("reply", "give", 1)
	runNudges(t, NudgeGiveBack, []nudgeCase{
		{name: "four gets, no gives", ins: gets(4), want: "They gave four times and you haven't yet — give something back."},
		{name: "six to two", ins: append(gets(6), give, give), want: "They gave six times, you gave twice — give something back."},
		{name: "five to three", ins: append(gets(5), give, give, give)},
		{name: "two to none", ins: gets(2)},
		{name: "thanking is giving back", ins: []storage.Interaction{
			inter("referral", "", 3), inter("referral", "", 2),
			inter("referral", "", 1), inter("mention", "get", 1),
		}},
	})
}

func TestNudgeOrder(t *testing.T) {
	t.Parallel()
	ins := []storage.Interaction{
		inter("mention", "get", 200), inter("mention", "get", 199), inter("mention", "get", 198),
		inter("ask", "", 100), inter("ask", "", 90),
	}
	ms := []storage.Mention{mention(1, "", "web", 2, "negative")}
	ns := nudgesFor("advocate", ms, ins...)
	var kinds []string
	for _, n := range ns {
		kinds = append(kinds, n.Kind)
	}
	want := []string{NudgeReachOut, NudgeAskFirst, NudgeGiveBack} // priorities 1, 2, 3
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	if len(nudgesFor("", nil)) != 0 {
		t.Error("nudges for nobody")
	}
}
