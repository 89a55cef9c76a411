package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/understanding/analyze"
)

func init() {
	Register(&Command{
		Name: "analyze", Summary: "read text from stdin, one item per line, and say what Rapport understands in it",
		Help: `Each input line is one post. With --json each output line is a JSON object with
sentiment (-1…1), label (negative, neutral or positive), intents, touchpoints,
promise, lang, analysed and cues. With --tsv COL the input is tab-separated and
column COL (counting from 1) is scored; the row's other columns are kept under
"row".

The touch points, brand names and promise of the data folder are used when it
exists; otherwise the defaults.`,
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("json", false, "print JSON lines (the default with --tsv)")
			fs.Int("tsv", 0, "read tab-separated rows and score column `COL` (1 = first)")
		},
		Run: runAnalyze,
	})
}

// analysisJSON is one line of `analyze --json`.
type analysisJSON struct {
	Text        string    `json:"text"`
	Sentiment   float64   `json:"sentiment"`
	Label       string    `json:"label"`
	Intensity   float64   `json:"intensity"`
	Intents     []string  `json:"intents"`
	TouchPoints []string  `json:"touchpoints"`
	Promise     string    `json:"promise,omitempty"`
	Lang        string    `json:"lang"`
	Analysed    bool      `json:"analysed"`
	Reason      string    `json:"reason,omitempty"`
	Cues        []cueJSON `json:"cues"`
	Row         []string  `json:"row,omitempty"`
}

type cueJSON struct {
	Kind   string  `json:"kind"`
	Text   string  `json:"text"`
	Weight float64 `json:"weight,omitempty"`
	Note   string  `json:"note,omitempty"`
}

func runAnalyze(_ context.Context, env *Env, fs *flag.FlagSet) error {
	col, asJSON := flagInt(fs, "tsv"), flagBool(fs, "json")
	if col < 0 || fs.NArg() > 0 {
		return usagef("analyze reads stdin; --tsv needs a column number from 1")
	}
	an := analyzerFor(env)
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	sc := bufio.NewScanner(env.Stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text, row := sc.Text(), []string(nil)
		if col > 0 {
			row = strings.Split(strings.TrimRight(text, "\r"), "\t")
			if col > len(row) {
				fmt.Fprintf(env.Stderr, "line %d: only %d columns, skipped\n", line, len(row))
				continue
			}
			text = row[col-1]
		}
		r := an.Analyze(text)
		if !asJSON && col == 0 {
			fmt.Fprintln(out, r.Summary())
			continue
		}
		if err := enc.Encode(toJSON(text, r, row)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin at line %d: %w", line+1, err)
	}
	return nil
}

// analyzerFor uses the data folder's configuration when it can open it
// (it may not exist, or be in use by the app: then the defaults).
func analyzerFor(env *Env) *analyze.Analyzer {
	if env.DataDir != "" {
		if w, err := workspace.OpenExisting(env.DataDir, env.Log); err == nil {
			defer w.Close()
			return w.Understand.Analyzer()
		}
	}
	return analyze.New(analyze.DefaultConfig())
}

func toJSON(text string, r analyze.Result, row []string) analysisJSON {
	j := analysisJSON{
		Text: text, Sentiment: r.Sentiment, Label: r.Polarity, Intensity: r.Intensity, Intents: []string{}, TouchPoints: []string{},
		Promise: r.Promise, Lang: r.Lang, Analysed: r.Analysed, Reason: r.Reason, Cues: []cueJSON{}, Row: row,
	}
	if !r.Analysed {
		j.Label = "not analysed"
	}
	for _, l := range r.Intents {
		j.Intents = append(j.Intents, l.Name)
	}
	for _, l := range r.TouchPoints {
		j.TouchPoints = append(j.TouchPoints, l.Name)
	}
	for _, c := range r.Cues {
		w, _ := strconv.ParseFloat(strconv.FormatFloat(c.Weight, 'f', 3, 64), 64)
		j.Cues = append(j.Cues, cueJSON{Kind: c.Kind, Text: c.Text, Weight: w, Note: c.Note})
	}
	return j
}
