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
	for _, k := range storage.LikenessKeys(&p) {
		if seen[k] {
			t.Errorf("key %q listed twice", k)
		}
		seen[k] = true
	}
}

func TestAnImportedContactsMergeCanBeUndone(t *testing.T) {
	t.Parallel()
	// Given an imported vCard that looks like Maya Lin, with a note
	s, _ := sampleCRM(t)
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maya Lin\r\nEMAIL:maya@example.com\r\nNOTE:Met at the roastery open day\r\nEND:VCARD\r\n"
	if _, err := s.Import(strings.NewReader(card), VCard); err != nil {
		t.Fatal(err)
	}
	sg := incomingFor(t, s, "Maya Lin")
	before, _ := s.Page(sg.A.ID)
	// When the owner merges it, then undoes the merge
	if err := s.Accept(sg); err != nil {
		t.Fatal(err)
	}
	if merged, _ := s.Page(sg.A.ID); !strings.Contains(merged.Person.Notes, "open day") {
		t.Fatalf("the merge did not take the note: %q", merged.Person.Notes)
	}
	if err := s.UndoAccept(sg); err != nil {
		t.Fatal(err)
	}
	// Then Maya is as she was and the suggestion is offered again
	after, _ := s.Page(sg.A.ID)
	if after.Person.Notes != before.Person.Notes || len(after.Person.Handles) != len(before.Person.Handles) {
		t.Errorf("after undo: notes %q handles %d, want %q %d", after.Person.Notes, len(after.Person.Handles),
			before.Person.Notes, len(before.Person.Handles))
	}
	again := incomingFor(t, s, "Maya Lin")
	if again.Ref != sg.Ref {
		t.Errorf("suggestion %q offered again as %q", sg.Ref, again.Ref)
	}
	// And undoing twice says it cannot
	if err := s.UndoAccept(sg); err == nil {
		t.Error("undone twice")
	}
}

func incomingFor(t *testing.T, s *Service, name string) Suggestion {
	t.Helper()
	sgs, err := s.Suggestions()
	if err != nil {
		t.Fatal(err)
	}
	for _, sg := range sgs {
		if sg.Incoming && sg.A.Name == name {
			return sg
		}
	}
	t.Fatalf("no import suggestion for %s in %d", name, len(sgs))
	return Suggestion{}
}
