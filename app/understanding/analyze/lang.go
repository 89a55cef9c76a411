package analyze

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A light language check: the script of the letters, then stop words. The
// sentiment and intent rules are English; anything else is marked "not
// analysed" rather than scored wrong.

// scripts maps a non-Latin script to the language code and name reported.
var scripts = []struct {
	table      *unicode.RangeTable
	code, name string
}{
	{unicode.Cyrillic, "ru", "Cyrillic script (e.g. Russian, Ukrainian)"},
	{unicode.Greek, "el", "Greek"},
	{unicode.Arabic, "ar", "Arabic script"},
	{unicode.Hebrew, "he", "Hebrew"},
	{unicode.Hangul, "ko", "Korean"},
	{unicode.Hiragana, "ja", "Japanese"},
	{unicode.Katakana, "ja", "Japanese"},
	{unicode.Han, "zh", "Chinese characters"},
	{unicode.Thai, "th", "Thai"},
	{unicode.Devanagari, "hi", "Devanagari script (e.g. Hindi)"},
}

// stopWords are frequent function words of each language, leaving out any
// that are also common in English posts ("die", "was", "also", "no", "pour").
var stopWords = map[string]map[string]bool{
	"en": setOf(`the and is are was were i you it this that to of in for with my your at on not but have
		has just so me we they be what how can do don't from our get got will would all there about if or
		an a it's i'm been had their them when who which than then very really love like`),
	"de": setOf(`der das und ist nicht ich du wir sie ein eine einen mit für auf zu den dem des es sehr auch
		bei noch aber wie nur oder schon ganz mein meine dein unser wirklich heute danke bitte kaffee lecker
		immer gibt habe sind wird kann kein keine`),
	"fr": setOf(`le les et est une un des du pas je tu nous vous ils elles avec sur très mais c'est ce cette
		qui que au aux être suis merci bonjour café mon ma mes ton ta vos votre nos notre ici bien trop
		chez encore toujours`),
	"es": setOf(`el los las y es una del por para con muy pero que qué está esta este estoy gracias hola
		bueno buena también lo se mi mis tu su sus café hay todo todos nada siempre aquí cuando porque
		rico mejor`),
	"pt": setOf(`os é um uma não com para muito mas obrigado obrigada você isso está ao meu minha
		seu sua nós eles também aqui quando porque bom boa café tudo sempre`),
	"it": setOf(`il gli è di che non un una molto grazie sono ciao questo questa della delle anche del
		nel alla sempre buono buonissimo perché ho hai abbiamo caffè tutto`),
	"nl": setOf(`het een en niet ik je wij jij van met voor op maar heel lekker dank bedankt koffie zijn
		ook hier altijd echt wel mijn jullie`),
}

var langNames = map[string]string{
	"de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian", "nl": "Dutch",
}

// detectLanguage returns the language code, the reason when the post is
// not analysed, and whether to analyse it.
func detectLanguage(text string, toks []token) (string, string, bool) {
	if code, name, ok := foreignScript(text); ok {
		return code, "language looks like " + name + " — not analysed", false
	}
	var counts [len(stopLangs)]float64
	words := 0
	for i := range toks {
		t := &toks[i]
		if t.emoji || t.skip {
			continue
		}
		words++
		for set := stopLangsOf[t.key]; set != 0; set &= set - 1 {
			counts[bits.TrailingZeros8(set)]++
		}
		addDiacritics(t.key, &counts)
	}
	if words == 0 {
		return "und", "", true
	}
	best, bestN := "", 0.0
	for i, n := range counts {
		if lang := stopLangs[i]; lang != "en" && (n > bestN || n == bestN && lang < best) {
			best, bestN = lang, n
		}
	}
	en := counts[0]
	if (bestN >= 2 && bestN > 1.5*en) || (bestN >= 1 && en == 0 && words <= 6) {
		return best, "language looks like " + langNames[best] + " — not analysed", false
	}
	if en == 0 && words <= 2 {
		return "und", "", true
	}
	return "en", "", true
}

// stopLangs are the languages of stopWords, English first; stopLangsOf
// says of each stop word which of them it is one of (bit i: stopLangs[i]),
// one lookup per word instead of one per language.
var (
	stopLangs   = [...]string{"en", "de", "fr", "es", "pt", "it", "nl"}
	stopLangsOf = func() map[string]uint8 {
		of := map[string]uint8{}
		for i, lang := range stopLangs {
			for w := range stopWords[lang] {
				of[w] |= 1 << i
			}
		}
		return of
	}()
)

// addDiacritics counts letters that English words do not use.
func addDiacritics(k string, counts *[len(stopLangs)]float64) {
	ascii := true
	for i := 0; i < len(k) && ascii; i++ {
		ascii = k[i] < utf8.RuneSelf
	}
	switch {
	case ascii: // the letters below are not
	case strings.ContainsAny(k, "ßäöü"):
		counts[1] += 0.5 // de
	case strings.ContainsAny(k, "ñ¿¡"):
		counts[3] += 0.5 // es
	case strings.ContainsAny(k, "ãõ"):
		counts[4] += 0.5 // pt
	}
}

// foreignScript reports a post whose letters are mostly in a non-Latin script.
func foreignScript(text string) (string, string, bool) {
	latin, other := 0, 0
	var seen [16]int
	for _, r := range text {
		if r < 0x80 {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				latin++
			}
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.Is(unicode.Latin, r) {
			latin++
			continue
		}
		for i, s := range scripts {
			if unicode.Is(s.table, r) {
				other++
				seen[i]++
				break
			}
		}
	}
	if other < 2 || other < latin {
		return "", "", false
	}
	best := 0
	for i := range scripts {
		if seen[i] > seen[best] {
			best = i
		}
	}
	if seen[5]+seen[6] > 0 { // any kana means Japanese, however many kanji
		best = 5
	}
	return scripts[best].code, scripts[best].name, true
}
