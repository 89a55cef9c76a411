package storage

import "testing"

// TestKeySpreadCountsTheTablesThatEndBefore: how far a walk has got is
// the count of the tables that end before the key it reached.
func TestKeySpreadCountsTheTablesThatEndBefore(t *testing.T) {
	k := keySpread{ends: [][]byte{[]byte("mkb"), []byte("mkf"), []byte("mkm")}, upTo: []int64{10, 30, 60}, total: 60}
	for _, c := range []struct {
		key  string
		want int64
	}{{"mka", 0}, {"mkb", 0}, {"mkc", 10}, {"mkf", 10}, {"mkg", 30}, {"mkz", 60}} {
		if got := k.before([]byte(c.key)); got != c.want {
			t.Errorf("before(%q) = %d, want %d", c.key, got, c.want)
		}
	}
	if got := (keySpread{}).before([]byte("mk")); got != 0 {
		t.Errorf("an empty spread: %d", got)
	}
}
