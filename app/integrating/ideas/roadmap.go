package ideas

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/rapportapp/rapport/storage"
)

// Topic is a group of similar questions people keep asking: a suggested
// piece of content.
type Topic struct {
	// Label is the words the questions share, most common first.
	Label      string   `json:"label"`
	Count      int      `json:"count"`
	TouchPoint string   `json:"touchpoint,omitempty"` // the most common one, if any
	Examples   []string `json:"examples"`
	Mentions   []uint64 `json:"mentions"`
	Suggestion string   `json:"suggestion"`
}

// roadmapRead bounds how many of the period's mentions the roadmap reads.
const roadmapRead = 5000

// Roadmap groups the questions of [from, to) (mentions with the question
// or "know" intent): two questions join when they share at least a third of
// their content words. Groups are listed largest first; touch points that
// draw questions but no answers of their own become suggestions too.
func (s *Service) Roadmap(from, to time.Time) ([]Topic, error) {
	var qs []storage.Mention
	err := s.p.Store.View(func(tx *storage.Tx) error {
		ids, err := tx.MentionIDsBetween(from, to, roadmapRead)
		if err != nil {
			return err
		}
		ms, err := tx.Mentions().GetMany(ids)
		for _, m := range ms {
			if slices.Contains(m.Analysis.Intents, "question") || slices.Contains(m.Analysis.Intents, "know") {
				qs = append(qs, m)
			}
		}
		return err
	})
	return group(qs), err
}

type cluster struct {
	words map[string]int
	ms    []*storage.Mention
}

func group(qs []storage.Mention) []Topic {
	var cs []*cluster
	for i := range qs {
		ws := contentWords(qs[i].Title + " " + qs[i].Text)
		if len(ws) == 0 {
			continue
		}
		var best *cluster
		bestScore := 0.0
		for _, c := range cs {
			if sc := overlap(ws, c.words); sc > bestScore {
				best, bestScore = c, sc
			}
		}
		if best == nil || bestScore < 1.0/3 {
			best = &cluster{words: map[string]int{}}
			cs = append(cs, best)
		}
		best.ms = append(best.ms, &qs[i])
		for w := range ws {
			best.words[w]++
		}
	}
	out := make([]Topic, 0, len(cs))
	for _, c := range cs {
		out = append(out, topicOf(c))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// overlap is the share of a question's words already in the cluster.
func overlap(ws map[string]bool, c map[string]int) float64 {
	n := 0
	for w := range ws {
		if c[w] > 0 {
			n++
		}
	}
	return float64(n) / float64(len(ws))
}

func topicOf(c *cluster) Topic {
	words := make([]string, 0, len(c.words))
	for w := range c.words {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if c.words[words[i]] != c.words[words[j]] {
			return c.words[words[i]] > c.words[words[j]]
		}
		return words[i] < words[j]
	})
	t := Topic{Label: strings.Join(words[:min(3, len(words))], " · "), Count: len(c.ms)}
	tps := map[string]int{}
	for _, m := range c.ms {
		t.Mentions = append(t.Mentions, m.ID)
		if len(t.Examples) < 3 {
			t.Examples = append(t.Examples, clip(m.Headline(), 140))
		}
		for _, tp := range m.Analysis.TouchPoints {
			tps[tp]++
		}
	}
	for tp, n := range tps {
		if n > tps[t.TouchPoint] || (n == tps[t.TouchPoint] && tp < t.TouchPoint) {
			t.TouchPoint = tp
		}
	}
	about := t.Label
	if t.TouchPoint != "" {
		about = t.TouchPoint + " (" + t.Label + ")"
	}
	if t.Count > 1 {
		t.Suggestion = fmt.Sprintf("%d people asked about %s: write an FAQ entry or a short guide and link it when you answer.", t.Count, about)
	} else {
		t.Suggestion = "Asked once about " + about + ": answer it, and watch whether it comes back."
	}
	return t
}

var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but if of to in on at for with from by about as is are was were be been am do does did
		i you he she it we they me my your our their this that these those what which who whom whose when where why how
		can could would should will shall may might must have has had not no yes any some there here just so than then too very
		get got ember oak emberandoak anyone know does someone please thanks thank really also one like want use using`) {
		stop[w] = true
	}
}

// contentWords are the lower-case words of s worth grouping by: three
// letters or more, not a stop word, plurals folded.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		w = strings.Trim(w, "'")
		if len([]rune(w)) < 3 || stop[w] {
			continue
		}
		if strings.HasSuffix(w, "s") && len(w) > 4 && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s")
		}
		out[w] = true
	}
	return out
}
