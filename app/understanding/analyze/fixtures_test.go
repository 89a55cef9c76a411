package analyze

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// fixture is one labelled post of testdata/intents.tsv.
type fixture struct {
	split, text    string
	intents, touch map[string]bool
}

// fixtureConfig is the configuration the fixtures were labelled under.
func fixtureConfig() Config {
	c := DefaultConfig()
	c.Competitors = ChainCompetitors()
	c.Brand = []string{
		"Northside", "Northside Roasters", "@northsideroast", "Little Fern", "@littlefern",
		"Hopper's", "Hoppers", "Kiln & Crumb",
	}
	return c
}

// loadFixtures reads the fixtures; t may be nil (benchmarks' sample posts).
func loadFixtures(t testing.TB) []fixture {
	f, err := os.Open("testdata/intents.tsv")
	if err != nil {
		if t == nil {
			panic(err)
		}
		t.Fatalf("open fixtures: %v", err)
	}
	defer f.Close()
	var out []fixture
	sc := bufio.NewScanner(f)
	for n := 0; sc.Scan(); n++ {
		p := strings.Split(sc.Text(), "\t")
		if n == 0 {
			continue // header
		}
		if len(p) != 4 {
			panic(fmt.Sprintf("intents.tsv line %d: want 4 columns, got %d", n+1, len(p)))
		}
		out = append(out, fixture{split: p[0], intents: labelSet(p[1]), touch: labelSet(p[2]), text: p[3]})
	}
	return out
}

func labelSet(s string) map[string]bool {
	m := map[string]bool{}
	if s == "-" {
		return m
	}
	for _, l := range strings.Split(s, ",") {
		m[strings.TrimSpace(l)] = true
	}
	return m
}

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

// scoreLabels compares predicted with gold labels for every name in names.
func scoreLabels(names []string, gold, got map[string]bool, counts map[string]*prf) {
	for _, n := range names {
		c := counts[n]
		switch {
		case gold[n] && got[n]:
			c.tp++
		case got[n]:
			c.fp++
		case gold[n]:
			c.fn++
		}
	}
}

func names(ls []Label) map[string]bool {
	m := map[string]bool{}
	for _, l := range ls {
		m[l.Name] = true
	}
	return m
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
