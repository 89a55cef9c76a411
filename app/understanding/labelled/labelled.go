// Package labelled reads and writes the labelled posts in testdata/posts:
// short posts addressed to businesses, each labelled with its intents,
// sentiment and touch points, in train, dev and test splits. The learned
// model is trained on them (scripts/trainintents) and the analyzer is
// measured on them (docs/understanding.md).
package labelled

import (
	"bufio"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The splits.
const (
	Train = "train"
	Dev   = "dev"
	Test  = "test"
)

// Post is one labelled post.
type Post struct {
	File        string // the file it came from, e.g. "cars.tsv"
	Line        int    // its line in the file (1 = header)
	Split       string // train, dev, test, or "" before AssignSplits
	Kind        string // kind of business, e.g. "cars"
	Business    string // the (invented) business it is addressed to
	Intents     []string
	Sentiment   string // negative, neutral or positive
	TouchPoints []string
	Text        string
}

// Has reports whether the post carries intent.
func (p *Post) Has(intent string) bool {
	for _, in := range p.Intents {
		if in == intent {
			return true
		}
	}
	return false
}

// header is the column order of the files; "split" is absent before the
// splits are assigned.
var header = []string{"split", "kind", "business", "intents", "sentiment", "touchpoints", "text"}

// Load reads every *.tsv file in dir, in name order.
func Load(dir string) ([]Post, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no labelled posts in %s", dir)
	}
	sort.Strings(files)
	var out []Post
	for _, f := range files {
		ps, err := loadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

func loadFile(path string) ([]Post, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Post
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var cols []string
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if n == 1 {
			cols = fields
			continue
		}
		if len(fields) == 1 && fields[0] == "" {
			continue
		}
		if len(fields) != len(cols) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", path, n, len(fields), len(cols))
		}
		p := Post{File: filepath.Base(path), Line: n}
		for i, c := range cols {
			v := fields[i]
			switch c {
			case "split":
				p.Split = v
			case "kind":
				p.Kind = v
			case "business":
				p.Business = v
			case "intents":
				p.Intents = list(v)
			case "sentiment":
				p.Sentiment = v
			case "touchpoints":
				p.TouchPoints = list(v)
			case "text":
				p.Text = v
			default:
				return nil, fmt.Errorf("%s: unknown column %q", path, c)
			}
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// rarity orders intents from the rarest; a post is stratified by its
// rarest intent so that every intent is spread over the splits.
var rarity = []string{"referral", "go", "churn", "do", "purchase", "know", "buy", "praise", "question", "complaint"}

func stratum(p *Post) string {
	for _, in := range rarity {
		if p.Has(in) {
			return p.Kind + "/" + in
		}
	}
	return p.Kind + "/-"
}

// textHash orders posts within a stratum: a hash of the text, so the
// assignment does not depend on file order and is the same on every run.
func textHash(s string) uint64 {
	h := sha1.Sum([]byte(s))
	return binary.BigEndian.Uint64(h[:8])
}

// Supplement reports whether a post comes from a supplement file
// ("supplement-*.tsv"): posts written after the splits were assigned,
// for the train split only (testdata/posts/README.md says why).
func Supplement(p *Post) bool {
	return strings.HasPrefix(p.File, "supplement-")
}

// AssignSplits gives every post a split: within each stratum (kind of
// business × rarest intent), posts ordered by a hash of their text go in
// turn to train, train, train, dev, test — 60 / 20 / 20. Supplement posts
// are always train and take no turn, so the other posts' splits stay as
// they were first assigned.
func AssignSplits(posts []Post) {
	by := map[string][]int{}
	for i := range posts {
		if Supplement(&posts[i]) {
			posts[i].Split = Train
			continue
		}
		s := stratum(&posts[i])
		by[s] = append(by[s], i)
	}
	cycle := [5]string{Train, Train, Train, Dev, Test}
	for _, idx := range by {
		sort.Slice(idx, func(a, b int) bool {
			ha, hb := textHash(posts[idx[a]].Text), textHash(posts[idx[b]].Text)
			if ha != hb {
				return ha < hb
			}
			return posts[idx[a]].Text < posts[idx[b]].Text
		})
		for k, i := range idx {
			posts[i].Split = cycle[k%5]
		}
	}
}

// Write rewrites the files of dir from posts (grouped by File), with the
// split as the first column.
func Write(dir string, posts []Post) error {
	by := map[string][]Post{}
	var files []string
	for _, p := range posts {
		if _, ok := by[p.File]; !ok {
			files = append(files, p.File)
		}
		by[p.File] = append(by[p.File], p)
	}
	for _, f := range files {
		var b strings.Builder
		b.WriteString(strings.Join(header, "\t") + "\n")
		for _, p := range by[f] {
			b.WriteString(strings.Join([]string{
				p.Split, p.Kind, p.Business, strings.Join(p.Intents, ","), p.Sentiment,
				strings.Join(p.TouchPoints, ","), p.Text,
			}, "\t") + "\n")
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
