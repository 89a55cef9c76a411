package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/sample"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/assets"
	"github.com/rapportapp/rapport/storage"
)

func init() {
	Register(&Command{
		Name: "sample", Summary: "load the sample workspace (a coffee roaster) into the data folder",
		Help: `Loads Ember & Oak Coffee Roasters: ten sources with a few hundred mentions,
contacts, interactions and follow-ups, through the same path as real feeds. Dates
are moved so the newest posts are from today. Works offline.

The data folder must be empty unless --force is given; with --force the sample is
added next to what is there (loading it twice adds nothing).`,
		Flags: func(fs *flag.FlagSet) { fs.Bool("force", false, "load even if the data folder already holds data") },
		Run:   runSample,
	})
	Register(&Command{
		Name: "stats", Summary: "count every kind of record and measure the store",
		Flags: func(fs *flag.FlagSet) { fs.Bool("json", false, "print JSON") },
		Run:   runStats,
	})
	Register(&Command{
		Name: "backup", Args: "FILE", Summary: "write everything in the data folder to one backup file",
		Help: `The app may keep running meanwhile: when it has the data folder open, it writes
the backup itself (a consistent snapshot), so a nightly cron job works while the
window is open. The backup of an encrypted folder is encrypted with the same
passphrase. Passwords kept for feeds stay on this computer. An existing FILE is
kept unless --force is given.`,
		Flags: func(fs *flag.FlagSet) { fs.Bool("force", false, "replace FILE if it exists") },
		Run:   runBackup,
	})
	Register(&Command{
		Name: "restore", Args: "FILE", Summary: "restore a backup file into an empty data folder",
		Help: "To protect your data, restore only writes into an empty (or new) folder: pass --data NEWDIR.",
		Run:  runRestore,
	})
}

func runSample(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("sample takes no arguments")
	}
	force := flagBool(fs, "force")
	return env.withWorkspace(func(w *workspace.Workspace) error {
		empty, err := w.IsEmpty()
		if err != nil {
			return err
		}
		if !empty && !force {
			return fmt.Errorf("the data folder %s already holds data; use --force to add the sample workspace anyway, or choose an empty folder with --data", env.DataDir)
		}
		sum, err := sample.Load(w, assets.Sample(), env.Now(), func(step string, done, total int) {
			fmt.Fprintf(env.Stderr, "[%d/%d] %s\n", done, total, step)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Loaded the sample workspace into %s: %d sources, %d new mentions (%d duplicates, %d filtered by watch rules), %d contacts, %d interactions, %d follow-ups.\n",
			env.DataDir, sum.Sources, sum.Ingest.New, sum.Ingest.Duplicate, sum.Ingest.Filtered, sum.Contacts, sum.Interactions, sum.Tasks)
		return nil
	})
}

func runStats(_ context.Context, env *Env, fs *flag.FlagSet) error {
	asJSON := flagBool(fs, "json")
	return env.withStore(func(store *storage.Store) error {
		st, err := store.Stats()
		if err != nil {
			return err
		}
		if asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(st)
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "data folder\t%s\n", st.Dir)
		fmt.Fprintf(tw, "schema\t%d\n", st.Schema)
		for _, name := range storage.TableNames() {
			fmt.Fprintf(tw, "%s\t%d\n", name, st.Counts[name])
		}
		fmt.Fprintf(tw, "size on disk\t%s\n", human.Bytes(st.Bytes))
		fmt.Fprintf(tw, "awaiting the full-text index\t%d\n", st.WordQueue)
		if st.NotIndexed > 0 {
			fmt.Fprintf(tw, "could not be indexed (see the log)\t%d\n", st.NotIndexed)
		}
		return tw.Flush()
	})
}

func runBackup(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("backup needs one FILE")
	}
	file := fs.Arg(0)
	force := flagBool(fs, "force")
	if _, err := os.Stat(file); err == nil && !force {
		return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", file)
	}
	var h storage.BackupHeader
	err := env.withWorkspace(func(w *workspace.Workspace) (err error) {
		h, err = w.Store.BackupToFile(file)
		return err
	})
	if err != nil && env.DataDir != "" && errors.Is(env.lastOpenErr, storage.ErrLocked) {
		// The app has the folder open: it writes the backup itself.
		h, err = storage.BackupRunning(env.DataDir, file, time.Hour)
		if errors.Is(err, storage.ErrNoBackupServer) {
			return fmt.Errorf("%s It did not answer a backup request (an older or stuck Rapport?): close it and run the backup again", workspace.LockedMessage(env.DataDir))
		}
	}
	if err != nil {
		return err
	}
	info, _ := os.Stat(file)
	enc := ""
	if h.Encrypted() {
		enc = ", encrypted with the data folder's passphrase"
	}
	fmt.Fprintf(env.Stdout, "Backed up %d mentions, %d people and %d sources to %s (%s%s).\n",
		h.Counts["mentions"], h.Counts["people"], h.Counts["sources"], file, human.Bytes(info.Size()), enc)
	return nil
}

func runRestore(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("restore needs one FILE")
	}
	opt := workspace.StoreOptions(env.Log)
	res, err := storage.RestoreFile(env.DataDir, fs.Arg(0), opt)
	if errors.Is(err, storage.ErrPassphraseNeeded) {
		if opt.Passphrase, err = env.passphrase("the backup's passphrase", false); err == nil {
			res, err = storage.RestoreFile(env.DataDir, fs.Arg(0), opt)
		} else if errors.Is(err, storage.ErrPassphraseNeeded) {
			return errors.New("this backup is encrypted: the passphrase of the folder it was made from is needed. " +
				"Type it at a terminal, or set RAPPORT_PASSPHRASE_FILE to a file that holds it. Nothing was restored")
		}
	}
	switch {
	case errors.Is(err, storage.ErrNotEmpty):
		return fmt.Errorf("%w. Nothing was changed", err)
	case errors.Is(err, storage.ErrBackupDamaged):
		return fmt.Errorf("%w. Nothing was restored; %s is as it was — use another backup", err, env.DataDir)
	case err != nil:
		return err
	}
	abs, _ := filepath.Abs(env.DataDir)
	c := res.Counts
	fmt.Fprintf(env.Stdout, "Restored %d mentions, %d people and %d sources into %s.\n", c["mentions"], c["people"], c["sources"], abs)
	if !res.Verified {
		fmt.Fprintln(env.Stderr, "note: this backup was made by an older Rapport and has no checksum; the numbers above were counted in the restored folder.")
	}
	if d := res.Differs(); len(d) > 0 {
		fmt.Fprintf(env.Stderr, "warning: the backup's header gave other numbers for %s (it said %d mentions); what is restored is what the file held.\n",
			strings.Join(d, ", "), res.Header.Counts["mentions"])
	}
	return nil
}
