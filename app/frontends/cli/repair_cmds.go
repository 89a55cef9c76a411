package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

func init() {
	Register(&Command{
		Name: "check", Summary: "read every file of the data folder and report damage (changes nothing)",
		Help: `Reads the whole database the way opening it does — every table block and every
log entry against its checksum — without changing anything. Exits 1 if something
is damaged; 'rapport repair' then salvages what can be read. The app must not be
running with the folder.`,
		Run: runCheck,
	})
	Register(&Command{
		Name: "repair", Summary: "salvage what can be read from a damaged data folder, and say what was lost",
		Help: `Copies every record that can still be read from a damaged data folder into a new
database, rebuilds the indexes and the full-text index, and puts the new database
in place. The damaged database is kept, as it was, in DIR/damaged-TIME; delete it
once you are content. Prints what was recovered, what could not be read and which
records were lost. A folder without damage is left alone unless --force is given.
The app must not be running with the folder.`,
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("force", false, "rebuild the database even if no damage is found")
			fs.Bool("json", false, "print the report as JSON")
		},
		Run: runRepair,
	})
}

func runCheck(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("check takes no arguments")
	}
	err := env.withPassphrase(func(p string) error { return storage.Check(env.DataDir, p) })
	switch {
	case errors.Is(err, storage.ErrLocked):
		return errors.New(workspace.LockedMessage(env.DataDir) + " Close it first: a check reads files the app may be changing.")
	case errors.Is(err, storage.ErrDamaged):
		return errors.New(workspace.DamagedMessage(err))
	case err != nil:
		return err
	}
	fmt.Fprintf(env.Stdout, "No damage found in %s: every table block and log entry matches its checksum.\n", env.DataDir)
	// Then the indexes: every entry recomputed from the records.
	return env.withWorkspace(func(w *workspace.Workspace) error {
		problems, err := w.Store.CheckIndexes()
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			for _, p := range problems[:min(len(problems), 10)] {
				fmt.Fprintln(env.Stderr, "  "+p)
			}
			return fmt.Errorf("%d index entries are wrong; 'rapport repair --force' rebuilds every index", len(problems))
		}
		fmt.Fprintln(env.Stdout, "Every index entry matches the records.")
		return nil
	})
}

func runRepair(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("repair takes no arguments")
	}
	var rep storage.RepairReport
	err := env.withPassphrase(func(p string) (err error) {
		opt := workspace.StoreOptions(env.Log)
		opt.Passphrase = p
		rep, err = storage.Repair(env.DataDir, opt, flagBool(fs, "force"))
		return err
	})
	switch {
	case errors.Is(err, storage.ErrNothingToRepair):
		fmt.Fprintf(env.Stdout, "Nothing in %s is damaged; nothing was changed (--force rebuilds it anyway).\n", env.DataDir)
		return nil
	case errors.Is(err, storage.ErrLocked):
		return errors.New(workspace.LockedMessage(env.DataDir) + " Close it first.")
	case err != nil:
		return fmt.Errorf("%w. The data folder was not changed", err)
	}
	if flagBool(fs, "json") {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(env.Stdout, "Repaired %s. The damaged database is kept in %s.\n", env.DataDir, rep.KeptAt)
	for _, line := range rep.Summary() {
		fmt.Fprintln(env.Stdout, "  "+line)
	}
	return nil
}

// withPassphrase runs fn without a passphrase and, if the folder turns out
// to be encrypted, again with the one env.passphrase finds.
func (env *Env) withPassphrase(fn func(passphrase string) error) error {
	if env.DataDir == "" {
		return errors.New("no data folder: pass --data DIR")
	}
	err := fn("")
	if errors.Is(err, storage.ErrPassphraseNeeded) {
		var p string
		if p, err = env.passphrase("the data folder's", true); err == nil {
			err = fn(p)
		}
	}
	return err
}
