package search

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// InteractionHit is one interaction whose note (or kind, channel or
// person) matches.
type InteractionHit struct {
	Interaction storage.Interaction
	// Person is the name of the person it was with, if any.
	Person string
	// Spans highlight the match: field "text" is the note, "title" the
	// kind, "author" the person's name, "source" the channel.
	Spans []query.Span
}

// SearchInteractions returns up to limit interactions that match q, newest
// first. Interactions are few (what a business did with its contacts), so
// they have no word index: all of them are read, which takes milliseconds
// for thousands.
func (s *Service) SearchInteractions(ctx context.Context, q *query.Query, limit int) ([]InteractionHit, error) {
	var hits []InteractionHit
	err := s.store.View(func(tx *storage.Tx) error {
		people := map[uint64]string{}
		p := query.Prepare(nil)
		n := 0
		return tx.Interactions().Each(func(x *storage.Interaction) error {
			if n++; n%256 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			name, err := personName(tx, people, x.PersonID)
			if err != nil {
				return err
			}
			p.Reset(&query.Doc{Title: x.Kind, Text: x.Note, Author: name, Source: x.Channel})
			if ok, spans := q.MatchSpansPrepared(p); ok {
				hits = append(hits, InteractionHit{Interaction: *x, Person: name, Spans: spans})
			}
			return nil
		})
	})
	slices.SortFunc(hits, func(a, b InteractionHit) int {
		return cmp.Or(b.Interaction.At.Compare(a.Interaction.At), cmp.Compare(b.Interaction.ID, a.Interaction.ID))
	})
	if err != nil {
		return nil, err
	}
	return hits[:min(max(limit, 0), len(hits))], nil
}

// personName looks a person's name up once per search.
func personName(tx *storage.Tx, cache map[uint64]string, id uint64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if name, ok := cache[id]; ok {
		return name, nil
	}
	p, err := tx.People().Get(id)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return "", err
	}
	cache[id] = p.Name
	return p.Name, nil
}
