package main

import (
	"bufio"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The corpus of issue 14, seeded: N posts over two years from a thousand
// sources by about 160,000 authors, 30–60 words each (plus a short title)
// drawn from an 80,000-word vocabulary with Zipf-distributed ranks, and
// 1 % cross-posts (an earlier post's text again, in another source, by
// another author). Posts are written as RSS 2.0 files, a file per source
// per ingest batch, so that `rapport ingest` reads them as a user's would.
const (
	nSources = 1000
	nAuthors = 160_000
	nVocab   = 80_000
	span     = 2 * 365 * 24 * time.Hour
)

var t0 = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)

// functionWords take the top ranks, as in English text; then a coffee
// roaster's words, then made-up ones.
var functionWords = strings.Fields(`the and to a of i it is in that for you was with my on this but have
	they be not are so at just we me what like can if all about one out there do from get up
	your or an had its would as when more will no time some by has were them been good really
	how people because our which much also very only any even then than over new now their way could`)

var businessWords = strings.Fields(`coffee café brew cold roast roasted roaster roasting espresso latte
	beans bag order shop cup decaf pour taste tastes flavor light dark medium subscription
	shipping price service staff barista morning delivery grinder filter milk oat sugar bitter
	smooth fresh sweet review recommend favorite portland ember guji ethiopia colombia`)

var phrases = []string{"cold brew", "pour over", "light roast", "customer service", "oat milk latte"}

var syllables = strings.Fields("ka ro mi ne tu sa lo pe ri da vo ze bi fu go ha ji ku le mo na po qui re si ta ul vi wa xe yo zu")

// corpus generates the posts; everything derives from fixed seeds.
type corpus struct {
	n       int
	vocab   []string
	authors []string
}

func newCorpus(n int) *corpus {
	r := rand.New(rand.NewPCG(2026, 14))
	c := &corpus{n: n}
	seen := map[string]bool{}
	for _, w := range append(append([]string(nil), functionWords...), businessWords...) {
		if !seen[w] {
			seen[w] = true
			c.vocab = append(c.vocab, w)
		}
	}
	for len(c.vocab) < nVocab {
		if w := madeUpWord(r); !seen[w] {
			seen[w] = true
			c.vocab = append(c.vocab, w)
		}
	}
	for range nAuthors {
		c.authors = append(c.authors, capital(madeUpWord(r))+" "+capital(madeUpWord(r)))
	}
	return c
}

func madeUpWord(r *rand.Rand) string {
	var sb strings.Builder
	for range 2 + r.IntN(3) {
		sb.WriteString(syllables[r.IntN(len(syllables))])
	}
	if r.IntN(3) == 0 {
		sb.WriteByte("nrstlm"[r.IntN(6)])
	}
	return sb.String()
}

func capital(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// post is one generated item.
type post struct {
	i           int
	source      int
	title, text string
	author      string
	published   time.Time
	guid, link  string
	crossPostOf int // -1 unless the text is an earlier post's
}

// post returns the i-th post (0 oldest); its time spreads the corpus
// evenly over two years.
func (c *corpus) post(i int) post {
	r := rand.New(rand.NewPCG(uint64(i), 14))
	z := rand.NewZipf(r, 1.07, 2, uint64(len(c.vocab)-1))
	p := post{i: i, source: r.IntN(nSources), crossPostOf: -1}
	p.published = t0.Add(time.Duration(float64(span) * float64(i) / float64(c.n))).Add(time.Duration(r.IntN(600)) * time.Second)
	a := r.IntN(nAuthors)
	p.author = c.authors[a]
	if i > 100 && r.IntN(100) == 0 { // a cross-post of a recent post
		p.crossPostOf = i - 1 - r.IntN(100)
		orig := c.post(p.crossPostOf)
		p.title, p.text = orig.title, orig.text
		if p.source == orig.source {
			p.source = (p.source + 1) % nSources
		}
	} else {
		p.title = c.sentence(r, z, 3+r.IntN(6))
		p.text = c.sentence(r, z, 30+r.IntN(31))
	}
	p.guid = fmt.Sprintf("scale-%08d", i)
	p.link = fmt.Sprintf("https://social.example/s%04d/p/%08d", p.source, i)
	return p
}

func (c *corpus) sentence(r *rand.Rand, z *rand.Zipf, n int) string {
	var sb strings.Builder
	for k := 0; k < n; k++ {
		w := c.vocab[z.Uint64()]
		switch d := r.IntN(1000); {
		case d < 8:
			w = phrases[r.IntN(len(phrases))]
			k++
		case d < 20:
			w = "#" + w
		}
		if k == 0 {
			w = capital(w)
		}
		sb.WriteString(w)
		switch d := r.IntN(20); {
		case k >= n-1:
			sb.WriteByte('.')
		case d == 0:
			sb.WriteString(". ")
		case d == 1:
			sb.WriteString(", ")
		default:
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// skewedAND is the kind of the queries aside from the mix: a rare word
// ANDed with a common one, the AND a user types most ("ember refund"),
// where the common word's walk is always far behind.
const skewedAND = "rare AND common"

// benchQuery is one query of the mix.
type benchQuery struct {
	kind, rule, fts string
	// aside: measured in process and reported by kind, but not in the
	// mix's totals, the guards or the command-line runs, which stay the
	// issue's seven kinds.
	aside bool
}

// queryMix is five queries of each kind, picked by vocabulary rank so that
// "rare" and "common" mean the same at every size, then the five aside
// (skewedAND). Each is given in the rule language and as an FTS5 MATCH
// expression.
func (c *corpus) queryMix() []benchQuery {
	w := func(rank int) string { return c.vocab[rank] }
	q := func(s string) string { return `"` + s + `"` }
	var out, aside []benchQuery
	for k := range 5 {
		rare := w(20_000 + 9_973*k)
		common := w(100 + 13*k)
		a, b := w(300+97*k), w(1_000+313*k)
		o1, o2 := w(5_000+1_009*k), w(9_000+2_003*k)
		n1, n2 := w(100+17*k), w(20+k)
		pre := []string{"roast", "espr", "caf", w(2_000)[:4], w(700)[:3]}[k]
		out = append(out,
			benchQuery{"rare", rare, q(rare), false},
			benchQuery{"common", common, q(common), false},
			benchQuery{"AND", a + " " + b, q(a) + " AND " + q(b), false},
			benchQuery{"phrase", q(phrases[k]), q(phrases[k]), false},
			benchQuery{"prefix", pre + "*", q(pre) + "*", false},
			benchQuery{"OR", o1 + " OR " + o2, q(o1) + " OR " + q(o2), false},
			benchQuery{"NOT", n1 + " -" + n2, q(n1) + " NOT " + q(n2), false},
		)
		aside = append(aside, benchQuery{skewedAND, rare + " " + common, q(rare) + " AND " + q(common), true})
	}
	return append(out, aside...)
}

// writeBatch writes posts [from, to) as one RSS file per source into dir
// and returns the files' paths (sources without posts in the batch get no
// file).
func (c *corpus) writeBatch(dir string, from, to int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	bySource := make([][]post, nSources)
	for i := from; i < to; i++ {
		p := c.post(i)
		bySource[p.source] = append(bySource[p.source], p)
	}
	var paths []string
	for s, ps := range bySource {
		if len(ps) == 0 {
			continue
		}
		path := filepath.Join(dir, fmt.Sprintf("src%04d.xml", s))
		if err := writeRSS(path, s, ps); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func writeRSS(path string, source int, ps []post) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Source %04d</title><link>https://social.example/s%04d</link><description>scale corpus</description>`+"\n", source, source)
	for _, p := range ps {
		fmt.Fprintf(w, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">%s</guid><pubDate>%s</pubDate><dc:creator>%s</dc:creator><description>%s</description></item>\n",
			html.EscapeString(p.title), p.link, p.guid, p.published.Format(time.RFC1123Z), html.EscapeString(p.author), html.EscapeString(p.text))
	}
	fmt.Fprint(w, "</channel></rss>\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
