package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

func init() {
	Register(&Command{
		Name: "contacts import", Args: "FILE", Summary: "add contacts from a vCard (.vcf) or CSV file",
		Help: "Contacts that look like someone already in Rapport are added with a merge suggestion, never silently merged.",
		Run:  runContactsImport,
	})
	Register(&Command{
		Name: "contacts export", Args: "FILE", Summary: "write every contact to a vCard (.vcf) or CSV file",
		Run: runContactsExport,
	})
	Register(&Command{
		Name: "contacts list", Summary: "list contacts with their advocate score and stage",
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("json", false, "print JSON lines")
			fs.Bool("all", false, "include everyone who wrote a mention, not only contacts")
			fs.String("sort", crm.ByScore, "score, stage, last contact, balance or name")
		},
		Run: runContactsList,
	})
	Register(&Command{
		Name: "contacts suggestions", Summary: "list people who are probably the same person (the merge suggestions)",
		Help: "Each line names two people, why they look alike and how sure Rapport is. Merge or keep them apart in the window's Contacts screen.",
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("json", false, "print JSON lines")
		},
		Run: runContactsSuggestions,
	})
}

// suggestionJSON is one line of `contacts suggestions --json`.
type suggestionJSON struct {
	A          uint64  `json:"a"`
	AName      string  `json:"a_name"`
	B          uint64  `json:"b,omitempty"`
	BName      string  `json:"b_name"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
	Incoming   bool    `json:"incoming,omitempty"`
}

func runContactsSuggestions(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withWorkspace(func(w *workspace.Workspace) error {
		sgs, err := engine.New(w, env.Version).CRM.Suggestions()
		if err != nil {
			return err
		}
		if flagBool(fs, "json") {
			enc := json.NewEncoder(env.Stdout)
			for _, sg := range sgs {
				_ = enc.Encode(suggestionJSON{A: sg.A.ID, AName: sg.A.Name, B: sg.B.ID, BName: sg.B.Name, Reason: sg.Reason, Confidence: sg.Confidence, Incoming: sg.Incoming})
			}
			return nil
		}
		if len(sgs) == 0 {
			fmt.Fprintln(env.Stdout, "No merge suggestions: nobody looks like someone else.")
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "A\tB\tSURE\tWHY")
		for _, sg := range sgs {
			b := fmt.Sprintf("%d %s", sg.B.ID, sg.B.Name)
			if sg.Incoming {
				b = sg.B.Name + " (imported)"
			}
			fmt.Fprintf(tw, "%d %s\t%s\t%.0f%%\t%s\n", sg.A.ID, sg.A.Name, b, sg.Confidence*100, sg.Reason)
		}
		return tw.Flush()
	})
}

func runContactsImport(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("contacts import needs one FILE")
	}
	format, err := crm.FormatOf(fs.Arg(0))
	if err != nil {
		return usagef("%v", err)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	return env.withWorkspace(func(w *workspace.Workspace) error {
		res, err := engine.New(w, env.Version).CRM.Import(bufio.NewReader(f), format)
		for _, p := range res.Problems {
			fmt.Fprintln(env.Stderr, p.String())
		}
		if err != nil {
			return fmt.Errorf("%s: %w", fs.Arg(0), err)
		}
		fmt.Fprintf(env.Stdout, "Added %d contacts; %d look like people already here and are waiting as merge suggestions.\n", res.Added, res.Suggested)
		return nil
	})
}

func runContactsExport(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("contacts export needs one FILE")
	}
	format, err := crm.FormatOf(fs.Arg(0))
	if err != nil {
		return usagef("%v", err)
	}
	return env.withWorkspace(func(w *workspace.Workspace) error {
		f, err := os.Create(fs.Arg(0))
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		n, err := engine.New(w, env.Version).CRM.Export(bw, format)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %d contacts to %s.\n", n, fs.Arg(0))
		return nil
	})
}

// contactJSON is one line of `contacts list --json`.
type contactJSON struct {
	ID          uint64   `json:"id"`
	Name        string   `json:"name"`
	Contact     bool     `json:"contact"`
	Stage       string   `json:"stage"`
	Suggested   string   `json:"suggested_stage"`
	Score       float64  `json:"score"`
	Trend       string   `json:"trend"`
	LastContact string   `json:"last_contact,omitempty"`
	Balance     int      `json:"balance"`
	Mentions    int      `json:"mentions"`
	Platforms   []string `json:"platforms"`
}

func runContactsList(_ context.Context, env *Env, fs *flag.FlagSet) error {
	f := crm.ListFilter{Everyone: flagBool(fs, "all"), Sort: flagString(fs, "sort")}
	asJSON := flagBool(fs, "json")
	return env.withWorkspace(func(w *workspace.Workspace) error {
		rows, err := engine.New(w, env.Version).CRM.List(f)
		if err != nil {
			return err
		}
		if asJSON {
			enc := json.NewEncoder(env.Stdout)
			for _, r := range rows {
				last := ""
				if !r.LastContact.IsZero() {
					last = r.LastContact.UTC().Format("2006-01-02T15:04:05Z")
				}
				_ = enc.Encode(contactJSON{
					ID: r.ID, Name: r.Name, Contact: r.Contact, Stage: r.Stage, Suggested: r.Suggested,
					Score: float64(int(r.Score*10+0.5)) / 10, Trend: r.Trend, LastContact: last, Balance: r.Balance,
					Mentions: r.Mentions, Platforms: nonNil(r.Platforms),
				})
			}
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSTAGE\tSCORE\tTREND\tMENTIONS\tPLATFORMS")
		for _, r := range rows {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%.0f\t%s\t%d\t%s\n", r.ID, r.Name, orNone(r.Stage), r.Score, r.Trend, r.Mentions, strings.Join(r.Platforms, ", "))
		}
		return tw.Flush()
	})
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
