package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/app/understanding/labelled"
)

// runSplit assigns the splits and rewrites the data files.
func runSplit(dir string, out io.Writer) error {
	posts, err := labelled.Load(dir)
	if err != nil {
		return err
	}
	labelled.AssignSplits(posts)
	if err := labelled.Write(dir, posts); err != nil {
		return err
	}
	countTable(out, posts)
	return nil
}

// countTable prints posts per intent per split, and per kind.
func countTable(out io.Writer, posts []labelled.Post) {
	splits := []string{labelled.Train, labelled.Dev, labelled.Test}
	n := map[string]map[string]int{}
	for _, s := range splits {
		n[s] = map[string]int{}
	}
	for _, p := range posts {
		n[p.Split]["posts"]++
		if len(p.Intents) == 0 {
			n[p.Split]["(none)"]++
		}
		for _, in := range p.Intents {
			n[p.Split][in]++
		}
		n[p.Split]["kind:"+p.Kind]++
		n[p.Split]["sentiment:"+p.Sentiment]++
	}
	rows := append([]string{"posts"}, analyze.Intents()...)
	rows = append(rows, "(none)", "sentiment:negative", "sentiment:neutral", "sentiment:positive")
	var kinds []string
	for k := range n[labelled.Train] {
		if len(k) > 5 && k[:5] == "kind:" {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	rows = append(rows, kinds...)
	fmt.Fprintf(out, "| | train | dev | test |\n|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(out, "| %s | %d | %d | %d |\n", r, n[labelled.Train][r], n[labelled.Dev][r], n[labelled.Test][r])
	}
}
