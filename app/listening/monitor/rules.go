package monitor

import (
	"fmt"
	"slices"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// Preview is how a watch rule would do on what is already stored.
type Preview struct {
	Matched, Total int
	Sample         []string // headlines of the newest matches
}

// previewSample is how many headlines a preview shows.
const previewSample = 5

// PreviewRule counts the stored mentions of a source (0: of every source)
// that q matches, newest first, with a few headlines. A syntax error comes
// back as *query.SyntaxError, saying where and what.
func (s *Service) PreviewRule(q string, sourceID uint64) (Preview, error) {
	rule, err := query.Parse(q)
	if err != nil {
		return Preview{}, err
	}
	names, err := s.sourceNames()
	if err != nil {
		return Preview{}, err
	}
	var p Preview
	err = s.eachMention(sourceID, func(m *storage.Mention) {
		p.Total++
		if rule.Match(docOf(m, names)) {
			p.Matched++
			if len(p.Sample) < previewSample {
				p.Sample = append(p.Sample, m.Headline())
			}
		}
	})
	return p, err
}

// ApplyRules re-evaluates a source's watch rules on its stored mentions,
// updating which rules matched and where (the highlights). Mentions that no
// longer match stay, without the rule's mark. It returns how many match.
func (s *Service) ApplyRules(sourceID uint64) (matched, total int, err error) {
	var src storage.Source
	var rules []storage.Rule
	err = s.p.Store.View(func(tx *storage.Tx) error {
		if src, err = tx.Sources().Get(sourceID); err != nil {
			return err
		}
		rules, err = tx.Rules().GetMany(src.RuleIDs)
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	compiled := map[uint64]*query.Query{}
	for _, r := range rules {
		if q, err := query.Parse(r.Query); err == nil && !r.Disabled {
			compiled[r.ID] = q
		} else if err != nil {
			return 0, 0, fmt.Errorf("watch rule %q: %w", r.Name, err)
		}
	}
	ids, err := s.mentionIDs(sourceID)
	if err != nil {
		return 0, 0, err
	}
	for start := 0; start < len(ids); start += 200 {
		chunk := ids[start:min(start+200, len(ids))]
		n := 0
		err := s.p.Store.Update(func(tx *storage.Tx) error {
			n = 0
			for _, id := range chunk {
				m, err := tx.Mentions().Get(id)
				if err != nil {
					continue
				}
				if rematch(&m, src, compiled) {
					n++
				}
				if err := tx.Mentions().Put(&m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return matched, total, err
		}
		matched += n
		total += len(chunk)
	}
	return matched, total, nil
}

// rematch replaces the marks of the source's rules on m; rules of other
// sources keep theirs.
func rematch(m *storage.Mention, src storage.Source, rules map[uint64]*query.Query) bool {
	m.RuleIDs = slices.DeleteFunc(m.RuleIDs, func(id uint64) bool { return slices.Contains(src.RuleIDs, id) })
	doc := search.Doc(m, src.Name)
	var spans []storage.Span
	for id, q := range rules {
		ok, sp := q.MatchSpans(doc)
		if !ok {
			continue
		}
		m.RuleIDs = append(m.RuleIDs, id)
		for _, x := range sp {
			spans = append(spans, storage.Span{Field: x.Field, Start: x.Start, End: x.End})
		}
	}
	slices.Sort(m.RuleIDs)
	m.Matches = spans
	return len(spans) > 0 || (len(rules) > 0 && len(m.RuleIDs) > 0)
}

func docOf(m *storage.Mention, names map[uint64]string) *query.Doc {
	return search.Doc(m, search.SourceNames(m, names))
}

func (s *Service) sourceNames() (map[uint64]string, error) {
	names := map[uint64]string{}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return tx.Sources().Each(func(src *storage.Source) error { names[src.ID] = src.Name; return nil })
	})
	return names, err
}

// mentionIDs lists the mentions of a source (0: all), newest first.
func (s *Service) mentionIDs(sourceID uint64) ([]uint64, error) {
	ix := storage.MentionsByTime()
	if sourceID != 0 {
		ix = storage.MentionsFromSource(sourceID)
	}
	var ids []uint64
	err := s.p.Store.View(func(tx *storage.Tx) (err error) { ids, _, err = tx.MentionIDs(ix, nil, 0); return err })
	return ids, err
}

// eachMention calls fn for the mentions of a source (0: all), newest first,
// reading a page at a time.
func (s *Service) eachMention(sourceID uint64, fn func(m *storage.Mention)) error {
	ids, err := s.mentionIDs(sourceID)
	if err != nil {
		return err
	}
	for start := 0; start < len(ids); start += 500 {
		var ms []storage.Mention
		err := s.p.Store.View(func(tx *storage.Tx) (err error) {
			ms, err = tx.Mentions().GetMany(ids[start:min(start+500, len(ids))])
			return err
		})
		if err != nil {
			return err
		}
		for i := range ms {
			fn(&ms[i])
		}
	}
	return nil
}
