package views

import (
	"time"

	"github.com/rapportapp/rapport/app/desk"
	"github.com/rapportapp/rapport/app/inbox"
)

// InboxService is what the inbox screen needs.
type InboxService interface {
	// List returns the ids of the mentions a filter selects, in its order.
	List(f inbox.Filter, now time.Time) ([]uint64, error)
	// Rows returns the list rows of the given mentions.
	Rows(ids []uint64) ([]inbox.Row, error)
	// Detail returns one mention for the detail pane.
	Detail(id uint64) (inbox.Detail, error)
	// Explain returns the cues behind a mention's reading.
	Explain(id uint64) ([]inbox.Cue, error)
	// Correct saves the owner's reading of a mention (nil removes it).
	Correct(id uint64, c *inbox.Correction) error
	// Vocabulary lists the intents and touch points there are.
	Vocabulary() (intents, touchPoints []string)
}

// WorkspaceService is what the window, first-run and settings screens need.
type WorkspaceService interface {
	IsEmpty() (bool, error)
	LoadSample(progress func(step string, done, total int)) error
	// OnMentionsChanged calls fn on another goroutine after changes.
	OnMentionsChanged(fn func())
	About() (desk.About, error)
	Backup(path string) error
}

// Services is everything the main window needs.
type Services interface {
	InboxService
	WorkspaceService
}
