package analyze

// What goes wrong when people buy: words and set phrases of orders,
// deliveries, refunds and support that VADER leaves neutral, although in a
// post about a business they are plainly complaints. Values are on
// VADER's -4..+4 scale, set by hand from the words' ordinary meaning (not
// fitted to evaluation data); the commerce option switches them on.
func commerceLexicon() map[string]float64 {
	return map[string]float64{
		"cancelled": -1.2, "canceled": -1.2, "cancelling": -1.2, "canceling": -1.2,
		"unsubscribed": -1.0, "unanswered": -1.6, "ghosted": -2.0, "unresponsive": -1.8,
		"glitch": -1.3, "glitches": -1.3, "glitchy": -1.5, "buggy": -1.5, "defective": -2.2,
		"faulty": -2.0, "cracked": -1.2, "snapped": -1.0, "leaky": -1.3, "leaking": -1.2,
		"delayed": -1.2, "overdue": -1.0, "backordered": -0.8, "undelivered": -1.8,
		"misdelivered": -1.6, "gouging": -2.2, "hike": -1.0, "hikes": -1.0,
		"downhill": -1.6, "overpricing": -1.8, "shortchanged": -2.0,
		// things that break or fail, as said of products and apps
		"junk": -1.9, "unusable": -2.0, "shoddy": -2.0, "flimsy": -1.3, "crashed": -1.5,
		"crashes": -1.5, "crashing": -1.5, "laggy": -1.5, "scratched": -1.0, "dented": -1.0,
	}
}

// commercePass scores set phrases of the same kind, whose words VADER reads
// as neutral one by one ("double charged") or the wrong way round ("no
// response": the negation would flip nothing).
func (s *scorer) commercePass() {
	for i := 1; i < len(s.toks); i++ {
		prev := s.neighbour(i, -1)
		switch k := s.key(i); k {
		case "charged", "charge", "billed", "charging":
			if prev == "double" || prev == "overcharged" || prev == "twice" {
				s.setIdiom(i, -2.2, "'"+prev+" "+k+"' is a billing complaint")
			}
		case "response", "reply", "answer", "replies", "answers", "responses", "info", "information", "update",
			"updates", "explanation", "communication", "notice", "apology", "warning", "callback":
			if prev == "no" || prev == "zero" || prev == "without" {
				s.setIdiom(i, -1.6, "'"+prev+" "+k+"' is a service complaint")
			}
		case "waiting":
			if prev == "still" {
				s.setIdiom(i, -1.4, "'still waiting' is a complaint")
			}
		case "isn't", "isnt", "hasn't", "hasnt", "haven't", "havent", "doesn't", "doesnt", "not", "no", "can't",
			"cant", "won't", "wont", "nothing":
			if prev == "still" && s.vals[i] >= 0 {
				s.setIdiom(i, -1.4, "'still "+k+"' is a complaint")
			}
		case "luck":
			if prev == "good" {
				// a wish, not an evaluation: "good luck" in a cancellation
				// is not praise, and is worth one mild positive word
				s.setIdiom(i, 0, "'good luck' is a wish")
				s.setIdiom(i-1, 1.0, "'good luck' is a wish")
			}
		case "again":
			if s.neverBefore(i, 4) {
				s.setIdiom(i, -2.0, "'never … again' is a customer lost")
			}
		}
	}
}

// neverBefore reports "never" within n words before i, in the same clause.
func (s *scorer) neverBefore(i, n int) bool {
	if s.toks[i].brk {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-n; j-- {
		if s.key(j) == "never" {
			return true
		}
		if s.toks[j].brk {
			return false
		}
	}
	return false
}
