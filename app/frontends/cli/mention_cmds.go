package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/ingest"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

func init() {
	Register(&Command{
		Name: "ingest", Args: "FILE...", Summary: "store the entries of local feed files as if they had been fetched",
		Help: `Each file becomes (or reuses) a source named after its feed, with the file's path as
its address. Entries seen before are counted as duplicates, not stored twice.

To stay small on a laptop an import asks Go to keep its memory under 520 MiB,
which makes a very large import (hundreds of thousands of entries in one
command) slower; set GOMEMLIMIT (GOMEMLIMIT=off: no limit) or GOGC to choose
otherwise.`,
		Flags: func(fs *flag.FlagSet) {
			fs.String("kind", "", "the service the files come from (reddit, mastodon, bluesky, …); guessed from links if empty")
		},
		Run: runIngest,
	})
	Register(&Command{
		Name: "mentions", Summary: "list stored mentions, newest first",
		Help: "--json prints one JSON object per line: id, source, title, link, author, published, text, rules.",
		Flags: func(fs *flag.FlagSet) {
			fs.String("query", "", "only mentions matching this query (see docs/queries.md)")
			fs.Int("limit", 50, "at most this many (0: all)")
			fs.Bool("json", false, "print JSON lines")
		},
		Run: runMentions,
	})
}

// importGCPercent is the garbage collector's target while a command
// imports (GOGC), and importMemoryLimit its soft limit on the memory Go
// holds (GOMEMLIMIT); both measured in docs/storage.md.
const (
	importGCPercent   = 25
	importMemoryLimit = 520 << 20
)

// importMemory sets the collector for an import and returns what puts it
// back; a GOGC or GOMEMLIMIT the user set is left as it is. Most of an
// import's heap is Badger's table builders, plain byte buffers that are
// cheap to collect: collecting at a quarter's growth instead of doubling
// keeps the peak near what is live. At a million
// mentions the peak of one import still passed 600 MB, nearly all of it
// Go's own memory, so the collector also works harder once Go holds
// importMemoryLimit: a soft limit, which Go passes rather than stop the
// import. It costs time once what is live comes near it, as in a command
// of 200,000 new posts at a million mentions (docs/storage.md).
func importMemory(getenv func(string) string) (restore func()) {
	var undo []func()
	if getenv("GOGC") == "" {
		gc := debug.SetGCPercent(importGCPercent)
		undo = append(undo, func() { debug.SetGCPercent(gc) })
	}
	if getenv("GOMEMLIMIT") == "" {
		limit := debug.SetMemoryLimit(importMemoryLimit)
		undo = append(undo, func() { debug.SetMemoryLimit(limit) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

func runIngest(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() == 0 {
		return usagef("ingest needs at least one FILE")
	}
	kind := flagString(fs, "kind")
	defer importMemory(os.Getenv)()
	env.bulk = true
	// The pages of the table files are given back until the folder is
	// closed, not only while the files are stored: after them come the
	// seal of the part of a segment they filled (it reads the records),
	// the drain, and the close's compaction, whose pages made most of the
	// peak at a million mentions (docs/storage.md).
	endRelease := make(chan struct{})
	released := releaseTablePages(env.DataDir, time.Second, endRelease)
	defer func() {
		close(endRelease)
		<-released
	}()
	return env.withWorkspace(func(w *workspace.Workspace) error {
		var total ingest.Result
		failed := 0
		stop := make(chan struct{})
		files := prepareAhead(w, fs.Args(), kind, env.Now(), stop)
		defer func() { // it reads the store: let it end before the workspace closes
			close(stop)
			for range files {
			}
		}()
		for p := range files {
			path, err := p.path, p.err
			var res ingest.Result
			if err == nil {
				res, err = w.Ingest.IngestPrepared(p.feed, ingest.Options{})
			}
			if err != nil {
				failed++
				fmt.Fprintf(env.Stderr, "%s: %s\n", path, oneLine(err))
				continue
			}
			fmt.Fprintf(env.Stderr, "%s: %d new, %d duplicate, %d filtered\n", path, res.New, res.Duplicate, res.Filtered)
			total.Add(res)
		}
		w.Events.EmitMentionsChanged(workspace.MentionsChanged{IDs: total.NewIDs})
		fmt.Fprintf(env.Stdout, "%d new, %d duplicate, %d filtered, %d tombstoned, %d files failed\n",
			total.New, total.Duplicate, total.Filtered, total.Tombstoned, failed)
		if failed == fs.NArg() {
			return errors.New("no file could be read as a feed")
		}
		return nil
	})
}

// releaseTablePages gives back the pages of the table files under dir
// every interval until stop closes, then closes the channel it returns
// (storage.ReleaseTablePages).
func releaseTablePages(dir string, interval time.Duration, stop <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				_, _ = storage.ReleaseTablePages(dir)
			}
		}
	}()
	return done
}

// parsedFile is one file of an ingest, parsed and analysed.
type parsedFile struct {
	path string
	feed *ingest.Prepared
	err  error
}

// prepareAhead parses and analyses the files in order on another
// goroutine, one ahead of the one being stored (at most two files in
// memory), until stop is closed; it closes the channel when it ends.
func prepareAhead(w *workspace.Workspace, paths []string, kind string, now time.Time, stop <-chan struct{}) <-chan parsedFile {
	out := make(chan parsedFile)
	sources := &fileSources{st: w.Store}
	pr := w.Ingest.NewPreparer()
	go func() {
		defer close(out)
		for _, path := range paths {
			select {
			case <-stop:
				return
			default:
			}
			p := parsedFile{path: path}
			p.feed, p.err = prepareFile(sources, pr, path, kind, now)
			select {
			case out <- p:
			case <-stop:
				return
			}
		}
	}()
	return out
}

func parseFile(path, kind string, now time.Time) (*feed.Feed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return feed.Parse(f, feed.Options{Kind: kind, Now: now})
}

// prepareFile parses the file at path, finds or makes its source and
// analyses its entries.
func prepareFile(sources *fileSources, pr *ingest.Preparer, path, kind string, now time.Time) (*ingest.Prepared, error) {
	f, err := parseFile(path, kind, now)
	if err != nil {
		return nil, err
	}
	abs, _ := filepath.Abs(path)
	src, err := sources.get("file://"+filepath.ToSlash(abs), f.Title, kind)
	if err != nil {
		return nil, err
	}
	return pr.Prepare(src, f)
}

// fileSources finds or creates the sources of local files. It reads the
// sources once per command, not once per file: an import of a thousand
// files into a workspace of a thousand sources read a million records.
type fileSources struct {
	st    *storage.Store
	byURL map[string]storage.Source // nil until the first get
}

// get returns the source of url, creating it (disabled, in the folder
// "Imported") the first time.
func (fs *fileSources) get(url, title, kind string) (storage.Source, error) {
	if fs.byURL == nil {
		byURL := map[string]storage.Source{}
		err := fs.st.View(func(tx *storage.Tx) error {
			return tx.Sources().Each(func(s *storage.Source) error {
				if _, ok := byURL[s.URL]; !ok { // the first, as before
					byURL[s.URL] = *s
				}
				return nil
			})
		})
		if err != nil {
			return storage.Source{}, err
		}
		fs.byURL = byURL
	}
	if src, ok := fs.byURL[url]; ok {
		return src, nil
	}
	if title == "" {
		title = filepath.Base(url)
	}
	src := storage.Source{Name: title, URL: url, Kind: kind, Folder: "Imported", Disabled: true, Created: time.Now().UTC()}
	if err := fs.st.Update(func(tx *storage.Tx) error { return tx.Sources().Put(&src) }); err != nil {
		return storage.Source{}, err
	}
	fs.byURL[url] = src
	return src, nil
}

// mentionJSON is one line of `mentions --json`.
type mentionJSON struct {
	ID        uint64    `json:"id"`
	Source    string    `json:"source"`
	Title     string    `json:"title"`
	Link      string    `json:"link"`
	Author    string    `json:"author"`
	Published time.Time `json:"published"`
	Text      string    `json:"text"`
	Rules     []string  `json:"rules"`
	State     string    `json:"state"`
	// What Rapport read in it (see docs/understanding.md).
	Sentiment   float64  `json:"sentiment"`
	Label       string   `json:"label"`
	Intents     []string `json:"intents"`
	TouchPoints []string `json:"touchpoints"`
	Priority    float64  `json:"priority"`
	Why         string   `json:"why,omitempty"`
	// Group is the id of the first post of this text when the same text
	// was posted more than once (near-duplicates), else absent.
	Group uint64 `json:"group,omitempty"`
	// For insights computed from this output (docs/insights.md): where
	// it came from, who wrote it, the promise verdict and its first answer.
	Platform       string   `json:"platform"`
	SourceIDs      []uint64 `json:"source_ids"`
	PersonID       uint64   `json:"person_id,omitempty"`
	Promise        string   `json:"promise,omitempty"`
	FirstResponse  string   `json:"first_response,omitempty"`
	FirstResponder string   `json:"first_responder,omitempty"`
}

func runMentions(_ context.Context, env *Env, fs *flag.FlagSet) error {
	var q *query.Query
	if s := flagString(fs, "query"); s != "" {
		var err error
		if q, err = query.Parse(s); err != nil {
			return usagef("the query does not parse: %v", err)
		}
	}
	limit, asJSON := flagInt(fs, "limit"), flagBool(fs, "json")
	return env.withWorkspace(func(w *workspace.Workspace) error {
		names, rules, err := lookups(w.Store)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(env.Stdout)
		n := 0
		return eachMention(w.Store, func(m *storage.Mention) bool {
			src := search.SourceNames(m, names)
			if q != nil && !q.Match(search.Doc(m, src)) {
				return true
			}
			n++
			if asJSON {
				_ = enc.Encode(toMentionJSON(m, src, ruleNames(m, rules)))
			} else {
				fmt.Fprintf(env.Stdout, "%s  %-22.22s  %-20.20s  %s\n", m.Time().Local().Format("2006-01-02 15:04"), src, m.Author, m.Headline())
			}
			return limit <= 0 || n < limit
		})
	})
}

// eachMention walks mentions newest first, a page at a time, until fn
// returns false.
func eachMention(st *storage.Store, fn func(m *storage.Mention) bool) error {
	var cur storage.Cursor
	for {
		var page []storage.Mention
		err := st.View(func(tx *storage.Tx) (err error) {
			page, cur, err = tx.MentionsPage(storage.MentionsByTime(), cur, 200)
			return err
		})
		if err != nil {
			return err
		}
		for i := range page {
			if !fn(&page[i]) {
				return nil
			}
		}
		if cur == nil {
			return nil
		}
	}
}

func lookups(st *storage.Store) (sources, rules map[uint64]string, err error) {
	sources, rules = map[uint64]string{}, map[uint64]string{}
	err = st.View(func(tx *storage.Tx) error {
		if err := tx.Sources().Each(func(s *storage.Source) error { sources[s.ID] = s.Name; return nil }); err != nil {
			return err
		}
		return tx.Rules().Each(func(r *storage.Rule) error { rules[r.ID] = r.Name; return nil })
	})
	return sources, rules, err
}

func ruleNames(m *storage.Mention, names map[uint64]string) []string {
	out := []string{}
	for _, id := range m.RuleIDs {
		out = append(out, names[id])
	}
	return out
}

func toMentionJSON(m *storage.Mention, src string, rules []string) mentionJSON {
	a := m.Analysis
	label := a.Polarity
	if !a.Analysed {
		label = "not analysed"
	}
	return mentionJSON{
		ID: m.ID, Source: src, Title: m.Title, Link: m.Link, Author: m.Author, Published: m.Time().UTC(),
		Text: m.Text, Rules: rules, State: m.State.String(), Sentiment: a.Sentiment, Label: label,
		Intents: nonNil(a.Intents), TouchPoints: nonNil(a.TouchPoints), Priority: a.Priority, Why: a.Why,
		Group: m.GroupID, Platform: m.Platform, SourceIDs: m.SourceIDs, PersonID: m.PersonID, Promise: a.Promise,
	}.withResponse(m)
}

// withResponse adds the mention's first answer (storage.FirstResponse).
func (j mentionJSON) withResponse(m *storage.Mention) mentionJSON {
	if at, by, ok := storage.FirstResponse(m); ok {
		j.FirstResponse, j.FirstResponder = at.UTC().Format(time.RFC3339), by
	}
	if j.SourceIDs == nil {
		j.SourceIDs = []uint64{}
	}
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
