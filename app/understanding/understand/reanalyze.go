package understand

import (
	"github.com/rapportapp/rapport/storage"
)

// reanalyzeBatch is how many mentions share one transaction.
const reanalyzeBatch = 200

// Reanalyze reads every stored mention again with the current
// configuration (after the owner edited touch points, brand names or the
// promise), keeping their corrections, and tells progress as it goes. It
// returns how many mentions it read.
func (s *Service) Reanalyze(st *storage.Store, progress func(done, total int)) (int, error) {
	var ids []uint64
	err := st.View(func(tx *storage.Tx) (err error) {
		ids, _, err = tx.MentionIDs(storage.MentionsByTime(), nil, 0)
		return err
	})
	if err != nil {
		return 0, err
	}
	done := 0
	for start := 0; start < len(ids); start += reanalyzeBatch {
		chunk := ids[start:min(start+reanalyzeBatch, len(ids))]
		err := st.Update(func(tx *storage.Tx) error {
			for _, id := range chunk {
				m, err := tx.Mentions().Get(id)
				if err != nil {
					continue // deleted meanwhile
				}
				var author *storage.Person
				if m.PersonID != 0 {
					if p, err := tx.People().Get(m.PersonID); err == nil {
						author = &p
					}
				}
				s.Apply(&m, author)
				if err := tx.Mentions().Put(&m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return done, err
		}
		done += len(chunk)
		if progress != nil {
			progress(done, len(ids))
		}
	}
	return done, nil
}
