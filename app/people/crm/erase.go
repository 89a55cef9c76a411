package crm

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Erased says what erasing someone removed.
type Erased struct {
	People, Mentions, Interactions, Tasks int
	Redacted                              int // others' mentions and notes that named them
}

// Erase removes a person and everything personal about them: their
// person records (including people merged into them), the mentions they
// wrote, the interactions and follow-ups about them, and their name and
// handles where others' mentions or notes name them ("[erased]"). Each
// erased mention leaves a tombstone of hashed identity keys (no text), so
// their posts are not collected again. Call Store.Compact afterwards to
// drop the old values from the files as well.
func (s *Service) Erase(id uint64) (Erased, error) {
	var out Erased
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		out = Erased{}
		ids, err := withMerged(tx, id)
		if err != nil {
			return err
		}
		var names []string
		for _, pid := range ids {
			p, err := tx.People().Get(pid)
			if err != nil {
				return err
			}
			names = append(names, identifiers(p)...)
			if err := eraseOne(tx, pid, s.now(), &out); err != nil {
				return err
			}
			_ = tx.DeleteDoc(mergeDoc(pid))
		}
		out.Redacted, err = redact(tx, names)
		return err
	})
	if err != nil {
		return out, err
	}
	// Compact, so that the old values leave the files too; the erase itself
	// is done and stays done if this fails.
	if cerr := s.p.Store.Compact(); cerr != nil {
		s.p.Log.Warn("compact after erase", "err", cerr)
	}
	return out, nil
}

// identifiers are the strings that name a person: their full name, email,
// phone and handles, then each word of their name on its own (a reply
// that says "Sorry Jordan, …"), longest first so the full forms go first.
// Shorter than 3 characters is left alone, to keep redaction sane.
func identifiers(p storage.Person) []string {
	var out []string
	all := append([]string{p.Name, p.Email, p.Phone}, handleStrings(p)...)
	all = append(all, strings.Fields(p.Name)...)
	for _, s := range all {
		if s = strings.TrimSpace(strings.TrimPrefix(s, "@")); len(s) >= 3 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

func handleStrings(p storage.Person) []string {
	out := make([]string, 0, len(p.Handles))
	for _, h := range p.Handles {
		out = append(out, h.Handle)
	}
	return out
}

const erasedMark = "[erased]"

// redact replaces the names in other people's mentions and notes.
func redact(tx *storage.Tx, list []string) (int, error) {
	if len(list) == 0 {
		return 0, nil
	}
	names := make([]*regexp.Regexp, len(list))
	for i, n := range list {
		// whole words only: not inside a longer word (\b would fail next to "+" or "@")
		names[i] = regexp.MustCompile(`(?i)(^|[^\pL\pN_])` + regexp.QuoteMeta(n) + `($|[^\pL\pN_])`)
	}
	n := 0
	var ms []storage.Mention
	err := tx.Mentions().Each(func(m *storage.Mention) error {
		if t, a, x := replaceAll(m.Title, names), replaceAll(m.Author, names), replaceAll(m.Text, names); t != m.Title || a != m.Author || x != m.Text {
			m.Title, m.Author, m.Text, m.Matches = t, a, x, nil // offsets no longer hold
			ms = append(ms, *m)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for i := range ms {
		if err := tx.Mentions().Put(&ms[i]); err != nil {
			return n, err
		}
		n++
	}
	var xs []storage.Interaction
	err = tx.Interactions().Each(func(x *storage.Interaction) error {
		if note := replaceAll(x.Note, names); note != x.Note {
			x.Note = note
			xs = append(xs, *x)
		}
		return nil
	})
	for i := range xs {
		if err := tx.Interactions().Put(&xs[i]); err != nil {
			return n, err
		}
		n++
	}
	return n, err
}

// replaceAll replaces every name, ignoring case.
func replaceAll(s string, names []*regexp.Regexp) string {
	for _, name := range names {
		s = name.ReplaceAllString(s, "${1}"+erasedMark+"${2}")
	}
	return s
}

// withMerged lists a person and everyone merged into them.
func withMerged(tx *storage.Tx, id uint64) ([]uint64, error) {
	if _, err := tx.People().Get(id); err != nil {
		return nil, err
	}
	ids := []uint64{id}
	err := tx.People().Each(func(p *storage.Person) error {
		if p.MergedInto == id {
			ids = append(ids, p.ID)
		}
		return nil
	})
	return ids, err
}

func eraseOne(tx *storage.Tx, pid uint64, now time.Time, out *Erased) error {
	mids, _, err := tx.MentionIDs(storage.MentionsByPerson(pid), nil, 0)
	if err != nil {
		return err
	}
	for _, mid := range mids {
		m, err := tx.Mentions().Get(mid)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		for _, k := range m.Keys {
			if len(k) > 0 && k[0] == 'i' { // identity keys only; the text hash ('g') could be guessed
				if err := tx.AddTombstone(k, now); err != nil {
					return err
				}
			}
		}
		if err := tx.Mentions().Delete(mid); err != nil {
			return err
		}
		out.Mentions++
	}
	xids, err := tx.InteractionIDsByPerson(pid)
	if err != nil {
		return err
	}
	for _, xid := range xids {
		if err := tx.Interactions().Delete(xid); err != nil {
			return err
		}
		out.Interactions++
	}
	if err := eraseTasks(tx, pid, out); err != nil {
		return err
	}
	if err := tx.People().Delete(pid); err != nil {
		return err
	}
	out.People++
	return nil
}

// eraseTasks deletes every follow-up about the person, open or done.
func eraseTasks(tx *storage.Tx, pid uint64, out *Erased) error {
	var ids []uint64
	err := tx.Tasks().Each(func(t *storage.Task) error {
		if t.PersonID == pid {
			ids = append(ids, t.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.Tasks().Delete(id); err != nil {
			return err
		}
		out.Tasks++
	}
	return nil
}
