package analyze

import (
	"strings"
	"testing"
)

// TestLearnPersonal: after the owner corrects a few posts, similar new
// posts are read their way, Why? says so, and other posts are not moved.
func TestLearnPersonal(t *testing.T) {
	a := New(DefaultConfig())
	// A workspace whose owner reads giveaway tags as no intent at all, and
	// a post about the lamp's glow as praise.
	examples := []Example{
		{Text: "tagging @sam_k and @lou for the lamp giveaway, we need this lamp", Intents: []string{}},
		{Text: "@jenny_b @mo_t entering the lamp giveaway, fingers crossed", Intents: []string{}},
		{Text: "lamp giveaway entry! tagging @kitkat", Intents: []string{}},
		{Text: "the oak lamp glow in our hallway every evening", Intents: []string{Praise}},
		{Text: "that brass lamp glow on a dark evening", Intents: []string{Praise}},
	}
	p := a.LearnPersonal(examples, PersonalOptions{})
	if p == nil || p.Examples != len(examples) {
		t.Fatalf("personal layer %+v", p)
	}
	b := a.WithPersonal(p)
	r := b.Analyze("tagging @rob_p for the lamp giveaway, we need it")
	if len(r.Intents) != 0 {
		t.Errorf("giveaway tag after corrections: intents %v", names(r.Intents))
	}
	if a.Analyze("the walnut lamp glow in the evening").Has(Praise) {
		t.Skip("the embedded model already reads the glow as praise; the example shows nothing")
	}
	r = b.Analyze("the walnut lamp glow in the evening")
	if !r.Has(Praise) {
		t.Errorf("lamp glow after corrections: intents %v, want praise", names(r.Intents))
	}
	learned := false
	for _, c := range r.Cues {
		if c.Kind == CueModel && strings.HasPrefix(c.Note, "learned from your corrections") {
			learned = true
		}
	}
	if !learned {
		t.Errorf("no 'learned from your corrections' cue in %+v", r.Cues)
	}
	// unrelated posts read as before
	for _, text := range []string{"your app won't save my workouts, please help", "How do I descale my kettle?"} {
		before, after := a.Analyze(text), b.Analyze(text)
		if !sameNames(before.Intents, after.Intents) {
			t.Errorf("%q moved: %v → %v", text, names(before.Intents), names(after.Intents))
		}
	}
}

func sameNames(a, b []Label) bool {
	na, nb := names(a), names(b)
	if len(na) != len(nb) {
		return false
	}
	for k := range na {
		if !nb[k] {
			return false
		}
	}
	return true
}
