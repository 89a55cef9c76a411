package ideas

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/storage"
)

// Loop is what closing the loop of a done idea sends: a personal note to
// everyone who raised it and one post for "the community at-large who has
// passively heard the remarks".
type Loop struct {
	Idea   Idea   `json:"idea"`
	Notes  []Note `json:"notes"`
	Public string `json:"public"`
}

// Note is a draft to one person.
type Note struct {
	MentionID uint64 `json:"mention_id"`
	PersonID  uint64 `json:"person_id,omitempty"`
	Name      string `json:"name"`
	Platform  string `json:"platform,omitempty"`
	Link      string `json:"link,omitempty"` // where they said it
	Said      string `json:"said"`
	Draft     string `json:"draft"`
}

// CloseLoop drafts the notes of a done (or learned) idea: one per person
// who raised it (once per person), and the public post.
func (s *Service) CloseLoop(id string) (Loop, error) {
	i, err := s.Get(id)
	if err != nil {
		return Loop{}, err
	}
	if i.Stage != StageDone && i.Stage != StageLearned {
		return Loop{}, errors.New("close the loop once the idea is done")
	}
	b, err := s.p.Business()
	if err != nil {
		return Loop{}, err
	}
	loop := Loop{Idea: i, Notes: []Note{}}
	seen := map[string]bool{}
	err = s.p.Store.View(func(tx *storage.Tx) error {
		ms, err := tx.Mentions().GetMany(i.Mentions)
		for _, m := range ms {
			who := m.Author
			key := fmt.Sprint(m.PersonID)
			if m.PersonID == 0 {
				key = strings.ToLower(m.Author)
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			if p, err := tx.People().Get(m.PersonID); err == nil && p.Name != "" {
				who = p.Name
			}
			loop.Notes = append(loop.Notes, Note{
				MentionID: m.ID, PersonID: m.PersonID, Name: who, Platform: m.Platform,
				Link: inbox.SafeLink(m.Link), Said: clip(m.Headline(), 120), Draft: personal(who, &m, i, b.Owner, b.Name),
			})
		}
		return err
	})
	loop.Public = public(i, len(loop.Notes), b.Name)
	return loop, err
}

func personal(who string, m *storage.Mention, i Idea, owner, brand string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(who), " ")
	if first == "" || strings.ContainsAny(first, "@/") {
		first = "there"
	}
	when := m.Time().Format("2 January")
	sign := owner
	if sign == "" {
		sign = brand
	}
	return fmt.Sprintf("Hi %s, on %s you told us: \"%s\". You were right, and it stayed with us: %s is now done. Thank you for taking the time to say it — tell us how it works for you.\n— %s, %s",
		first, when, clip(m.Headline(), 100), lowerFirst(i.Title), sign, brand)
}

func public(i Idea, n int, brand string) string {
	people := "some of you"
	if n == 1 {
		people = "one of you"
	} else if n > 1 {
		people = fmt.Sprintf("%d of you", n)
	}
	return fmt.Sprintf("You asked, we listened: %s told us about this, so %s is now done. Thank you for speaking up — keep telling us what would make %s better.",
		people, lowerFirst(i.Title), brand)
}

func lowerFirst(s string) string {
	if s == "" || (len(s) > 1 && strings.ToUpper(s[:2]) == s[:2]) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
