package monitor

import (
	"time"

	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/storage"
)

// Route assigns newly stored mentions to team members by the workspace's
// routing rules (package routing); a manual assignment is never
// overridden. It returns how many were assigned.
func Route(st *storage.Store, ids []uint64, now time.Time) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	n := 0
	err := st.Update(func(tx *storage.Tx) error {
		n = 0
		set, err := routing.Load(tx)
		if err != nil || len(set.Rules) == 0 {
			return err
		}
		for _, id := range ids {
			m, err := tx.Mentions().Get(id)
			if err != nil {
				continue
			}
			if routing.Apply(tx, set.Rules, &m, now, "Rapport") {
				if err := tx.Mentions().Put(&m); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}
