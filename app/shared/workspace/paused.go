package workspace

import (
	"strconv"

	"github.com/rapportapp/rapport/storage"
)

// PausedSample is why the sample workspace's sources are paused: its
// business is made up, so they are never fetched and the sample works
// offline. The owner's own pauses carry no reason.
const PausedSample = "sample"

// docPaused keeps, per source id, why Rapport paused a source itself. It
// lives here, below both the sample loader that writes it and the monitor
// that reads it.
const docPaused = "sources-paused"

// NotePaused records inside tx why Rapport paused source id (PausedSample).
func NotePaused(tx *storage.Tx, id uint64, why string) error {
	notes, err := pauseNotes(tx)
	if err != nil {
		return err
	}
	notes[strconv.FormatUint(id, 10)] = why
	return tx.PutDoc(docPaused, notes)
}

// ForgetPause drops the note of a source the owner resumed or removed.
func ForgetPause(tx *storage.Tx, id uint64) error {
	notes, err := pauseNotes(tx)
	if err != nil {
		return err
	}
	k := strconv.FormatUint(id, 10)
	if _, ok := notes[k]; !ok {
		return nil
	}
	delete(notes, k)
	return tx.PutDoc(docPaused, notes)
}

// PauseNotes reads why Rapport paused sources itself, by source id.
func PauseNotes(tx *storage.Tx) (map[uint64]string, error) {
	notes, err := pauseNotes(tx)
	out := make(map[uint64]string, len(notes))
	for k, why := range notes {
		if id, perr := strconv.ParseUint(k, 10, 64); perr == nil {
			out[id] = why
		}
	}
	return out, err
}

func pauseNotes(tx *storage.Tx) (map[string]string, error) {
	notes := map[string]string{}
	_, err := tx.GetDoc(docPaused, &notes)
	return notes, err
}
