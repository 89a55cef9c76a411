package crm

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/storage"
)

// Row is one person in the contacts list, ready to draw.
type Row struct {
	ID          uint64
	Name        string
	Contact     bool
	Stage       string // as set by the owner
	Suggested   string // as the score suggests
	Score       float64
	Trend       string // rising, steady, fading
	LastContact time.Time
	Balance     int     // gives − gets
	Value       float64 // what they brought: referrals and purchases (the ledger's GetValue)
	Mentions    int
	Platforms   []string
	Own         bool // the business's own account
}

// Sorts of the contacts list.
const (
	ByScore       = "score"
	ByStage       = "stage"
	ByLastContact = "last contact"
	ByBalance     = "balance"
	ByName        = "name"
)

// ListFilter narrows the contacts list.
type ListFilter struct {
	Everyone bool   // include lightweight people, not only contacts
	Text     string // in the name or a handle
	Stage    string // only this stage
	Sort     string
}

// List returns people with their scores, sorted.
func (s *Service) List(f ListFilter) ([]Row, error) {
	now := s.now()
	own := s.ownHandles()
	var rows []Row
	text := strings.ToLower(strings.TrimSpace(f.Text))
	if f.Everyone && text == "" && f.Stage == "" && !s.perPerson {
		rows, err := s.everyoneNow(now, own)
		SortRows(rows, f.Sort)
		return rows, err
	}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return eachPerson(tx, !f.Everyone, func(p *storage.Person) error {
			if p.MergedInto != 0 || (!f.Everyone && !p.Contact) || (text != "" && !matchesText(p, text)) ||
				(f.Stage != "" && !strings.EqualFold(p.Stage, f.Stage)) {
				return nil
			}
			in, err := inputs(tx, *p, now)
			if err != nil {
				return err
			}
			sc := advocates.Compute(in, s.params)
			l := advocates.BuildLedger(in.Interactions)
			rows = append(rows, Row{
				ID: p.ID, Name: p.Name, Contact: p.Contact, Stage: p.Stage, Suggested: string(sc.Suggested),
				Score: sc.Total, Trend: sc.TrendWord, LastContact: lastContact(in), Balance: l.Balance, Value: l.GetValue, Mentions: len(in.Mentions),
				Platforms: platforms(*p), Own: isOwn(p, own),
			})
			return nil
		})
	})
	SortRows(rows, f.Sort)
	return rows, err
}

// everyoneFresh is how long a list of everyone who wrote is given again
// when nothing it was read from has changed. Its scores move with the
// clock: by at most 0.064 points an hour (a good word's weight halves in
// 45 days), so by less than a hundredth of a point in that time; a trend
// or a suggested stage that turns within it turns at the next read. A
// person's own page is always scored as it opens.
const everyoneFresh = 5 * time.Minute

// everyoneCache is the last list of everyone who wrote, with what it was
// read from. At a million mentions reading it takes seconds, and the
// window asks for it again each time Contacts is opened.
type everyoneCache struct {
	mu     sync.Mutex
	store  *storage.Store
	gen    uint64 // the store's AuthorsGeneration before it was read
	at     time.Time
	own    []string
	params advocates.Params
	rows   []Row
	reads  int // lists read, for tests
}

// everyoneNow lists everyone who wrote, from the last list when nothing it
// was read from has changed since and it is less than everyoneFresh old;
// the rows are the caller's to sort.
func (s *Service) everyoneNow(now time.Time, own []string) ([]Row, error) {
	c := &s.everyone
	gen := s.p.Store.AuthorsGeneration()
	c.mu.Lock()
	if c.store == s.p.Store && c.gen == gen && c.params == s.params && slices.Equal(c.own, own) &&
		!now.Before(c.at) && now.Sub(c.at) < everyoneFresh {
		rows := slices.Clone(c.rows)
		c.mu.Unlock()
		return rows, nil
	}
	c.mu.Unlock()
	rows, err := s.listEveryone(now, own)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.store, c.gen, c.at, c.own, c.params, c.rows = s.p.Store, gen, now, own, s.params, rows
	c.reads++
	c.mu.Unlock()
	return slices.Clone(rows), nil
}

// listEveryone scores everyone who wrote from two of the store's indexes
// instead of their mentions: the keys of the index by person (each one's
// mentions, counted, and the newest) and the index of what mentions say of
// their authors, whose keys carry what the score reads (Tx.WalkAuthors). At
// 1M mentions and 160,000 authors, reading each person's mentions was a
// million reads scattered over the files, and one pass over the mentions
// decompressed and decoded all their text (docs/advocates.md).
func (s *Service) listEveryone(now time.Time, own []string) ([]Row, error) {
	var rows []Row
	quiet := advocates.ComputeSaid(nil, nil, now, s.params)
	err := s.p.Store.View(func(tx *storage.Tx) error {
		xs := map[uint64][]storage.Interaction{} // few: what the business did
		err := tx.Interactions().Each(func(x *storage.Interaction) error {
			if x.PersonID != 0 {
				xs[x.PersonID] = append(xs[x.PersonID], *x)
			}
			return nil
		})
		if err != nil {
			return err
		}
		// The people and the two indexes are all in the order of the
		// people's ids: each person is scored as the walk reaches them,
		// holding one person's mentions at a time, not everyone's.
		walk := tx.WalkAuthors()
		defer walk.Close()
		more := walk.Next()
		err = tx.People().Each(func(p *storage.Person) error {
			for more && walk.Author().Person < p.ID {
				more = walk.Next() // mentions of a person no longer stored
			}
			var t tally
			if more && walk.Author().Person == p.ID {
				a := walk.Author()
				t.mentions, t.last = a.Mentions, a.Last
				for i := range a.Said {
					// i names the mention's own conversation only when it
					// has no id, which a stored mention always has
					if said, ok := advocates.Read(&a.Said[i], 0); ok {
						t.said = append(t.said, said)
					}
				}
			}
			if p.MergedInto != 0 {
				return nil
			}
			t.xs = xs[p.ID]
			rows = append(rows, s.everyoneRow(p, &t, now, own, quiet))
			return nil
		})
		if err != nil {
			return err
		}
		return walk.Err()
	})
	return rows, err
}

// tally is what was read of one person of everyone who wrote.
type tally struct {
	mentions int
	last     time.Time
	said     []advocates.Said
	xs       []storage.Interaction
}

// everyoneRow scores one person of everyone who wrote from what was read
// of them.
func (s *Service) everyoneRow(p *storage.Person, t *tally, now time.Time, own []string, quiet advocates.Score) Row {
	said, xs, last := t.said, t.xs, t.last
	// The order of the indexes the per-person path reads (newest first),
	// so the scores' sums are the same to the last bit.
	slices.SortFunc(said, func(a, b advocates.Said) int {
		return cmp.Or(cmp.Compare(b.At().Unix(), a.At().Unix()), cmp.Compare(b.ID(), a.ID()))
	})
	slices.SortFunc(xs, func(a, b storage.Interaction) int {
		return cmp.Or(cmp.Compare(b.At.Unix(), a.At.Unix()), cmp.Compare(b.ID, a.ID))
	})
	sc := quiet // nothing said and nothing between us: the score of no records
	if len(said) > 0 || len(xs) > 0 {
		sc = advocates.ComputeSaid(said, xs, now, s.params)
	}
	l := advocates.BuildLedger(xs)
	for _, x := range xs {
		if x.At.After(last) {
			last = x.At
		}
	}
	return Row{
		ID: p.ID, Name: p.Name, Contact: p.Contact, Stage: p.Stage, Suggested: string(sc.Suggested),
		Score: sc.Total, Trend: sc.TrendWord, LastContact: last, Balance: l.Balance, Value: l.GetValue, Mentions: t.mentions,
		Platforms: platforms(*p), Own: isOwn(p, own),
	}
}

// eachPerson calls fn for every person, or only for the contacts (from
// the index of contacts: a few among many thousands of authors).
func eachPerson(tx *storage.Tx, contacts bool, fn func(p *storage.Person) error) error {
	if !contacts {
		return tx.People().Each(fn)
	}
	ids, err := tx.ContactIDs()
	if err != nil {
		return err
	}
	return tx.People().EachOf(ids, fn)
}

func matchesText(p *storage.Person, text string) bool {
	if strings.Contains(strings.ToLower(p.Name), text) || strings.Contains(strings.ToLower(p.Company), text) {
		return true
	}
	for _, h := range p.Handles {
		if strings.Contains(strings.ToLower(h.Handle), text) {
			return true
		}
	}
	return false
}

// stageRank orders stages along the ladder; custom labels come last.
func stageRank(s string) int {
	if st, ok := advocates.ParseStage(s); ok {
		return st.Rank()
	}
	return -1
}

// SortRows puts rows in the order of a sort of the list (ByScore, …), as
// List does: a list already read can be sorted again without reading it.
func SortRows(rows []Row, by string) {
	// Names folded once, not in every comparison (at 160,000 people the
	// comparisons' folding was most of the sort).
	names := make([]string, len(rows))
	for i := range rows {
		names[i] = strings.ToLower(rows[i].Name)
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := &rows[idx[i]], &rows[idx[j]]
		an, bn := names[idx[i]], names[idx[j]]
		if a.Own != b.Own {
			return !a.Own // the business's own accounts last
		}
		switch by {
		case ByStage:
			if ra, rb := stageRank(a.Stage), stageRank(b.Stage); ra != rb {
				return ra > rb
			}
		case ByLastContact:
			if !a.LastContact.Equal(b.LastContact) {
				return a.LastContact.After(b.LastContact)
			}
		case ByBalance:
			if a.Balance != b.Balance {
				return a.Balance < b.Balance // who we owe most first
			}
		case ByName:
			return an < bn
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return an < bn
	})
	sorted := make([]Row, len(rows))
	for i, k := range idx {
		sorted[i] = rows[k]
	}
	copy(rows, sorted)
}
