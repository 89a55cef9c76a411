package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// The benchmark corpus: synthetic but shaped like social posts about a
// small business. Word frequencies follow Zipf's law over a vocabulary of
// English function words, the business's own words and 60,000 made-up
// ones; texts have about 40 words, titles about 7. A few set phrases
// ("cold brew"), hashtags and accented spellings (café, CAFÉ) are mixed
// in. Everything is derived from fixed seeds, so every run sees the same
// mentions.

// functionWords take the top ranks, as in English text.
var functionWords = strings.Fields(`the and to a of i it is in that for you was with my on this but have
	they be not are so at just we me what like can if all about one out there do from get up
	your or an had its would as when more will no time there some by has were them been good really
	how people because our which much also very only any even then than over new now their way could`)

// businessWords come next: what posts about a coffee roaster talk about.
var businessWords = strings.Fields(`coffee café brew cold roast roasted roaster roasting espresso latte
	beans bag order shop cup decaf pour over taste tastes flavor light dark medium subscription
	shipping price service staff barista morning delivery grinder filter milk oat sugar bitter
	smooth fresh sweet review recommend favorite portland ember oak guji ethiopia colombia`)

// phrases are inserted whole, so that phrase queries find something.
var phrases = []string{"cold brew", "pour over", "light roast", "customer service", "oat milk latte"}

// corpus generates the mentions of the benchmarks.
type corpus struct {
	vocab   []string
	authors []string
	t0      time.Time
}

func newCorpus() *corpus {
	r := rand.New(rand.NewPCG(2026, 11))
	c := &corpus{t0: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)}
	seen := map[string]bool{}
	for _, w := range append(functionWords, businessWords...) {
		if !seen[w] {
			seen[w] = true
			c.vocab = append(c.vocab, w)
		}
	}
	for len(c.vocab) < 60_000 {
		if w := madeUpWord(r); !seen[w] {
			seen[w] = true
			c.vocab = append(c.vocab, w)
		}
	}
	for range 20_000 {
		c.authors = append(c.authors, capital(madeUpWord(r))+" "+capital(madeUpWord(r)))
	}
	return c
}

var syllables = strings.Fields("ka ro mi ne tu sa lo pe ri da vo ze bi fu go ha ji ku le mo na po qui re si ta ul vi wa xe yo zu")

// madeUpWord is two to four syllables, sometimes with a final consonant.
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

// mention returns the i-th mention: deterministic, about 30 seconds older
// than the one before, with some arriving out of order.
func (c *corpus) mention(i int) *storage.Mention {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	z := rand.NewZipf(r, 1.07, 2, uint64(len(c.vocab)-1))
	at := c.t0.Add(-time.Duration(i)*30*time.Second + time.Duration(r.IntN(600))*time.Second)
	return &storage.Mention{
		GUID:      fmt.Sprintf("t3_%08x", i),
		Link:      fmt.Sprintf("https://www.reddit.com/r/Coffee/comments/%08x/", i),
		Title:     c.sentence(r, z, 4+r.IntN(7)),
		Text:      c.sentence(r, z, 30+r.IntN(21)),
		Author:    c.authors[r.IntN(len(c.authors))],
		SourceIDs: []uint64{uint64(1 + i%10)},
		Published: at,
		Fetched:   at,
		Lang:      "en",
		Platform:  "reddit",
	}
}

// sentence strings n words together with the odd phrase, hashtag, accent
// variant and punctuation.
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
		case w == "café" && d < 600:
			w = []string{"cafe", "Café", "CAFÉ", "CAFE"}[d%4]
		}
		if k == 0 {
			w = capital(w)
		}
		sb.WriteString(w)
		switch d := r.IntN(20); {
		case k == n-1:
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

// queryMix is the set of queries whose latencies the benchmarks report:
// five of each kind, picked by vocabulary rank so that "rare" and
// "common" mean the same at every corpus size.
func (c *corpus) queryMix() map[string][]string {
	w := func(rank int) string { return c.vocab[rank] }
	mix := map[string][]string{}
	for k := range 5 {
		mix["rare word"] = append(mix["rare word"], w(20_000+7_919*k))
		mix["common word"] = append(mix["common word"], w(100+13*k))
		mix["two-word AND"] = append(mix["two-word AND"], w(300+97*k)+" "+w(1_000+313*k))
		mix["phrase"] = append(mix["phrase"], fmt.Sprintf("%q", phrases[k]))
		mix["OR"] = append(mix["OR"], w(5_000+1_009*k)+" OR "+w(9_000+2_003*k))
		mix["NOT"] = append(mix["NOT"], w(100+17*k)+" -"+w(20+k))
		mix["prefix"] = append(mix["prefix"], []string{"roast*", "espr*", "caf*", w(2_000)[:4] + "*", w(700)[:3] + "*"}[k])
	}
	return mix
}
