package analyze

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/jonreiter/govader/data"
)

// VADER's constants (vaderSentiment 3.3.2), empirically derived by its authors.
const (
	bIncr   = 0.293 // booster word increment
	bDecr   = -0.293
	cIncr   = 0.733 // ALL CAPS emphasis on a sentiment word
	nScalar = -0.74 // negation multiplier
	alpha   = 15.0  // compound normalisation constant
)

// lexicons holds the word and emoji tables shared by every Analyzer.
type lexicons struct {
	words    map[string]float64 // VADER lexicon, lower case
	emotes   map[string]float64 // emoticons whose case matters ("D:" horror, not "d:")
	extra    map[string]float64 // Rapport slang/domain supplement (supplement.go)
	commerce map[string]float64 // what goes wrong when people buy (commerce.go)
	emojiTxt map[string]string  // VADER emoji → description
	boosters map[string]float64
	negate   map[string]bool
	specials map[string]float64
}

var (
	lexOnce sync.Once
	lexData *lexicons
)

// sharedLexicons loads the embedded lexicons once.
func sharedLexicons() *lexicons {
	lexOnce.Do(func() {
		raw := data.MustAsset("rawdata/vaderLexicon.txt")
		lexData = &lexicons{
			words:    parseWordLexicon(raw),
			emotes:   parseEmotes(raw),
			emojiTxt: parseEmojiLexicon(data.MustAsset("rawdata/emojiUTF8Lexicon.txt")),
			extra:    supplementLexicon(),
			commerce: commerceLexicon(),
			boosters: boosterDict(),
			negate:   negateSet(),
			specials: specialCases(),
		}
	})
	return lexData
}

// parseWordLexicon reads "token<TAB>mean<TAB>sd<TAB>ratings" lines; like
// vaderSentiment, a later duplicate overrides an earlier one.
func parseWordLexicon(b []byte) map[string]float64 {
	m := make(map[string]float64, 7600)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		word, rest, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		num, _, _ := strings.Cut(rest, "\t")
		v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil {
			continue
		}
		m[word] = v
	}
	return m
}

// parseEmotes keeps the first entry of emoticons that the lexicon lists
// twice once lower-cased: its emoticon block (first) has "D:" -2.9 (a
// horrified face) which a later "d:" +1.2 overrides in VADER. Both cases of
// the emoticon map to the first value.
func parseEmotes(b []byte) map[string]float64 {
	first := map[string]float64{}
	dup := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		word, rest, _ := strings.Cut(sc.Text(), "\t")
		if word == "" || !strings.ContainsAny(word, pyPunct) {
			continue
		}
		num, _, _ := strings.Cut(rest, "\t")
		v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil {
			continue
		}
		if _, seen := first[word]; seen {
			dup[word] = true
			continue
		}
		first[word] = v
	}
	m := map[string]float64{}
	for w := range dup {
		m[w] = first[w]
		m[strings.ToUpper(w)] = first[w]
	}
	return m
}

func parseEmojiLexicon(b []byte) map[string]string {
	m := make(map[string]string, 3600)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		e, desc, ok := strings.Cut(sc.Text(), "\t")
		if ok {
			m[e] = desc
		}
	}
	return m
}

// negateSet is VADER's NEGATE list.
func negateSet() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`aint arent cannot cant couldnt darent didnt doesnt
		ain't aren't can't couldn't daren't didn't doesn't dont hadnt hasnt havent isnt
		mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't neednt
		needn't never none nope nor not nothing nowhere oughtnt shant shouldnt uhuh wasnt
		werent oughtn't shan't shouldn't uh-uh wasn't weren't without wont wouldnt won't
		wouldn't rarely seldom despite`) {
		m[w] = true
	}
	return m
}

// boosterDict is VADER's BOOSTER_DICT.
func boosterDict() map[string]float64 {
	m := map[string]float64{}
	for _, w := range strings.Fields(`absolutely amazingly awfully completely considerable
		considerably decidedly deeply effing enormous enormously entirely especially
		exceptional exceptionally extreme extremely fabulously flipping flippin frackin
		fracking fricking frickin frigging friggin fully fuckin fucking fuggin fugging
		greatly hella highly hugely incredible incredibly intensely major majorly more most
		particularly purely quite really remarkably so substantially thoroughly total
		totally tremendous tremendously uber unbelievably unusually utter utterly very`) {
		m[w] = bIncr
	}
	for _, w := range strings.Fields(`almost barely hardly kinda kindof kind-of less little
		marginal marginally occasional occasionally partly scarce scarcely slight slightly
		somewhat sorta sortof sort-of`) {
		m[w] = bDecr
	}
	for _, w := range []string{"just enough", "kind of", "sort of"} {
		m[w] = bDecr
	}
	return m
}

// specialCases is VADER's SPECIAL_CASES as in vaderSentiment 3.3.2. govader
// lacks the last three ("bus stop", "beating heart", "broken heart").
func specialCases() map[string]float64 {
	return map[string]float64{
		"the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5,
		"yeah right": -2, "kiss of death": -1.5, "to die for": 3,
		"bus stop": 0, "beating heart": 3.1, "broken heart": -2.9,
	}
}

// isPyUpper reports what Python's str.isupper would: at least one cased
// letter and no lower-case one.
func isPyUpper(s string) bool {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 0x80:
			return isPyUpperUnicode(s)
		}
	}
	return upper
}
