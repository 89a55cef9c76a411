package desk

import (
	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/storage"
)

const docNotify = "notifications"

// NotifySettings reads the notification settings (defaults if unset).
func (d *Desk) NotifySettings() notify.Settings {
	s := notify.Defaults()
	_ = d.w.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docNotify, &s); return err })
	return s
}

// SetNotifySettings saves the notification settings.
func (d *Desk) SetNotifySettings(s notify.Settings) error {
	return d.w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docNotify, &s) })
}

// notifyItems reads new mentions for the notifier.
func (d *Desk) notifyItems(ids []uint64) ([]notify.Item, error) {
	var items []notify.Item
	err := d.w.Store.View(func(tx *storage.Tx) error {
		ms, err := tx.Mentions().GetMany(ids)
		for _, m := range ms {
			items = append(items, notify.Item{ID: m.ID, Author: m.Author, Headline: m.Headline(), Why: m.Analysis.Why,
				Priority: m.Analysis.Priority, Intents: m.Analysis.Intents})
		}
		return err
	})
	return items, err
}
