package ingest

import (
	"fmt"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

type rule struct {
	id uint64
	q  *query.Query
}

// rulesOf loads and compiles the enabled watch rules of a source. A source
// without enabled rules keeps every entry. A rule
// that does not parse stops the ingest with its syntax error rather than
// letting everything (or nothing) through unnoticed.
func (s *Service) rulesOf(src storage.Source) ([]rule, error) {
	if len(src.RuleIDs) == 0 {
		return nil, nil
	}
	var recs []storage.Rule
	err := s.store.View(func(tx *storage.Tx) (err error) {
		recs, err = tx.Rules().GetMany(src.RuleIDs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load watch rules of %s: %w", src.Name, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []rule
	for _, r := range recs {
		if r.Disabled {
			continue
		}
		c, ok := s.rules[r.ID]
		if !ok || c.text != r.Query {
			q, err := query.Parse(r.Query)
			c = compiled{text: r.Query, q: q, err: err}
			s.rules[r.ID] = c
		}
		if c.err != nil {
			return nil, fmt.Errorf("watch rule %q: %w", r.Name, c.err)
		}
		out = append(out, rule{id: r.ID, q: c.q})
	}
	return out, nil // no enabled rule: everything the source carries is kept
}

// applyRules records which rules match and where; it reports whether any
// did.
func applyRules(m *storage.Mention, src storage.Source, rules []rule) bool {
	doc := search.Doc(m, src.Name)
	for _, r := range rules {
		ok, spans := r.q.MatchSpans(doc)
		if !ok {
			continue
		}
		m.RuleIDs = append(m.RuleIDs, r.id)
		for _, sp := range spans {
			m.Matches = append(m.Matches, storage.Span{Field: sp.Field, Start: sp.Start, End: sp.End})
		}
	}
	return len(m.RuleIDs) > 0
}
