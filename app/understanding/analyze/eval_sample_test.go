package analyze

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/assets"
)

// TestEvaluateSampleLabels measures the analyser on the sample workspace's
// 329 posts, labelled by hand by someone other than the author of the
// rules (testdata/sample-labels.json): sentiment three-class accuracy and
// per-intent precision and recall, English posts only, noise excluded.
// It reports; it does not tune.
func TestEvaluateSampleLabels(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "sample-labels.json"))
	if err != nil {
		t.Skip("no sample labels")
	}
	var labels struct {
		Mentions []struct {
			Link, Sentiment, Lang, Author string
			Intents                       []string
			Noise, Own                    bool
		}
	}
	if err := json.Unmarshal(b, &labels); err != nil {
		t.Fatal(err)
	}
	texts := sampleTexts(t)
	cfg := DefaultConfig()
	cfg.Brand = []string{"Ember & Oak", "Ember and Oak", "EmberOak", "@emberandoak"}
	cfg.Competitors = sampleCompetitors(t) // as the sample workspace names them
	cfg.People = samplePeople(t)           // as the workspace knows its team and contacts
	a := New(cfg)
	type pr struct{ tp, fp, fn int }
	per := map[string]*pr{}
	for _, in := range []string{Complaint, Question, Praise, Purchase, Referral, Churn} {
		per[in] = &pr{}
	}
	right, n := 0, 0
	confusion := map[string]int{} // "gold→ours"
	for _, m := range labels.Mentions {
		text, ok := texts[feed.NormalizeURL(m.Link)]
		if !ok || m.Noise || m.Own || m.Lang != "en" {
			continue
		}
		r := a.AnalyzeBy(text, m.Author)
		if m.Sentiment != "mixed" {
			n++
			if strings.HasPrefix(r.Polarity, m.Sentiment) {
				right++
			}
			confusion[m.Sentiment+"→"+r.Polarity[:3]]++
		}
		for in, c := range per {
			want, got := contains(m.Intents, in), r.Has(in)
			switch {
			case want && got:
				c.tp++
			case got:
				c.fp++
			case want:
				c.fn++
			}
		}
	}
	var lines []string
	lines = append(lines, fmt.Sprintf("sentiment: %d of %d right (%.1f%%), 'mixed' left out", right, n, 100*float64(right)/float64(max(1, n))))
	var cells []string
	for _, g := range []string{"neg", "neu", "pos"} {
		cells = append(cells, fmt.Sprintf("%s→neg %d, →neu %d, →pos %d", g, confusion[g+"→neg"], confusion[g+"→neu"], confusion[g+"→pos"]))
	}
	lines = append(lines, "confusion (gold→ours): "+strings.Join(cells, "; "))
	var names []string
	for in := range per {
		names = append(names, in)
	}
	sort.Strings(names)
	for _, in := range names {
		c := per[in]
		p := float64(c.tp) / float64(max(1, c.tp+c.fp))
		r := float64(c.tp) / float64(max(1, c.tp+c.fn))
		lines = append(lines, fmt.Sprintf("%-9s precision %.2f recall %.2f (tp %d fp %d fn %d)", in, p, r, c.tp, c.fp, c.fn))
	}
	t.Log("\n" + strings.Join(lines, "\n"))
	if n < 150 {
		t.Fatalf("only %d labelled posts found in the sample feeds", n)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// sampleTexts reads every sample feed and maps normalised links to title
// and text.
func sampleTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	names, _ := fs.Glob(assets.Sample(), "feeds/*")
	for _, name := range names {
		f, err := assets.Sample().Open(name)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := feed.Parse(f, feed.Options{})
		_ = f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range parsed.Entries {
			text := e.Text
			if e.Title != "" && !strings.HasPrefix(e.Text, e.Title) {
				text = e.Title + "\n" + e.Text
			}
			out[feed.NormalizeURL(e.Link)] = text
		}
	}
	return out
}

// samplePeople lists the names of the sample workspace's team and contacts.
func samplePeople(t *testing.T) []string {
	f, err := assets.Sample().Open("workspace.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ws struct {
		Team     []struct{ Name string }
		Contacts []struct{ Name string }
	}
	if err := json.NewDecoder(f).Decode(&ws); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ws.Team {
		out = append(out, p.Name)
	}
	for _, p := range ws.Contacts {
		out = append(out, p.Name)
	}
	return out
}

// sampleCompetitors reads the competitors the sample workspace names.
func sampleCompetitors(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", "sample", "workspace.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ws struct {
		Competitors []string `json:"competitors"`
	}
	if err := json.Unmarshal(b, &ws); err != nil {
		t.Fatal(err)
	}
	return ws.Competitors
}
