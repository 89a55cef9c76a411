package analyze

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jonreiter/govader"
)

// TestEvaluate regenerates the numbers in docs/understanding.md:
//
//	go test -run TestEvaluate -v ./app/understanding/analyze/
//	RAPPORT_EVAL_OUT=/tmp/eval.md go test -run TestEvaluate ./app/understanding/analyze/
//
// The sentiment part needs the shared data (RAPPORT_SHARED_DATA, default
// ../shared/data next to the repository) and is skipped without it.
func TestEvaluate(t *testing.T) {
	var out strings.Builder
	t.Run("sentiment", func(t *testing.T) { evalSentiment(t, &out) })
	t.Run("intents", func(t *testing.T) { evalIntents(t, &out) })
	t.Run("throughput", func(t *testing.T) { evalThroughput(t, &out) })
	t.Log("\n" + out.String())
	if p := os.Getenv("RAPPORT_EVAL_OUT"); p != "" {
		if err := os.WriteFile(p, []byte(out.String()), 0o644); err != nil {
			t.Fatalf("write %s: %v", p, err)
		}
	}
}

// Class boundaries: a tweet is negative when raters averaged below -0.5 on
// the -4..+4 scale and positive above +0.5; a score is negative at or below
// -threshold and positive at or above +threshold (VADER's ±0.05 by default).
const ratingBoundary = 0.5

func ratingClass(y float64) int {
	switch {
	case y > ratingBoundary:
		return 1
	case y < -ratingBoundary:
		return -1
	}
	return 0
}

func scoreClass(x, th float64) int {
	switch {
	case x >= th:
		return 1
	case x <= -th:
		return -1
	}
	return 0
}

func pearson(xs, ys []float64) float64 {
	var sx, sy, sxx, syy, sxy float64
	n := float64(len(xs))
	for i := range xs {
		sx, sy = sx+xs[i], sy+ys[i]
		sxx, syy, sxy = sxx+xs[i]*xs[i], syy+ys[i]*ys[i], sxy+xs[i]*ys[i]
	}
	return (n*sxy - sx*sy) / math.Sqrt((n*sxx-sx*sx)*(n*syy-sy*sy))
}

// accuracy is three-class accuracy over rows where keep(i) is true.
func accuracy(xs, ys []float64, th float64, keep func(int) bool) float64 {
	ok, n := 0, 0
	for i := range xs {
		if !keep(i) {
			continue
		}
		n++
		if scoreClass(xs[i], th) == ratingClass(ys[i]) {
			ok++
		}
	}
	return ratio(ok, n)
}

func all(int) bool { return true }

func evalSentiment(t *testing.T, out *strings.Builder) {
	tw := loadTweets(t)
	ys := make([]float64, len(tw))
	gv := make([]float64, len(tw))
	sia := govader.NewSentimentIntensityAnalyzer()
	for i, r := range tw {
		ys[i], gv[i] = r.rating, sia.PolarityScores(r.text).Compound
	}
	compat := scoreAll(tw, govaderOptions())
	for i := range tw {
		if math.Abs(compat[i]-gv[i]) > 1e-9 {
			t.Errorf("govader-compatible mode differs from govader on %q: %v vs %v", tw[i].text, compat[i], gv[i])
		}
	}
	full := scoreAll(tw, fullOptions())
	a := New(DefaultConfig())
	analysed := make([]float64, len(tw))
	var skipped []string
	classOK := 0 // Polarity, the class read from the score and the intents
	for i, r := range tw {
		res := a.Analyze(r.text)
		analysed[i] = res.Sentiment
		if map[string]int{"negative": -1, "neutral": 0, "positive": 1}[res.Polarity] == ratingClass(r.rating) && res.Analysed {
			classOK++
		}
		if !res.Analysed {
			skipped = append(skipped, fmt.Sprintf("%s: %q", res.Lang, r.text))
		}
	}
	fmt.Fprintf(out, "## Sentiment: %d tweets (Hutto & Gilbert 2014)\n\n", len(tw))
	fmt.Fprintf(out, "| analyzer | Pearson r | 3-class accuracy (±0.05) | at ±%.2f (the app's band) |\n|---|---|---|---|\n", NeutralBand)
	for _, m := range []struct {
		name string
		xs   []float64
	}{{"govader (library)", gv}, {"Rapport, govader-compatible mode", compat}, {"Rapport sentiment", full}, {"Rapport Analyze (with language check)", analysed}} {
		fmt.Fprintf(out, "| %s | %.4f | %.4f | %.4f |\n", m.name, pearson(m.xs, ys), accuracy(m.xs, ys, 0.05, all), accuracy(m.xs, ys, NeutralBand, all))
	}
	fmt.Fprintf(out, "\nRapport Analyze's Polarity (the class read from the score and the intents): 3-class accuracy %.4f\n", ratio(classOK, len(tw)))
	fmt.Fprintf(out, "\nNot analysed by the language check: %d\n", len(skipped))
	for _, s := range skipped {
		fmt.Fprintf(out, "- %s\n", s)
	}
	thresholdStudy(out, gv, full, ys)
	ablation(out, tw, ys)
	if r := pearson(full, ys); r < pearson(gv, ys) || r < 0.88 {
		t.Errorf("Rapport sentiment r = %.4f, want ≥ 0.88 and ≥ govader's %.4f", r, pearson(gv, ys))
	}
}

func scoreAll(tw []rated, o options) []float64 {
	xs := make([]float64, len(tw))
	for i, r := range tw {
		xs[i] = scoreText(r.text, &o)
	}
	return xs
}

// thresholdStudy picks the neutral band on even rows and reports it on odd rows.
func thresholdStudy(out *strings.Builder, gv, full, ys []float64) {
	even := func(i int) bool { return i%2 == 0 }
	odd := func(i int) bool { return i%2 == 1 }
	fmt.Fprintf(out, "\n### Neutral band (chosen on even rows, reported on odd rows)\n\n")
	fmt.Fprintf(out, "| analyzer | best threshold (even) | accuracy even | accuracy odd at it | odd at ±0.05 |\n|---|---|---|---|---|\n")
	for _, m := range []struct {
		name string
		xs   []float64
	}{{"govader", gv}, {"Rapport", full}} {
		best, bestAcc := 0.05, 0.0
		for th := 0.05; th <= 0.601; th += 0.05 {
			if acc := accuracy(m.xs, ys, th, even); acc > bestAcc {
				best, bestAcc = th, acc
			}
		}
		fmt.Fprintf(out, "| %s | ±%.2f | %.4f | %.4f | %.4f |\n", m.name, best, bestAcc,
			accuracy(m.xs, ys, best, odd), accuracy(m.xs, ys, 0.05, odd))
	}
}

// ablation measures each fix alone on top of govader and removed from the full set.
func ablation(out *strings.Builder, tw []rated, ys []float64) {
	fmt.Fprintf(out, "\n### Each fix, measured\n\n| fix | in full set | r alone on govader | r of full set without it | Δr (full − without) |\n|---|---|---|---|---|\n")
	fullR := pearson(scoreAll(tw, fullOptions()), ys)
	for _, f := range optionFlags() {
		alone := govaderOptions()
		*f.field(&alone) = true
		without := fullOptions()
		on := *f.field(&without)
		*f.field(&without) = false
		rw := pearson(scoreAll(tw, without), ys)
		fmt.Fprintf(out, "| %s | %v | %.4f | %.4f | %+.4f |\n", f.name, on,
			pearson(scoreAll(tw, alone), ys), rw, fullR-rw)
	}
}

// optionFlag names one boolean of options.
type optionFlag struct {
	name  string
	field func(*options) *bool
}

func optionFlags() []optionFlag {
	return []optionFlag{
		{"splitAllSpace", func(o *options) *bool { return &o.splitAllSpace }},
		{"lowerContext", func(o *options) *bool { return &o.lowerContext }},
		{"pyNeverBug", func(o *options) *bool { return &o.pyNeverBug }},
		{"pySpecials", func(o *options) *bool { return &o.pySpecials }},
		{"stripShort", func(o *options) *bool { return &o.stripShort }},
		{"apostrophes", func(o *options) *bool { return &o.apostrophes }},
		{"elongation", func(o *options) *bool { return &o.elongation }},
		{"slang", func(o *options) *bool { return &o.slang }},
		{"context", func(o *options) *bool { return &o.context }},
		{"clauseScope", func(o *options) *bool { return &o.clauseScope }},
		{"butScope", func(o *options) *bool { return &o.butScope }},
		{"emoji", func(o *options) *bool { return &o.emoji }},
		{"emoticons", func(o *options) *bool { return &o.emoticons }},
		{"skipHandles", func(o *options) *bool { return &o.skipHandles }},
		{"sarcasm", func(o *options) *bool { return &o.sarcasm }},
		{"negOnce", func(o *options) *bool { return &o.negOnce }},
		{"idioms", func(o *options) *bool { return &o.idioms }},
		{"caseEmotes", func(o *options) *bool { return &o.caseEmotes }},
		{"stems", func(o *options) *bool { return &o.stems }},
		{"commerce", func(o *options) *bool { return &o.commerce }},
		{"sarcasmEcho", func(o *options) *bool { return &o.sarcasmEcho }},
		{"questions", func(o *options) *bool { return &o.questions }},
		{"noDeterminer", func(o *options) *bool { return &o.noDeterminer }},
		{"emojiAsIs", func(o *options) *bool { return &o.emojiAsIs }},
	}
}

func evalIntents(t *testing.T, out *strings.Builder) {
	a := New(fixtureConfig())
	fx := loadFixtures(t)
	var tps []string
	for _, c := range a.cfg.TouchPoints {
		tps = append(tps, c.Name)
	}
	for _, split := range []string{"dev", "test"} {
		ic, tc := map[string]*prf{}, map[string]*prf{}
		for _, n := range Intents() {
			ic[n] = &prf{}
		}
		for _, n := range tps {
			tc[n] = &prf{}
		}
		rows := 0
		for _, f := range fx {
			if f.split != split {
				continue
			}
			rows++
			r := a.Analyze(f.text)
			scoreLabels(Intents(), f.intents, names(r.Intents), ic)
			scoreLabels(tps, f.touch, names(r.TouchPoints), tc)
		}
		fmt.Fprintf(out, "\n## Intents and touch points: %s split (%d posts)\n\n", split, rows)
		prfTable(out, Intents(), ic)
		fmt.Fprintln(out)
		prfTable(out, tps, tc)
	}
}

func prfTable(out *strings.Builder, names []string, c map[string]*prf) {
	fmt.Fprintf(out, "| label | gold | precision | recall | F1 |\n|---|---|---|---|---|\n")
	var sum prf
	for _, n := range names {
		x := c[n]
		sum.tp, sum.fp, sum.fn = sum.tp+x.tp, sum.fp+x.fp, sum.fn+x.fn
		fmt.Fprintf(out, "| %s | %d | %.2f | %.2f | %.2f |\n", n, x.tp+x.fn, x.precision(), x.recall(), x.f1())
	}
	fmt.Fprintf(out, "| micro-average | %d | %.2f | %.2f | %.2f |\n", sum.tp+sum.fn, sum.precision(), sum.recall(), sum.f1())
}

// evalThroughput measures full Analyze on one goroutine, on the labelled
// posts and on the fixtures, in posts per second of wall time and of CPU
// time (the second is what one core does when the machine is shared).
func evalThroughput(t *testing.T, out *strings.Builder) {
	if testing.Short() {
		t.Skip("throughput skipped in -short mode")
	}
	var texts []string
	for _, p := range loadPosts(t) {
		texts = append(texts, p.Text)
	}
	fmt.Fprintf(out, "\n## Throughput\n\nFull Analyze (rules and learned model), one goroutine, GOARCH=%s, %d CPUs:\n\n", runtime.GOARCH, runtime.NumCPU())
	fmt.Fprintf(out, "| posts | per second (wall) | per CPU second |\n|---|---|---|\n")
	for _, set := range []struct {
		name  string
		posts []string
	}{{"labelled posts (testdata/posts)", texts}, {"coffee fixtures", samplePosts()}} {
		wall, cpu := throughput(New(DefaultConfig()), set.posts)
		fmt.Fprintf(out, "| %s | %.0f | %.0f |\n", set.name, wall, cpu)
	}
}

// throughput analyses posts for about a second.
func throughput(a *Analyzer, posts []string) (wall, cpu float64) {
	runtime.GC()
	c0, ok := cpuTime()
	n, start := 0, time.Now()
	for time.Since(start) < time.Second {
		for _, p := range posts {
			a.Analyze(p)
		}
		n += len(posts)
	}
	wall = float64(n) / time.Since(start).Seconds()
	if c1, ok1 := cpuTime(); ok && ok1 && c1 > c0 {
		cpu = float64(n) / (c1 - c0).Seconds()
	}
	return wall, cpu
}
