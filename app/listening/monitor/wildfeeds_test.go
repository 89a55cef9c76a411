package monitor

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/listening/fetch"
)

// wildCase is one entry of testdata/wildfeeds/cases.json.
type wildCase struct {
	File              string `json:"file"`
	ContentType       string `json:"content_type"`
	Expect            string `json:"expect"`
	Title             string `json:"title"`
	Items             int    `json:"items"`
	FirstItemTitle    string `json:"first_item_title"`
	FirstItemContains string `json:"first_item_contains"`
	FirstItemLink     string `json:"first_item_link"`
	Problem           string `json:"problem"`
}

// wildDir is the corpus of ill-formed and mis-encoded feeds.
var wildDir = filepath.Join("..", "..", "..", "testdata", "wildfeeds")

func wildCases(t *testing.T) []wildCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(wildDir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []wildCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestHostileWildFeeds runs every feed of the wildfeeds corpus through
// Rapport's own path — served over HTTP with the case's Content-Type,
// fetched by package fetch and read by readFeed, as a check does — and
// compares what it reads with what a good reader reads: the title, the
// number of items, the first item's title (and a piece of its text, and
// its link), or a refusal with a message that says what the address is.
func TestHostileWildFeeds(t *testing.T) {
	client := fetch.New(fetch.Options{Timeout: 10 * time.Second})
	read, refused := 0, 0
	for _, c := range wildCases(t) {
		body, err := os.ReadFile(filepath.Join(wildDir, c.File))
		if err != nil {
			t.Fatal(err)
		}
		srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", c.ContentType)
			_, _ = w.Write(body)
		})
		ok := t.Run(c.File, func(t *testing.T) {
			res, err := client.Get(context.Background(), fetch.Request{URL: srv.URL})
			if err != nil {
				t.Fatalf("fetch: %v", err)
			}
			f, err := readFeed(res, "", time.Now())
			if c.Expect == "refuse" {
				if err == nil {
					t.Fatalf("read %d items titled %q; want it refused (%s)", len(f.Entries), f.Title, c.Problem)
				}
				t.Logf("refused: %v", err)
				return
			}
			if err != nil {
				t.Fatalf("refused: %v\nproblem: %s", err, c.Problem)
			}
			if f.Title != c.Title || f.Total != c.Items || len(f.Entries) != c.Items {
				t.Fatalf("title %q with %d items (%d read); want %q with %d", f.Title, f.Total, len(f.Entries), c.Title, c.Items)
			}
			e := f.Entries[0]
			if e.Title != c.FirstItemTitle {
				t.Errorf("first item %q, want %q", e.Title, c.FirstItemTitle)
			}
			if !strings.Contains(e.Text, c.FirstItemContains) {
				t.Errorf("first item's text %q does not contain %q", e.Text, c.FirstItemContains)
			}
			if c.FirstItemLink != "" && e.Link != c.FirstItemLink {
				t.Errorf("first item's link %q, want %q", e.Link, c.FirstItemLink)
			}
		})
		switch {
		case ok && c.Expect == "read":
			read++
		case ok:
			refused++
		}
	}
	t.Logf("read %d of the 66 feeds to read, refused %d of the 4 to refuse", read, refused)
}

// TestHostileWildFeedsAdded adds every feed of the corpus that a good
// reader reads as a source, as "source add" does: the source is named by
// the feed's title, read in the right encoding.
func TestHostileWildFeedsAdded(t *testing.T) {
	s, _ := setupTimeouts(t, time.Minute, 30*time.Second)
	for _, c := range wildCases(t) {
		if c.Expect != "read" || c.Title == "" {
			continue
		}
		body, err := os.ReadFile(filepath.Join(wildDir, c.File))
		if err != nil {
			t.Fatal(err)
		}
		srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", c.ContentType)
			_, _ = w.Write(body)
		})
		res, err := s.Add(context.Background(), AddRequest{URL: srv.URL + "/" + c.File})
		if err != nil || res.Source.Name != c.Title {
			t.Errorf("%s: added as %q (%v); want %q", c.File, res.Source.Name, err, c.Title)
		}
	}
}
