package analyze

import (
	"path/filepath"
	"testing"

	"github.com/rapportapp/rapport/app/understanding/labelled"
)

// loadPosts reads the labelled posts of testdata/posts (repository root).
func loadPosts(t testing.TB) []labelled.Post {
	t.Helper()
	posts, err := labelled.Load(filepath.Join("..", "..", "..", "testdata", "posts"))
	if err != nil {
		t.Fatalf("labelled posts: %v", err)
	}
	return posts
}
