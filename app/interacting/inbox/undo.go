package inbox

import (
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Snapshot is where a mention stood in the workflow: what a change can be
// undone to.
type Snapshot struct {
	ID      uint64
	State   State
	Owner   string
	Snoozed time.Time
}

// Snapshots reads where mentions stand now, before a change that may be
// undone; mentions that are gone are left out.
func (s *Service) Snapshots(ids []uint64) ([]Snapshot, error) {
	var out []Snapshot
	err := s.store.View(func(tx *storage.Tx) error {
		ms, err := tx.Mentions().GetMany(ids)
		for _, m := range ms {
			out = append(out, Snapshot{ID: m.ID, State: m.State, Owner: m.Owner, Snoozed: m.Snoozed})
		}
		return err
	})
	return out, err
}

// Restore puts mentions back where snapshots say they stood, recording it
// in their history as an undo (the change and its undo both stay on the
// record). It returns how many changed.
func (s *Service) Restore(snaps []Snapshot, by string, now time.Time) (int, error) {
	want := make(map[uint64]Snapshot, len(snaps))
	ids := make([]uint64, 0, len(snaps))
	for _, sn := range snaps {
		want[sn.ID] = sn
		ids = append(ids, sn.ID)
	}
	return s.change(ids, func(m *storage.Mention) bool {
		sn := want[m.ID]
		if m.State == sn.State && m.Owner == sn.Owner && m.Snoozed.Equal(sn.Snoozed) {
			return false
		}
		c := storage.Change{At: now.UTC(), From: m.State, To: sn.State, By: by, Note: "undone"}
		if m.Owner != sn.Owner {
			c.Owner = sn.Owner
			if sn.Owner == "" {
				c.Note = "undone: unassigned again"
			} else {
				c.Note = "undone: back to " + sn.Owner
			}
		}
		m.History = append(m.History, c)
		m.State, m.Owner, m.Snoozed = sn.State, sn.Owner, sn.Snoozed
		return true
	})
}
