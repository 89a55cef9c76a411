package storage

import "slices"

// CountMentionIDs counts the entries of a mention index, keys only: no
// mention is read. It walks the index (for MentionsInState, only the
// mentions in that state), never the mentions.
func (tx *Tx) CountMentionIDs(ix MentionIndex) int {
	if ix.sealed != nil {
		ids, _, _ := tx.sealedMentionIDs(ix, nil, 0, nil)
		return len(ids)
	}
	return tx.countPrefix(ix.prefix)
}

// OldestMentionIDs returns up to limit mention ids from an index, oldest
// first: the other end of MentionIDs, for "who has waited longest".
func (tx *Tx) OldestMentionIDs(ix MentionIndex, limit int) ([]uint64, error) {
	if ix.sealed != nil {
		ids, _, err := tx.sealedMentionIDs(ix, nil, 0, nil)
		slices.Reverse(ids)
		if limit > 0 && len(ids) > limit {
			ids = ids[:limit]
		}
		return ids, err
	}
	ids := make([]uint64, 0, max(0, limit))
	_, err := tx.scan(ix.prefix, false, nil, limit, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}
