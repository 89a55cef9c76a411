package views

import (
	"github.com/rapportapp/rapport/app/desk"
	"github.com/rapportapp/rapport/app/inbox"
)

// InboxService is what the inbox screen needs.
type InboxService interface {
	// IDs lists the mentions to show, newest first.
	IDs() ([]uint64, error)
	// Rows returns the list rows of the given mentions.
	Rows(ids []uint64) ([]inbox.Row, error)
	// Detail returns one mention for the detail pane.
	Detail(id uint64) (inbox.Detail, error)
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
