package analyze

import (
	"slices"
	"strings"
	"testing"
)

// TestIntents checks the rules alone (the learned layer has its own tests).
func TestIntents(t *testing.T) {
	a := New(fixtureConfig()).WithModel(nil)
	tests := []struct {
		name, text string
		want       []string // intents that must be present
		not        []string // intents that must be absent
	}{
		{"complaint", "My order still hasn't arrived, two weeks now", []string{Complaint}, []string{Praise}},
		{"question that is a complaint", "Why is my order still not here?", []string{Complaint, Question}, nil},
		{"rhetorical question", "Seriously? How hard is it to reply to an email?", []string{Complaint}, []string{Question, Know}},
		{"sarcasm", "Oh great, another late delivery. Love that.", []string{Complaint}, []string{Praise}},
		{"sarcastic emoji", "Fantastic service as always 🙄", []string{Complaint}, []string{Praise}},
		{"praise", "Best flat white in town, hands down", []string{Praise}, []string{Complaint}},
		{"asking, with the asker's situation", "Will Ember & Oak grind the beans for you? I only have an Aeropress and no grinder yet.", []string{Question}, []string{Complaint}},
		{"asking, with a weary face", "Where can I get Ember & Oak beans in Seattle?? My espresso machine is judging me 😩", []string{Question}, []string{Complaint}},
		{"asking, and angry", "Anyone else's Ember & Oak order lost? Terrible, awful service.", []string{Complaint, Question}, nil},
		{"a heart is not negated", "Morning flat white at Ember & Oak. Some things don't need changing ❤️", []string{Praise}, []string{Complaint}},
		{"praise with a but", "Lovely coffee but the queue was awful", []string{Praise, Complaint}, nil},
		{"like is praise, not purchase", "I like your new mugs", []string{Praise}, []string{Purchase}},
		{"want is purchase, not praise", "I want one of your new mugs", []string{Purchase}, []string{Praise}},
		{"referral", "You have to try Northside, honestly", []string{Referral}, nil},
		{"can't recommend enough", "Can't recommend Hopper's enough", []string{Referral}, []string{Complaint}},
		{"negated referral", "I would never recommend Hopper's", []string{Complaint}, []string{Referral}},
		{"asking for a recommendation", "Can anyone recommend a good grinder?", []string{Question, Buy}, []string{Referral}},
		{"churn", "Cancelling my subscription, switching to Starbucks", []string{Churn}, nil},
		{"angry churn", "Never again. Worst service ever.", []string{Churn, Complaint}, nil},
		{"buy and purchase", "How much is the 1kg bag?", []string{Purchase, Buy, Question}, []string{Know}},
		{"purchase plan", "Going to order the Christmas box this weekend", []string{Purchase}, []string{Buy}},
		{"go", "What time do you open on Sunday?", []string{Go, Question}, []string{Know}},
		{"can't wait to visit", "Can't wait to visit your new roastery!", []string{Go}, []string{Churn, Complaint}},
		{"do", "How do I descale my kettle?", []string{Do, Question}, []string{Know}},
		{"know", "Is the house blend fair trade?", []string{Know, Question}, nil},
		{"know without a question", "Always wondered how decaf is made", []string{Know}, []string{Question}},
		{"neutral", "Just had a coffee at Northside", nil, Intents()},
		{"hedged praise is not praise", "Would love to see a seasonal menu", nil, []string{Praise}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.Analyze(tt.text)
			got := names(r.Intents)
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("%q: missing %s; got %v", tt.text, w, sortedKeys(got))
				}
			}
			for _, n := range tt.not {
				if got[n] {
					t.Errorf("%q: unexpected %s (%s)", tt.text, n, cueFor(r.Intents, n))
				}
			}
		})
	}
}

func cueFor(ls []Label, name string) string {
	for _, l := range ls {
		if l.Name == name {
			return l.Cue.Note
		}
	}
	return ""
}

func TestTouchPoints(t *testing.T) {
	a := New(DefaultConfig())
	tests := []struct {
		text string
		want []string
	}{
		{"£6 for a cortado is too much", []string{"price"}},
		{"The courier left my parcel in the rain", []string{"delivery/shipping"}},
		{"Customer service never replied to my email", []string{"customer service"}},
		{"The beans were stale", []string{"product quality"}},
		{"Your app keeps crashing at checkout", []string{"website/app"}},
		{"The barista was lovely", []string{"staff"}},
		{"What are your opening hours?", []string{"location/opening hours"}},
		{"Still waiting for my refund", []string{"returns/refunds"}},
		{"Meet me for a latte at 3", nil},
	}
	for _, tt := range tests {
		r := a.Analyze(tt.text)
		var got []string
		for _, l := range r.TouchPoints {
			got = append(got, l.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: touch points %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestCustomCategories(t *testing.T) {
	cfg := Config{TouchPoints: []Category{{Name: "ambience", Terms: []string{"music", "lighting", "vibe*"}}}}
	r := New(cfg).Analyze("Loved the vibes and the music")
	if len(r.TouchPoints) != 1 || r.TouchPoints[0].Name != "ambience" || r.TouchPoints[0].Cue.Text != "vibes" {
		t.Fatalf("touch points %+v, want ambience via 'vibes'", r.TouchPoints)
	}
}

func TestPromise(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Promise = []string{"fresh", "friendly"}
	cfg.PromiseOpposites = map[string][]string{"fresh": {"dusty"}}
	a := New(cfg)
	tests := []struct{ text, want string }{
		{"Fresh beans every week, love it", PromiseInLine},
		{"The freshness of these beans is amazing", PromiseInLine},
		{"Beans were stale again", PromiseAtOdds},
		{"The croissant wasn't fresh", PromiseAtOdds},
		{"So the \"fresh\" pastries were from yesterday", PromiseAtOdds},
		{"Never stale, always lovely", PromiseInLine},
		{"The bag looked dusty", PromiseAtOdds},
		{"Friendly staff but the coffee was stale", PromiseAtOdds},
		{"Such friendly baristas", PromiseInLine},
		{"Do you have fresh pastries today?", ""},
		{"Nice weather today", ""},
	}
	for _, tt := range tests {
		r := a.Analyze(tt.text)
		if r.Promise != tt.want {
			t.Errorf("%q: promise %q, want %q (cues %+v)", tt.text, r.Promise, tt.want, r.Cues)
		}
		if tt.want != "" {
			if _, ok := cueOf(r, CuePromise, ""); !ok {
				t.Errorf("%q: no promise cue", tt.text)
			}
		}
	}
}

func TestLanguage(t *testing.T) {
	a := New(DefaultConfig())
	tests := []struct {
		text, lang string
		analysed   bool
	}{
		{"The coffee here is great", "en", true},
		{"Der Kaffee ist wirklich sehr gut und nicht teuer", "de", false},
		{"Le café est très bon mais un peu cher", "fr", false},
		{"El café está muy rico, gracias", "es", false},
		{"O café é muito bom, obrigado", "pt", false},
		{"Il caffè è buonissimo, grazie", "it", false},
		{"De koffie is echt heel lekker", "nl", false},
		{"Кофе очень вкусный", "ru", false},
		{"コーヒーがおいしい", "ja", false},
		{"咖啡很好喝", "zh", false},
		{"커피가 맛있어요", "ko", false},
		{"😍😍", "und", true},
		{"Die hard fans only, this espresso is strong", "en", true},
		{"Pour over at Northside was lovely, merci!", "en", true},
	}
	for _, tt := range tests {
		r := a.Analyze(tt.text)
		if r.Lang != tt.lang || r.Analysed != tt.analysed {
			t.Errorf("%q: lang %q analysed %v (%s), want %q %v", tt.text, r.Lang, r.Analysed, r.Reason, tt.lang, tt.analysed)
		}
		if !r.Analysed && (r.Sentiment != 0 || len(r.Intents) > 0 || !strings.Contains(r.Reason, "not analysed")) {
			t.Errorf("%q: not-analysed result carries scores: %+v", tt.text, r)
		}
	}
}

func TestSummary(t *testing.T) {
	a := New(DefaultConfig())
	s := a.Analyze("Where is my order?? Still waiting after two weeks").Summary()
	if !strings.HasPrefix(s, "complaint, question · negative (-0.") {
		t.Errorf("Summary() = %q", s)
	}
	s = a.Analyze("The delivery was late and the beans were awful").Summary()
	if !strings.HasPrefix(s, "complaint · negative (-0.") || !strings.HasSuffix(s, " · delivery/shipping, product quality") {
		t.Errorf("Summary() = %q", s)
	}
	if s := a.Analyze("Der Kaffee ist sehr gut und nicht teuer").Summary(); !strings.HasPrefix(s, "not analysed: language looks like German") {
		t.Errorf("Summary() = %q", s)
	}
}
