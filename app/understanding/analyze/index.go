package analyze

import "strings"

// phraseIndex finds which of many patterns may start at a token: patterns
// are filed under the words their first slot can begin with; those starting
// with a prefix, a brand or a rival are tried everywhere.
type phraseIndex struct {
	byWord map[string][]int
	always []int
}

func newPhraseIndex(pats []pattern) phraseIndex {
	ix := phraseIndex{byWord: map[string][]int{}}
	for i := range pats {
		first := &pats[i].slots[0]
		general := first.brand || first.rival
		for _, alt := range first.alts {
			if strings.HasSuffix(alt[0], "*") || strings.HasPrefix(alt[0], "<") {
				general = true
				continue
			}
			ix.byWord[alt[0]] = append(ix.byWord[alt[0]], i)
		}
		if general {
			ix.always = append(ix.always, i)
		}
	}
	return ix
}

// candidates calls fn with each pattern index that may match at token i.
func (ix *phraseIndex) candidates(key string, fn func(int)) {
	for _, p := range ix.byWord[key] {
		fn(p)
	}
	for _, p := range ix.always {
		fn(p)
	}
}
