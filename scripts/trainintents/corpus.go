package main

import (
	"bufio"
	"crypto/sha1"
	"encoding/binary"
	"os"
	"strings"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/app/understanding/labelled"
)

// corpus is the labelled posts with what the analyzer reads in them.
type corpus struct {
	posts []labelled.Post
	rules []map[string]bool          // the rules' intents per post
	feats map[int][]analyze.Features // per feature-family set, per post
	ans   map[string]*analyze.Analyzer
}

// fixtureKind marks the coffee-shop fixtures of the analyzer's own tests
// (app/understanding/analyze/testdata/intents.tsv): their dev half joins
// the training data, their test half stays the fixtures' held-out check.
const fixtureKind = "coffee (analyzer fixtures)"

// fixtureBrands are the businesses the fixtures were written about.
var fixtureBrands = []string{
	"Northside", "Northside Roasters", "@northsideroast", "Little Fern", "@littlefern",
	"Hopper's", "Hoppers", "Kiln & Crumb",
}

// newCorpus reads every post with the rules alone, under a configuration
// that knows the business's name (as a workspace knows its own): the name
// then reads as a placeholder, never as a word the model could learn.
func newCorpus(posts []labelled.Post) *corpus {
	c := &corpus{posts: posts, feats: map[int][]analyze.Features{}, ans: map[string]*analyze.Analyzer{}}
	for i := range posts {
		a := c.analyzer(&posts[i])
		r := a.Analyze(posts[i].Text)
		got := map[string]bool{}
		for _, l := range r.Intents {
			got[l.Name] = true
		}
		c.rules = append(c.rules, got)
	}
	return c
}

// loadFixtures reads the dev half of the analyzer's coffee fixtures as
// training posts.
func loadFixtures(path string) ([]labelled.Post, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []labelled.Post
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		p := strings.Split(sc.Text(), "\t")
		if n == 1 || len(p) != 4 || p[0] != "dev" {
			continue
		}
		var intents []string
		if p[1] != "-" {
			intents = strings.Split(p[1], ",")
		}
		out = append(out, labelled.Post{
			File: "intents.tsv", Line: n, Split: labelled.Train, Kind: fixtureKind,
			Intents: intents, Text: p[3],
		})
	}
	return out, sc.Err()
}

// analyzer is the rules-only analyzer for a post's business.
func (c *corpus) analyzer(p *labelled.Post) *analyze.Analyzer {
	if a, ok := c.ans[p.Business]; ok {
		return a
	}
	cfg := analyze.DefaultConfig()
	cfg.Competitors = analyze.ChainCompetitors() // as the model was trained
	if p.Kind == fixtureKind {
		cfg.Brand = fixtureBrands
	} else {
		cfg.Brand = []string{p.Business, strings.ReplaceAll(p.Business, " ", ""), strings.ReplaceAll(p.Business, "'", "")}
	}
	a := analyze.New(cfg).WithModel(nil)
	c.ans[p.Business] = a
	return a
}

// features returns every post's features with the given families.
func (c *corpus) features(fam int) []analyze.Features {
	if fs, ok := c.feats[fam]; ok {
		return fs
	}
	fs := make([]analyze.Features, len(c.posts))
	for i := range c.posts {
		fs[i] = c.analyzer(&c.posts[i]).Features(c.posts[i].Text, "", fam)
	}
	c.feats[fam] = fs
	return fs
}

// idx lists the labelled posts of the given splits (not the fixtures).
func (c *corpus) idx(splits ...string) []int {
	var out []int
	for i, p := range c.posts {
		if c.extra(i) {
			continue
		}
		for _, s := range splits {
			if p.Split == s {
				out = append(out, i)
			}
		}
	}
	return out
}

// extra reports whether post i only ever trains: a coffee fixture, or a
// supplement post (testdata/posts/supplement-*.tsv, written after the
// splits). Neither is scored, so thresholds, policies and the
// cross-validated numbers rest on the 2,446 train+dev posts alone, drawn
// like the test split.
func (c *corpus) extra(i int) bool {
	return c.posts[i].Kind == fixtureKind || labelled.Supplement(&c.posts[i])
}

// alwaysTrain lists the posts that only ever train (extra), except the
// supplement posts of the kind of business except (one held out).
func (c *corpus) alwaysTrain(except string) []int {
	var out []int
	for i, p := range c.posts {
		if c.extra(i) && (p.Kind == fixtureKind || p.Kind != except) {
			out = append(out, i)
		}
	}
	return out
}

// fold is a post's cross-validation fold (0…k-1), from a hash of its text.
func fold(text string, k int) int {
	h := sha1.Sum([]byte("fold:" + text))
	return int(binary.BigEndian.Uint64(h[:8]) % uint64(k))
}

// labels are a post's gold outputs: its intents.
func labels(p *labelled.Post) []string { return p.Intents }

// outputs are what the model learns: the intents.
func outputs() []string { return append([]string(nil), analyze.Intents()...) }
