package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// searchFolder makes a data folder with three mentions and an interaction.
func searchFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := storage.Open(dir, workspace.StoreOptions(testkit.Quiet()))
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	err = s.Update(func(tx *storage.Tx) error {
		src := &storage.Source{Name: "Reddit r/coffee"}
		if err := tx.Sources().Put(src); err != nil {
			return err
		}
		for i, m := range []storage.Mention{
			{Title: "Best CAFÉ au lait", Text: "We tried the cold brew at Maria's.", Author: "Jane Doe", Link: "https://e.com/1"},
			{Title: "Decaf?", Text: "Is decaf coffee any good? Café culture says no.", Author: "Theo"},
			{Title: "Tea", Text: "Tea and cake.", Author: "Sam"},
		} {
			m.Published, m.SourceIDs = t0.Add(time.Duration(i)*time.Hour), []uint64{src.ID}
			if err := tx.Mentions().Put(&m); err != nil {
				return err
			}
		}
		p := &storage.Person{Name: "Jane Doe"}
		if err := tx.People().Put(p); err != nil {
			return err
		}
		return tx.Interactions().Put(&storage.Interaction{PersonID: p.ID, Kind: "sample", Note: "Sent her a café crème kit", At: t0})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// jsonLines decodes `--json` output.
func jsonLines(t *testing.T, out string) []searchJSON {
	t.Helper()
	var lines []searchJSON
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var v searchJSON
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		lines = append(lines, v)
	}
	return lines
}

func TestSearchCommand(t *testing.T) {
	t.Parallel()
	dir := searchFolder(t)
	tests := []struct {
		args   []string
		titles []string
	}{
		{[]string{"search", "cafe", "--json"}, []string{"Decaf?", "Best CAFÉ au lait"}},
		{[]string{"search", "--limit", "1", "cafe", "--json"}, []string{"Decaf?"}},
		{[]string{"search", "cold", "brew", "--json"}, []string{"Best CAFÉ au lait"}},
		{[]string{"search", `"brew cold"`, "--json"}, nil},
		{[]string{"search", "café -decaf", "--json"}, []string{"Best CAFÉ au lait"}},
		{[]string{"search", "author:jane OR title:tea", "--json"}, []string{"Tea", "Best CAFÉ au lait"}},
		{[]string{"--data", dir, "search", "NOT tea", "--json"}, []string{"Decaf?", "Best CAFÉ au lait"}},
	}
	for _, tt := range tests {
		r := run(t, dir, tt.args...)
		var titles []string
		for _, l := range jsonLines(t, r.stdout) {
			titles = append(titles, l.Title)
		}
		if r.code != 0 || strings.Join(titles, "|") != strings.Join(tt.titles, "|") {
			t.Errorf("%v: exit %d, titles %q, want %q (stderr %q)", tt.args, r.code, titles, tt.titles, r.stderr)
		}
	}
}

func TestSearchCommandJSONHighlights(t *testing.T) {
	t.Parallel()
	r := run(t, searchFolder(t), "search", "café OR brew", "--json", "--interactions")
	lines := jsonLines(t, r.stdout)
	if r.code != 0 || len(lines) != 3 {
		t.Fatalf("exit %d, %d lines: %s %s", r.code, len(lines), r.stdout, r.stderr)
	}
	first := lines[1] // Best CAFÉ au lait, after the newer Decaf?
	if first.Type != "mention" || first.Source != "Reddit r/coffee" || first.Link != "https://e.com/1" || first.Author != "Jane Doe" {
		t.Errorf("fields: %+v", first)
	}
	if h := first.Highlights["title"]; len(h) != 1 || first.Title[h[0][0]:h[0][1]] != "CAFÉ" {
		t.Errorf("title highlights %v", first.Highlights)
	}
	if h := first.Highlights["text"]; len(h) != 1 || first.Text[h[0][0]:h[0][1]] != "brew" {
		t.Errorf("text highlights %v", first.Highlights)
	}
	x := lines[2]
	if x.Type != "interaction" || x.Author != "Jane Doe" || x.Title != "sample" || len(x.Highlights["text"]) != 1 {
		t.Errorf("interaction line %+v", x)
	}
}

func TestSearchCommandForPeople(t *testing.T) {
	t.Parallel()
	dir := searchFolder(t)
	r := run(t, dir, "search", "cold brew")
	if r.code != 0 || !strings.Contains(r.stdout, "Best CAFÉ au lait") || !strings.Contains(r.stdout, "We tried the [cold] [brew] at Maria's.") {
		t.Errorf("text output: %+v", r)
	}
	if r := run(t, dir, "search", "zebra"); r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no matches") {
		t.Errorf("no matches: %+v", r)
	}
	if r := run(t, dir, "search", "site:e.com"); r.code != 0 || !strings.Contains(r.stderr, "read one by one") {
		t.Errorf("scan note: %+v", r)
	}
	if r := run(t, dir, "search"); r.code != 2 || !strings.Contains(r.stderr, "needs a QUERY") {
		t.Errorf("no query: %+v", r)
	}
	oneLineError(t, run(t, dir, "search", `"cold`), "missing closing quote")
}
