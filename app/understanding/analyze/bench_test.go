package analyze

import (
	"strings"
	"testing"
)

// samplePosts are short posts of the kind Rapport reads (the fixtures).
func samplePosts() []string {
	var out []string
	for _, f := range loadFixtures(nil) {
		out = append(out, f.text)
	}
	return out
}

// BenchmarkAnalyze measures full Analyze (sentiment, intents, touch points,
// promise) per post.
func BenchmarkAnalyze(b *testing.B) {
	posts := samplePosts()
	cfg := fixtureConfig()
	cfg.Promise = []string{"fresh", "friendly"}
	a := New(cfg)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.Analyze(posts[i%len(posts)])
		i++
	}
}

// BenchmarkSentiment measures the VADER core alone.
func BenchmarkSentiment(b *testing.B) {
	posts := samplePosts()
	o := fullOptions()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		scoreText(posts[i%len(posts)], &o)
		i++
	}
}

// BenchmarkAnalyzeLong measures a long post (a review of ~2,000 bytes).
func BenchmarkAnalyzeLong(b *testing.B) {
	long := strings.Repeat("The beans were fresh and the barista was lovely, but delivery took ages! ", 28)
	a := New(DefaultConfig())
	for b.Loop() {
		a.Analyze(long)
	}
}
