package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/rapportapp/rapport/app/shared/backups"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

func init() {
	Register(&Command{
		Name: "backup schedule", Summary: "show or set the automatic backups (daily, keeping the newest N)",
		Help: `Without options, shows the schedule and how the last automatic backup went.
The desktop app writes the backups while it runs; 'rapport backup auto' writes
one from cron when it is due (the app need not run, and if it does, it has
already written it).`,
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("on", false, "turn automatic backups on")
			fs.Bool("off", false, "turn automatic backups off")
			fs.String("folder", "", "the `FOLDER` the backups go to")
			fs.Int("keep", 0, "how many automatic backups to keep (the oldest are removed)")
			fs.Duration("every", 0, "how often (default 24h, at least 1h)")
		},
		Run: runBackupSchedule,
	})
	Register(&Command{
		Name: "backup auto", Summary: "write the automatic backup now if one is due (for cron)",
		Run: runBackupAuto,
	})
}

func runBackupSchedule(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withWorkspace(func(w *workspace.Workspace) error {
		sch, status, err := backups.Load(w.Store)
		if err != nil {
			return err
		}
		changed := false
		if flagBool(fs, "on") {
			sch.Enabled, changed = true, true
		}
		if flagBool(fs, "off") {
			sch.Enabled, changed = false, true
		}
		if f := flagString(fs, "folder"); f != "" {
			abs, err := filepath.Abs(f)
			if err != nil {
				return err
			}
			sch.Folder, changed = abs, true
		}
		if k := flagInt(fs, "keep"); k != 0 {
			sch.Keep, changed = k, true
		}
		if e := fs.Lookup("every").Value.(flag.Getter).Get().(time.Duration); e != 0 {
			sch.Every, changed = e, true
		}
		if changed {
			if err := backups.Save(w.Store, sch); err != nil {
				return err
			}
		}
		if !sch.Enabled {
			fmt.Fprintln(env.Stdout, "Automatic backups are off (turn them on with --on --folder DIR).")
			return nil
		}
		fmt.Fprintf(env.Stdout, "Automatic backups: every %v into %s, keeping the newest %d.\n", sch.Every, sch.Folder, sch.Keep)
		if !status.Last.IsZero() {
			fmt.Fprintf(env.Stdout, "Last: %s (%s).\n", status.Last.Local().Format("2006-01-02 15:04"), status.File)
		}
		if status.LastError != "" && status.Failed.After(status.Last) {
			fmt.Fprintf(env.Stdout, "The last try failed at %s: %s\n", status.Failed.Local().Format("2006-01-02 15:04"), status.LastError)
		}
		return nil
	})
}

func runBackupAuto(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("backup auto takes no arguments")
	}
	err := env.withWorkspace(func(w *workspace.Workspace) error {
		file, err := backups.RunIfDue(w.Store, env.Now())
		if err != nil {
			return err
		}
		if file == "" {
			fmt.Fprintln(env.Stdout, "No automatic backup is due.")
			return nil
		}
		fmt.Fprintf(env.Stdout, "Wrote %s.\n", file)
		return nil
	})
	if err != nil && errors.Is(env.lastOpenErr, storage.ErrLocked) {
		fmt.Fprintln(env.Stdout, "Rapport is running with this data folder; it writes the automatic backups itself.")
		return nil
	}
	return err
}
