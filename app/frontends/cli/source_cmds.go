package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

func init() {
	Register(&Command{
		Name: "source add", Args: "URL", Summary: "watch a feed (or find the feeds of a web page)",
		Help: `Checks the address first. A web page's feeds are listed for you to pick: run the
command again with one of them. Offline, the source is added anyway and checked
later.`,
		Flags: func(fs *flag.FlagSet) {
			fs.String("name", "", "name to show (default: the feed's title)")
			fs.String("rule", "", "watch rule: only entries matching this query are kept (docs/queries.md)")
			fs.Duration("every", fetch.DefaultInterval, "how often to check (at least 1m)")
			fs.String("folder", "", "folder to file it under")
			fs.String("kind", "", "the service: reddit, hackernews, mastodon, bluesky, youtube, blog, …")
			fs.Bool("no-check", false, "add without fetching it first")
		},
		Run: runSourceAdd,
	})
	Register(&Command{
		Name: "source list", Summary: "list the sources with their health",
		Flags: func(fs *flag.FlagSet) { fs.Bool("json", false, "print JSON lines") },
		Run:   runSourceList,
	})
	Register(&Command{
		Name: "source remove", Args: "ID", Summary: "stop watching a source (its mentions stay)",
		Run: runSourceRemove,
	})
	Register(&Command{
		Name: "fetch", Summary: "check sources now and store what is new",
		Help: "Prints a line per source and a summary. Fails only if every source failed.",
		Flags: func(fs *flag.FlagSet) {
			fs.String("source", "", "check only the source with this `ID`")
		},
		Run: runFetch,
	})
}

func monitorFor(env *Env, w *workspace.Workspace) *monitor.Service {
	return engine.New(w, env.Version).Monitor
}

func runSourceAdd(ctx context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("source add needs one URL")
	}
	req := monitor.AddRequest{
		URL: fs.Arg(0), Name: flagString(fs, "name"), Rule: flagString(fs, "rule"),
		Every: fs.Lookup("every").Value.(flag.Getter).Get().(time.Duration), Folder: flagString(fs, "folder"),
		Kind: flagString(fs, "kind"), NoCheck: flagBool(fs, "no-check"),
	}
	return env.withWorkspace(func(w *workspace.Workspace) error {
		res, err := monitorFor(env, w).Add(ctx, req)
		if err != nil {
			return err
		}
		if len(res.Feeds) > 0 {
			fmt.Fprintf(env.Stdout, "%s is a web page with these feeds; add one of them:\n", req.URL)
			for _, f := range res.Feeds {
				fmt.Fprintf(env.Stdout, "  rapport source add %s   # %s (%s)\n", f.URL, f.Title, f.Type)
			}
			return nil
		}
		if res.Warning != "" {
			fmt.Fprintln(env.Stderr, "warning: "+res.Warning)
		}
		fmt.Fprintf(env.Stdout, "Added source %d: %s (%s), checked every %v.\n", res.Source.ID, res.Source.Name, res.Source.URL, res.Source.Every)
		return nil
	})
}

// sourceJSON is one line of `source list --json`.
type sourceJSON struct {
	ID          uint64    `json:"id"`
	Name        string    `json:"name"`
	URL         string    `json:"url"`
	Kind        string    `json:"kind,omitempty"`
	Folder      string    `json:"folder,omitempty"`
	Every       string    `json:"every"`
	Enabled     bool      `json:"enabled"`
	Rules       []string  `json:"rules"`
	Mentions    int       `json:"mentions"`
	LastCheck   time.Time `json:"last_check,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	Failures    int       `json:"failures"`
	NextCheck   time.Time `json:"next_check,omitzero"`
	RetryAfter  time.Time `json:"retry_after,omitzero"`
	Items       int       `json:"items"`
	Warning     string    `json:"warning,omitempty"`
}

func runSourceList(_ context.Context, env *Env, fs *flag.FlagSet) error {
	asJSON := flagBool(fs, "json")
	return env.withWorkspace(func(w *workspace.Workspace) error {
		vs, err := monitorFor(env, w).List()
		if err != nil {
			return err
		}
		if asJSON {
			enc := json.NewEncoder(env.Stdout)
			for _, v := range vs {
				h := v.Health
				_ = enc.Encode(sourceJSON{
					ID: v.ID, Name: v.Name, URL: v.URL, Kind: v.Kind, Folder: v.Folder, Every: v.Every.String(),
					Enabled: !v.Disabled, Rules: nonNil(v.Rules), Mentions: v.Mentions, LastCheck: h.LastCheck, LastSuccess: h.LastSuccess,
					LastError: h.LastError, Failures: h.Failures, NextCheck: h.NextCheck, RetryAfter: h.RetryAfter, Items: h.Items,
					Warning: h.Warning,
				})
			}
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tFOLDER\tMENTIONS\tLAST CHECK\tHEALTH")
		now := env.Now()
		for _, v := range vs {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\n", v.ID, v.Name, v.Folder, v.Mentions, ago(v.Health.LastCheck, now), health(v))
		}
		return tw.Flush()
	})
}

func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return human.Ago(t, now)
}

func health(v monitor.SourceView) string {
	switch {
	case v.Disabled:
		return "paused"
	case v.Health.LastError != "":
		return v.Health.LastError
	case v.Health.RetryAfter.After(time.Now()):
		return "waiting: the server asked Rapport to wait (" + fetch.NextTry(v.Health.RetryAfter) + ")"
	case v.Health.LastSuccess.IsZero():
		return "not checked yet"
	case v.Health.Warning != "":
		return "ok, but " + v.Health.Warning
	}
	return "ok"
}

func runSourceRemove(_ context.Context, env *Env, fs *flag.FlagSet) error {
	id, err := idArg(fs)
	if err != nil {
		return err
	}
	return env.withWorkspace(func(w *workspace.Workspace) error {
		if err := monitorFor(env, w).Delete(id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Removed source %d; its mentions stay in the inbox.\n", id)
		return nil
	})
}

func idArg(fs *flag.FlagSet) (uint64, error) {
	if fs.NArg() != 1 {
		return 0, usagef("give one ID (see 'rapport source list')")
	}
	id, err := strconv.ParseUint(fs.Arg(0), 10, 64)
	if err != nil || id == 0 {
		return 0, usagef("%q is not an id", fs.Arg(0))
	}
	return id, nil
}

func runFetch(ctx context.Context, env *Env, fs *flag.FlagSet) error {
	var ids []uint64
	if s := flagString(fs, "source"); s != "" {
		id, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return usagef("--source needs a source id")
		}
		ids = []uint64{id}
	}
	return env.withWorkspace(func(w *workspace.Workspace) error {
		sum, err := monitorFor(env, w).CheckNow(ctx, ids, func(p monitor.Progress) {
			o := p.Last
			status := fmt.Sprintf("%d new, %d duplicate", o.Result.New, o.Result.Duplicate)
			if o.Warning != "" {
				status += "; " + o.Warning
			}
			switch {
			case o.Waiting:
				status = "waiting: " + o.Err.Error()
			case o.Err != nil:
				status = "failed: " + o.Err.Error()
			case o.Unchanged:
				status = "unchanged"
			case o.Skipped:
				status = "already being checked"
			}
			fmt.Fprintf(env.Stderr, "[%d/%d] %s: %s\n", p.Done, p.Total, o.Source.Name, status)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%d sources: %d new, %d duplicate, %d unchanged, %d failed",
			sum.Sources, sum.New, sum.Duplicate, sum.Unchanged, sum.Failed)
		if sum.Waiting > 0 {
			fmt.Fprintf(env.Stdout, " (%d of them waiting for a server that asked Rapport to slow down)", sum.Waiting)
		}
		fmt.Fprintln(env.Stdout)
		if sum.Sources > 0 && sum.Failed == sum.Sources && sum.Waiting < sum.Failed {
			return errors.New("every source failed; see the lines above")
		}
		if sum.Sources == 0 {
			fmt.Fprintln(env.Stderr, "No sources to check: add one with 'rapport source add URL'.")
		}
		return nil
	})
}
