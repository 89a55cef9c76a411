package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/rapportapp/rapport/app/understanding/labelled"
)

// crossDomain trains on the train split of eight kinds of business, tunes
// on their dev split, and measures complaint F1 on the train and dev posts
// of the ninth — never the test split. It returns the pooled F1.
func crossDomain(c *corpus, s setup, out io.Writer) float64 {
	kinds := map[string]bool{}
	for _, p := range c.posts {
		if p.Kind != fixtureKind {
			kinds[p.Kind] = true
		}
	}
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	var pooled prf
	for _, k := range names {
		var tr, dev, held []int
		for i, p := range c.posts {
			switch {
			case c.extra(i):
			case p.Kind == k && p.Split != labelled.Test:
				held = append(held, i)
			case p.Kind != k && p.Split == labelled.Train:
				tr = append(tr, i)
			case p.Kind != k && p.Split == labelled.Dev:
				dev = append(dev, i)
			}
		}
		m := fit(c, s, append(tr, c.alwaysTrain(k)...))
		pd := probs(c, m, dev)
		ds := tune(c, pd, dev, false)
		ph := probs(c, m, held)
		sc := score(c.posts, held, predictor(c, ph, ds))
		cp := sc["complaint"]
		pooled.tp, pooled.fp, pooled.fn = pooled.tp+cp.tp, pooled.fp+cp.fp, pooled.fn+cp.fn
		if out != nil {
			fmt.Fprintf(out, "| %s | %d | %.2f | %.2f | %.2f |\n", k, cp.tp+cp.fn, cp.precision(), cp.recall(), cp.f1())
		}
	}
	if out != nil {
		fmt.Fprintf(out, "| all nine, pooled | %d | %.2f | %.2f | %.2f |\n", pooled.tp+pooled.fn, pooled.precision(), pooled.recall(), pooled.f1())
	}
	return pooled.f1()
}
