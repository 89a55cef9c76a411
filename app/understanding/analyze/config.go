package analyze

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Category is a touch point the owner tracks, with the words that signal it.
// A term is a word or phrase matched on whole words, case-insensitively; a
// trailing "*" matches any ending ("refund*"), a leading "$", "£" or "€"
// followed by "*" matches prices.
//
// Subjects are things a mention can be about ("beans", "latte") that count
// only when the sentence judges them or asks about them: "the latte was
// cold" touches product quality, "meet me for a latte" does not.
type Category struct {
	Name     string   `json:"name"`
	Terms    []string `json:"terms"`
	Subjects []string `json:"subjects,omitempty"`
}

// Config is what the owner edits: touch points, brand promise and brand names.
type Config struct {
	// TouchPoints are the categories a mention can be about.
	TouchPoints []Category `json:"touch_points"`
	// Promise lists the words of the brand promise ("fresh", "friendly").
	Promise []string `json:"promise"`
	// PromiseOpposites lists, per promise word, words that break it
	// ("fresh": ["stale"]). Common promise words have built-in opposites
	// (see promiseOpposites); entries here add to them.
	PromiseOpposites map[string][]string `json:"promise_opposites,omitempty"`
	// Brand lists the names and handles of the business ("Northside",
	// "@northsideroast"), used for cues such as "recommend Northside".
	Brand []string `json:"brand"`
	// Competitors lists rival names, used for churn cues ("switching to X").
	Competitors []string `json:"competitors"`
	// People lists names of people — the team, contacts — whose names in a
	// post are not evidence of anything ("Kim Park" is not a location).
	People []string `json:"people,omitempty"`
}

//go:embed defaults.json
var defaultsJSON []byte

// DefaultConfig returns the default touch points (price, delivery/shipping,
// customer service, product quality, website/app, staff,
// location/opening hours, returns/refunds) and well-known coffee chains as
// competitors, with no promise and no brand.
func DefaultConfig() Config {
	var c Config
	if err := json.Unmarshal(defaultsJSON, &c); err != nil {
		panic(fmt.Sprintf("analyze: embedded defaults.json: %v", err)) // a build defect
	}
	return c
}

// ReadConfig decodes a Config from JSON.
func ReadConfig(r io.Reader) (Config, error) {
	var c Config
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("read analyze config: %w", err)
	}
	return c, c.Validate()
}

// WriteConfig encodes c as indented JSON.
func WriteConfig(w io.Writer, c Config) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("write analyze config: %w", err)
	}
	return nil
}

// Validate reports empty or duplicate category names and empty terms.
func (c Config) Validate() error {
	seen := map[string]bool{}
	for _, cat := range c.TouchPoints {
		name := strings.TrimSpace(cat.Name)
		if name == "" {
			return fmt.Errorf("touch point with no name")
		}
		if seen[strings.ToLower(name)] {
			return fmt.Errorf("touch point %q listed twice", name)
		}
		seen[strings.ToLower(name)] = true
		for _, t := range append(cat.Terms[:len(cat.Terms):len(cat.Terms)], cat.Subjects...) {
			if strings.TrimSpace(t) == "" {
				return fmt.Errorf("touch point %q has an empty term", name)
			}
		}
	}
	return nil
}

// ChainCompetitors are the coffee chains of the UK and the US that the
// coffee-shop fixtures (testdata/intents.tsv) were labelled with as
// competitors, and that the learned layer was trained with. They are not a
// default: a business names its own competitors (first run, Settings).
func ChainCompetitors() []string {
	return []string{
		"Starbucks", "Costa", "Pret", "Pret A Manger", "Dunkin", "Caffè Nero", "Caffe Nero", "Tim Hortons", "Peet's",
		"Nespresso", "Blue Bottle", "Greggs", "McDonald's",
	}
}
