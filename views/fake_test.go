package views

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/app/listening/presets"
	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/understanding/analyze"
)

// fakeServices is an in-memory Services for UI tests.
type fakeServices struct {
	mu           sync.Mutex
	contactReads int // calls of Contacts
	rows         []inbox.Row
	texts        map[uint64]string
	links        map[uint64]string
	empty        bool
	sampled      bool
	backups      []string
	changed      []func()
	rowCalls     int
	countCalls   int // calls of Counts

	lastFilter  inbox.Filter
	corrections map[uint64]*inbox.Correction
	copies      map[uint64][]inbox.Copy // other posts of the same text, by mention
	sources     []monitor.SourceView
	checked     int
	listened    []string
	applied     []string // the rules of the sources ApplyRules was asked for, as they were stored then
	states      map[uint64]string
	owners      map[uint64]string
	saved       []inbox.View
	replies     []reply.Action
	follow      []reply.FollowUp
	people      []crm.Row
	entries     []crm.Entry
	business    workspace.Business
	team        []workspace.TeamMember
	analysis    *analyze.Config
	rules       []routing.Rule
	notes       []search.InteractionHit
	detailQuery string          // the search the last Detail was asked to highlight
	detailReads map[uint64]int  // calls of Detail, by mention
	pageReads   int             // calls of Page
	pageSize    int             // Page lists this many ids first, then the rest (0: all at once)
	pageErr     error           // what Page fails with, when set
	noRules     map[uint64]bool // mentions that matched no watch rule
	held        []uint64        // erases held for Undo (fake_screens_test.go)
	contactsErr error           // what Contacts fails with, when set
}

func newFake(n int) *fakeServices {
	f := &fakeServices{
		texts: map[uint64]string{}, links: map[uint64]string{}, empty: n == 0, corrections: map[uint64]*inbox.Correction{},
		states: map[uint64]string{}, owners: map[uint64]string{},
	}
	now := time.Now()
	for i := range n {
		id := uint64(i + 1)
		f.rows = append(f.rows, inbox.Row{
			ID: id, Author: fmt.Sprintf("author%d", id), Source: "Reddit search", Platform: "reddit",
			Polarity: "positive", Intents: []string{"praise"},
			Headline: fmt.Sprintf("Headline %d about Ember & Oak", id), Time: now.Add(-time.Duration(i) * time.Minute),
		})
		f.texts[id] = fmt.Sprintf("Body of mention %d: I love Ember & Oak.\nSecond line.", id)
		f.links[id] = "https://www.reddit.com/r/Coffee/comments/" + fmt.Sprint(id)
	}
	return f
}

func (f *fakeServices) Page(flt inbox.Filter, _ time.Time, after *inbox.Cursor, _ int) (inbox.Page, error) {
	f.mu.Lock()
	f.lastFilter = flt
	f.pageReads++
	pageSize, pageErr := f.pageSize, f.pageErr
	f.mu.Unlock()
	if pageErr != nil {
		return inbox.Page{}, pageErr
	}
	ids, err := f.ids()
	// The query "many" stands for one that matches more than a listing
	// holds (inbox.Page.More).
	p := inbox.Page{IDs: ids, Total: len(ids), More: flt.Query == "many"}
	if pageSize > 0 { // two pages: the first pageSize ids, then the rest
		if after == nil {
			p.IDs, p.Next = ids[:pageSize], &inbox.Cursor{}
		} else {
			p.IDs = ids[pageSize:]
		}
	}
	return p, err
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

func (f *fakeServices) Detail(id uint64, q string) (inbox.Detail, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.detailQuery = q
	if f.detailReads == nil {
		f.detailReads = map[uint64]int{}
	}
	f.detailReads[id]++
	if id == 0 || int(id) > len(f.rows) {
		return inbox.Detail{}, errors.New("no such mention")
	}
	r := f.rows[id-1]
	text := f.texts[id]
	return inbox.Detail{
		ID: id, Title: r.Headline, Author: r.Author, Sources: []string{r.Source}, Time: r.Time, Text: text,
		Link: inbox.SafeLink(f.links[id]), Highlights: [][2]int{{len(text) - len("Ember & Oak.\nSecond line."), len(text) - len(".\nSecond line.")}},
		Rules: f.rulesOf(id), Reading: inbox.Reading{
			Analysed: true, Polarity: "positive", Sentiment: 0.6,
			Intents: []string{"praise"}, TouchPoints: []string{"staff"}, Priority: 30, Why: "praise · positive · stranger",
			Corrected: f.corrections[id] != nil,
		}, State: inbox.StateNew, Copies: f.copies[id],
	}, nil
}

// rulesOf names the watch rules a mention matched: every fake mention
// matched "Brand mentions", except those in noRules.
func (f *fakeServices) rulesOf(id uint64) []string {
	if f.noRules[id] {
		return nil
	}
	return []string{"Brand mentions"}
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

func (f *fakeServices) About() (workspace.About, error) {
	return workspace.About{Version: "test", DataDir: "/tmp/rapport-data", Schema: 2, Counts: []workspace.Count{{Name: "mentions", N: len(f.rows)}}, Bytes: 2 << 20}, nil
}

func (f *fakeServices) SampleLoaded() (bool, error) { return false, nil }

func (f *fakeServices) Snapshots([]uint64) ([]inbox.Snapshot, error) { return nil, nil }

func (f *fakeServices) Restore([]inbox.Snapshot) error { return nil }

func (f *fakeServices) OnProgress(func(string, int, int)) {}

func (f *fakeServices) RemoveSample() error { return nil }

func (f *fakeServices) Backup(path string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.backups = append(f.backups, path)
	return nil
}

func (f *fakeServices) Sources() ([]monitor.SourceView, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.sources), nil
}

func (f *fakeServices) AddSource(r monitor.AddRequest) (monitor.AddResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if strings.Contains(r.URL, "page") {
		return monitor.AddResult{Feeds: []fetch.FeedLink{{URL: r.URL + "/feed", Title: "Posts"}}}, nil
	}
	v := monitor.SourceView{}
	v.ID, v.Name, v.URL = uint64(len(f.sources)+1), "Added "+r.URL, r.URL
	f.sources = append(f.sources, v)
	return monitor.AddResult{Source: v.Source}, nil
}

func (f *fakeServices) UpdateSource(id uint64, e monitor.Edit) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.sources {
		if f.sources[i].ID == id { // as monitor.Update: an empty name keeps the name
			f.sources[i].Name = cmp.Or(e.Name, f.sources[i].Name)
			f.sources[i].Folder, f.sources[i].Disabled = e.Folder, e.Disabled
			f.sources[i].Every = cmp.Or(e.Every, f.sources[i].Every)
			f.sources[i].Rules = []string{*e.Rule}
		}
	}
	return nil
}

func (f *fakeServices) RemoveSource(id uint64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sources = slices.DeleteFunc(f.sources, func(v monitor.SourceView) bool { return v.ID == id })
	return nil
}

func (f *fakeServices) CheckSources(ids []uint64, progress func(monitor.Progress)) (monitor.Summary, error) {
	f.mu.Lock()
	f.checked++
	f.mu.Unlock()
	progress(monitor.Progress{Done: 1, Total: 1})
	return monitor.Summary{Sources: 1}, nil
}

func (f *fakeServices) PreviewRule(q string, _ uint64) (monitor.Preview, error) {
	if strings.Count(q, `"`)%2 == 1 {
		_, err := query.Parse(q)
		return monitor.Preview{}, err
	}
	return monitor.Preview{Matched: 2, Total: 5, Sample: []string{"first match"}}, nil
}

func (f *fakeServices) ApplyRules(id uint64) (int, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, v := range f.sources {
		if v.ID == id {
			f.applied = append(f.applied, strings.Join(v.Rules, " OR "))
		}
	}
	return 2, 5, nil
}

func (f *fakeServices) ImportOPML(string) (monitor.ImportResult, error) {
	return monitor.ImportResult{}, nil
}

func (f *fakeServices) ExportOPML(string) error { return nil }

func (f *fakeServices) Presets() []presets.Preset { return presets.All() }

func (f *fakeServices) Listen(keyword string, ids []string, _ presets.Input) ([]string, []error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listened = append(f.listened, keyword+":"+strings.Join(ids, ","))
	return []string{"Reddit search: " + keyword}, nil
}

func (f *fakeServices) OnNotify(func(title, body string)) {}

func presetsInput() presets.Input { return presets.Input{Instance: "mastodon.social"} }

func (f *fakeServices) SetState(ids []uint64, state inbox.State) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		f.states[id] = state.String()
	}
	return nil
}

func (f *fakeServices) Assign(ids []uint64, owner string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		f.owners[id] = owner
	}
	return nil
}

func (f *fakeServices) Snooze(ids []uint64, until time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		f.states[id] = "snoozed until " + until.Format(time.RFC3339)
	}
	return nil
}

func (f *fakeServices) Team() ([]string, error) { return []string{"Dana Reyes", "Kim Park"}, nil }

func (f *fakeServices) Views() ([]inbox.View, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append(inbox.BuiltInViews(), f.saved...), nil
}

func (f *fakeServices) Counts(fs []inbox.Filter) ([]inbox.Count, error) {
	f.mu.Lock()
	f.countCalls++
	f.mu.Unlock()
	out := make([]inbox.Count, len(fs))
	for i := range fs {
		out[i] = inbox.Count{N: len(f.rows), More: fs[i].Query == "many"}
	}
	return out, nil
}

func (f *fakeServices) SaveView(v inbox.View) (inbox.View, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v.ID = fmt.Sprintf("v%d", len(f.saved)+1)
	f.saved = append(f.saved, v)
	return v, nil
}

func (f *fakeServices) Notes(q string, limit int) ([]search.InteractionHit, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var hits []search.InteractionHit
	for _, h := range f.notes {
		if i := strings.Index(strings.ToLower(h.Interaction.Note), strings.ToLower(q)); i >= 0 && len(hits) < limit {
			h.Spans = []query.Span{{Field: "text", Start: i, End: i + len(q)}}
			hits = append(hits, h)
		}
	}
	return hits, nil
}

func (f *fakeServices) DeleteView(id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saved = slices.DeleteFunc(f.saved, func(v inbox.View) bool { return v.ID == id })
	return nil
}

func (f *fakeServices) ReplyContext(id uint64) (reply.Context, error) {
	return reply.Context{
		MentionID: id, Platform: "mastodon", Link: "https://mastodon.social/@x/1", Email: "x@e.com",
		Vars: compose.Vars{FirstName: "Maya", Brand: "Ember & Oak", Owner: "Dana"},
	}, nil
}

func (f *fakeServices) Templates() ([]compose.Template, error) {
	return compose.DefaultTemplates(), nil
}

func (f *fakeServices) SaveTemplate(t compose.Template) (compose.Template, error) { return t, nil }

func (f *fakeServices) DeleteTemplate(uint64) error { return nil }

func (f *fakeServices) ImportTemplates(string) (int, []compose.Problem, error) { return 0, nil, nil }

func (f *fakeServices) ExportTemplates(string) error { return nil }

func (f *fakeServices) Tone(text, platform string) compose.ToneReport { return compose.Tone(text, nil) }

func (f *fakeServices) LogReply(a reply.Action) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replies = append(f.replies, a)
	return nil
}

func (f *fakeServices) DraftReply(a reply.Action) error { return f.LogReply(a) }

func (f *fakeServices) ConfirmReply(uint64) error { return nil }

func (f *fakeServices) ReplyNotSent(uint64) error { return nil }

func (f *fakeServices) FollowUps(done bool) ([]reply.FollowUp, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.follow), nil
}

func (f *fakeServices) AddFollowUp(n reply.NewFollowUp) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var fu reply.FollowUp
	fu.ID, fu.Title, fu.Due = uint64(len(f.follow)+1), n.Title, n.Due
	f.follow = append(f.follow, fu)
	return nil
}

func (f *fakeServices) SetFollowUpDone(id uint64, done bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.follow = slices.DeleteFunc(f.follow, func(x reply.FollowUp) bool { return x.ID == id })
	return nil
}

func (f *fakeServices) PostponeFollowUp(id uint64, due time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.follow {
		if f.follow[i].ID == id {
			f.follow[i].Due = due
		}
	}
	return nil
}

func (f *fakeServices) Contacts(flt crm.ListFilter) ([]crm.Row, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.contactReads++
	if f.contactsErr != nil {
		return nil, f.contactsErr
	}
	var out []crm.Row
	for _, r := range f.people {
		if flt.Text == "" || strings.Contains(strings.ToLower(r.Name), strings.ToLower(flt.Text)) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f *fakeServices) ContactPage(id uint64) (crm.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.people {
		if r.ID == id {
			var pg crm.Page
			pg.Person.ID, pg.Person.Name, pg.Person.Stage = r.ID, r.Name, r.Stage
			pg.Score.Total, pg.Score.TrendWord = r.Score, "rising"
			pg.Latest = 1
			pg.Timeline = []crm.Event{{At: time.Now(), Kind: "mention", Text: "Love the Guji", Platform: "reddit", Polarity: "positive"}}
			return pg, nil
		}
	}
	return crm.Page{}, errors.New("no such person")
}

func (f *fakeServices) SaveContact(d crm.Details) (uint64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d.ID == 0 {
		d.ID = uint64(len(f.people) + 100)
		f.people = append(f.people, crm.Row{ID: d.ID, Name: d.Name, Contact: true})
	}
	return d.ID, nil
}

func (f *fakeServices) SetStage(id uint64, stage string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.people {
		if f.people[i].ID == id {
			f.people[i].Stage = stage
		}
	}
	return nil
}

func (f *fakeServices) LogEntry(e crm.Entry) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.entries = append(f.entries, e)
	return nil
}

func (f *fakeServices) MergeSuggestions() ([]crm.Suggestion, error) { return nil, nil }

func (f *fakeServices) AcceptMerge(crm.Suggestion) error { return nil }

func (f *fakeServices) RejectMerge(crm.Suggestion) error { return nil }

func (f *fakeServices) UndoMerge(uint64) error { return nil }

func (f *fakeServices) ImportContacts(string) (crm.ImportResult, error) {
	return crm.ImportResult{}, nil
}

func (f *fakeServices) ExportContacts(string) (int, error) { return 0, nil }

func (f *fakeServices) EraseContact(id uint64) (crm.Erased, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.people = slices.DeleteFunc(f.people, func(r crm.Row) bool { return r.ID == id })
	return crm.Erased{People: 1}, nil
}

func (f *fakeServices) Business() (workspace.Business, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.business, nil
}

func (f *fakeServices) SetBusiness(b workspace.Business) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.business = b
	return nil
}

func (f *fakeServices) TeamMembers() ([]workspace.TeamMember, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.team, nil
}

func (f *fakeServices) SetTeamMembers(t []workspace.TeamMember) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.team = t
	return nil
}

func (f *fakeServices) AnalysisConfig() (analyze.Config, error) { return analyze.DefaultConfig(), nil }

func (f *fakeServices) SetAnalysisConfig(c analyze.Config) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.analysis = &c
	return nil
}

func (f *fakeServices) Reanalyze(progress func(int, int)) (int, error) {
	progress(1, 1)
	return 1, nil
}

func (f *fakeServices) NotifySettings() (notify.Settings, error) { return notify.Defaults(), nil }

func (f *fakeServices) SetNotifySettings(notify.Settings) error { return nil }

func (f *fakeServices) RoutingRules() ([]routing.Rule, []string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ex []string
	for _, r := range f.rules {
		ex = append(ex, r.Name+": "+routing.Explain(r))
	}
	return slices.Clone(f.rules), ex, nil
}

func (f *fakeServices) SaveRoutingRules(rules []routing.Rule) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = rules
	return nil
}

func (f *fakeServices) SuggestedRules() ([]routing.Rule, error) {
	return []routing.Rule{{ID: "s1", Name: "Shop", Intents: []string{"complaint"}, Owner: "Kim Park"}}, nil
}

func (f *fakeServices) HandOff(id uint64, member string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.owners[id] = member
	return "mailto:kim@e.com?subject=x", nil
}

func (f *fakeServices) DeleteMentions(ids []uint64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		f.states[id] = "deleted"
	}
	return nil
}

func (f *fakeServices) StageSums() ([]advocates.StageSum, error) {
	return []advocates.StageSum{{Stage: "champion", People: 1, Value: 125}}, nil
}
