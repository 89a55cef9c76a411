package storage

import "slices"

// CountMentionIDs counts the entries of a mention index, keys only: no
// mention is read. It walks the index (for MentionsInState, only the
// mentions in that state), never the mentions. A word index's blocks are
// decoded (words_blocks.go).
func (tx *Tx) CountMentionIDs(ix MentionIndex) int {
	if !ix.blocks {
		return tx.countPrefix(ix.prefix)
	}
	n := 0
	m := tx.IterateMentions(ix)
	defer m.Close()
	for ; m.Valid(); m.Next() {
		n++
	}
	return n
}

// OldestMentionIDs returns up to limit mention ids from an index, oldest
// first: the other end of MentionIDs, for "who has waited longest".
func (tx *Tx) OldestMentionIDs(ix MentionIndex, limit int) ([]uint64, error) {
	ids := make([]uint64, 0, max(0, limit))
	if ix.blocks { // a word index: walked newest first, the oldest kept
		all, _, err := tx.MentionIDs(ix, nil, 0)
		slices.Reverse(all)
		if limit > 0 && len(all) > limit {
			all = all[:limit]
		}
		return append(ids, all...), err
	}
	_, err := tx.scan(ix.prefix, false, nil, limit, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}
