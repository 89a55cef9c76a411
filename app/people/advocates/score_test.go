package advocates

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// TestWorkedExample checks the example in docs/advocates.md, computed by
// hand from the formula.
func TestWorkedExample(t *testing.T) {
	t.Parallel()
	s := Compute(maya(), DefaultParams())
	once := (h(2) + h(8) + h(20) + h(45) + h(2)) / 5 // 4 positive mentions + 1 referral; the review is linked to m4
	people := (3.0/4 + 1 + math.Log10(1201)/math.Log10(100001)) / 3
	want := []float64{once * 30, people * 25, 1 * 20, 4.0 / 7 * 15, h(2) * 10}
	total := 0.0
	for i, w := range want {
		near(t, s.Parts[i].Name, s.Parts[i].Points, w)
		total += w
	}
	near(t, "total", s.Total, total)
	near(t, "total rounded", math.Round(s.Total*100)/100, 82.33)
	past := h(15)/5*30 + 0.5*15 + h(15)*10 // as of 30 days ago only m4 existed, 15 days old
	near(t, "trend", s.Trend, total-past)
	if s.TrendWord != TrendRising || s.Suggested != Champion {
		t.Errorf("trend word %q, suggested %q", s.TrendWord, s.Suggested)
	}
}

func TestWeightsSumToOne(t *testing.T) {
	t.Parallel()
	sum := 0.0
	for _, w := range DefaultParams().weights() {
		sum += w
	}
	near(t, "weights", sum, 1)
}

func TestParts(t *testing.T) {
	t.Parallel()
	reddit := func(id uint64, post string, days float64) storage.Mention {
		m := mention(id, "https://www.reddit.com/r/Coffee/comments/"+post+"/x/", "reddit", days, "positive")
		m.SourceIDs = []uint64{1}
		return m
	}
	tests := []struct {
		name string
		in   Inputs
		want [5]float64 // values of the five parts
	}{
		{"nothing", Inputs{}, [5]float64{}},
		{
			"one fresh positive mention",
			Inputs{Mentions: []storage.Mention{reddit(1, "a", 0)}},
			[5]float64{1.0 / 5, 0, 0, 1.0 / 2, 1},
		},
		{
			"a half-life old",
			Inputs{Mentions: []storage.Mention{reddit(1, "a", 45)}},
			[5]float64{0.5 / 5, 0, 0, 1.0 / 2, 0.5},
		},
		{
			"two threads a month ago",
			Inputs{Mentions: []storage.Mention{reddit(1, "a", 30), reddit(2, "b", 30)}},
			[5]float64{2 * h(30) / 5, (1.0 / 4) / 3, 0, 2.0 / 3, h(30)},
		},
		{
			"two comments in one thread",
			Inputs{Mentions: []storage.Mention{reddit(1, "a", 1), reddit(2, "a", 1)}},
			[5]float64{2 * h(1) / 5, 0, 0, 2.0 / 3, h(1)},
		},
		{
			"caps hold",
			Inputs{Mentions: []storage.Mention{
				reddit(1, "a", 0), reddit(2, "b", 0), reddit(3, "c", 0),
				reddit(4, "d", 0), reddit(5, "e", 0), reddit(6, "f", 0), reddit(7, "g", 0),
			}},
			[5]float64{1, (1 + 0 + 0) / 3.0, 0, 7.0 / 8, 1},
		},
		{
			"neutral and negative earn nothing",
			Inputs{Mentions: []storage.Mention{
				mention(1, "https://a.example/1", "web", 1, "neutral"), mention(2, "https://a.example/2", "web", 1, "negative"),
			}},
			[5]float64{},
		},
		{
			"more negative than positive",
			Inputs{Mentions: []storage.Mention{
				reddit(1, "a", 0),
				mention(2, "https://a.example/2", "web", 1, "negative"), mention(3, "https://a.example/3", "web", 1, "negative"),
			}},
			[5]float64{1.0 / 5, 0, 0, 0, 1},
		},
		{
			"review and referral gets count",
			Inputs{Interactions: []storage.Interaction{
				{Kind: "review", Direction: "get", Channel: "Google", At: daysAgo(0)},
				{Kind: "Referral", Channel: "in person", At: daysAgo(0)},
			}},
			[5]float64{2.0 / 5, (1.0 / 4) / 3, (0.5 + 0.5) / 2, 2.0 / 3, 1},
		},
		{"other gets do not", Inputs{Interactions: []storage.Interaction{
			inter("purchase", "get", 0), inter("mention", "get", 0),
			inter("review", "give", 0),
		}}, [5]float64{}},
	}
	p := DefaultParams()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Now = now
			s := Compute(tt.in, p)
			for i, w := range tt.want {
				near(t, s.Parts[i].Name, s.Parts[i].Value, w)
				near(t, s.Parts[i].Name+" points", s.Parts[i].Points, w*s.Parts[i].Weight*100)
			}
		})
	}
}

func TestReach(t *testing.T) {
	t.Parallel()
	tests := []struct {
		reach int
		want  float64
	}{
		{0, 0}, {9, 0.2}, {99_999, 1}, {100_000, 1}, {5_000_000, 1},
	}
	for _, tt := range tests {
		got := reachValue(tt.reach, 100_000)
		if math.Abs(got-tt.want) > 1e-4 {
			t.Errorf("reachValue(%d) = %.5f, want %.5f", tt.reach, got, tt.want)
		}
	}
}

func TestDecay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		age  time.Duration
		want float64
	}{
		{0, 1}, {45 * day, 0.5}, {90 * day, 0.25}, {15 * day, math.Pow(2, -1.0/3)},
	}
	for _, tt := range tests {
		near(t, tt.age.String(), decay(tt.age, 45*day), tt.want)
	}
}

func TestOlderMentionsCountLess(t *testing.T) {
	t.Parallel()
	p := DefaultParams()
	prev := math.Inf(1)
	for _, days := range []float64{0, 10, 45, 90, 365} {
		in := Inputs{Now: now, Mentions: []storage.Mention{mention(1, "https://x.example/1", "web", days, "positive")}}
		s := Compute(in, p)
		if s.Total >= prev {
			t.Errorf("%v days: total %.2f did not fall below %.2f", days, s.Total, prev)
		}
		prev = s.Total
	}
}

func TestCorrectionsWin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		analysis storage.Analysis
		fix      *storage.Correction
		pos, neg bool
	}{
		{"analyser positive", storage.Analysis{Polarity: "positive"}, nil, true, false},
		{"corrected to negative", storage.Analysis{Polarity: "positive"}, &storage.Correction{Polarity: "negative"}, false, true},
		{"corrected to positive", storage.Analysis{Polarity: "negative"}, &storage.Correction{Polarity: "positive"}, true, false},
		{"neutral praise is positive", storage.Analysis{Polarity: "neutral", Intents: []string{"praise"}}, nil, true, false},
		{"negative referral is negative", storage.Analysis{Polarity: "negative", Intents: []string{"referral"}}, nil, false, true},
		{
			"praise corrected away",
			storage.Analysis{Polarity: "neutral", Intents: []string{"praise"}},
			&storage.Correction{Intents: []string{"question"}}, false, false,
		},
		{"a kind complaint is a complaint", storage.Analysis{Polarity: "positive", Intents: []string{"praise", "complaint"}}, nil, false, true},
		{"churn is negative", storage.Analysis{Polarity: "neutral", Intents: []string{"churn"}}, nil, false, true},
		{
			"complaint corrected away",
			storage.Analysis{Polarity: "positive", Intents: []string{"complaint"}},
			&storage.Correction{Intents: []string{}}, true, false,
		},
		{
			"owner's positive beats a complaint",
			storage.Analysis{Polarity: "negative", Intents: []string{"complaint"}},
			&storage.Correction{Polarity: "positive"}, true, false,
		},
		{
			"owner's neutral is final",
			storage.Analysis{Polarity: "positive", Intents: []string{"praise"}},
			&storage.Correction{Polarity: "neutral"}, false, false,
		},
		{"empty correction keeps analysis", storage.Analysis{Polarity: "positive"}, &storage.Correction{}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := read(&storage.Mention{Analysis: tt.analysis, Corrected: tt.fix})
			if r.positive != tt.pos || r.negative != tt.neg {
				t.Errorf("positive %v negative %v, want %v %v", r.positive, r.negative, tt.pos, tt.neg)
			}
		})
	}
	in := maya()
	in.Mentions[4].Corrected = nil // the analyser read m5 as positive
	if a, b := Compute(maya(), DefaultParams()).Total, Compute(in, DefaultParams()).Total; a >= b {
		t.Errorf("correcting a mention to negative should lower the score: %.2f vs %.2f", a, b)
	}
}

func TestUndatedAndFutureLeftOut(t *testing.T) {
	t.Parallel()
	in := Inputs{Now: now, Mentions: []storage.Mention{
		{ID: 1, Link: "https://x.example/1", Analysis: storage.Analysis{Polarity: "positive"}},
		mention(2, "https://x.example/2", "web", -3, "positive"),
	}, Interactions: []storage.Interaction{{Kind: "referral", Direction: "get"}}}
	if s := Compute(in, DefaultParams()); s.Total != 0 || s.Suggested != Stranger {
		t.Errorf("total %.2f, suggested %q; want 0, stranger", s.Total, s.Suggested)
	}
	in.Mentions[0].Fetched = daysAgo(1) // no published date: when we saw it counts
	if s := Compute(in, DefaultParams()); s.Parts[0].Value == 0 {
		t.Error("a mention with only a fetched time should count")
	}
}

func TestSuggestedStage(t *testing.T) {
	t.Parallel()
	p := DefaultParams()
	pos := func(id uint64, plat string, days float64) storage.Mention {
		return mention(id, "https://"+plat+".example/"+u64(id), plat, days, "positive")
	}
	neg := func(id uint64) storage.Mention { return mention(id, "", "web", 1, "negative") }
	tests := []struct {
		name string
		in   Inputs
		want Stage
	}{
		{"nobody", Inputs{}, Stranger},
		{"one old neutral mention", Inputs{Mentions: []storage.Mention{mention(1, "", "web", 200, "neutral")}}, Stranger},
		{"one fresh positive mention", Inputs{Mentions: []storage.Mention{pos(1, "web", 0)}}, Engaged},
		{"we replied once", Inputs{Interactions: []storage.Interaction{inter("reply", "give", 100)}}, Engaged},
		{"they bought", Inputs{Interactions: []storage.Interaction{inter("purchase", "", 3)}}, Customer},
		{"good words in many places", Inputs{Mentions: []storage.Mention{
			pos(1, "reddit", 1), pos(2, "mastodon", 3),
			pos(3, "reddit", 9),
		}}, Advocate},
		{"champion: referral and two platforms", maya(), Champion},
		{"more complaints than good words", Inputs{Mentions: []storage.Mention{
			pos(1, "reddit", 1), pos(2, "mastodon", 1),
			pos(3, "youtube", 1), pos(4, "reddit", 2), pos(5, "mastodon", 2), neg(6), neg(7), neg(8), neg(9), neg(10), neg(11),
		}}, Engaged},
		{"no referral, no champion", Inputs{Mentions: []storage.Mention{
			pos(1, "reddit", 1), pos(2, "mastodon", 1),
			pos(3, "youtube", 1), pos(4, "blog", 1), pos(5, "hackernews", 1), pos(6, "bluesky", 1),
		}}, Advocate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Now = now
			if s := Compute(tt.in, p); s.Suggested != tt.want {
				t.Errorf("suggested %q (total %.1f), want %q", s.Suggested, s.Total, tt.want)
			}
		})
	}
}

func TestTrend(t *testing.T) {
	t.Parallel()
	p := DefaultParams()
	fresh := mention(1, "https://x.example/1", "web", 1, "positive")
	old := mention(2, "https://x.example/2", "web", 40, "positive")
	tests := []struct {
		name string
		ms   []storage.Mention
		want string
	}{
		{"new good word", []storage.Mention{fresh}, TrendRising},
		{"only an old one", []storage.Mention{old}, TrendFading},
		{"nothing", nil, TrendSteady},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compute(Inputs{Now: now, Mentions: tt.ms}, p)
			if s.TrendWord != tt.want {
				t.Errorf("trend %.2f %q, want %q", s.Trend, s.TrendWord, tt.want)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	t.Parallel()
	s := Compute(maya(), DefaultParams())
	want := []string{
		"4 positive mentions and 1 referral, most recent 2 days ago: as much as 4.1 of the 5 recent ones that earn full points (older ones count less)",
		"4 conversations in 3 feeds; largest audience 1,200",
		"4 platforms (Blog, in person, Mastodon, Reddit) and 3 formats (comment, post, word of mouth)",
		"5 good words, 1 negative",
		"Last good word 2 days ago",
	}
	for i, w := range want {
		if s.Parts[i].Explain != w {
			t.Errorf("%s: %q, want %q", s.Parts[i].Name, s.Parts[i].Explain, w)
		}
	}
	empty := Compute(Inputs{Now: now}, DefaultParams())
	for _, pt := range empty.Parts {
		if pt.Explain == "" || strings.ContainsAny(pt.Explain, "0123456789") {
			t.Errorf("%s with no data: %q", pt.Name, pt.Explain)
		}
	}
}

func TestExplainWords(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{ago(0), "today"},
		{ago(36 * time.Hour), "yesterday"},
		{ago(5 * day), "5 days ago"},
		{ago(21 * day), "3 weeks ago"},
		{ago(95 * day), "3 months ago"},
		{ago(800 * day), "2 years ago"},
		{times(1), "once"},
		{times(2), "twice"},
		{times(3), "three times"},
		{times(12), "12 times"},
		{list("1 review", "0 referrals"), "1 review"},
		{list("1 a", "2 bs", "3 cs"), "1 a, 2 bs and 3 cs"},
		{explainBalance(&evidence{negative: 2}), "No good words yet, 2 negative"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

// TestTypicalTotals checks the typical scores quoted in docs/advocates.md.
func TestTypicalTotals(t *testing.T) {
	t.Parallel()
	reddit := func(id uint64, post string, days float64) storage.Mention {
		return mention(id, "https://www.reddit.com/r/Coffee/comments/"+post+"/x/", "reddit", days, "positive")
	}
	tests := []struct {
		name  string
		ms    []storage.Mention
		total float64
		stage Stage
	}{
		{"one positive mention today", []storage.Mention{reddit(1, "a", 0)}, 6 + 7.5 + 10, Engaged},
		{
			"two Reddit posts a month ago",
			[]storage.Mention{reddit(1, "a", 30), reddit(2, "b", 30)},
			2*h(30)/5*30 + 25.0/12 + 2.0/3*15 + h(30)*10, Engaged,
		},
		{
			"three good words this week",
			[]storage.Mention{
				reddit(1, "a", 1),
				mention(2, "https://mastodon.social/@s/2", "mastodon", 3, "positive"), reddit(3, "c", 9),
			},
			(h(1)+h(3)+h(9))/5*30 + 2.0/4/3*25 + 2.0/4/2*20 + 3.0/4*15 + h(1)*10, Advocate,
		},
	}
	for _, tt := range tests {
		s := Compute(Inputs{Now: now, Mentions: tt.ms}, DefaultParams())
		near(t, tt.name, s.Total, tt.total)
		if s.Suggested != tt.stage {
			t.Errorf("%s: suggested %q, want %q", tt.name, s.Suggested, tt.stage)
		}
		t.Logf("%s: %.1f", tt.name, s.Total)
	}
}

func TestExplainOnceWhenFull(t *testing.T) {
	t.Parallel()
	// Nine recent good words fill "more than once": the reason says so
	// instead of a number bigger than the cap.
	e := &evidence{posMentions: 9, decayed: 7.4, latest: now.Add(-30 * time.Hour)}
	got := explainOnce(e, DefaultParams(), now)
	want := "9 positive mentions, most recent yesterday: enough for full points (5 recent ones are; older ones count less)"
	if got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
