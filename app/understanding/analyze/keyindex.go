package analyze

// keyIndex maps feature keys to model rows by open addressing on the key's
// own low bits (a key is already a hash). A post needs about a hundred
// look-ups per model, and this is several times cheaper than a Go map.
type keyIndex struct {
	keys []uint64 // 0 marks an empty slot; the key 0 is stored as 1
	rows []int32
	n    int
}

func slotKey(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

// get returns the row of key k.
func (ix *keyIndex) get(k uint64) (int32, bool) {
	if len(ix.keys) == 0 {
		return 0, false
	}
	k = slotKey(k)
	mask := uint64(len(ix.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch ix.keys[i] {
		case k:
			return ix.rows[i], true
		case 0:
			return 0, false
		}
	}
}

// put sets the row of key k, growing the table to stay at most half full.
func (ix *keyIndex) put(k uint64, r int32) {
	if 2*(ix.n+1) > len(ix.keys) {
		ix.grow()
	}
	k = slotKey(k)
	mask := uint64(len(ix.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch ix.keys[i] {
		case k:
			ix.rows[i] = r
			return
		case 0:
			ix.keys[i], ix.rows[i] = k, r
			ix.n++
			return
		}
	}
}

func (ix *keyIndex) grow() {
	old, oldRows := ix.keys, ix.rows
	size := max(64, 2*len(old))
	ix.keys, ix.rows, ix.n = make([]uint64, size), make([]int32, size), 0
	for i, k := range old {
		if k != 0 {
			ix.put(k, oldRows[i])
		}
	}
}

// len is the number of keys.
func (ix *keyIndex) len() int { return ix.n }

// each calls fn for every key and row, in slot order.
func (ix *keyIndex) each(fn func(k uint64, r int32)) {
	for i, k := range ix.keys {
		if k != 0 {
			fn(k, ix.rows[i])
		}
	}
}
