package desk

import (
	"time"

	"github.com/rapportapp/rapport/app/shared/backups"
)

// BackupSchedule reads the automatic backup schedule and how its last run
// went.
func (d *Desk) BackupSchedule() (backups.Schedule, backups.Status, error) {
	return backups.Load(d.w.Store)
}

// SetBackupSchedule checks and saves the schedule, and writes the backup
// that is due under it at once (so Settings can show how it went).
func (d *Desk) SetBackupSchedule(s backups.Schedule) error {
	if err := backups.Save(d.w.Store, s); err != nil {
		return err
	}
	d.autoBackup()
	return nil
}

// autoBackup writes the automatic backup when one is due; a failure is
// logged, recorded in the status Settings shows, and tried again an hour
// later.
func (d *Desk) autoBackup() {
	file, err := backups.RunIfDue(d.w.Store, time.Now())
	switch {
	case err != nil:
		d.w.Log.Warn("automatic backup", "err", err)
		d.notify("Automatic backup failed", err.Error())
	case file != "":
		d.w.Log.Info("automatic backup written", "file", file)
	}
}
