package insights

import (
	"strconv"
	"strings"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// Voice is one name's share of the period's conversation: how many of the
// period's mentions name a competitor (people comparing us with them), and
// how many name none ("us").
type Voice struct {
	Name     string  `json:"name"`
	Us       bool    `json:"us,omitempty"`
	Mentions int64   `json:"mentions"`
	Share    float64 `json:"share"` // of the period's mentions
	// Query is the query (rule language) that finds its mentions.
	Query string `json:"query"`
}

// competitorQuery is the query that finds mentions naming a competitor.
func competitorQuery(name string) string { return strconv.Quote(strings.TrimSpace(name)) }

// othersQuery finds mentions naming any of the competitors.
func othersQuery(names []string) string {
	qs := make([]string, len(names))
	for i, n := range names {
		qs[i] = competitorQuery(n)
	}
	return strings.Join(qs, " OR ")
}

// usQuery finds mentions naming none of the competitors.
func usQuery(names []string) string { return "NOT (" + othersQuery(names) + ")" }

// voice counts share of voice through the inbox's own filters, so that the
// figure and the list it opens are the same.
func (s *Service) voice(p Period, total int64) ([]Voice, error) {
	if s.p.Config == nil || s.p.Inbox == nil || total == 0 {
		return []Voice{}, nil
	}
	cfg, err := s.p.Config()
	if err != nil {
		return nil, err
	}
	var names []string
	seen := map[string]bool{}
	for _, n := range cfg.Competitors {
		if k := strings.ToLower(strings.TrimSpace(n)); k != "" && !seen[k] {
			seen[k] = true
			names = append(names, strings.TrimSpace(n))
		}
	}
	if len(names) == 0 {
		return []Voice{}, nil
	}
	us := Voice{Name: "Us (no competitor named)", Us: true, Query: usQuery(names)}
	out := []Voice{us}
	for _, n := range names {
		out = append(out, Voice{Name: n, Query: competitorQuery(n)})
	}
	kept := out[:0]
	for _, v := range out {
		ids, err := s.p.Inbox.List(inbox.Filter{Query: v.Query, From: p.Start(), To: p.End()}, s.p.Now())
		if err != nil {
			return nil, err
		}
		v.Mentions = int64(len(ids))
		v.Share = Round4(float64(v.Mentions) / float64(total))
		if v.Us || v.Mentions > 0 {
			kept = append(kept, v)
		}
	}
	return kept, nil
}
