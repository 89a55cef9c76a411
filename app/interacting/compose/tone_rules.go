package compose

import "strings"

// acronyms may be written in capitals without shouting. Only words of four
// letters or more matter for the per-word rule; shorter ones are listed
// because the share-of-capitals rule counts them too.
var acronyms = setOfWords(`
asap faq fyi usa uk eu un nhs nyc ok okay ceo cfo coo cto hr pr qa ui ux
url urls html http https www api app pdf jpeg jpg png gif csv json sms usb gps tv dvd
atm pin vat gst rrp sku eta rsvp diy byo aka tba tbc tbd nb ps pm gmt utc
nasa nato unesco unicef fifa uefa nba nfl nhl mlb ncaa ymca nypd gdpr hipaa covid lgbt lgbtq lgbtqia
ikea lego amex visa imho imo tldr lol omg btw idk irl dm dms`)

// Words that are also English words ("IT", "US", "AM", "SAT") are left
// out on purpose: "GET IT NOW" must read as the shouting it is.

// Ask phrases: requests of the reader. Imperatives only, so "thanks for
// following us" is not an ask.
var askPhrases = compilePhrases(`
leave a review|leave us a review|leave a quick review|leave a short review|write a review|write us a review
review us|rate us|give us a review|give us a rating|give us # stars|give us five stars
follow us|follow me|give us a follow|share this|share it|please share|spread the word|retweet|repost this|boost this
buy now|buy one|buy yours|buy it|buy from us|order now|order yours|order online|order today|grab yours|get yours
shop now|book now|pre order|preorder|sign up|signup|subscribe|join our|register now
tag us|tag a friend|tag your friends|tag someone|dm us|dm me|send us a dm|send me a dm|message us|pm us|inbox us
like our page|like us on|like and share|like and subscribe|check out our|check us out|visit our website|visit our site
visit our shop|visit our store|link in bio|donate`)

// Give cues: thanks, apologies, help and answers. A draft that gives one
// of these before it asks has given something first.
var givePhrases = compilePhrases(`
thank|thanks|thankyou|thx|appreciate|appreciated|grateful|sorry|apologies|apologise|apologize|apology
glad|happy|delighted|pleased|welcome|congrats|congratulations|enjoy|enjoyed|love|loved|lovely
hope|hoping|help|helped|helping|yes|yep|yeah|sure|absolutely|of course|good question|great question
here's|heres|here is|you can|fixed|sorted|resolved|refund|refunded|replacement|no worries|on its way|on the way`)

// Hard-sell phrases: the language of ads. "# " matches a number and "*%"
// a percentage, so "only 3 left" and "20% off" are caught.
var hardSellPhrases = compilePhrases(`
buy now|shop now|order now|order today|book now|call now|act now|act fast|act today|hurry|hurry up
limited time|limited offer|today only|ends tonight|ends today|ends soon|sale ends|while stocks last
while supplies last|selling fast|only # left|last chance|don't miss|dont miss|best price|best prices
lowest price|lowest prices|cheapest|unbeatable|guaranteed|money back|risk free|no risk|no obligation
click here|click the link|click below|tap the link|link in bio|dm us to buy|dm to buy|dm to order
dm us to order|use code|use my code|use our code|promo code|discount code|coupon|coupon code|voucher code
*% off|percent off|special offer|exclusive offer|exclusive deal|deal of the day|flash sale|huge sale
buy one get one|bogo|free gift|once in a lifetime|special promotion`)

// Apologies and next steps: a negative-sounding draft that apologises and
// says what happens next is doing its job, so it is not flagged.
var (
	apologyPhrases  = compilePhrases(`sorry|apologies|apologise|apologize|apology|my fault|our fault|we messed up`)
	nextStepPhrases = compilePhrases(`
i'll|i will|we'll|we will|let me|let us|i'd like to|we'd like to|i can|we can|please email|please call
email me|email us|call me|call us|refund|replace|replacement|put it right|make it right|fix|fixed|sort it
sort this|look into|looking into|follow up|get back to you|on its way|send you|send a new`)
)

// phrase is a sequence of word keys; "#" matches any number and "*%" any
// percentage.
type phrase []string

// phraseSet indexes phrases by their first word; phrases that start with
// a wildcard are tried everywhere.
type phraseSet struct {
	byFirst map[string][]phrase
	wild    []phrase
}

// compilePhrases reads "|"-separated phrases of space-separated words,
// longest first within each first word so "don't miss out" would beat
// "don't miss".
func compilePhrases(list string) phraseSet {
	set := phraseSet{byFirst: map[string][]phrase{}}
	for _, p := range strings.Split(strings.ReplaceAll(list, "\n", "|"), "|") {
		ph := phrase(strings.Fields(p))
		if len(ph) == 0 {
			continue
		}
		if first := ph[0]; first == "#" || first == "*%" {
			set.wild = append(set.wild, ph)
		} else {
			set.byFirst[first] = insertLongestFirst(set.byFirst[first], ph)
		}
	}
	return set
}

// insertLongestFirst adds p to ps, keeping longer phrases first.
func insertLongestFirst(ps []phrase, p phrase) []phrase {
	ps = append(ps, p)
	for i := len(ps) - 1; i > 0 && len(ps[i]) > len(ps[i-1]); i-- {
		ps[i], ps[i-1] = ps[i-1], ps[i]
	}
	return ps
}

// match returns how many words of ws, from i, the longest matching
// phrase covers (0 for none). A phrase stays within one sentence.
func (s phraseSet) match(ws []word, i int) int {
	for _, p := range s.byFirst[ws[i].key] {
		if p.matches(ws, i) {
			return len(p)
		}
	}
	for _, p := range s.wild {
		if p.matches(ws, i) {
			return len(p)
		}
	}
	return 0
}

func (p phrase) matches(ws []word, i int) bool {
	if i+len(p) > len(ws) {
		return false
	}
	for k, want := range p {
		w := ws[i+k]
		if w.sentence != ws[i].sentence || !keyMatches(want, w.key) {
			return false
		}
	}
	return true
}

// keyMatches compares a phrase word with a draft word.
func keyMatches(want, key string) bool {
	switch want {
	case "#":
		return isNumber(key)
	case "*%":
		return len(key) > 1 && key[len(key)-1] == '%' && isNumber(key[:len(key)-1])
	}
	return want == key
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
