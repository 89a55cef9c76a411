package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/integrating/experiments"
)

func init() {
	Register(&Command{
		Name: "experiment add", Args: "FILE.json", Summary: "add an experiment (a draft) from a JSON file",
		Help: `FILE.json holds name, hypothesis, variants (name, tip, template_id), population
(intent, polarity, touchpoint, platform, contacts), outcome (returns, sentiment,
stage-up, recommends or follow-up), days (the outcome's window, default 14) and
random (true: random assignment; default: alternate).`,
		Run: runExperimentAdd,
	})
	Register(&Command{
		Name: "experiment start", Args: "ID", Summary: "start a draft experiment: the composer suggests its variants from now on",
		Run: func(_ context.Context, env *Env, fs *flag.FlagSet) error {
			if fs.NArg() != 1 {
				return usagef("experiment start needs an ID (see 'rapport experiment list')")
			}
			return env.withEngine(func(e *engine.Engine) error {
				if err := e.Experiments.Start(fs.Arg(0)); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Experiment %s is running.\n", fs.Arg(0))
				return nil
			})
		},
	})
	Register(&Command{
		Name: "experiment conclude", Args: "ID CONCLUSION", Summary: "end a running experiment; the conclusion goes on the board as a learning",
		Run: func(_ context.Context, env *Env, fs *flag.FlagSet) error {
			if fs.NArg() < 2 {
				return usagef("experiment conclude needs an ID and the conclusion in words")
			}
			return env.withEngine(func(e *engine.Engine) error {
				if err := e.Experiments.Conclude(fs.Arg(0), strings.Join(fs.Args()[1:], " ")); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Experiment %s is concluded; its learning is on the board.\n", fs.Arg(0))
				return nil
			})
		},
	})
}

func runExperimentAdd(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usagef("experiment add needs a FILE.json")
	}
	b, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	var x experiments.Experiment
	if err := json.Unmarshal(b, &x); err != nil {
		return fmt.Errorf("read %s: %w", fs.Arg(0), err)
	}
	x.ID, x.State = "", ""
	return env.withEngine(func(e *engine.Engine) error {
		saved, err := e.Experiments.Save(x)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Added experiment %s (a draft): 'rapport experiment start %s' to run it.\n", saved.ID, saved.ID)
		return nil
	})
}
