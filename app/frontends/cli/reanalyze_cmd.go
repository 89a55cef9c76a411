package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/rapportapp/rapport/app/shared/workspace"
)

func init() {
	Register(&Command{
		Name: "reanalyze", Summary: "read stored mentions again with this version of the analyser",
		Help: `After an upgrade, mentions read by an older analyser are read again (their
analysis records the analyser's version); the owner's corrections are kept.
With --all every mention is read again (after editing touch points, brand names or
the promise). With --learn Rapport first relearns from every correction and
handled mention in the folder. Progress goes to stderr; Ctrl-C stops between
batches, and the next run continues with the rest.`,
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("all", false, "read every mention again, not only the outdated ones")
			fs.Bool("learn", false, "relearn from all corrections first")
		},
		Run: runReanalyze,
	})
}

func runReanalyze(ctx context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("reanalyze takes no arguments")
	}
	return env.withWorkspace(func(w *workspace.Workspace) error {
		u := w.Understand
		if flagBool(fs, "learn") {
			stats, err := u.LearnAll(ctx, w.Store)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "learned from %d corrections and %d handled mentions\n", stats.Corrections, stats.Handled)
		}
		progress := func(done, total int) { fmt.Fprintf(env.Stderr, "[%d/%d] read again\n", done, total) }
		var n int
		var err error
		if flagBool(fs, "all") {
			n, err = u.Reanalyze(w.Store, progress)
		} else {
			n, err = u.ReanalyzeOutdated(ctx, w.Store, progress)
		}
		fmt.Fprintf(env.Stdout, "Read %d mentions again.\n", n)
		return err
	})
}
