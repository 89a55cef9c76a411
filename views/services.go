package views

import (
	"time"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"
	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/app/listening/presets"
	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/understanding/analyze"
)

// InboxService is what the inbox screen needs.
type InboxService interface {
	// Page returns a page of the ids of the mentions a filter selects, in
	// its order, after a cursor (nil: the first page), with the total.
	Page(f inbox.Filter, now time.Time, after *inbox.Cursor, limit int) (inbox.Page, error)
	// Rows returns the list rows of the given mentions.
	Rows(ids []uint64) ([]inbox.Row, error)
	// Detail returns one mention for the detail pane, with the matches of
	// a search (query; "" for none) highlighted.
	Detail(id uint64, query string) (inbox.Detail, error)
	// Explain returns the cues behind a mention's reading.
	Explain(id uint64) ([]inbox.Cue, error)
	// Correct saves the owner's reading of a mention (nil removes it).
	Correct(id uint64, c *inbox.Correction) error
	// Vocabulary lists the intents and touch points there are.
	Vocabulary() (intents, touchPoints []string)
	// SetState, Assign and Snooze move mentions along the workflow,
	// recording each change.
	SetState(ids []uint64, state inbox.State) error
	Assign(ids []uint64, owner string) error
	Snooze(ids []uint64, until time.Time) error
	// Snapshots and Restore undo a change: where mentions stood before it,
	// and putting them back there (on the record).
	Snapshots(ids []uint64) ([]inbox.Snapshot, error)
	Restore(snaps []inbox.Snapshot) error
	// DeleteMentions removes mentions for good; feeds never bring them back.
	DeleteMentions(ids []uint64) error
	// Team lists the names mentions can be assigned to.
	Team() ([]string, error)
	// Views lists the saved views; Counts counts what filters select.
	Views() ([]inbox.View, error)
	Counts(fs []inbox.Filter) ([]inbox.Count, error)
	SaveView(v inbox.View) (inbox.View, error)
	DeleteView(id string) error
	// Notes finds the interactions whose notes a query matches.
	Notes(query string, limit int) ([]search.InteractionHit, error)
	// IdeaMaker turns mentions into an idea on the learnings board.
	IdeaMaker
}

// WorkspaceService is what the window, first-run and settings screens need.
type WorkspaceService interface {
	IsEmpty() (bool, error)
	LoadSample(progress func(step string, done, total int)) error
	// OnMentionsChanged calls fn on another goroutine after changes.
	OnMentionsChanged(fn func())
	About() (workspace.About, error)
	Backup(path string) error
	// OnProgress calls fn on another goroutine as background work goes
	// (done == total: finished).
	OnProgress(fn func(task string, done, total int))
	// SampleLoaded and RemoveSample let the owner take the sample out
	// again without a new data folder.
	SampleLoaded() (bool, error)
	RemoveSample() error
}

// SettingsService is what the settings screens edit.
type SettingsService interface {
	Business() (workspace.Business, error)
	SetBusiness(b workspace.Business) error
	TeamMembers() ([]workspace.TeamMember, error)
	SetTeamMembers(t []workspace.TeamMember) error
	AnalysisConfig() (analyze.Config, error)
	SetAnalysisConfig(c analyze.Config) error
	Reanalyze(progress func(done, total int)) (int, error)
	NotifySettings() (notify.Settings, error)
	SetNotifySettings(s notify.Settings) error
}

// SourcesService is what the sources screen needs.
type SourcesService interface {
	Sources() ([]monitor.SourceView, error)
	AddSource(r monitor.AddRequest) (monitor.AddResult, error)
	UpdateSource(id uint64, e monitor.Edit) error
	RemoveSource(id uint64) error
	// CheckSources checks sources now (every enabled one if ids is empty).
	CheckSources(ids []uint64, progress func(monitor.Progress)) (monitor.Summary, error)
	PreviewRule(q string, sourceID uint64) (monitor.Preview, error)
	ApplyRules(sourceID uint64) (matched, total int, err error)
	ImportOPML(path string) (monitor.ImportResult, error)
	ExportOPML(path string) error
	Presets() []presets.Preset
	Listen(keyword string, ids []string, in presets.Input) ([]string, []error)
	// PreviewOPML says what ImportOPML would add from a file, adding nothing.
	PreviewOPML(path string) (monitor.ImportPreview, error)
}

// ReplyService is what the composer and the follow-ups need.
type ReplyService interface {
	ReplyContext(mentionID uint64) (reply.Context, error)
	Templates() ([]compose.Template, error)
	SaveTemplate(t compose.Template) (compose.Template, error)
	DeleteTemplate(id uint64) error
	ImportTemplates(path string) (int, []compose.Problem, error)
	ExportTemplates(path string) error
	Tone(text, platform string) compose.ToneReport
	// LogReply records a reply given (a call whose notes were saved).
	LogReply(a reply.Action) error
	// DraftReply records a reply handed to another program (the
	// conversation's page, the mail program): not sent until the owner
	// confirms it with ConfirmReply, or drops it with ReplyNotSent.
	DraftReply(a reply.Action) error
	ConfirmReply(mentionID uint64) error
	ReplyNotSent(mentionID uint64) error
	FollowUps(done bool) ([]reply.FollowUp, error)
	AddFollowUp(f reply.NewFollowUp) error
	SetFollowUpDone(id uint64, done bool) error
	PostponeFollowUp(id uint64, due time.Time) error
}

// ContactsService is what the contacts screens need.
type ContactsService interface {
	Contacts(f crm.ListFilter) ([]crm.Row, error)
	ContactPage(id uint64) (crm.Page, error)
	SaveContact(d crm.Details) (uint64, error)
	SetStage(id uint64, stage string) error
	LogEntry(e crm.Entry) error
	MergeSuggestions() ([]crm.Suggestion, error)
	AcceptMerge(s crm.Suggestion) error
	RejectMerge(s crm.Suggestion) error
	UndoMerge(from uint64) error
	ImportContacts(path string) (crm.ImportResult, error)
	ExportContacts(path string) (int, error)
	EraseContact(id uint64) (crm.Erased, error)
	// StageSums sums people and the value they brought by stage.
	StageSums() ([]advocates.StageSum, error)
	// HoldErase remembers an erase the owner confirmed while its Undo is
	// offered; it is carried out by EraseContact, or when the app quits.
	// HoldErase and CancelErase only touch memory: the UI goroutine may
	// call them.
	HoldErase(id uint64)
	// CancelErase undoes a held erase; false if it was carried out already.
	CancelErase(id uint64) bool
	// UndoAccept reverses an accepted merge suggestion, of two stored
	// people or of an imported contact.
	UndoAccept(s crm.Suggestion) error
}

// RoutingService is what hand-offs and the routing rules need.
type RoutingService interface {
	RoutingRules() ([]routing.Rule, []string, error)
	SaveRoutingRules(rules []routing.Rule) error
	SuggestedRules() ([]routing.Rule, error)
	// HandOff assigns a mention and returns a mailto: link handing it over.
	HandOff(mentionID uint64, member string) (string, error)
}

// InsightsService is what the Insights screen (and the composer's
// experiment hint) needs.
type InsightsService interface {
	Insights(p insights.Period) (*insights.Insights, error)
	Experiments() ([]experiments.Result, error)
	// AddExperiment saves a draft; StartExperiment runs it;
	// ConcludeExperiment ends it and writes the conclusion as a learning.
	AddExperiment(x experiments.Experiment) (experiments.Experiment, error)
	StartExperiment(id string) error
	ConcludeExperiment(id, conclusion string) error
	SuggestVariant(mentionID uint64) (experiments.Suggestion, bool, error)
	Ideas() ([]ideas.Idea, error)
	MoveIdea(id, stage string) error
	IdeaMaker
	CloseLoop(id string) (ideas.Loop, error)
	Roadmap(p insights.Period) ([]ideas.Topic, error)
	WriteReport(p insights.Period, path string) error
}

// Services is everything the main window needs.
type Services interface {
	InboxService
	WorkspaceService
	SourcesService
	ReplyService
	ContactsService
	SettingsService
	RoutingService
	InsightsService
	// OnNotify calls fn on another goroutine with each desktop notification.
	OnNotify(fn func(title, body string))
}
