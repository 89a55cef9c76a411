package storage

import (
	"reflect"
	"testing"
	"time"
)

// TestEachMentionSkimmedIsEachWithoutTheLongFields: every field of a
// mention comes back skimmed except the long ones, which stay empty. A
// field added to Mention must be added to mentionSkim or listed here.
func TestEachMentionSkimmedIsEachWithoutTheLongFields(t *testing.T) {
	s := openTemp(t)
	long := map[string]bool{"Keys": true, "GUID": true, "AuthorURL": true, "Title": true, "Text": true, "Matches": true, "History": true, "Draft": true}
	m := &Mention{
		GUID: "g", Link: "https://example.com/p/1", Title: "a title", Author: "Ana", AuthorURL: "https://example.com/ana",
		SourceIDs: []uint64{3, 4}, Published: t0, Fetched: t0.Add(time.Hour), Text: "the text", Lang: "en",
		State: StateHandled, Owner: "sam", Snoozed: t0.Add(2 * time.Hour), RuleIDs: []uint64{7},
		Matches: []Span{{Field: "text", Start: 0, End: 3}}, GroupID: 9, Platform: "reddit", Reach: 120,
		Analysis:  Analysis{Analysed: true, Reason: "r", Sentiment: 0.5, Polarity: "positive", Intents: []string{"praise"}, TouchPoints: []string{"price"}, Promise: "in line", Priority: 3, Why: "w", Version: 2},
		Corrected: &Correction{Polarity: "negative", Intents: []string{}, TouchPoints: []string{"delivery"}},
		History:   []Change{{At: t0, To: StateHandled}},
		Draft:     &ReplyDraft{At: t0, Channel: "reddit", Text: "thanks"},
	}
	p := &Person{Name: "Ana"}
	put(t, s, (*Tx).People, p)
	m.PersonID = p.ID
	put(t, s, (*Tx).Mentions, m)
	var full, skim Mention
	err := s.View(func(tx *Tx) error {
		if err := tx.Mentions().Each(func(r *Mention) error { full = *r; return nil }); err != nil {
			return err
		}
		return tx.EachMentionSkimmed(func(r *Mention) error { skim = *r; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	fv, sv := reflect.ValueOf(full), reflect.ValueOf(skim)
	for i := range fv.NumField() {
		name := fv.Type().Field(i).Name
		f, g := fv.Field(i), sv.Field(i)
		switch {
		case long[name]:
			if !g.IsZero() {
				t.Errorf("%s is filled in skimmed: %v", name, g.Interface())
			}
		case f.IsZero():
			t.Errorf("the test's mention has no %s: set one, so the skim is checked for it", name)
		case !reflect.DeepEqual(f.Interface(), g.Interface()):
			t.Errorf("%s: skimmed %v, read whole %v (add it to mentionSkim, or to the long ones here)", name, g.Interface(), f.Interface())
		}
	}
}
