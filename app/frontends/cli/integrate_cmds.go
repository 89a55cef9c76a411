package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/integrating/export"
	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"
	"github.com/rapportapp/rapport/app/integrating/report"
)

func init() {
	period := func(fs *flag.FlagSet) {
		fs.String("from", "", "first day of the period (2026-11-14; default: 6 days before --to)")
		fs.String("to", "", "last day of the period (default: today)")
	}
	Register(&Command{
		Name: "insights", Summary: "the figures of the Insights screen for a period, against the period before",
		Help: `--json prints the figures behind the screen as one JSON object: totals, per-day
volume, sentiment and intents, networks, sources, intents and touch points (count,
mean sentiment, previous period), the brand promise, responsiveness (first-response
median and p90 in minutes, shares answered within 1 h and 24 h, per responder, who
is waiting), people, share of voice, and every experiment's results (n, successes,
Wilson interval and Fisher's p-value per variant). Days are UTC days.`,
		Flags: func(fs *flag.FlagSet) { period(fs); fs.Bool("json", false, "print JSON") },
		Run:   runInsights,
	})
	Register(&Command{
		Name: "report", Summary: "write the one-page report of a period as HTML (charts embedded) or Markdown",
		Flags: func(fs *flag.FlagSet) { period(fs); fs.String("out", "", "the file to write: FILE.html or FILE.md") },
		Run:   runReport,
	})
	Register(&Command{
		Name: "experiment list", Summary: "list the experiments with their results so far",
		Flags: func(fs *flag.FlagSet) { fs.Bool("json", false, "print JSON") },
		Run:   runExperimentList,
	})
	for _, what := range []string{"mentions", "interactions", "metrics"} {
		Register(&Command{
			Name: "export " + what, Summary: "write every " + strings.TrimSuffix(what, "s") + " (metrics: per day) as CSV or JSON",
			Flags: func(fs *flag.FlagSet) { fs.String("out", "", "the file to write: FILE.csv or FILE.json") },
			Run:   func(ctx context.Context, env *Env, fs *flag.FlagSet) error { return runExport(env, fs, what) },
		})
	}
}

// insightsJSON is what `insights --json` prints.
type insightsJSON struct {
	*insights.Insights
	Experiments []experiments.Result `json:"experiments"`
}

func runInsights(_ context.Context, env *Env, fs *flag.FlagSet) error {
	p, err := insights.ParsePeriod(flagString(fs, "from"), flagString(fs, "to"), env.Now())
	if err != nil {
		return &UsageError{err.Error()}
	}
	return env.withEngine(func(e *engine.Engine) error {
		ins, results, err := figures(e, p)
		if err != nil {
			return err
		}
		if flagBool(fs, "json") {
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", " ")
			return enc.Encode(insightsJSON{ins, results})
		}
		return report.Markdown(env.Stdout, report.Data{Business: business(e), Insights: ins, Experiments: results})
	})
}

// figures computes a period's insights and every experiment's results.
func figures(e *engine.Engine, p insights.Period) (*insights.Insights, []experiments.Result, error) {
	ins, err := e.Insights.Compute(p)
	if err != nil {
		return nil, nil, err
	}
	es, err := e.Experiments.List()
	if err != nil {
		return nil, nil, err
	}
	results := []experiments.Result{}
	for _, x := range es {
		if x.State == experiments.Draft {
			continue
		}
		r, err := e.Experiments.Results(x)
		if err != nil {
			return nil, nil, err
		}
		results = append(results, r)
	}
	return ins, results, nil
}

func business(e *engine.Engine) string {
	b, err := e.W.Business()
	if err != nil || b.Name == "" {
		return "Your business"
	}
	return b.Name
}

// ReportData gathers what a report of period p shows.
func reportData(e *engine.Engine, p insights.Period) (report.Data, error) {
	ins, results, err := figures(e, p)
	if err != nil {
		return report.Data{}, err
	}
	all, err := e.Ideas.List()
	var learned []ideas.Idea
	for _, i := range all {
		if i.Stage == ideas.StageLearned || i.Stage == ideas.StageDone {
			learned = append(learned, i)
		}
	}
	return report.Data{Business: business(e), Insights: ins, Experiments: results, Learnings: learned}, err
}

func runReport(_ context.Context, env *Env, fs *flag.FlagSet) error {
	out := flagString(fs, "out")
	ext := strings.ToLower(filepath.Ext(out))
	if out == "" || (ext != ".html" && ext != ".md") {
		return usagef("--out FILE.html or --out FILE.md")
	}
	p, err := insights.ParsePeriod(flagString(fs, "from"), flagString(fs, "to"), env.Now())
	if err != nil {
		return &UsageError{err.Error()}
	}
	return env.withEngine(func(e *engine.Engine) error {
		d, err := reportData(e, p)
		if err != nil {
			return err
		}
		write := report.HTML
		if ext == ".md" {
			write = report.Markdown
		}
		if err := writeFile(out, func(f *os.File) error { return write(f, d) }); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote the report of %s to %s\n", p, out)
		return nil
	})
}

func runExperimentList(_ context.Context, env *Env, fs *flag.FlagSet) error {
	return env.withEngine(func(e *engine.Engine) error {
		es, err := e.Experiments.List()
		if err != nil {
			return err
		}
		type row struct {
			experiments.Experiment
			Results experiments.Result `json:"results"`
		}
		rows := []row{}
		for _, x := range es {
			r, err := e.Experiments.Results(x)
			if err != nil {
				return err
			}
			rows = append(rows, row{x, r})
		}
		if flagBool(fs, "json") {
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", " ")
			return enc.Encode(rows)
		}
		if len(rows) == 0 {
			fmt.Fprintln(env.Stdout, "No experiments yet.")
		}
		for _, r := range rows {
			fmt.Fprintf(env.Stdout, "%s  %-10s %s\n    %s\n", r.ID, r.State, r.Name, r.Results.Sentence)
			for _, v := range r.Results.Variants {
				fmt.Fprintf(env.Stdout, "    %s %-28.28s %3d/%-3d %5.1f %%  [%4.1f–%4.1f %%]  %d pending\n", v.Key, v.Name, v.Successes, v.N, 100*v.Rate, 100*v.Low, 100*v.High, v.Pending)
			}
		}
		return nil
	})
}

func runExport(env *Env, fs *flag.FlagSet, what string) error {
	out := flagString(fs, "out")
	if out == "" {
		return usagef("--out FILE.csv or --out FILE.json")
	}
	f, err := export.FormatOf(out)
	if err != nil {
		return &UsageError{err.Error()}
	}
	return env.withEngine(func(e *engine.Engine) error {
		n := 0
		err := writeFile(out, func(w *os.File) (err error) {
			switch what {
			case "mentions":
				n, err = export.Mentions(e.W.Store, w, f)
			case "interactions":
				n, err = export.Interactions(e.W.Store, w, f)
			default:
				n, err = export.Metrics(e.W.Store, e.Insights, w, f)
			}
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %d %s to %s\n", n, map[string]string{"metrics": "days"}[what]+map[bool]string{true: what}[what != "metrics"], out)
		return nil
	})
}

// writeFile writes through a temporary file renamed into place, so a
// failed write never leaves half a file.
func writeFile(path string, fn func(f *os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rapport-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
