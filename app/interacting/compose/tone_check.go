package compose

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tone rules, each with its threshold and the reason for it.

const (
	// capsShareLetters: below this many letters the share-of-capitals
	// rule stays quiet, because one short word in capitals would swing it
	// ("I'm SO sorry" is 22% capitals in 9 letters).
	capsShareLetters = 12
	// capsSharePercent: more than 30% of the letters in words written
	// wholly in capitals is a draft that shouts, however short its words.
	capsSharePercent = 30
	// loudWordLetters: a single word in capitals of four letters or more
	// ("SORRY", "FREE") reads as raised voice; two- and three-letter ones
	// ("SO", "OK", "NOW") are usually emphasis or abbreviations.
	loudWordLetters = 4
	// loudRunWords: three short capitalised words in a row ("GET IT NOW")
	// shout as much as one long one.
	loudRunWords = 3
	// maxSingleBangs: one or two exclamation marks read as warmth; when
	// nearly every sentence has one the reply sounds forced.
	maxSingleBangs = 3
)

const (
	mostlyCapsAdvice = "Most of this is in capitals, which reads as shouting. Write it in normal case and let the words carry the emphasis."
	bangRunAdvice    = "Several exclamation marks in a row read as over-excited, or as anger in a reply to a complaint. One is enough."
	manyBangsAdvice  = "So many exclamation marks make a reply sound forced. Keep one or two where you mean them."
	hashtagsAdvice   = "A reply to a person needs few hashtags, if any; more than a couple reads like a campaign. Keep two at most."
	askAdvice        = "This asks for something before giving anything. Thank them, answer or help first, and ask afterwards, if at all."
	negativeAdvice   = "This draft reads as negative. Read it once as the customer would: stay warm, and say what happens next rather than what went wrong."
	apologyAdvice    = "You apologise but do not say what happens next. Add a next step: how you will put it right, or where they can reach you."
)

// shouting flags capitals: the whole draft when more than 30% of its
// letters (from 12 letters up) are in capitalised words, otherwise each
// run of capitalised words that has a word of four letters or more or
// three words. Capitalised means every letter upper-case and at least
// two letters and no digits, so "I", names and codes such as "SAVE20" or
// "MP3" do not count; handles and the acronyms
// in tone_rules.go (FAQ, ASAP, OK, …) never count. "THANK YOU" is
// flagged: capitals read as shouting whatever the words, and the advice
// says so kindly.
func (d *draft) shouting() {
	letters, capsLetters := 0, 0
	first, last := -1, -1
	var runs [][2]int // word index ranges [from, to)
	for i, w := range d.words {
		if w.mention {
			continue
		}
		letters += w.letters
		if w.letters < 2 || w.upper != w.letters || w.digits > 0 || d.isAcronym(w.key) {
			continue
		}
		capsLetters += w.letters
		if first < 0 {
			first = i
		}
		if n := len(runs); n > 0 && runs[n-1][1] == i && d.words[i-1].sentence == w.sentence {
			runs[n-1][1] = i + 1
		} else {
			runs = append(runs, [2]int{i, i + 1})
		}
		last = i
	}
	if letters >= capsShareLetters && capsLetters*100 > letters*capsSharePercent {
		d.flag(FlagShouting, d.words[first].start, d.words[last].end, mostlyCapsAdvice)
		return
	}
	for _, r := range runs {
		if d.loudRun(r[0], r[1]) {
			start, end := d.words[r[0]].start, d.words[r[1]-1].end
			d.flag(FlagShouting, start, end, capsAdvice(d.text[start:end]))
		}
	}
}

// loudRun reports whether words[from:to] shout.
func (d *draft) loudRun(from, to int) bool {
	if to-from >= loudRunWords {
		return true
	}
	for _, w := range d.words[from:to] {
		if w.letters >= loudWordLetters {
			return true
		}
	}
	return false
}

// capsAdvice suggests the words in sentence case.
func capsAdvice(s string) string {
	msg := "Capitals read as shouting, even for kind words."
	if len(s) > 40 {
		return msg + " Try normal case."
	}
	low := strings.ToLower(s)
	r, size := utf8.DecodeRuneInString(low)
	return msg + " Try “" + string(unicode.ToUpper(r)) + low[size:] + "”."
}

// exclamations flags runs of two or more exclamation marks ("!!", "!?!",
// "‼") and, when there are more than three single ones, the fourth.
func (d *draft) exclamations() {
	singles, li := 0, 0
	for i := 0; i < len(d.text); {
		if li < len(d.links) && i >= d.links[li].start {
			i = d.links[li].end
			li++
			continue
		}
		if c := d.text[i]; c < utf8.RuneSelf && c != '!' && c != '?' {
			i++
			continue
		}
		j, bangs := bangRun(d.text, i)
		switch {
		case bangs >= 2:
			d.flag(FlagExclamation, i, j, bangRunAdvice)
		case bangs == 1:
			if singles++; singles == maxSingleBangs+1 {
				d.flag(FlagExclamation, i, j, manyBangsAdvice)
			}
		default:
			_, size := utf8.DecodeRuneInString(d.text[i:])
			j = i + size
		}
		i = j
	}
}

// bangRun reads a run of "!" and "?" at text[i] and counts its
// exclamation marks.
func bangRun(text string, i int) (end, bangs int) {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch r {
		case '!', '！', '⁉':
			bangs++
		case '‼':
			bangs += 2
		case '?', '？':
		default:
			return j, bangs
		}
		j += size
	}
	return j, bangs
}

// hardSell flags the language of ads (tone_rules.go lists it).
func (d *draft) hardSell() {
	for i := 0; i < len(d.words); {
		n := hardSellPhrases.match(d.words, i)
		if n == 0 {
			i++
			continue
		}
		start, end := d.words[i].start, d.words[i+n-1].end
		d.flag(FlagHardSell, start, end, fmt.Sprintf(
			"“%s” sounds like an advert. People who mention you want to be heard, not sold to: leave it out, or offer help instead.",
			d.text[start:end]))
		i += n
	}
}

// tooMany flags every span after the first max.
func (d *draft) tooMany(kind string, spans []span, max int, advice string) {
	if max < 0 || len(spans) <= max {
		return
	}
	for _, s := range spans[max:] {
		d.flag(kind, s.start, s.end, advice)
	}
}

// linksAdviceFor explains the link limit.
func linksAdviceFor(max int) string {
	if max == 1 {
		return "More than one link looks like marketing, and platforms may hide it as spam. Keep the one that helps most."
	}
	return fmt.Sprintf("More than %d links looks like marketing, and may be filtered as spam. Keep the ones that help most.", max)
}

// hashtagSpans finds hashtags: "#" not after a letter or digit, then word
// characters or "_" including at least one letter ("#1" is not one).
func (d *draft) hashtagSpans() []span {
	var out []span
	li := 0
	for i := 0; i < len(d.text); i++ {
		if li < len(d.links) && i >= d.links[li].start {
			i = d.links[li].end - 1
			li++
			continue
		}
		if d.text[i] != '#' {
			continue
		}
		if end, ok := hashtagAt(d.text, i); ok {
			out = append(out, span{i, end})
			i = end - 1
		}
	}
	return out
}

// hashtagAt reads the hashtag whose "#" is at text[i].
func hashtagAt(text string, i int) (int, bool) {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if isWordRune(prev) || prev == '&' {
			return 0, false
		}
	}
	end, hasLetter := i+1, false
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(r) {
			break
		}
		hasLetter = hasLetter || unicode.IsLetter(r)
		end += size
	}
	return end, hasLetter
}

// askBeforeGive flags the first request of the reader (a review, a
// follow, a share, a purchase, a sign-up, a tag, a DM; tone_rules.go) when
// no thanks, apology, help or answer comes before it. Giving first is the
// heart of a good reply: an ask that opens the draft, or follows nothing
// but a greeting, reads as if the mention were only an opportunity.
// An ask in a later sentence after a give passes; the rule cannot judge
// whether the give was generous, only that it came first.
func (d *draft) askBeforeGive() {
	for i := range d.words {
		n := askPhrases.match(d.words, i)
		if n == 0 {
			continue
		}
		if give := d.firstPhrase(givePhrases); give < 0 || give >= i {
			d.flag(FlagAskBeforeGive, d.words[i].start, d.words[i+n-1].end, askAdvice)
		}
		return
	}
}
