package desk

import (
	"time"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// me is who the changes made in this app are recorded as.
func (d *Desk) me() string {
	if b, err := d.w.Business(); err == nil && b.Owner != "" {
		return b.Owner
	}
	return "you"
}

// SetState moves mentions to a state by name.
func (d *Desk) SetState(ids []uint64, state string) error {
	st, err := inbox.ParseState(state)
	if err != nil {
		return err
	}
	_, err = d.Service.SetState(ids, st, d.me(), time.Now())
	return err
}

// Assign gives mentions to a team member.
func (d *Desk) Assign(ids []uint64, owner string) error {
	_, err := d.Service.Assign(ids, owner, d.me(), time.Now())
	return err
}

// Snooze hides mentions until a time.
func (d *Desk) Snooze(ids []uint64, until time.Time) error {
	_, err := d.Service.SnoozeUntil(ids, until, d.me(), time.Now())
	return err
}

// Team lists the team members' names.
func (d *Desk) Team() []string {
	team, err := d.w.Team()
	if err != nil {
		return nil
	}
	names := make([]string, len(team))
	for i, m := range team {
		names[i] = m.Name
	}
	return names
}

// DeleteMentions removes mentions for good (they are not collected again).
func (d *Desk) DeleteMentions(ids []uint64) error {
	_, err := d.Service.Delete(ids, time.Now())
	return err
}
