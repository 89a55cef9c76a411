// Command trainintents trains Rapport's learned reading layer on the
// labelled posts in testdata/posts and writes the embedded model file.
//
//	go run ./scripts/trainintents split     assign train/dev/test (once, deterministic)
//	go run ./scripts/trainintents           train, choose on dev, write the model
//	go run ./scripts/trainintents -test     … and report the test split (rules, model, both)
//
// Everything is deterministic: fixed seeds, fixed order. The test split is
// never used for a choice; docs/understanding.md records each look at it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rapportapp/rapport/app/understanding/analyze"

	"github.com/rapportapp/rapport/app/understanding/labelled"
)

func main() {
	fs := flag.NewFlagSet("trainintents", flag.ExitOnError)
	data := fs.String("data", "testdata/posts", "folder of labelled posts")
	out := fs.String("out", "app/understanding/analyze/model.bin.gz", "model file to write")
	test := fs.Bool("test", false, "also report the test split (a look at it: record it in the docs)")
	split := fs.String("split", "train", "inspect: the split to read (train or dev)")
	intent := fs.String("intent", "complaint", "inspect: the intent")
	n := fs.Int("n", 60, "inspect: how many posts of each kind of error")
	args := os.Args[1:]
	cmd := ""
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	_ = fs.Parse(args)
	var err error
	switch cmd {
	case "inspect":
		posts, lerr := labelled.Load(*data)
		if lerr != nil {
			err = lerr
			break
		}
		if *split == "test" {
			err = fmt.Errorf("the test split is not for reading errors")
			break
		}
		runInspect(newCorpus(posts), *split, *intent, *n, os.Stdout)
	case "curve":
		err = runCurveCmd(*data, *test, os.Stdout)
	case "split":
		err = runSplit(*data, os.Stdout)
	case "":
		err = runTrain(*data, *out, *test, os.Stdout)
	default:
		err = fmt.Errorf("unknown command %q", cmd)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "trainintents:", err)
		os.Exit(1)
	}
}

// grid is the settings tried; the best by cross-validated log loss is kept.
func grid(fam int) []setup {
	var out []setup
	for _, l2 := range []float64{0.0003, 0.001, 0.003, 0.01} {
		for _, passes := range []int{20, 40} {
			out = append(out, setup{fam: fam, l2: l2, iters: passes, min: 1, sgd: true, rate: 0.1})
		}
	}
	return out
}

func runTrain(data, path string, test bool, out io.Writer) error {
	posts, err := labelled.Load(data)
	if err != nil {
		return err
	}
	fx, err := loadFixtures("app/understanding/analyze/testdata/intents.tsv")
	if err != nil {
		return err
	}
	c := newCorpus(append(posts, fx...))
	if e := os.Getenv("TRAIN_EXPERIMENT"); e != "" {
		experiment(c, out)
		return nil
	}
	fmt.Fprintln(out, "model alone (words, no rule cues):")
	words := search(c, grid(wordsOnly), false, out)
	fmt.Fprintln(out, "both (words + rule cues, combination policy):")
	both := search(c, grid(withCues), true, out)
	if err := save(both.model, path); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nchosen: %s (%d features), written to %s\n", both.setup, both.model.Size(), path)
	pool := c.idx("train", "dev")
	fmt.Fprintf(out, "\n### train+dev, cross-validated (%d folds, %d posts)\n\n", folds, len(pool))
	table(out, []string{"rules", "model", "both"}, []scores{
		score(c.posts, pool, func(i int) map[string]bool { return c.rules[i] }), words.cv, both.cv,
	})
	fmt.Fprintf(out, "\npolicies:")
	for _, in := range outputs() {
		d := both.ds[in]
		fmt.Fprintf(out, " %s=%s@%.2f", in, []string{"model", "rules", "either"}[d.policy], d.threshold)
	}
	fmt.Fprintf(out, "\n\n### cross-domain complaint (train on 8 kinds' train split, tune on their dev split, score the 9th's train+dev)\n\n")
	fmt.Fprintf(out, "| held-out kind | complaints | P | R | F1 |\n|---|---|---|---|---|\n")
	crossDomain(c, both.setup, out)
	if test {
		reportTest(out, c, words.model, both.model)
	}
	return nil
}

// runCurveCmd chooses the personal layer's settings on dev and, with
// -test, prints the learning curve on the test split.
func runCurveCmd(data string, test bool, out io.Writer) error {
	posts, err := labelled.Load(data)
	if err != nil {
		return err
	}
	fx, err := loadFixtures("app/understanding/analyze/testdata/intents.tsv")
	if err != nil {
		return err
	}
	c := newCorpus(append(posts, fx...))
	s := chosenSetup()
	base := curveBase(c, s)
	fmt.Fprintln(out, "personal layer settings (dev halves):")
	opt := tunePersonal(c, base, out)
	fmt.Fprintf(out, "chosen: %+v\n", opt)
	runCurveNewKind(c, s, opt, out)
	if test {
		runCurve(c, s, opt, out)
	}
	return nil
}

// chosenSetup is the setup the last training chose (cross-validated log
// loss; see the training output), kept here so the curve does not redo
// the search.
func chosenSetup() setup {
	return setup{fam: withCues, l2: 0.001, iters: 20, min: 1, sgd: true, rate: 0.1}
}

// reportTest prints rules / model / both on the test split, read by the
// analyzer itself with each model (what the app does).
func reportTest(out io.Writer, c *corpus, words, both *analyze.Model) {
	idx := c.idx("test")
	read := func(m *analyze.Model) func(int) map[string]bool {
		return func(i int) map[string]bool {
			r := c.analyzer(&c.posts[i]).WithModel(m).Analyze(c.posts[i].Text)
			got := map[string]bool{}
			for _, l := range r.Intents {
				got[l.Name] = true
			}
			return got
		}
	}
	fmt.Fprintf(out, "\n### test split (%d posts)\n\n", len(idx))
	table(out, []string{"rules", "model", "both"}, []scores{
		score(c.posts, idx, read(nil)), score(c.posts, idx, read(words)), score(c.posts, idx, read(both)),
	})
}

// experiment is a place for development comparisons on train+dev (set
// TRAIN_EXPERIMENT=1); it reports cross-domain complaint F1 per setting.
func experiment(c *corpus, out io.Writer) {
	for _, s := range grid(withCues) {
		fmt.Fprintf(out, "%s: cross-domain complaint F1 %.4f\n", s, crossDomain(c, s, nil))
	}
}
