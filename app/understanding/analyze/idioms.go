package analyze

// idiomPass scores set phrases whose words VADER reads one by one:
// "can't wait" (eager, not negative) and "couldn't be happier" (a negated
// comparative that means the opposite of negation).
func (s *scorer) idiomPass() {
	for i := 1; i < len(s.toks); i++ {
		prev := s.neighbour(i, -1)
		switch s.key(i) {
		case "wait":
			if negatedModal[prev] {
				s.setIdiom(i, 2.0, "'can't wait' is eagerness")
			}
		case "better", "happier", "prouder", "pleased", "thrilled":
			if prev == "be" && i >= 2 && negatedModal[s.neighbour(i-1, -1)] && s.vals[i] < 0 {
				s.setIdiom(i, s.vals[i]/nScalar*1.25, "'couldn't be "+s.key(i)+"' is praise")
			}
		}
	}
}

var negatedModal = setOf(`can't cant cannot couldn't couldnt`)

func (s *scorer) setIdiom(i int, v float64, note string) {
	s.vals[i] = v
	s.mods[i].neg = -1
	s.mods[i].ctx = note
}
