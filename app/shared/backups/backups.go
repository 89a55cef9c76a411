// Package backups runs scheduled automatic backups of a data folder: a
// backup file a day (or at another interval) in a folder the owner picks,
// keeping the newest N. The desktop app runs the schedule while it is open
// (app/frontends/desk); 'rapport backup auto' runs it from cron when the
// app is not.
package backups

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Schedule is what the owner set in Settings → Backups.
type Schedule struct {
	Enabled bool          `cbor:"1,keyasint,omitempty" json:"enabled"`
	Folder  string        `cbor:"2,keyasint,omitempty" json:"folder"`
	Keep    int           `cbor:"3,keyasint,omitempty" json:"keep"`
	Every   time.Duration `cbor:"4,keyasint,omitempty" json:"every"`
}

// Status is what the last automatic backup did.
type Status struct {
	Last      time.Time `cbor:"1,keyasint,omitzero" json:"last,omitzero"`
	File      string    `cbor:"2,keyasint,omitempty" json:"file,omitempty"`
	LastError string    `cbor:"3,keyasint,omitempty" json:"last_error,omitempty"`
	Failed    time.Time `cbor:"4,keyasint,omitzero" json:"failed,omitzero"`
}

// Limits and defaults.
const (
	DefaultKeep  = 7
	MaxKeep      = 365
	DefaultEvery = 24 * time.Hour
	MinEvery     = time.Hour
	// retryAfter is how long a failed backup waits before the next try.
	retryAfter  = time.Hour
	docSchedule = "backup-schedule"
	docStatus   = "backup-status"
	prefix      = "rapport-auto-"
	suffix      = ".rapport-backup"
)

// Defaults is the schedule before the owner sets one: off, daily, keep 7.
func Defaults() Schedule { return Schedule{Keep: DefaultKeep, Every: DefaultEvery} }

// Validate checks a schedule and says what is wrong in plain words.
func (s Schedule) Validate() error {
	switch {
	case s.Keep < 1 || s.Keep > MaxKeep:
		return fmt.Errorf("keep between 1 and %d backups", MaxKeep)
	case s.Every < MinEvery:
		return fmt.Errorf("back up at most every %v", MinEvery)
	case s.Enabled && !filepath.IsAbs(s.Folder):
		return errors.New("choose the folder the backups go to (a full path)")
	}
	return nil
}

// Load reads the schedule and the status of the last run.
func Load(st *storage.Store) (Schedule, Status, error) {
	sch, status := Defaults(), Status{}
	err := st.View(func(tx *storage.Tx) error {
		if _, err := tx.GetDoc(docSchedule, &sch); err != nil {
			return err
		}
		_, err := tx.GetDoc(docStatus, &status)
		return err
	})
	if err != nil {
		return Defaults(), Status{}, fmt.Errorf("read the backup schedule: %w", err)
	}
	return sch, status, nil
}

// Save checks and saves a schedule; an enabled one's folder is created.
func Save(st *storage.Store, sch Schedule) error {
	if err := sch.Validate(); err != nil {
		return err
	}
	if sch.Enabled {
		if err := os.MkdirAll(sch.Folder, 0o700); err != nil {
			return fmt.Errorf("the backup folder %s cannot be created: %w", sch.Folder, err)
		}
	}
	return st.Update(func(tx *storage.Tx) error { return tx.PutDoc(docSchedule, &sch) })
}

// Due reports whether a backup should run now.
func Due(sch Schedule, status Status, now time.Time) bool {
	if !sch.Enabled {
		return false
	}
	if !status.Failed.IsZero() && status.Failed.After(status.Last) && now.Sub(status.Failed) < retryAfter {
		return false
	}
	return status.Last.IsZero() || now.Sub(status.Last) >= sch.Every
}

// RunIfDue writes a backup if one is due and returns its file ("" if none
// was due). The outcome is recorded in the status either way.
func RunIfDue(st *storage.Store, now time.Time) (string, error) {
	sch, status, err := Load(st)
	if err != nil || !Due(sch, status, now) {
		return "", err
	}
	return Run(st, sch, now)
}

// Run writes a backup into the schedule's folder now, removes the oldest
// automatic ones beyond Keep, and records the outcome.
func Run(st *storage.Store, sch Schedule, now time.Time) (string, error) {
	file := filepath.Join(sch.Folder, prefix+now.UTC().Format("2006-01-02-150405")+suffix)
	_, err := st.BackupToFile(file)
	if err == nil {
		err = prune(sch.Folder, sch.Keep)
	}
	_, status, _ := Load(st)
	if err != nil {
		status.LastError, status.Failed = err.Error(), now.UTC()
	} else {
		status = Status{Last: now.UTC(), File: file}
	}
	if serr := st.Update(func(tx *storage.Tx) error { return tx.PutDoc(docStatus, &status) }); err == nil {
		err = serr
	}
	if err != nil {
		return "", fmt.Errorf("automatic backup into %s: %w", sch.Folder, err)
	}
	return file, nil
}

// prune removes the oldest automatic backups in folder beyond keep. Only
// files named as this package names them are touched.
func prune(folder string, keep int) error {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return err
	}
	var ours []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, prefix) && strings.HasSuffix(n, suffix) {
			ours = append(ours, n)
		}
	}
	slices.Sort(ours) // the names sort by time
	var errs []error
	for len(ours) > keep {
		errs = append(errs, os.Remove(filepath.Join(folder, ours[0])))
		ours = ours[1:]
	}
	return errors.Join(errs...)
}
