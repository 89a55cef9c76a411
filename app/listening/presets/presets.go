package presets

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/shared/query"
)

// Names of the Input fields a preset asks for (Field.Name).
const (
	FieldKeyword  = "keyword"
	FieldInstance = "instance"
	FieldSite     = "site"
	FieldChannel  = "channel"
	FieldHandle   = "handle"
	FieldURL      = "url"
	FieldLang     = "lang"
	FieldRegion   = "region"
)

// Preset is one way of building a source.
type Preset struct {
	ID      string        // stable identifier, e.g. "reddit-search"
	Name    string        // shown to users, e.g. "Reddit search"
	Kind    string        // storage.Source.Kind of what it builds
	Fields  []Field       // the inputs it asks for, in order
	Every   time.Duration // suggested poll interval
	Help    string        // one or two sentences for the owner
	Keyword bool          // the address is built from Input.Keyword, which is required
	Rule    bool          // Build attaches a watch rule made from the keyword

	build func(in Input) (url, label string, err error)
	rule  func(keyword string) string // nil: keywordRule
}

// Field describes one input a preset asks for.
type Field struct {
	Name     string // which Input field: FieldKeyword, FieldChannel, …
	Label    string // shown next to the box, e.g. "Subreddit"
	Hint     string // an example to show in an empty box
	Default  string // used when the box is left empty
	Optional bool   // may be left empty (Default, if any, then applies)
}

// Input is what the owner typed. Each preset reads the fields its Fields
// name and ignores the rest.
type Input struct {
	Keyword  string // word or phrase to listen for
	Instance string // Mastodon server, e.g. mastodon.social
	Site     string // Stack Exchange site, e.g. coffee or stackoverflow
	Channel  string // subreddit, or YouTube channel ID or link
	Handle   string // Bluesky handle
	URL      string // blog post, YouTube playlist or Google Alerts feed
	Lang     string // Google News language, e.g. en-US or de
	Region   string // Google News country, e.g. US or DE
}

// Source is a feed to save, as a preset built it.
type Source struct {
	Name  string        // e.g. `Reddit search: "cold brew"`
	URL   string        // always https
	Kind  string        // e.g. "reddit"
	Every time.Duration // suggested poll interval
	Rule  string        // watch rule query, or "" to keep every entry
}

// Error is a problem with what the owner typed, in words for them.
type Error struct {
	Preset string // preset ID, "" when it concerns all of them
	Field  string // the Input field at fault (FieldKeyword, …), or ""
	Msg    string // what is wrong and what to do
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// All returns every preset, in the order to offer them.
func All() []Preset { return slices.Clone(table) }

// Get returns the preset with the given ID.
func Get(id string) (Preset, bool) {
	i := slices.IndexFunc(table, func(p Preset) bool { return p.ID == id })
	if i < 0 {
		return Preset{}, false
	}
	return table[i], true
}

// Build makes a source from what the owner typed. Fields left empty take
// their defaults.
func (p Preset) Build(in Input) (Source, error) {
	if p.build == nil {
		return Source{}, &Error{Preset: p.ID, Msg: "This is not one of Rapport's source types; pick one from the list."}
	}
	in = p.withDefaults(in)
	if p.Keyword || in.Keyword != "" {
		kw, err := CleanKeyword(in.Keyword)
		if err != nil && p.Keyword {
			return Source{}, p.errorf(err)
		}
		in.Keyword = kw // an optional, unusable keyword is dropped
	}
	u, label, err := p.build(in)
	if err != nil {
		return Source{}, p.errorf(err)
	}
	src := Source{Name: p.Name + ": " + label, URL: u, Kind: p.Kind, Every: p.Every}
	if p.Rule {
		if src.Rule, err = p.makeRule(in.Keyword); err != nil {
			return Source{}, p.errorf(err)
		}
	}
	return src, nil
}

// withDefaults fills the fields left empty with the preset's defaults.
func (p Preset) withDefaults(in Input) Input {
	for _, f := range p.Fields {
		if f.Default == "" {
			continue
		}
		if ptr := in.field(f.Name); ptr != nil && isBlank(*ptr) {
			*ptr = f.Default
		}
	}
	return in
}

// field returns a pointer to the named field, or nil.
func (in *Input) field(name string) *string {
	switch name {
	case FieldKeyword:
		return &in.Keyword
	case FieldInstance:
		return &in.Instance
	case FieldSite:
		return &in.Site
	case FieldChannel:
		return &in.Channel
	case FieldHandle:
		return &in.Handle
	case FieldURL:
		return &in.URL
	case FieldLang:
		return &in.Lang
	case FieldRegion:
		return &in.Region
	}
	return nil
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// makeRule builds the watch rule and checks that it parses.
func (p Preset) makeRule(keyword string) (string, error) {
	buildRule := keywordRule
	if p.rule != nil {
		buildRule = p.rule
	}
	rule := buildRule(keyword)
	if _, err := query.Parse(rule); err != nil {
		return "", &Error{Field: FieldKeyword, Msg: fmt.Sprintf(
			"Rapport could not make a watch rule from this keyword (%v). Try plain words.", err)}
	}
	return rule, nil
}

// errorf marks err as coming from p.
func (p Preset) errorf(err error) error {
	var e *Error
	if errors.As(err, &e) {
		c := *e
		c.Preset = p.ID
		return &c
	}
	return &Error{Preset: p.ID, Msg: err.Error()}
}

// ForKeyword builds the presets named by ids for one keyword; in gives
// the other inputs (in.Keyword is replaced by keyword). It returns the
// sources that could be built, in the order of ids, and errors for the
// others: a preset's error is prefixed with its name ("Reddit search: …";
// errors.As finds the *Error). An unusable keyword is reported once,
// first, and only the presets that do not need one are built. Unknown
// ids are reported; repeated ones are built once.
func ForKeyword(keyword string, ids []string, in Input) ([]Source, []error) {
	in.Keyword = keyword
	_, kwErr := CleanKeyword(keyword)
	if kwErr != nil {
		in.Keyword = ""
	}
	var (
		out  []Source
		errs []error
		done = map[string]bool{}
	)
	for _, id := range ids {
		if done[id] {
			continue
		}
		done[id] = true
		p, ok := Get(id)
		switch {
		case !ok:
			errs = append(errs, &Error{Preset: id, Msg: fmt.Sprintf("Rapport has no source type called %q.", id)})
		case p.Keyword && kwErr != nil:
			// reported once, below
		default:
			src, err := p.Build(in)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p.Name, err))
				continue
			}
			out = append(out, src)
		}
	}
	if kwErr != nil && slices.ContainsFunc(ids, needsKeyword) {
		errs = append([]error{kwErr}, errs...)
	}
	return out, errs
}

// needsKeyword reports whether the preset id requires a keyword.
func needsKeyword(id string) bool {
	p, ok := Get(id)
	return ok && p.Keyword
}
