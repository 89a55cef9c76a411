package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rapportapp/rapport/app/listening/presets"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

func init() {
	Register(&Command{
		Name: "opml import", Args: "FILE", Summary: "add the feeds of an OPML file, keeping folders",
		Run: runOPMLImport,
	})
	Register(&Command{
		Name: "opml export", Args: "[FILE]", Summary: "write every source as OPML (to stdout without FILE)",
		Run: runOPMLExport,
	})
	Register(&Command{
		Name: "listen", Args: "KEYWORD", Summary: "turn a keyword into sources on several services at once",
		Help: "Presets: " + presetList() + `.
Presets that need more than the keyword (a Mastodon server, a YouTube channel, …)
take it from the options.`,
		Flags: func(fs *flag.FlagSet) {
			fs.String("on", "reddit-search,hn-stories,hn-comments,mastodon-tag,googlenews-search", "comma-separated `PRESETS` to use")
			fs.String("instance", "mastodon.social", "Mastodon server for mastodon-tag")
			fs.String("site", "", "Stack Exchange site for stackexchange-tag (e.g. coffee)")
			fs.String("channel", "", "subreddit, or YouTube channel ID")
			fs.String("handle", "", "Bluesky handle for bluesky-profile")
			fs.String("url", "", "blog post, YouTube playlist or Google Alerts feed address")
		},
		Run: runListen,
	})
}

func presetList() string {
	var ids []string
	for _, p := range presets.All() {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ", ")
}

func runOPMLImport(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("opml import needs one FILE")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	return env.withWorkspace(func(w *workspace.Workspace) error {
		res, err := monitorFor(env, w).ImportOPML(f)
		if err != nil {
			return fmt.Errorf("%s: %w", fs.Arg(0), err)
		}
		for _, s := range res.Skipped {
			fmt.Fprintf(env.Stderr, "line %d: skipped %q: %s\n", s.Line, s.Text, s.Reason)
		}
		for _, p := range res.Problems {
			fmt.Fprintln(env.Stderr, p)
		}
		fmt.Fprintf(env.Stdout, "Added %d sources; %d were already watched; %d outlines skipped. They are checked in the background (or run 'rapport fetch').\n",
			len(res.Added), len(res.Duplicates), len(res.Skipped))
		return nil
	})
}

func runOPMLExport(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 1 {
		return usagef("opml export takes at most one FILE")
	}
	return env.withWorkspace(func(w *workspace.Workspace) error {
		var out io.Writer = env.Stdout
		var file *os.File
		if fs.NArg() == 1 {
			var err error
			if file, err = os.Create(fs.Arg(0)); err != nil {
				return err
			}
			defer file.Close()
			out = file
		}
		bw := bufio.NewWriter(out)
		if err := monitorFor(env, w).ExportOPML(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if file != nil {
			return file.Close()
		}
		return nil
	})
}

func runListen(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("listen needs one KEYWORD (quote a phrase)")
	}
	in := presets.Input{
		Instance: flagString(fs, "instance"), Site: flagString(fs, "site"), Channel: flagString(fs, "channel"),
		Handle: flagString(fs, "handle"), URL: flagString(fs, "url"),
	}
	ids := strings.Split(flagString(fs, "on"), ",")
	return env.withWorkspace(func(w *workspace.Workspace) error {
		added, errs := monitorFor(env, w).Listen(fs.Arg(0), ids, in)
		for _, e := range errs {
			fmt.Fprintln(env.Stderr, oneLine(e))
		}
		for _, s := range added {
			fmt.Fprintf(env.Stdout, "Added source %d: %s\n", s.ID, s.Name)
		}
		if len(added) == 0 {
			return fmt.Errorf("no source was added")
		}
		return nil
	})
}
