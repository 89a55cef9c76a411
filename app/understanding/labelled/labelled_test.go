package labelled

import (
	"path/filepath"
	"testing"
)

// TestAssignSplitsReproduces checks that assigning the splits again gives
// the stored ones: the supplement posts (train only) take no turn, so the
// test split is the one first assigned and reported in the docs.
func TestAssignSplitsReproduces(t *testing.T) {
	posts, err := Load(filepath.Join("..", "..", "..", "testdata", "posts"))
	if err != nil {
		t.Fatal(err)
	}
	stored := make([]string, len(posts))
	for i := range posts {
		stored[i] = posts[i].Split
	}
	AssignSplits(posts)
	supplements := 0
	for i := range posts {
		p := &posts[i]
		if Supplement(p) {
			supplements++
			if stored[i] != Train {
				t.Errorf("%s:%d: a supplement post in %q, want train", p.File, p.Line, stored[i])
			}
		}
		if p.Split != stored[i] {
			t.Errorf("%s:%d: split %q, reassigned %q", p.File, p.Line, stored[i], p.Split)
		}
	}
	if supplements == 0 {
		t.Error("no supplement posts found")
	}
}
