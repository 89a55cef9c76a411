package analyze

import (
	"bufio"
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sharedData locates /work/shared/data (RAPPORT_SHARED_DATA, else
// ../shared/data from the repository root).
func sharedData() string {
	if d := os.Getenv("RAPPORT_SHARED_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "..", "shared", "data")
}

type rated struct {
	text   string
	rating float64
}

// loadTweets reads tweets_GroundTruth.tsv, unescaping HTML entities.
func loadTweets(t testing.TB) []rated {
	t.Helper()
	path := filepath.Join(sharedData(), "sentiment", "tweets_GroundTruth.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("evaluation data not available: %v", err)
	}
	defer f.Close()
	var out []rated
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.SplitN(strings.TrimRight(sc.Text(), "\r"), "\t", 3)
		if len(parts) < 3 {
			continue
		}
		y, err := strconv.ParseFloat(parts[1], 64)
		if err != nil {
			continue
		}
		out = append(out, rated{text: html.UnescapeString(parts[2]), rating: y})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

// scoreText scores text with the given options (evaluation helper; the
// Analyzer does the same through its pooled scratch space).
func scoreText(text string, opt *options) float64 {
	lx := sharedLexicons()
	s := scorer{opt: opt, lx: lx, text: text, toks: tokenize(text, opt, lx, nil)}
	return s.score().compound
}
