package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/integrating/ideas"
)

func init() {
	Register(&Command{
		Name: "idea add", Args: "TITLE MENTION-ID...", Summary: "turn mentions into an idea on the learnings board",
		Flags: func(fs *flag.FlagSet) {
			fs.String("kind", "process", "product, content, process or service")
			fs.String("owner", "", "who takes it on")
		},
		Run: runIdeaAdd,
	})
	Register(&Command{
		Name: "idea list", Summary: "the learnings board: Ideas → Planned → Done → Learned",
		Flags: func(fs *flag.FlagSet) { fs.Bool("json", false, "print JSON") },
		Run:   runIdeaList,
	})
	Register(&Command{
		Name: "idea move", Args: "ID STAGE", Summary: "move an idea to idea, planned, done or learned",
		Run: func(_ context.Context, env *Env, fs *flag.FlagSet) error {
			if fs.NArg() != 2 {
				return usagef("idea move needs an ID and a STAGE")
			}
			return env.withEngine(func(e *engine.Engine) error {
				i, err := e.Ideas.Move(fs.Arg(0), fs.Arg(1))
				if err == nil {
					fmt.Fprintf(env.Stdout, "%s is now %s.\n", i.Title, i.Stage)
				}
				return err
			})
		},
	})
	Register(&Command{
		Name: "idea loop", Args: "ID", Summary: "draft the notes that close the loop of a done idea: one per person who raised it, one public post",
		Run: func(_ context.Context, env *Env, fs *flag.FlagSet) error {
			if fs.NArg() != 1 {
				return usagef("idea loop needs an ID")
			}
			return env.withEngine(func(e *engine.Engine) error {
				loop, err := e.Ideas.CloseLoop(fs.Arg(0))
				if err != nil {
					return err
				}
				for _, n := range loop.Notes {
					fmt.Fprintf(env.Stdout, "To %s (%s, %s):\n%s\n\n", n.Name, n.Platform, n.Link, n.Draft)
				}
				fmt.Fprintf(env.Stdout, "Public post:\n%s\n", loop.Public)
				return nil
			})
		},
	})
}

func runIdeaAdd(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() < 2 {
		return usagef("idea add needs a TITLE and at least one MENTION-ID")
	}
	list, err := ids(fs.Args()[1:])
	if err != nil {
		return err
	}
	return env.withEngine(func(e *engine.Engine) error {
		i, err := e.Ideas.FromMentions(fs.Arg(0), flagString(fs, "kind"), list)
		if err != nil {
			return err
		}
		if o := strings.TrimSpace(flagString(fs, "owner")); o != "" {
			i.Owner = o
			if i, err = e.Ideas.Save(i); err != nil {
				return err
			}
		}
		fmt.Fprintf(env.Stdout, "Added idea %s: %s (%d mentions)\n", i.ID, i.Title, len(i.Mentions))
		return nil
	})
}

func runIdeaList(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withEngine(func(e *engine.Engine) error {
		all, err := e.Ideas.List()
		if err != nil {
			return err
		}
		if flagBool(fs, "json") {
			if all == nil {
				all = []ideas.Idea{}
			}
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", " ")
			return enc.Encode(all)
		}
		for _, i := range all {
			fmt.Fprintf(env.Stdout, "%-4s %-8s %-8s %s (%s, %d mentions)\n", i.ID, i.Stage, i.Kind, i.Title, ownerOrNone(i.Owner), len(i.Mentions))
		}
		return nil
	})
}

func ownerOrNone(s string) string {
	if s == "" {
		return "no owner"
	}
	return s
}
