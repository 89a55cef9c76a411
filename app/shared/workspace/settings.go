package workspace

import (
	"fmt"
	"runtime"

	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/storage"
)

const docNotify = "notifications"

// NotifySettings reads the notification settings (the defaults until the
// owner saves some).
func (w *Workspace) NotifySettings() (notify.Settings, error) {
	s := notify.Defaults()
	err := w.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docNotify, &s); return err })
	if err != nil {
		return notify.Defaults(), fmt.Errorf("read the notification settings: %w", err)
	}
	return s, nil
}

// SetNotifySettings checks and saves the notification settings.
func (w *Workspace) SetNotifySettings(s notify.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docNotify, &s) }); err != nil {
		return fmt.Errorf("save the notification settings: %w", err)
	}
	return nil
}

// About is what Settings → About says of the running app and its folder.
type About struct {
	Version string
	Runtime string
	DataDir string
	Schema  int
	Counts  []Count
	Bytes   int64
}

// Count is one record type and how many there are.
type Count struct {
	Name string
	N    int
}

// About reads the facts of the data folder; version is the app's.
func (w *Workspace) About(version string) (About, error) {
	st, err := w.Store.Stats()
	if err != nil {
		return About{}, err
	}
	a := About{
		Version: version, Runtime: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH, DataDir: w.Dir,
		Schema: st.Schema, Bytes: st.Bytes,
	}
	for _, name := range storage.TableNames() {
		a.Counts = append(a.Counts, Count{Name: name, N: st.Counts[name]})
	}
	return a, nil
}
