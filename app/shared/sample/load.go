package sample

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/ingest"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Progress is told each step as loading goes: done of total.
type Progress func(step string, done, total int)

// Summary says what loading did.
type Summary struct {
	Sources      int           `json:"sources"`
	Contacts     int           `json:"contacts"`
	Interactions int           `json:"interactions"`
	Tasks        int           `json:"tasks"`
	Ingest       ingest.Result `json:"ingest"`
}

// Load reads the sample workspace from fsys into w. now is the moment the
// sample's anchor is moved to.
func Load(w *workspace.Workspace, fsys fs.FS, now time.Time, progress Progress) (Summary, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	var sum Summary
	ws, err := readFile(fsys)
	if err != nil {
		return sum, err
	}
	shift := now.Truncate(time.Minute).Sub(ws.Anchor)
	total := len(ws.Sources) + 3
	progress("Saving the business profile", 0, total)
	if err := w.SetBusiness(ws.Business); err != nil {
		return sum, err
	}
	if err := w.SetTeam(ws.Team); err != nil {
		return sum, err
	}
	if err := setCompetitors(w, ws.Competitors); err != nil {
		return sum, err
	}
	// Contacts first, so that ingest links their posts to them.
	people, err := saveContacts(w.Store, ws.Contacts, now)
	if err != nil {
		return sum, err
	}
	sum.Contacts = len(people)
	mark := marker{Loaded: now.UTC(), Business: ws.Business, Team: ws.Team}
	for _, id := range people {
		mark.Contacts = append(mark.Contacts, id)
	}
	for i, s := range ws.Sources {
		progress("Reading "+s.Name, i+1, total)
		src, res, err := loadSource(w, fsys, s, ws.Anchor, shift)
		if err != nil {
			return sum, err
		}
		mark.Sources = append(mark.Sources, src.ID)
		mark.Rules = append(mark.Rules, src.RuleIDs...)
		sum.Sources++
		sum.Ingest.Add(res)
	}
	progress("Reading the older weeks", total-2, total)
	res, err := loadArchive(w, ws, shift)
	if err != nil {
		return sum, err
	}
	sum.Ingest.Add(res)
	progress("Adding interactions and follow-ups", total-1, total)
	if sum.Interactions, sum.Tasks, err = saveHistory(w.Store, ws, people, shift, now); err != nil {
		return sum, err
	}
	if err := w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docMarker, &mark) }); err != nil {
		return sum, fmt.Errorf("remember what the sample added: %w", err)
	}
	progress("Done", total, total)
	// No ids: loading the sample is not news to notify about.
	w.Events.EmitMentionsChanged(workspace.MentionsChanged{})
	return sum, nil
}

func readFile(fsys fs.FS) (*file, error) {
	b, err := fs.ReadFile(fsys, "workspace.json")
	if err != nil {
		return nil, fmt.Errorf("read sample workspace: %w", err)
	}
	var ws file
	if err := json.Unmarshal(b, &ws); err != nil {
		return nil, fmt.Errorf("read sample workspace: %w", err)
	}
	if ws.Format != 1 {
		return nil, fmt.Errorf("sample workspace format %d is not supported", ws.Format)
	}
	return &ws, nil
}

// loadSource saves one source (reusing one with the same URL) and ingests
// its feed file.
func loadSource(w *workspace.Workspace, fsys fs.FS, s source, anchor time.Time, shift time.Duration) (storage.Source, ingest.Result, error) {
	src, err := saveSource(w.Store, s)
	if err != nil {
		return src, ingest.Result{}, err
	}
	f, err := fsys.Open(s.File)
	if err != nil {
		return src, ingest.Result{}, fmt.Errorf("open sample feed %s: %w", s.File, err)
	}
	defer f.Close()
	parsed, err := feed.Parse(f, feed.Options{Kind: s.Kind, Now: anchor})
	if err != nil {
		return src, ingest.Result{}, fmt.Errorf("sample feed %s: %w", s.File, err)
	}
	res, err := w.Ingest.Ingest(src, parsed, ingest.Options{Shift: shift})
	return src, res, err
}

func saveSource(st *storage.Store, s source) (storage.Source, error) {
	every, err := time.ParseDuration(s.Every)
	if err != nil {
		every = 15 * time.Minute
	}
	var src storage.Source
	err = st.Update(func(tx *storage.Tx) error {
		ruleID, err := ruleFor(tx, s.Rule)
		if err != nil {
			return err
		}
		all, err := tx.Sources().All()
		if err != nil {
			return err
		}
		src = storage.Source{Created: time.Now().UTC()}
		for _, x := range all {
			if x.URL == s.URL {
				src = x
			}
		}
		src.Name, src.URL, src.Kind, src.Folder, src.Every = s.Name, s.URL, s.Kind, s.Folder, every
		// The business is fictional: its sources stay paused, so the
		// poller never fetches real search results into the demo.
		src.Disabled = true
		if ruleID != 0 && !slices.Contains(src.RuleIDs, ruleID) {
			src.RuleIDs = append(src.RuleIDs, ruleID)
		}
		if err := tx.Sources().Put(&src); err != nil {
			return err
		}
		return workspace.NotePaused(tx, src.ID, workspace.PausedSample) // its health says why
	})
	return src, err
}

// ruleFor returns the id of the watch rule with this query, creating it.
func ruleFor(tx *storage.Tx, q string) (uint64, error) {
	if strings.TrimSpace(q) == "" {
		return 0, nil
	}
	rules, err := tx.Rules().All()
	if err != nil {
		return 0, err
	}
	for _, r := range rules {
		if r.Query == q {
			return r.ID, nil
		}
	}
	r := &storage.Rule{Name: "Brand mentions", Query: q}
	return r.ID, tx.Rules().Put(r)
}

// setCompetitors names the sample business's competitors in the analysis
// settings (there are no default ones).
func setCompetitors(w *workspace.Workspace, names []string) error {
	cfg, err := w.AnalysisConfig()
	if err != nil {
		return err
	}
	cfg.Competitors = names
	return w.SetAnalysisConfig(cfg)
}
