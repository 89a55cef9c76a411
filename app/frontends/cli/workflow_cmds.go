package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/interacting/inbox"
)

func init() {
	Register(&Command{
		Name: "mention state", Args: "STATE ID...", Summary: "move mentions to a state: new, needs-reply, handled or archived",
		Help: "The change is recorded in each mention's history as made by the business owner (Settings → Business).",
		Run:  runMentionState,
	})
	Register(&Command{
		Name: "mention assign", Args: "WHO ID...", Summary: `give mentions to a team member ("" takes them back)`,
		Run: runMentionAssign,
	})
	Register(&Command{
		Name: "mention snooze", Args: "UNTIL ID...", Summary: "hide mentions until a time (2026-12-24T09:00, or a duration such as 3h)",
		Help: "A snoozed mention comes back, in the state it had, when its time has come ('rapport wake', or the app).",
		Run:  runMentionSnooze,
	})
	Register(&Command{
		Name: "mention delete", Args: "ID...", Summary: "delete mentions for good; the feeds that carried them will not bring them back",
		Run: runMentionDelete,
	})
	Register(&Command{
		Name: "wake", Summary: "bring back snoozed mentions whose time has come (for cron; the app does it every minute)",
		Run: runWake,
	})
	Register(&Command{
		Name: "handoff", Args: "ID MEMBER", Summary: "assign a mention to a team member and print the email (a mailto: link) that hands it over",
		Run: runHandOff,
	})
}

// ids reads mention ids from args.
func ids(args []string) ([]uint64, error) {
	if len(args) == 0 {
		return nil, usagef("give at least one mention ID (see 'rapport mentions')")
	}
	out := make([]uint64, 0, len(args))
	for _, a := range args {
		id, err := strconv.ParseUint(a, 10, 64)
		if err != nil || id == 0 {
			return nil, usagef("%q is not a mention id", a)
		}
		out = append(out, id)
	}
	return out, nil
}

// changed reports how many of n mentions changed.
func changed(env *Env, n, of int, what string) {
	fmt.Fprintf(env.Stdout, "%d of %d mentions %s.\n", n, of, what)
}

func runMentionState(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() < 2 {
		return usagef("mention state needs a STATE and at least one ID")
	}
	st, err := inbox.ParseState(fs.Arg(0))
	if err != nil {
		return &UsageError{err.Error()}
	}
	if st == inbox.StateSnoozed {
		return usagef("use 'rapport mention snooze UNTIL ID…' to snooze")
	}
	list, err := ids(fs.Args()[1:])
	if err != nil {
		return err
	}
	return env.withEngine(func(e *engine.Engine) error {
		n, err := e.Inbox.SetState(list, st, e.W.Me(), env.Now())
		if err == nil {
			changed(env, n, len(list), "moved to "+st.String())
		}
		return err
	})
}

func runMentionAssign(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() < 2 {
		return usagef(`mention assign needs WHO ("" for nobody) and at least one ID`)
	}
	list, err := ids(fs.Args()[1:])
	if err != nil {
		return err
	}
	who := strings.TrimSpace(fs.Arg(0))
	return env.withEngine(func(e *engine.Engine) error {
		n, err := e.Inbox.Assign(list, who, e.W.Me(), env.Now())
		if err == nil {
			changed(env, n, len(list), "assigned to "+orNobody(who))
		}
		return err
	})
}

func orNobody(s string) string {
	if s == "" {
		return "nobody"
	}
	return s
}

// parseUntil reads a time (local, "2006-01-02T15:04" or RFC 3339) or a
// duration from now ("3h", "90m").
func parseUntil(s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(d), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("%q is not a time: write 2026-12-24T09:00 or a duration such as 3h", s)
}

func runMentionSnooze(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() < 2 {
		return usagef("mention snooze needs UNTIL and at least one ID")
	}
	until, err := parseUntil(fs.Arg(0), env.Now())
	if err != nil {
		return err
	}
	list, err := ids(fs.Args()[1:])
	if err != nil {
		return err
	}
	return env.withEngine(func(e *engine.Engine) error {
		n, err := e.Inbox.SnoozeUntil(list, until, e.W.Me(), env.Now())
		if err == nil {
			changed(env, n, len(list), "snoozed until "+until.Local().Format("Mon 2 Jan 15:04"))
		}
		return err
	})
}

func runMentionDelete(_ context.Context, env *Env, fs *flag.FlagSet) error {
	list, err := ids(fs.Args())
	if err != nil {
		return err
	}
	return env.withEngine(func(e *engine.Engine) error {
		n, err := e.Inbox.Delete(list, env.Now())
		if err == nil {
			changed(env, n, len(list), "deleted for good")
		}
		return err
	})
}

func runWake(_ context.Context, env *Env, _ *flag.FlagSet) error {
	return env.withEngine(func(e *engine.Engine) error {
		n, err := e.Inbox.Wake(env.Now())
		if err == nil {
			fmt.Fprintf(env.Stdout, "%d snoozed mentions came back.\n", n)
		}
		return err
	})
}

func runHandOff(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 2 {
		return usagef("handoff needs a mention ID and a team member's name")
	}
	list, err := ids(fs.Args()[:1])
	if err != nil {
		return err
	}
	return env.withEngine(func(e *engine.Engine) error {
		link, err := e.Routing.HandOff(list[0], fs.Arg(1), e.W.Me(), env.Now())
		if err == nil {
			fmt.Fprintln(env.Stdout, link)
		}
		return err
	})
}

func init() {
	Register(&Command{
		Name: "views", Summary: "list the inbox's views (built in and saved) with how many mentions each shows",
		Flags: func(fs *flag.FlagSet) { fs.Bool("json", false, "print JSON lines: id, name, built_in, count, shows") },
		Run:   runViews,
	})
}

func runViews(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withEngine(func(e *engine.Engine) error {
		views, err := e.Inbox.Views()
		if err != nil {
			return err
		}
		filters := make([]inbox.Filter, len(views))
		for i, v := range views {
			filters[i] = v.Filter
		}
		counts, err := e.Inbox.Counts(filters)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(env.Stdout)
		for i, v := range views {
			if flagBool(fs, "json") {
				_ = enc.Encode(struct {
					ID      string `json:"id"`
					Name    string `json:"name"`
					BuiltIn bool   `json:"built_in"`
					Count   int    `json:"count"`
					More    bool   `json:"more,omitempty"` // count is a lower bound
					Shows   string `json:"shows"`
				}{v.ID, v.Name, v.BuiltIn, counts[i].N, counts[i].More, v.Filter.Describe()})
				continue
			}
			fmt.Fprintf(env.Stdout, "%-16s %6s  %s\n", v.Name, counts[i], v.Filter.Describe())
		}
		return nil
	})
}
