package opml

import (
	"reflect"
	"testing"
	"time"

	"github.com/rapportapp/rapport/storage"
)

func TestFromSources(t *testing.T) {
	t.Parallel()
	rules := map[uint64]storage.Rule{
		1: {ID: 1, Query: `"cold brew"`},
		2: {ID: 2, Query: "latte OR cappuccino"},
		3: {ID: 3, Query: "decaf", Disabled: true},
		4: {ID: 4, Query: "  "},
	}
	sources := []storage.Source{
		{ID: 10, Name: "None", URL: "https://none.example/f"},
		{ID: 11, Name: "One", URL: "https://one.example/f", Kind: "reddit", Folder: "Social", Every: 15 * time.Minute, RuleIDs: []uint64{1}},
		{ID: 12, Name: "Two", URL: "https://two.example/f", RuleIDs: []uint64{1, 3, 2, 99, 4}},
		{ID: 13, Name: "Only disabled", URL: "https://off.example/f", RuleIDs: []uint64{3}, Disabled: true},
	}
	want := []Feed{
		{Title: "None", URL: "https://none.example/f"},
		{Title: "One", URL: "https://one.example/f", Kind: "reddit", Folder: "Social", Every: 15 * time.Minute, Rule: `"cold brew"`},
		{Title: "Two", URL: "https://two.example/f", Rule: `("cold brew") OR (latte OR cappuccino)`},
		{Title: "Only disabled", URL: "https://off.example/f"},
	}
	if got := FromSources(sources, rules); !reflect.DeepEqual(got, want) {
		t.Errorf("FromSources:\n got %#v\nwant %#v", got, want)
	}
	if got := FromSources(nil, nil); len(got) != 0 {
		t.Errorf("FromSources(nil) = %#v", got)
	}
}

func TestFeedSource(t *testing.T) {
	t.Parallel()
	f := Feed{Title: "T", URL: "https://t.example/f", HTMLURL: "https://t.example/", Folder: "A/B", Kind: "blog", Rule: "x", Every: time.Hour}
	want := storage.Source{Name: "T", URL: "https://t.example/f", Folder: "A/B", Kind: "blog", Every: time.Hour}
	if got := f.Source(); !reflect.DeepEqual(got, want) {
		t.Errorf("Source() = %#v, want %#v", got, want)
	}
}
