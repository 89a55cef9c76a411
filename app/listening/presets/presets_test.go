package presets

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	t.Parallel()
	kinds := []string{"reddit", "hackernews", "mastodon", "googlenews", "stackexchange", "youtube", "bluesky", "blog", "googlealerts"}
	fields := []string{FieldKeyword, FieldInstance, FieldSite, FieldChannel, FieldHandle, FieldURL, FieldLang, FieldRegion}
	seen := map[string]bool{}
	for _, p := range All() {
		if p.ID == "" || seen[p.ID] {
			t.Errorf("missing or repeated ID %q", p.ID)
		}
		seen[p.ID] = true
		if p.Name == "" || p.Help == "" || p.Every <= 0 || p.build == nil {
			t.Errorf("%s: incomplete: %+v", p.ID, p)
		}
		if !slices.Contains(kinds, p.Kind) {
			t.Errorf("%s: unknown kind %q", p.ID, p.Kind)
		}
		for _, f := range p.Fields {
			if !slices.Contains(fields, f.Name) || f.Label == "" || f.Hint == "" {
				t.Errorf("%s: bad field %+v", p.ID, f)
			}
			if f.Name == FieldKeyword && f.Optional == p.Keyword {
				t.Errorf("%s: keyword field Optional=%v but Keyword=%v", p.ID, f.Optional, p.Keyword)
			}
		}
		if got, ok := Get(p.ID); !ok || got.ID != p.ID {
			t.Errorf("Get(%q) = %v, %v", p.ID, got.ID, ok)
		}
	}
	for _, k := range kinds {
		if !slices.ContainsFunc(All(), func(p Preset) bool { return p.Kind == k }) {
			t.Errorf("no preset of kind %q", k)
		}
	}
	if _, ok := Get("nope"); ok {
		t.Error(`Get("nope") found something`)
	}
	all := All()
	all[0].Name = "changed"
	if p, _ := Get(all[0].ID); p.Name == "changed" {
		t.Error("All returns the table itself")
	}
}

func TestForKeyword(t *testing.T) {
	t.Parallel()
	ids := []string{"reddit-search", "hn-stories", "mastodon-tag", "reddit-search", "youtube-channel", "bogus", "googlenews-search"}
	srcs, errs := ForKeyword("cold brew", ids, Input{Instance: "fosstodon.org", Region: "GB", Channel: "@maria"})
	var urls []string
	for _, s := range srcs {
		urls = append(urls, s.URL)
	}
	wantURLs := []string{
		"https://www.reddit.com/search.rss?q=%22cold+brew%22&sort=new",
		"https://hnrss.org/newest?q=%22cold+brew%22",
		"https://fosstodon.org/tags/coldbrew.rss",
		"https://news.google.com/rss/search?q=%22cold+brew%22&hl=en-US&gl=GB&ceid=GB:en",
	}
	if !slices.Equal(urls, wantURLs) {
		t.Errorf("URLs:\n got %q\nwant %q", urls, wantURLs)
	}
	wantErrs := []string{
		"YouTube channel: " + msgChannel,
		`Rapport has no source type called "bogus".`,
	}
	if got := errorStrings(errs); !slices.Equal(got, wantErrs) {
		t.Errorf("errors:\n got %q\nwant %q", got, wantErrs)
	}
	var e *Error
	if !errors.As(errs[0], &e) || e.Preset != "youtube-channel" || e.Field != FieldChannel {
		t.Errorf("first error: %#v", e)
	}
}

func TestForKeywordBadKeyword(t *testing.T) {
	t.Parallel()
	srcs, errs := ForKeyword("  ", []string{"reddit-search", "hn-comments", "reddit-subreddit"}, Input{Channel: "coffee"})
	if len(srcs) != 1 || srcs[0].URL != "https://www.reddit.com/r/coffee/new/.rss" {
		t.Errorf("sources: %+v", srcs)
	}
	if got := errorStrings(errs); !slices.Equal(got, []string{msgEmpty}) {
		t.Errorf("errors: %q; want the keyword error once", got)
	}
	// Without keyword presets, a bad keyword is no error.
	if _, errs := ForKeyword("", []string{"reddit-subreddit"}, Input{Channel: "coffee"}); len(errs) != 0 {
		t.Errorf("errors: %q", errorStrings(errs))
	}
}

func errorStrings(errs []error) []string {
	var s []string
	for _, err := range errs {
		s = append(s, err.Error())
	}
	return s
}

func BenchmarkForKeyword(b *testing.B) {
	var ids []string
	for _, p := range All() {
		ids = append(ids, p.ID)
	}
	in := Input{Channel: "UC_x5XG1OV2P6uZZ5FSM9Ttw", Handle: "maria.bsky.social", URL: "https://yourblog.com/2024/05/post/"}
	b.ReportAllocs()
	for b.Loop() {
		srcs, _ := ForKeyword("Café "+strings.Repeat("x", 3), ids, in)
		if len(srcs) < 8 {
			b.Fatal(len(srcs))
		}
	}
}
