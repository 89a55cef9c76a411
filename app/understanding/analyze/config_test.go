package analyze

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	want := []string{
		"price", "delivery/shipping", "customer service", "product quality", "website/app",
		"staff", "location/opening hours", "returns/refunds",
	}
	var got []string
	for _, tp := range c.TouchPoints {
		got = append(got, tp.Name)
		if len(tp.Terms) == 0 {
			t.Errorf("%s has no terms", tp.Name)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("default touch points %v, want %v", got, want)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("default config invalid: %v", err)
	}
}

func TestConfigRoundTrip(t *testing.T) {
	c := DefaultConfig()
	c.Promise = []string{"fresh"}
	c.PromiseOpposites = map[string][]string{"fresh": {"dusty"}}
	c.Brand = []string{"Northside"}
	var buf bytes.Buffer
	if err := WriteConfig(&buf, c); err != nil {
		t.Fatal(err)
	}
	back, err := ReadConfig(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, c) {
		t.Errorf("round trip changed the config:\n%+v\n%+v", back, c)
	}
}

func TestReadConfigErrors(t *testing.T) {
	for _, tt := range []struct{ name, json, want string }{
		{"not json", "{", "read analyze config"},
		{"unknown field", `{"touchpoints": []}`, "unknown field"},
		{"no name", `{"touch_points": [{"name": " ", "terms": ["x"]}]}`, "no name"},
		{"duplicate", `{"touch_points": [{"name": "a", "terms": ["x"]}, {"name": "A", "terms": ["y"]}]}`, "twice"},
		{"empty term", `{"touch_points": [{"name": "a", "terms": [""]}]}`, "empty term"},
	} {
		_, err := ReadConfig(strings.NewReader(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestConcurrentAnalyze(t *testing.T) {
	a := New(fixtureConfig())
	posts := samplePosts()
	want := make([]string, len(posts))
	for i, p := range posts {
		want[i] = a.Analyze(p).Summary()
	}
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, p := range posts {
				if got := a.Analyze(p).Summary(); got != want[i] {
					t.Errorf("concurrent Analyze(%q) = %q, want %q", p, got, want[i])
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
