// Package inbox serves the inbox screens: which mentions to show in what
// order, the precomputed rows a list draws and the detail of one mention.
package inbox

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/understanding/understand"
	"github.com/rapportapp/rapport/storage"
)

// Row is one line of the inbox list, ready to draw.
type Row struct {
	ID       uint64
	Author   string
	Source   string
	Headline string
	Time     time.Time
	State    State
	Owner    string // who takes care of it ("" nobody)
	Platform string
	Polarity string   // "" when not analysed
	Intents  []string // strongest first as the analyser found them
}

// Detail is everything the detail pane shows about one mention.
type Detail struct {
	ID       uint64
	Title    string
	Author   string
	Sources  []string
	Time     time.Time
	Text     string
	Link     string // empty unless it is an http(s) link, safe to open
	Platform string
	// Highlights are matched ranges of Text (byte offsets), sorted.
	Highlights [][2]int
	// TitleHighlights are matched ranges of Title.
	TitleHighlights [][2]int
	Rules           []string
	Reading         Reading
	State           State
	Owner           string
	Snoozed         time.Time
	History         []Step
	AuthorHandle    string
	PersonID        uint64
	// Copies are the other posts of the same text (reposts and
	// cross-posts: near-duplicates are grouped, not deleted), newest first,
	// at most MaxCopies of them; MoreCopies says how many more there are.
	Copies     []Copy
	MoreCopies bool
	// Draft is a reply handed to another program that the owner has not
	// yet confirmed as sent; nil when there is none.
	Draft *Draft
}

// Draft is a reply the owner prepared elsewhere and may have sent.
type Draft struct {
	At      time.Time
	Channel string // where it was meant for ("mastodon", "email")
	Text    string
}

// Copy is another post of a mention's text.
type Copy struct {
	ID       uint64
	Author   string
	Sources  []string
	Platform string
	Time     time.Time
}

// MaxCopies is how many copies Detail lists.
const MaxCopies = 5

// Step is one change in a mention's history, in words.
type Step struct {
	At   time.Time
	Text string // "needs reply → handled by Dana", "assigned to Kim"
}

func stepsOf(m *storage.Mention) []Step {
	out := make([]Step, 0, len(m.History))
	for _, c := range m.History {
		note := readableNote(c.Note)
		var text string
		switch {
		case note != "" && c.From == c.To: // an event that kept the state: say it, then who
			text = note
			if c.By != "" {
				text += " (" + c.By + ")"
			}
		default:
			text = c.From.String() + " → " + c.To.String()
			if note != "" {
				text += " (" + note + ")"
			}
			if c.By != "" {
				text += " by " + c.By
			}
		}
		out = append(out, Step{At: c.At, Text: text})
	}
	return out
}

// readableNote writes a history note for people: the stored "until
// 2026-12-05T09:00:00Z" of a snooze becomes "until Sat 5 Dec 09:00" in the
// computer's time zone.
func readableNote(note string) string {
	if rest, ok := strings.CutPrefix(note, "until "); ok {
		if t, err := time.Parse(time.RFC3339, rest); err == nil {
			return "until " + t.Local().Format("Mon 2 Jan 15:04")
		}
	}
	return note
}

// Reading is what Rapport read in a mention, for the detail pane.
type Reading struct {
	Analysed    bool
	Reason      string // why not analysed
	Sentiment   float64
	Polarity    string
	Intents     []string
	TouchPoints []string
	Promise     string
	Priority    float64
	Why         string // the priority's reason, without the age
	Corrected   bool   // the owner corrected it
}

func readingOf(m *storage.Mention) Reading {
	a := m.Analysis
	return Reading{
		Analysed: a.Analysed, Reason: a.Reason, Sentiment: a.Sentiment, Polarity: a.Polarity, Intents: a.Intents,
		TouchPoints: a.TouchPoints, Promise: a.Promise, Priority: a.Priority, Why: a.Why, Corrected: m.Corrected != nil,
	}
}

// Service reads the inbox from a store.
type Service struct {
	store  *storage.Store
	und    *understand.Service
	search *search.Service
	me     func() string
	// searchCap bounds how many matches of a query are listed:
	// SearchCap, lower in tests.
	searchCap int
}

// Params is what the inbox is built from.
type Params struct {
	Store *storage.Store
	// Understand explains and re-reads mentions (nil in tests that need
	// neither).
	Understand *understand.Service
	// Me names the owner, for the "Assigned to me" view (nil: "you").
	Me func() string
}

// New returns the inbox.
func New(p Params) *Service {
	if p.Me == nil {
		p.Me = func() string { return "you" }
	}
	return &Service{store: p.Store, und: p.Understand, search: search.New(p.Store), me: p.Me, searchCap: SearchCap}
}

// IDs lists every mention newest first, straight from the time index.
func (s *Service) IDs() ([]uint64, error) {
	var ids []uint64
	err := s.store.View(func(tx *storage.Tx) (err error) {
		ids, _, err = tx.MentionIDs(storage.MentionsByTime(), nil, 0)
		return err
	})
	return ids, err
}

// Rows builds the list rows of the given mentions, in that order; mentions
// that vanished meanwhile are left out.
func (s *Service) Rows(ids []uint64) ([]Row, error) {
	var rows []Row
	err := s.store.View(func(tx *storage.Tx) error {
		names, err := sourceNames(tx)
		if err != nil {
			return err
		}
		ms, err := tx.Mentions().GetMany(ids)
		if err != nil {
			return err
		}
		rows = make([]Row, 0, len(ms))
		for i := range ms {
			m := &ms[i]
			rows = append(rows, Row{
				ID: m.ID, Author: m.Author, Source: firstSource(m, names), Headline: m.Headline(),
				Time: m.Time(), State: m.State, Owner: m.Owner, Platform: m.Platform, Polarity: m.Analysis.Polarity, Intents: m.Analysis.Intents,
			})
		}
		return nil
	})
	return rows, err
}

// Detail reads one mention for the detail pane. With a search (q, in the
// rule language) that the mention matches, the search's matches are
// highlighted instead of the watch rules'.
func (s *Service) Detail(id uint64, q string) (Detail, error) {
	var d Detail
	err := s.store.View(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(id)
		if err != nil {
			return err
		}
		names, err := sourceNames(tx)
		if err != nil {
			return err
		}
		d = Detail{
			ID: m.ID, Title: m.Title, Author: m.Author, Time: m.Time(), Text: m.Text, Link: SafeLink(m.Link), Platform: m.Platform,
			Reading: readingOf(&m), State: m.State, Owner: m.Owner, Snoozed: m.Snoozed, History: stepsOf(&m),
			PersonID: m.PersonID,
		}
		if dr := m.Draft; dr != nil {
			d.Draft = &Draft{At: dr.At, Channel: dr.Channel, Text: dr.Text}
		}
		for _, sid := range m.SourceIDs {
			d.Sources = append(d.Sources, names[sid])
		}
		spans := m.Matches
		if found, ok := searchSpans(&m, q, names); ok {
			spans = found
		}
		for _, sp := range spans {
			switch sp.Field {
			case "text":
				d.Highlights = appendSpan(d.Highlights, sp, len(m.Text))
			case "title":
				d.TitleHighlights = appendSpan(d.TitleHighlights, sp, len(m.Title))
			}
		}
		if d.Copies, d.MoreCopies, err = copiesOf(tx, &m, names); err != nil {
			return err
		}
		for _, rid := range m.RuleIDs {
			if r, err := tx.Rules().Get(rid); err == nil {
				d.Rules = append(d.Rules, r.Name)
			} else if !errors.Is(err, storage.ErrNotFound) {
				return err
			}
		}
		return nil
	})
	return d, err
}

// copiesOf lists the other mentions in m's group of near-duplicates.
func copiesOf(tx *storage.Tx, m *storage.Mention, names map[uint64]string) ([]Copy, bool, error) {
	if m.GroupID == 0 {
		return nil, false, nil
	}
	ms, _, err := tx.MentionsPage(storage.MentionsInGroup(m.GroupID), nil, MaxCopies+2)
	if err != nil {
		return nil, false, err
	}
	var out []Copy
	for i := range ms {
		c := &ms[i]
		if c.ID == m.ID {
			continue
		}
		if len(out) == MaxCopies {
			return out, true, nil
		}
		cp := Copy{ID: c.ID, Author: c.Author, Platform: c.Platform, Time: c.Time()}
		for _, sid := range c.SourceIDs {
			cp.Sources = append(cp.Sources, names[sid])
		}
		out = append(out, cp)
	}
	return out, false, nil
}

// searchSpans returns where query q matches m, if q is a valid query that
// matches.
func searchSpans(m *storage.Mention, q string, names map[uint64]string) ([]storage.Span, bool) {
	if strings.TrimSpace(q) == "" {
		return nil, false
	}
	parsed, err := query.Parse(q)
	if err != nil {
		return nil, false
	}
	ok, found := parsed.MatchSpans(search.Doc(m, search.SourceNames(m, names)))
	if !ok {
		return nil, false
	}
	spans := make([]storage.Span, 0, len(found))
	for _, sp := range found {
		spans = append(spans, storage.Span{Field: sp.Field, Start: sp.Start, End: sp.End})
	}
	return spans, true
}

// appendSpan keeps spans that lie inside the text (the text may have been
// edited since matching).
func appendSpan(out [][2]int, sp storage.Span, n int) [][2]int {
	if sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
		return out
	}
	return append(out, [2]int{sp.Start, sp.End})
}

// SafeLink returns link if it is an absolute http or https URL, else "".
// Feeds are untrusted: javascript:, file: and the like are never opened.
func SafeLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// sourceNames maps source ids to names (the store's cached map: read only).
func sourceNames(tx *storage.Tx) (map[uint64]string, error) { return tx.SourceNames() }

func firstSource(m *storage.Mention, names map[uint64]string) string {
	if len(m.SourceIDs) == 0 {
		return ""
	}
	return names[m.SourceIDs[0]]
}
