package analyze

// options switches the sentiment fixes on and off one by one, so that each
// can be measured against plain VADER (see TestEvaluate and
// docs/understanding.md). Production uses fullOptions.
type options struct {
	splitAllSpace bool // split on all white space like Python's str.split (govader: ' ' only)
	lowerContext  bool // lower-case neighbouring words before lexicon checks (govader bug)
	pyNeverBug    bool // keep vaderSentiment's operator-precedence slip in the "never so/this" rule
	pySpecials    bool // vaderSentiment 3.3.2's extra idioms: "bus stop", "beating heart", "broken heart"
	stripShort    bool // strip punctuation from short words too ("ok!", "no."), keep emoticons whole
	apostrophes   bool // read ’ as ' so "don’t" negates
	elongation    bool // "soooo goooood" → "so good", "hahahaha" → "hahaha"
	slang         bool // Rapport's supplement lexicon (supplement.go)
	context       bool // context rules for misread words: like, pretty, well, fire, joke, free, please, help
	clauseScope   bool // negation and boosters do not reach across , ; : . ! ?
	butScope      bool // each sentence's own "but"/"however"; skip "but also", "nothing but"
	emoji         bool // direct emoji valences; variation selectors and skin tones kept with the emoji
	emoticons     bool // split "great:)" and fold ":)))" to ":)"
	skipHandles   bool // @handles and URLs never count as sentiment words
	sarcasm       bool // flip praise words in a sentence with a clear sarcasm marker
	negOnce       bool // a word is negated at most once, the look-back stops at an earlier
	// sentiment word, and "no no no" does not flip itself
	idioms     bool // Rapport idioms such as "can't wait"
	caseEmotes bool // "D:" (horror) is not "d:" (tongue): emoticon entries keep their case
	stems      bool // an unknown inflected word falls back to its stem ("ruining" → "ruin")
	commerce   bool // words and phrases of orders, refunds and support going wrong (commerce.go)
	// sarcasmEcho flips a burst of flat praise (up to three words) right after a
	// negative sentence ("No email yet. Great. Fantastic.") and reads 🙃
	// as a sarcasm marker
	sarcasmEcho bool
	// questions damps praise words in a question (asked about, not said)
	// and stops question marks adding emphasis, as '!' does
	questions bool
	// noDeterminer reads "no" before a word of its clause as a determiner
	// ("no grinder yet", "no valve"), not as a negative word
	noDeterminer bool
	// emojiAsIs keeps an emoji's own valence: "don't need changing ❤️"
	// does not negate the heart
	emojiAsIs bool
}

// fullOptions is every fix that measured as an improvement.
func fullOptions() options {
	return options{
		splitAllSpace: true, lowerContext: true, pySpecials: true, stripShort: true, apostrophes: true,
		elongation: true, slang: true, context: true, clauseScope: true, butScope: true,
		emoji: true, emoticons: true, skipHandles: true, sarcasm: true,
		negOnce: true, idioms: true, caseEmotes: true, stems: false,
		commerce: true, sarcasmEcho: true, questions: true, emojiAsIs: true,
	}
}

// govaderOptions reproduces govader's behaviour (for tests and evaluation).
func govaderOptions() options { return options{} }
