package sample

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/ingest"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// The sample's older history (workspace.json "archive"): weeks of posts on
// one of its sources made from a few dozen templates, the team's answers
// to them with their delays, a running experiment whose replies were
// recorded, and ideas on the board. It gives the Insights screen trends
// that mean something and the experiment enough data for a result.

// archive is the "archive" section of workspace.json.
type archive struct {
	Source   string     `json:"source"`    // key of the sample source the posts come from
	FromDays int        `json:"from_days"` // the first post, days before the anchor
	ToDays   int        `json:"to_days"`   // the last one
	Rounds   int        `json:"rounds"`    // how often the templates come round
	Authors  []string   `json:"authors"`
	Openers  []string   `json:"openers"`
	Tails    []string   `json:"tails"`
	Posts    []template `json:"posts"`
	Team     []string   `json:"answered_by"`
	// Questions are asked by people who post only once, unless the
	// experiment's variant brings them back (Returns).
	Askers     []string      `json:"askers"`
	Questions  []string      `json:"questions"`
	Returns    []string      `json:"returns"`
	Experiment sampleExperim `json:"experiment"`
	Ideas      []sampleIdea  `json:"ideas"`
}

type template struct {
	Text   string `json:"text"`
	Answer string `json:"answer"` // how long until the team answered ("" never)
}

type sampleExperim struct {
	Name       string          `json:"name"`
	Hypothesis string          `json:"hypothesis"`
	Outcome    string          `json:"outcome"`
	Days       int             `json:"days"`
	Intent     string          `json:"intent"`
	Variants   []sampleVariant `json:"variants"`
}

type sampleVariant struct {
	Name  string  `json:"name"`
	Tip   string  `json:"tip"`
	Delay string  `json:"delay"`
	Back  float64 `json:"back"` // share of askers who come back
}

type sampleIdea struct {
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Stage    string `json:"stage"`
	Owner    string `json:"owner"`
	Note     string `json:"note"`
	Evidence string `json:"evidence"` // archive posts containing this are its evidence
}

// archivePost is one generated post with what happens to it.
type archivePost struct {
	entry   feed.Entry
	answer  time.Duration // 0: not answered
	by      string
	variant int // -1: not in the experiment
}

// posts generates the archive's posts in anchor time.
func (a *archive) posts(anchor time.Time) []archivePost {
	var out []archivePost
	start := anchor.Add(-time.Duration(a.FromDays) * 24 * time.Hour)
	span := time.Duration(a.FromDays-a.ToDays) * 24 * time.Hour
	n := a.Rounds * len(a.Posts)
	for r := range a.Rounds {
		for i, t := range a.Posts {
			k := r*len(a.Posts) + i
			at := start.Add(span * time.Duration(k) / time.Duration(n)).Add(time.Duration((k*37)%300) * time.Minute)
			text := a.Openers[(r+i)%len(a.Openers)] + t.Text + " " + a.Tails[(r*3+i)%len(a.Tails)]
			p := archivePost{entry: a.entry(fmt.Sprintf("a%d", k), a.Authors[(r*7+i*3)%len(a.Authors)], text, at), variant: -1}
			if d, err := time.ParseDuration(t.Answer); err == nil && t.Answer != "" {
				p.answer = d + time.Duration((k*53)%90)*time.Minute
				p.by = a.Team[k%len(a.Team)]
			}
			out = append(out, p)
		}
	}
	return append(out, a.questions(start, span)...)
}

// questions are the experiment's population: each asker asks once; the
// variants alternate; a share of each variant's askers comes back.
func (a *archive) questions(start time.Time, span time.Duration) []archivePost {
	var out []archivePost
	for k, who := range a.Askers {
		at := start.Add(span * time.Duration(k) / time.Duration(len(a.Askers))).Add(3 * time.Hour)
		v := k % len(a.Experiment.Variants)
		vr := a.Experiment.Variants[v]
		delay, _ := time.ParseDuration(vr.Delay)
		delay += time.Duration((k*17)%40) * time.Minute
		q := archivePost{
			entry: a.entry(fmt.Sprintf("q%d", k), who, a.Questions[k%len(a.Questions)], at), answer: delay,
			by: a.Team[k%len(a.Team)], variant: v,
		}
		out = append(out, q)
		nth := k / len(a.Experiment.Variants) // this asker's place among the variant's
		if float64(nth%10) < vr.Back*10 {
			back := at.Add(delay).Add(time.Duration(2+k%9) * 24 * time.Hour)
			out = append(out, archivePost{entry: a.entry(fmt.Sprintf("r%d", k), who, a.Returns[k%len(a.Returns)], back), variant: -1})
		}
	}
	return out
}

func (a *archive) entry(id, who, text string, at time.Time) feed.Entry {
	handle := strings.ToLower(strings.ReplaceAll(who, " ", ""))
	link := "https://mastodon.social/@" + handle + "/11700" + id
	return feed.Entry{
		GUID: link, Link: link, Text: text, Author: who, Handle: handle, Platform: "mastodon", Published: at,
		Keys: [][]byte{feed.LinkKey(link)},
	}
}

// loadArchive ingests the archive's posts, records the answers (history
// and the reply, with the experiment's variant), and saves the experiment
// and the ideas. Everything is found again on a second load and not added
// twice.
func loadArchive(w *workspace.Workspace, ws *file, shift time.Duration) (ingest.Result, error) {
	var res ingest.Result
	a := ws.Archive
	if a == nil {
		return res, nil
	}
	var src storage.Source
	for _, s := range ws.Sources {
		if s.Key == a.Source {
			var err error
			if src, err = saveSource(w.Store, s); err != nil {
				return res, err
			}
		}
	}
	posts := a.posts(ws.Anchor)
	f := &feed.Feed{Title: "archive"}
	for _, p := range posts {
		f.Entries = append(f.Entries, p.entry)
	}
	res, err := w.Ingest.Ingest(src, f, ingest.Options{Shift: shift})
	if err != nil {
		return res, fmt.Errorf("sample archive: %w", err)
	}
	started := ws.Anchor.Add(shift).Add(-time.Duration(a.FromDays+1) * 24 * time.Hour)
	expID, err := saveExperiment(w.Store, a.Experiment, started)
	if err != nil {
		return res, err
	}
	if err := answer(w.Store, posts, shift, expID, a.Experiment); err != nil {
		return res, err
	}
	return res, saveIdeas(w.Store, a.Ideas, posts, shift)
}

// answer records the team's answers: the mention moves to handled at the
// answer's time, and the reply is logged (with the variant, for the
// experiment's questions).
func answer(st *storage.Store, posts []archivePost, shift time.Duration, expID string, e sampleExperim) error {
	return st.Update(func(tx *storage.Tx) error {
		for _, p := range posts {
			id, ok, err := tx.MentionByKey(p.entry.Keys[0])
			if err != nil || !ok {
				return err
			}
			m, err := tx.Mentions().Get(id)
			if err != nil {
				return err
			}
			if len(m.History) > 0 {
				continue // loaded before
			}
			if p.answer == 0 { // read and filed weeks ago: nothing waits in the older weeks
				at := p.entry.Published.Add(shift).Add(20 * time.Hour).UTC().Truncate(time.Second)
				m.History = append(m.History, storage.Change{At: at, From: m.State, To: storage.StateArchived, By: "Dana Reyes"})
				m.State = storage.StateArchived
				if err := tx.Mentions().Put(&m); err != nil {
					return err
				}
				continue
			}
			at := p.entry.Published.Add(shift).Add(p.answer).UTC().Truncate(time.Second)
			m.History = append(m.History, storage.Change{At: at, From: m.State, To: storage.StateHandled, By: p.by, Note: "replied by mastodon"})
			m.State = storage.StateHandled
			if err := tx.Mentions().Put(&m); err != nil {
				return err
			}
			x := storage.Interaction{
				PersonID: m.PersonID, MentionID: m.ID, Kind: "reply", Direction: "give", Channel: "mastodon", At: at,
				Note: "Answered on Mastodon",
			}
			if p.variant >= 0 {
				x.Experiment, x.Variant = expID, string(rune('A'+p.variant))
				x.Note = "Answered (" + e.Variants[p.variant].Name + ")"
			}
			if err := tx.Interactions().Put(&x); err != nil {
				return err
			}
		}
		return nil
	})
}

// The documents of packages experiments and ideas, written here as they
// store them (package sample sits below them).
type expDoc struct {
	ID         string       `cbor:"1,keyasint"`
	Name       string       `cbor:"2,keyasint"`
	Hypothesis string       `cbor:"3,keyasint"`
	Variants   []variantDoc `cbor:"4,keyasint"`
	Population struct {
		Intent string `cbor:"1,keyasint,omitempty"`
	} `cbor:"5,keyasint"`
	Outcome string    `cbor:"6,keyasint"`
	Days    int       `cbor:"7,keyasint"`
	State   string    `cbor:"9,keyasint"`
	Created time.Time `cbor:"10,keyasint"`
	Started time.Time `cbor:"11,keyasint,omitzero"`
}

type variantDoc struct {
	Key  string `cbor:"1,keyasint"`
	Name string `cbor:"2,keyasint"`
	Tip  string `cbor:"3,keyasint,omitempty"`
}

func saveExperiment(st *storage.Store, e sampleExperim, started time.Time) (string, error) {
	id := ""
	err := st.Update(func(tx *storage.Tx) error {
		var all []expDoc
		if _, err := tx.GetDoc("experiments", &all); err != nil {
			return err
		}
		if i := slices.IndexFunc(all, func(x expDoc) bool { return x.Name == e.Name }); i >= 0 {
			id = all[i].ID
			return nil
		}
		d := expDoc{
			ID: fmt.Sprintf("e%d", len(all)+1), Name: e.Name, Hypothesis: e.Hypothesis, Outcome: e.Outcome, Days: e.Days,
			State: "running", Created: started.UTC(), Started: started.UTC(),
		}
		d.Population.Intent = e.Intent
		for i, v := range e.Variants {
			d.Variants = append(d.Variants, variantDoc{Key: string(rune('A' + i)), Name: v.Name, Tip: v.Tip})
		}
		id = d.ID
		return tx.PutDoc("experiments", append(all, d))
	})
	return id, err
}

type ideaDoc struct {
	ID       string    `cbor:"1,keyasint"`
	Title    string    `cbor:"2,keyasint"`
	Kind     string    `cbor:"3,keyasint"`
	Stage    string    `cbor:"4,keyasint"`
	Owner    string    `cbor:"5,keyasint,omitempty"`
	Note     string    `cbor:"6,keyasint,omitempty"`
	Mentions []uint64  `cbor:"7,keyasint,omitempty"`
	Created  time.Time `cbor:"8,keyasint"`
	Updated  time.Time `cbor:"9,keyasint"`
}

func saveIdeas(st *storage.Store, ideas []sampleIdea, posts []archivePost, shift time.Duration) error {
	return st.Update(func(tx *storage.Tx) error {
		var all []ideaDoc
		if _, err := tx.GetDoc("ideas", &all); err != nil {
			return err
		}
		for _, si := range ideas {
			if slices.ContainsFunc(all, func(x ideaDoc) bool { return x.Title == si.Title }) {
				continue
			}
			d := ideaDoc{ID: fmt.Sprintf("i%d", len(all)+1), Title: si.Title, Kind: si.Kind, Stage: si.Stage, Owner: si.Owner, Note: si.Note}
			for _, p := range posts {
				if si.Evidence == "" || !strings.Contains(p.entry.Text, si.Evidence) || len(d.Mentions) == 5 {
					continue
				}
				if id, ok, err := tx.MentionByKey(p.entry.Keys[0]); err != nil {
					return err
				} else if ok {
					d.Mentions = append(d.Mentions, id)
					d.Created = p.entry.Published.Add(shift).UTC()
				}
			}
			d.Updated = d.Created
			all = append(all, d)
		}
		return tx.PutDoc("ideas", all)
	})
}
