package analyze

import "testing"

// TestIssue13 holds the misreadings reported in issue 13 (paraphrased
// real posts addressed to brands), read by the rules alone and by the
// full reader (rules and the learned model).
func TestIssue13(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = []string{"Kim Park", "Luis Ortega", "Dana Reyes"}
	full := New(cfg)
	rules := full.WithModel(nil)
	tests := []struct {
		name, text string
		want, not  []string
		polarity   string
	}{
		{"a failure, asking for help", "your app won't save my workouts, please help", []string{Complaint}, []string{Praise}, "negative"},
		{"hate and garbage", "I HATE my new car, every electrical part is garbage", []string{Complaint}, []string{Praise}, "negative"},
		{"an insult", "what a piece of junk", []string{Complaint}, []string{Praise}, "negative"},
		{"it won't let me", "it won't let me send a message", []string{Complaint}, []string{Praise}, "negative"},
		{"why does it cost so much", "why does this cost so much?", []string{Complaint}, []string{Praise}, "negative"},
		{"ordered one thing, got another", "ordered a soda and got a cup of water…", []string{Complaint}, []string{Praise}, "negative"},
		{"sarcastic thanks", "@FenwickMotors 3 months old and the car broke down on the motorway tonight. brilliant. thanks a lot", []string{Complaint}, []string{Praise}, "negative"},
		{"thanks for a failure", "Thanks for the car that broke down on the motorway, great job", []string{Complaint}, []string{Praise}, "negative"},
		{"a reply header and good luck", "In reply to Kim Park.  Refund still isn’t in my account. Appreciate the credit but I’ve cancelled. Good luck to everyone.", []string{Complaint, Churn}, nil, "negative"},
		{"a how-to question is not a complaint", "how do I turn off the ads on the home screen?", []string{Question}, []string{Complaint}, "neutral"},
		{"praise only when it is there", "The delivery was late and the beans were awful", []string{Complaint}, []string{Praise}, "negative"},
		{"both when both are there", "Love the coffee but the new closing time is useless", []string{Complaint, Praise}, nil, ""},
	}
	for _, a := range []struct {
		name string
		an   *Analyzer
	}{{"rules", rules}, {"full", full}} {
		for _, tt := range tests {
			t.Run(a.name+"/"+tt.name, func(t *testing.T) {
				r := a.an.Analyze(tt.text)
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
				if tt.polarity != "" && r.Polarity != tt.polarity {
					t.Errorf("%q: polarity %s (%.2f), want %s", tt.text, r.Polarity, r.Sentiment, tt.polarity)
				}
				for _, tp := range r.TouchPoints {
					if tp.Cue.Text == "Park" || tp.Cue.Text == "reply" {
						t.Errorf("%q: touch point %s from %q, which is not the author's", tt.text, tp.Name, tp.Cue.Text)
					}
				}
			})
		}
	}
}
