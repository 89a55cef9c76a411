package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/app/shared/sample"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

func init() {
	Register(&Command{
		Name: "routing list", Summary: "list the routing rules, in the order they are tried",
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("json", false, "print the rules as JSON (the format 'routing set' reads)")
		},
		Run: runRoutingList,
	})
	Register(&Command{
		Name: "routing set", Args: "FILE", Summary: "replace the routing rules with those of a JSON file (- reads stdin)",
		Help: `FILE holds a JSON list of rules, as 'rapport routing list --json' prints them:
[{"name": "Shop", "intents": ["complaint"], "touch_points": ["delivery/shipping"], "owner": "Kim Park"}]
Every rule is checked against the team first; nothing is saved when one is wrong.`,
		Run: runRoutingSet,
	})
	Register(&Command{
		Name: "routing suggest", Summary: "propose routing rules from the team's roles",
		Flags: func(fs *flag.FlagSet) { fs.Bool("save", false, "save the proposal as the routing rules") },
		Run:   runRoutingSuggest,
	})
	Register(&Command{
		Name: "notify", Summary: "show or change when Rapport notifies you of new mentions",
		Help: "Without options it shows the settings. --quiet takes HH:MM-HH:MM (local time), or none.",
		Flags: func(fs *flag.FlagSet) {
			fs.String("on", "", "yes or no: notifications on or off")
			fs.Float64("min-priority", -1, "notify from this priority (0-100); complaints, questions, churn and purchases always")
			fs.String("quiet", "", "quiet hours, e.g. 22:00-07:00, or none")
			fs.Int("per-minute", 0, "at most this many a minute; the rest are summed up in one")
			fs.Bool("json", false, "print the settings as JSON")
		},
		Run: runNotify,
	})
	Register(&Command{
		Name: "contacts erase", Args: "ID", Summary: "erase a person and everything personal about them, for good",
		Help: "Their mentions, interactions and follow-ups are removed and other records stop naming them.",
		Run:  runContactsErase,
	})
}

func runRoutingList(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withEngine(func(e *engine.Engine) error {
		rules, explained, err := e.Routing.Rules()
		if err != nil {
			return err
		}
		if flagBool(fs, "json") {
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rules)
		}
		if len(rules) == 0 {
			fmt.Fprintln(env.Stdout, "No routing rules: new mentions stay unassigned. 'rapport routing suggest' proposes some.")
		}
		for i, line := range explained {
			fmt.Fprintf(env.Stdout, "%d. %s\n", i+1, line)
		}
		return nil
	})
}

func runRoutingSet(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("routing set needs one FILE")
	}
	var data []byte
	var err error
	if fs.Arg(0) == "-" {
		data, err = readAllLimited(env.Stdin, 1<<20)
	} else {
		data, err = os.ReadFile(fs.Arg(0))
	}
	if err != nil {
		return err
	}
	var rules []routing.Rule
	if err := json.Unmarshal(data, &rules); err != nil {
		return fmt.Errorf("%s is not a JSON list of rules: %w", fs.Arg(0), err)
	}
	return env.withEngine(func(e *engine.Engine) error {
		if err := e.Routing.Save(rules); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Saved %d routing rules.\n", len(rules))
		return nil
	})
}

func runRoutingSuggest(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withEngine(func(e *engine.Engine) error {
		rules, err := e.Routing.Suggested()
		if err != nil {
			return err
		}
		if len(rules) == 0 {
			fmt.Fprintln(env.Stdout, "Nothing to propose: add team members with roles first (Settings → Team).")
			return nil
		}
		for i, r := range rules {
			fmt.Fprintf(env.Stdout, "%d. %s: %s\n", i+1, r.Name, routing.Explain(r))
		}
		if flagBool(fs, "save") {
			if err := e.Routing.Save(rules); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Saved as the routing rules.")
		}
		return nil
	})
}

func runNotify(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withWorkspace(func(w *workspace.Workspace) error {
		s, err := w.NotifySettings()
		if err != nil {
			return err
		}
		edited := false
		switch on := strings.ToLower(flagString(fs, "on")); on {
		case "":
		case "yes", "true", "on":
			s.Enabled, edited = true, true
		case "no", "false", "off":
			s.Enabled, edited = false, true
		default:
			return usagef("--on takes yes or no, not %q", on)
		}
		if p := fs.Lookup("min-priority").Value.(flag.Getter).Get().(float64); p >= 0 {
			s.MinPriority, edited = p, true
		}
		if n := flagInt(fs, "per-minute"); n > 0 {
			s.PerMinute, edited = n, true
		}
		if q := strings.TrimSpace(flagString(fs, "quiet")); q != "" {
			from, to, ok := strings.Cut(q, "-")
			if strings.EqualFold(q, "none") {
				from, to, ok = "", "", true
			}
			if !ok {
				return usagef("--quiet takes HH:MM-HH:MM, like 22:00-07:00, or none")
			}
			s.QuietFrom, s.QuietTo, edited = strings.TrimSpace(from), strings.TrimSpace(to), true
		}
		if edited {
			if err := w.SetNotifySettings(s); err != nil {
				return err
			}
		}
		if flagBool(fs, "json") {
			return json.NewEncoder(env.Stdout).Encode(s)
		}
		state := "on"
		if !s.Enabled {
			state = "off"
		}
		quiet := "none"
		if s.QuietFrom != "" {
			quiet = s.QuietFrom + "-" + s.QuietTo
		}
		fmt.Fprintf(env.Stdout, "Notifications %s; from priority %g; quiet hours %s; at most %d a minute.\n", state, s.MinPriority, quiet, s.PerMinute)
		return nil
	})
}

func runContactsErase(ctx context.Context, env *Env, fs *flag.FlagSet) error {
	id, err := idArg(fs)
	if err != nil {
		return err
	}
	return env.withEngine(func(e *engine.Engine) error {
		if n, err := e.CRM.FinishErases(ctx); err != nil {
			return fmt.Errorf("finish an earlier erase: %w", err)
		} else if n > 0 {
			fmt.Fprintf(env.Stdout, "Finished an earlier erase: %d more records no longer name the people erased.\n", n)
		}
		out, err := e.CRM.Erase(id)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Erased: %d mentions, %d interactions and %d follow-ups removed; %d other records no longer name them.\n",
			out.Mentions, out.Interactions, out.Tasks, out.Redacted)
		if out.Pending {
			fmt.Fprintln(env.Stdout, "The rest of their mentions and the records that name them could not be changed now (the log says why); that is finished the next time Rapport starts or erases someone.")
		}
		start := time.Now()
		did, err := e.CRM.CompactErased(ctx)
		if err != nil {
			return fmt.Errorf("%w; the erase itself is done, and the files are rewritten the next time Rapport starts or erases someone", err)
		}
		if did {
			fmt.Fprintf(env.Stdout, "Rewrote the data files, so that what was erased is not left in them (%s).\n", time.Since(start).Round(100*time.Millisecond))
		}
		return nil
	})
}

// readAllLimited reads r up to max bytes; more is an error, not a cut.
func readAllLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err == nil && int64(len(b)) > max {
		err = fmt.Errorf("the input is larger than %d bytes", max)
	}
	return b, err
}

func init() {
	Register(&Command{
		Name: "sample remove", Summary: "take the sample workspace out of the data folder again",
		Help: "Removes the sample's sources, the mentions only they found, its contacts, their history and the sample's business profile; what you added yourself stays.",
		Run:  runSampleRemove,
	})
}

func runSampleRemove(_ context.Context, env *Env, _ *flag.FlagSet) error {
	return env.withWorkspace(func(w *workspace.Workspace) error {
		out, err := sample.Remove(w)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Removed the sample: %d sources, %d mentions, %d people, %d interactions, %d follow-ups.\n",
			out.Sources, out.Mentions, out.People, out.Interactions, out.Tasks)
		return nil
	})
}
