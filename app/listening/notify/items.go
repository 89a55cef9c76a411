package notify

import "github.com/rapportapp/rapport/storage"

// Items reads the mentions ids (those still stored) as items to offer.
func Items(st *storage.Store, ids []uint64) ([]Item, error) {
	var items []Item
	err := st.View(func(tx *storage.Tx) error {
		ms, err := tx.Mentions().GetMany(ids)
		for _, m := range ms {
			items = append(items, Item{
				ID: m.ID, Author: m.Author, Headline: m.Headline(), Why: m.Analysis.Why,
				Priority: m.Analysis.Priority, Intents: m.Analysis.Intents,
			})
		}
		return err
	})
	return items, err
}
