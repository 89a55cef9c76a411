package crm

import (
	"strings"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

func TestSuggestionsNeverPairSomeoneWithThemselves(t *testing.T) {
	t.Parallel()
	// Given the sample, where Maya Lin has "mayabrews" on five platforms
	s, _ := sampleCRM(t)
	// When Rapport looks for people who are the same
	sgs, err := s.Suggestions()
	if err != nil {
		t.Fatal(err)
	}
	// Then no suggestion names one person twice, and reasons name
	// platforms as people read them
	for _, sg := range sgs {
		if !sg.Incoming && sg.A.ID == sg.B.ID {
			t.Errorf("%s (%d) is paired with themselves: %s", sg.A.Name, sg.A.ID, sg.Reason)
		}
		if strings.Contains(sg.Reason, "googlenews") || strings.Contains(sg.Reason, "googlealerts") {
			t.Errorf("reason shows kinds: %s", sg.Reason)
		}
	}
}

func TestBlockKeysAreDistinct(t *testing.T) {
	// A person with one handle name on several platforms and their email
	// twice gives each key once, so a bucket never holds them twice.
	p := storage.Person{Name: "Maya Lin", Email: "maya@example.com", Handles: []storage.Handle{
		{Platform: "reddit", Handle: "mayabrews"},
		{Platform: "mastodon", Handle: "@mayabrews@mastodon.social"},
		{Platform: "bluesky", Handle: "mayabrews.bsky.social"},
		{Platform: "email", Handle: "maya@example.com"},
	}}
	seen := map[string]bool{}
	for _, k := range blockKeys(&p) {
		if seen[k] {
			t.Errorf("key %q listed twice", k)
		}
		seen[k] = true
	}
}
