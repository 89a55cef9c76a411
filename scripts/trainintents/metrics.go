package main

import (
	"fmt"
	"io"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/app/understanding/labelled"
)

// prf counts true positives, false positives and false negatives.
type prf struct{ tp, fp, fn int }

func (c prf) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c prf) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func (c prf) f1() float64 {
	p, r := c.precision(), c.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *prf) add(gold, got bool) {
	switch {
	case gold && got:
		c.tp++
	case got:
		c.fp++
	case gold:
		c.fn++
	}
}

// scores is per-intent counts over a set of posts.
type scores map[string]*prf

// score compares predictions with the gold intents of posts idx.
func score(posts []labelled.Post, idx []int, pred func(i int) map[string]bool) scores {
	s := scores{}
	for _, in := range analyze.Intents() {
		s[in] = &prf{}
	}
	for _, i := range idx {
		got := pred(i)
		for _, in := range analyze.Intents() {
			s[in].add(posts[i].Has(in), got[in])
		}
	}
	return s
}

// macroF1 is the mean F1 over the intents.
func (s scores) macroF1() float64 {
	t := 0.0
	for _, in := range analyze.Intents() {
		t += s[in].f1()
	}
	return t / float64(len(analyze.Intents()))
}

func (s scores) micro() prf {
	var m prf
	for _, in := range analyze.Intents() {
		m.tp, m.fp, m.fn = m.tp+s[in].tp, m.fp+s[in].fp, m.fn+s[in].fn
	}
	return m
}

// table prints P/R/F1 per intent for several systems side by side.
func table(out io.Writer, names []string, ss []scores) {
	fmt.Fprintf(out, "| intent | gold |")
	for _, n := range names {
		fmt.Fprintf(out, " %s P | R | F1 |", n)
	}
	fmt.Fprintf(out, "\n|---|---|")
	for range names {
		fmt.Fprintf(out, "---|---|---|")
	}
	fmt.Fprintln(out)
	rows := append(append([]string(nil), analyze.Intents()...), "micro-average", "macro F1")
	for _, in := range rows {
		gold := 0
		if c, ok := ss[0][in]; ok {
			gold = c.tp + c.fn
		} else if in == "micro-average" {
			m := ss[0].micro()
			gold = m.tp + m.fn
		}
		if in == "macro F1" {
			fmt.Fprintf(out, "| macro F1 | |")
			for _, s := range ss {
				fmt.Fprintf(out, " | | %.2f |", s.macroF1())
			}
			fmt.Fprintln(out)
			continue
		}
		fmt.Fprintf(out, "| %s | %d |", in, gold)
		for _, s := range ss {
			c, ok := s[in]
			if !ok {
				m := s.micro()
				c = &m
			}
			fmt.Fprintf(out, " %.2f | %.2f | %.2f |", c.precision(), c.recall(), c.f1())
		}
		fmt.Fprintln(out)
	}
}
