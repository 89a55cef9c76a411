package opml

import (
	"strings"

	"github.com/rapportapp/rapport/storage"
)

// FromSources turns stored sources into feeds to write. A source's Rule
// is its enabled watch rules' queries: one as it is, several joined with
// " OR ", each in parentheses. Rules missing from rules, disabled, or
// empty are left out. Disabled sources are exported too: OPML has no
// notion of a paused feed.
func FromSources(sources []storage.Source, rules map[uint64]storage.Rule) []Feed {
	feeds := make([]Feed, 0, len(sources))
	for _, s := range sources {
		feeds = append(feeds, Feed{
			Title:  s.Name,
			URL:    s.URL,
			Folder: s.Folder,
			Kind:   s.Kind,
			Every:  s.Every,
			Rule:   joinRules(s.RuleIDs, rules),
		})
	}
	return feeds
}

// joinRules combines the enabled rules among ids into one query.
func joinRules(ids []uint64, rules map[uint64]storage.Rule) string {
	var qs []string
	for _, id := range ids {
		r, ok := rules[id]
		if !ok || r.Disabled {
			continue
		}
		if q := strings.TrimSpace(r.Query); q != "" {
			qs = append(qs, q)
		}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	for i, q := range qs {
		qs[i] = "(" + q + ")"
	}
	return strings.Join(qs, " OR ")
}

// Source turns an imported feed into a source record to save. Its rule,
// if any, is not attached: the caller validates f.Rule (query.Parse),
// saves it as a storage.Rule and puts the new ID in RuleIDs.
func (f Feed) Source() storage.Source {
	return storage.Source{
		Name:   f.Title,
		URL:    f.URL,
		Kind:   f.Kind,
		Folder: f.Folder,
		Every:  f.Every,
	}
}
