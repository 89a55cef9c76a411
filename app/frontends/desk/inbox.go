package desk

import (
	"time"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/search"
)

// Page returns a page of the mentions a filter selects, in its order.
func (d *Desk) Page(f inbox.Filter, now time.Time, after *inbox.Cursor, limit int) (inbox.Page, error) {
	return d.e.Inbox.Page(f, now, after, limit)
}

// Rows returns the list rows of mentions.
func (d *Desk) Rows(ids []uint64) ([]inbox.Row, error) { return d.e.Inbox.Rows(ids) }

// Detail returns one mention with a search's matches highlighted.
func (d *Desk) Detail(id uint64, q string) (inbox.Detail, error) { return d.e.Inbox.Detail(id, q) }

// Explain returns the cues behind a mention's reading.
func (d *Desk) Explain(id uint64) ([]inbox.Cue, error) { return d.e.Inbox.Explain(id) }

// Correct saves the owner's reading of a mention (nil removes it).
func (d *Desk) Correct(id uint64, c *inbox.Correction) error { return d.e.Inbox.Correct(id, c) }

// Vocabulary lists the intents and touch points there are.
func (d *Desk) Vocabulary() (intents, touchPoints []string) { return d.e.Inbox.Vocabulary() }

// SetState moves mentions to a state, recorded as done by the owner.
func (d *Desk) SetState(ids []uint64, st inbox.State) error {
	_, err := d.e.Inbox.SetState(ids, st, d.w.Me(), time.Now())
	return err
}

// Assign gives mentions to a team member ("" takes them back).
func (d *Desk) Assign(ids []uint64, owner string) error {
	_, err := d.e.Inbox.Assign(ids, owner, d.w.Me(), time.Now())
	return err
}

// Snooze hides mentions until a time.
func (d *Desk) Snooze(ids []uint64, until time.Time) error {
	_, err := d.e.Inbox.SnoozeUntil(ids, until, d.w.Me(), time.Now())
	return err
}

// DeleteMentions removes mentions for good (they are not collected again).
func (d *Desk) DeleteMentions(ids []uint64) error {
	_, err := d.e.Inbox.Delete(ids, time.Now())
	return err
}

// Team lists the names mentions can be assigned to.
func (d *Desk) Team() ([]string, error) { return d.w.TeamNames() }

// Views lists the saved views.
func (d *Desk) Views() ([]inbox.View, error) { return d.e.Inbox.Views() }

// Counts counts what filters select.
func (d *Desk) Counts(fs []inbox.Filter) ([]inbox.Count, error) { return d.e.Inbox.Counts(fs) }

// SaveView saves a view.
func (d *Desk) SaveView(v inbox.View) (inbox.View, error) { return d.e.Inbox.SaveView(v) }

// DeleteView removes a saved view.
func (d *Desk) DeleteView(id string) error { return d.e.Inbox.DeleteView(id) }

// Notes finds the interactions whose notes a query matches.
func (d *Desk) Notes(q string, limit int) ([]search.InteractionHit, error) {
	return d.e.Inbox.Notes(q, limit)
}

// Snapshots reads where mentions stand, before a change that may be undone.
func (d *Desk) Snapshots(ids []uint64) ([]inbox.Snapshot, error) { return d.e.Inbox.Snapshots(ids) }

// Restore undoes a change: mentions go back to their snapshots, on the
// record.
func (d *Desk) Restore(snaps []inbox.Snapshot) error {
	_, err := d.e.Inbox.Restore(snaps, d.w.Me(), time.Now())
	return err
}
