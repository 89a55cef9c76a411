package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// runInspect prints posts of a split where the rules miss or wrongly find
// an intent, for reading errors by kind (train split by default).
func runInspect(c *corpus, split, intent string, n int, out io.Writer) {
	idx := c.idx(split)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	var miss, fp []string
	for _, i := range idx {
		p := &c.posts[i]
		gold, got := p.Has(intent), c.rules[i][intent]
		line := fmt.Sprintf("[%s] %s", strings.Join(p.Intents, ","), p.Text)
		switch {
		case gold && !got:
			miss = append(miss, line)
		case got && !gold:
			fp = append(fp, line)
		}
	}
	fmt.Fprintf(out, "MISSED %d\n", len(miss))
	for _, l := range miss[:min(n, len(miss))] {
		fmt.Fprintln(out, " ", l)
	}
	fmt.Fprintf(out, "FALSE %d\n", len(fp))
	for _, l := range fp[:min(n, len(fp))] {
		fmt.Fprintln(out, " ", l)
	}
}
