package inbox

import "strings"

// stateWords says what a mention in a state is, to finish "Mentions that
// are …".
func stateWords(st State) string {
	if st == StateNeedsReply {
		return "waiting for a reply"
	}
	return st.String()
}

// Describe says in words what a filter shows ("Mentions that are new or
// waiting for a reply matching refund, most important first.").
func (f Filter) Describe() string {
	text := "Mentions"
	if len(f.States) > 0 {
		words := make([]string, len(f.States))
		for i, st := range f.States {
			words[i] = stateWords(st)
		}
		text += " that are " + strings.Join(words, " or ")
	}
	if f.Query != "" {
		text += " matching " + f.Query
	}
	if f.Intent != "" {
		text += ", intent " + f.Intent
	}
	if f.Polarity != "" {
		text += ", " + f.Polarity
	}
	if f.Owner != "" {
		text += ", assigned to " + f.Owner
	}
	return text + ", " + map[bool]string{true: "most important first", false: "newest first"}[f.Sort == SortPriority] + "."
}
