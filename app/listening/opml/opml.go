package opml

import (
	"errors"
	"fmt"
	"time"
)

// Namespace is the XML namespace of Rapport's own outline attributes.
const Namespace = "https://rapport.app/opml"

// Limits that keep hostile or accidental input cheap to reject.
const (
	// MaxSize is the largest file Parse reads, in bytes.
	MaxSize = 10 << 20
	// MaxDepth is how deeply outlines may nest inside <body>.
	MaxDepth = 32
	// MaxFeeds is the most feeds one file may list.
	MaxFeeds = 10_000
	// MaxSkipped is the most skipped outlines listed one by one; the rest
	// are summed up in one last Skip.
	MaxSkipped = 1000
	// MaxURLLen is the longest feed address accepted, in bytes.
	MaxURLLen = 2048
	// MaxTitleLen is where titles and folder names are cut, in characters.
	MaxTitleLen = 200
	// MaxRuleLen is the longest rapport:rule kept, in bytes (the query
	// language's own limit).
	MaxRuleLen = 4096
	// MinEvery and MaxEvery bound rapport:every; values outside are
	// ignored so the app's default interval applies.
	MinEvery = time.Minute
	MaxEvery = 7 * 24 * time.Hour
)

// Errors Parse returns, wrapped with details; test with errors.Is.
var (
	ErrTooLarge     = errors.New("the file is too large for a feed list")
	ErrTooDeep      = errors.New("folders are nested too deeply")
	ErrTooManyFeeds = errors.New("the file lists too many feeds")
	ErrNotOPML      = errors.New("this is not an OPML feed list")
)

// Feed is one feed of an OPML file, or one to write to it.
type Feed struct {
	Title   string        // the outline's text (or title), else the address
	URL     string        // xmlUrl: the feed's address, http or https
	HTMLURL string        // htmlUrl: the site's address, may be empty
	Folder  string        // folder path such as "Social/Reddit", "" at the top
	Kind    string        // rapport:kind, such as "reddit"; may be empty
	Rule    string        // rapport:rule, a watch rule query; not validated here
	Every   time.Duration // rapport:every, 0 when not set
}

// Outline is what Parse found in a file.
type Outline struct {
	Title   string // the file's <head><title>
	Feeds   []Feed // in file order, without duplicates
	Skipped []Skip // outlines not imported, in file order
}

// Skip is an outline Parse left out.
type Skip struct {
	Line   int    // line of the outline in the file, 0 for a summary
	Text   string // its text, title or address, to show the owner
	Reason string // why, in plain words
}

// SyntaxError reports a file that is not well-formed XML.
type SyntaxError struct {
	Line int    // 1-based line number, 0 when unknown
	Msg  string // what is wrong
}

// Error says where and what, e.g. "line 12: unexpected EOF".
func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}
