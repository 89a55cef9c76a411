package views

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/desk"
	"github.com/rapportapp/rapport/app/inbox"
)

// fakeServices is an in-memory Services for UI tests.
type fakeServices struct {
	mu       sync.Mutex
	rows     []inbox.Row
	texts    map[uint64]string
	links    map[uint64]string
	empty    bool
	sampled  bool
	backups  []string
	changed  []func()
	rowCalls int

	lastFilter  inbox.Filter
	corrections map[uint64]*inbox.Correction
}

func newFake(n int) *fakeServices {
	f := &fakeServices{texts: map[uint64]string{}, links: map[uint64]string{}, empty: n == 0, corrections: map[uint64]*inbox.Correction{}}
	now := time.Now()
	for i := range n {
		id := uint64(i + 1)
		f.rows = append(f.rows, inbox.Row{ID: id, Author: fmt.Sprintf("author%d", id), Source: "Reddit search", Platform: "reddit",
			Polarity: "positive", Intents: []string{"praise"},
			Headline: fmt.Sprintf("Headline %d about Ember & Oak", id), Time: now.Add(-time.Duration(i) * time.Minute)})
		f.texts[id] = fmt.Sprintf("Body of mention %d: I love Ember & Oak.\nSecond line.", id)
		f.links[id] = "https://www.reddit.com/r/Coffee/comments/" + fmt.Sprint(id)
	}
	return f
}

func (f *fakeServices) List(flt inbox.Filter, _ time.Time) ([]uint64, error) {
	f.mu.Lock()
	f.lastFilter = flt
	f.mu.Unlock()
	return f.ids()
}

func (f *fakeServices) Explain(id uint64) ([]inbox.Cue, error) {
	return []inbox.Cue{{Kind: "lexicon", Text: "love", Note: "'love' +1.60"}}, nil
}

func (f *fakeServices) Correct(id uint64, c *inbox.Correction) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.corrections[id] = c
	return nil
}

func (f *fakeServices) Vocabulary() (intents, touchPoints []string) {
	return []string{"complaint", "question", "praise"}, []string{"price", "staff"}
}

func (f *fakeServices) ids() ([]uint64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ids := make([]uint64, len(f.rows))
	for i, r := range f.rows {
		ids[i] = r.ID
	}
	return ids, nil
}

func (f *fakeServices) Rows(ids []uint64) ([]inbox.Row, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rowCalls++
	var out []inbox.Row
	for _, id := range ids {
		out = append(out, f.rows[id-1])
	}
	return out, nil
}

func (f *fakeServices) Detail(id uint64) (inbox.Detail, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if id == 0 || int(id) > len(f.rows) {
		return inbox.Detail{}, errors.New("no such mention")
	}
	r := f.rows[id-1]
	text := f.texts[id]
	return inbox.Detail{ID: id, Title: r.Headline, Author: r.Author, Sources: []string{r.Source}, Time: r.Time, Text: text,
		Link: inbox.SafeLink(f.links[id]), Highlights: [][2]int{{len(text) - len("Ember & Oak.\nSecond line."), len(text) - len(".\nSecond line.")}},
		Rules: []string{"Brand mentions"}, Reading: inbox.Reading{Analysed: true, Polarity: "positive", Sentiment: 0.6,
			Intents: []string{"praise"}, TouchPoints: []string{"staff"}, Priority: 30, Why: "praise · positive · stranger",
			Corrected: f.corrections[id] != nil}}, nil
}

func (f *fakeServices) IsEmpty() (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.empty, nil
}

func (f *fakeServices) LoadSample(progress func(string, int, int)) error {
	progress("Reading", 1, 2)
	f.mu.Lock()
	f.sampled, f.empty = true, false
	f.mu.Unlock()
	n := newFake(5)
	f.mu.Lock()
	f.rows, f.texts, f.links = n.rows, n.texts, n.links
	f.mu.Unlock()
	progress("Done", 2, 2)
	return nil
}

func (f *fakeServices) OnMentionsChanged(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.changed = append(f.changed, fn)
}

func (f *fakeServices) About() (desk.About, error) {
	return desk.About{Version: "test", DataDir: "/tmp/rapport-data", Schema: 2, Counts: []desk.Count{{Name: "mentions", N: len(f.rows)}}, Bytes: 2 << 20}, nil
}

func (f *fakeServices) Backup(path string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.backups = append(f.backups, path)
	return nil
}
