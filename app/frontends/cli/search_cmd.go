package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

func init() {
	Register(&Command{
		Name: "search", Args: "QUERY", Summary: "search every stored mention, newest first, matches highlighted",
		Help: `QUERY is in the rule language (docs/queries.md): words, "phrases", OR, -word,
title:, author:, roast* and so on. Quote it for the shell:
  rapport search 'coffee -decaf'     (a query that starts with - is written NOT decaf)

--json prints one JSON object per line: type ("mention" or "interaction"), id,
source, title, link, author, published, text, and highlights: for each of title,
text and author, the [start, end] byte offsets of what matched. An interaction is
printed with its kind as title, its note as text, the person as author and the
channel as source.`,
		Flags: func(fs *flag.FlagSet) {
			fs.Int("limit", 20, "at most this many mentions (0: all)")
			fs.Bool("json", false, "print JSON lines")
			fs.Bool("interactions", false, "also search the notes of interactions (printed after the mentions)")
		},
		Run: runSearch,
	})
}

// searchJSON is one line of `search --json`.
type searchJSON struct {
	Type       string              `json:"type"`
	ID         uint64              `json:"id"`
	Source     string              `json:"source"`
	Title      string              `json:"title"`
	Link       string              `json:"link,omitempty"`
	Author     string              `json:"author"`
	Published  time.Time           `json:"published"`
	Text       string              `json:"text"`
	Highlights map[string][][2]int `json:"highlights"`
}

func runSearch(ctx context.Context, env *Env, fs *flag.FlagSet) error {
	src := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(src) == "" {
		return usagef("search needs a QUERY")
	}
	q, err := query.Parse(src)
	if err != nil {
		return usagef("the query does not parse: %v", err)
	}
	limit, asJSON := flagInt(fs, "limit"), flagBool(fs, "json")
	if limit < 0 {
		return usagef("--limit must be 0 or more")
	}
	return env.withStore(func(st *storage.Store) error {
		svc := search.New(st)
		out := searchPrinter{w: env.Stdout, json: asJSON}
		n, indexed, err := searchMentions(ctx, svc, q, limit, out.mention)
		if err != nil {
			return err
		}
		if !indexed {
			fmt.Fprintln(env.Stderr, scanNote(svc))
		}
		if flagBool(fs, "interactions") {
			il := limit
			if il == 0 {
				il = math.MaxInt
			}
			hits, err := svc.SearchInteractions(ctx, q, il)
			if err != nil {
				return err
			}
			for _, h := range hits {
				out.interaction(h)
			}
			n += len(hits)
		}
		if n == 0 && !asJSON {
			fmt.Fprintln(env.Stderr, "no matches")
		}
		return nil
	})
}

// scanNote explains why a search read every mention.
func scanNote(svc *search.Service) string {
	if ok, err := svc.IndexReady(); err == nil && !ok {
		return "note: this data folder has no full-text index yet, so mentions were read one by one"
	}
	return "note: the query has no word outside NOT that the index can look up, so mentions were read one by one"
}

// searchMentions pages through the search until limit hits (0: all) and
// calls fn for each. It reports whether the word index was used.
func searchMentions(ctx context.Context, svc *search.Service, q *query.Query, limit int, fn func(search.Hit)) (int, bool, error) {
	n, indexed := 0, true
	var next search.Cursor
	for {
		page := 200
		if limit > 0 {
			page = min(page, limit-n)
		}
		res, err := svc.SearchQuery(ctx, q, page, next)
		if err != nil {
			return n, indexed, err
		}
		indexed = indexed && res.Indexed
		for _, h := range res.Hits {
			fn(h)
		}
		n += len(res.Hits)
		if next = res.Next; next == nil || (limit > 0 && n >= limit) {
			return n, indexed, nil
		}
	}
}

// searchPrinter writes hits as JSON lines or for a terminal.
type searchPrinter struct {
	w    io.Writer
	json bool
}

func (p searchPrinter) mention(h search.Hit) {
	m := &h.Mention
	if p.json {
		_ = json.NewEncoder(p.w).Encode(searchJSON{
			Type: "mention", ID: m.ID, Source: h.Source, Title: m.Title, Link: m.Link,
			Author: m.Author, Published: m.Time().UTC(), Text: m.Text, Highlights: highlights(h.Spans),
		})
		return
	}
	title := mark(m.Title, h.Spans, "title")
	if title == "" {
		title = m.Headline()
	}
	fmt.Fprintf(p.w, "%s  %-22.22s  %-20.20s  %s\n", m.Time().Local().Format("2006-01-02 15:04"), h.Source, m.Author, title)
	if s := snippet(m.Text, h.Spans); s != "" {
		fmt.Fprintf(p.w, "    %s\n", s)
	}
}

func (p searchPrinter) interaction(h search.InteractionHit) {
	x := &h.Interaction
	if p.json {
		_ = json.NewEncoder(p.w).Encode(searchJSON{
			Type: "interaction", ID: x.ID, Source: x.Channel, Title: x.Kind,
			Author: h.Person, Published: x.At.UTC(), Text: x.Note, Highlights: highlights(h.Spans),
		})
		return
	}
	fmt.Fprintf(p.w, "%s  %-22.22s  %-20.20s  %s\n", x.At.Local().Format("2006-01-02 15:04"), "("+x.Kind+")", h.Person, snippet(x.Note, h.Spans))
}

// highlights groups spans by field as [start, end] pairs.
func highlights(spans []query.Span) map[string][][2]int {
	out := map[string][][2]int{}
	for _, s := range spans {
		out[s.Field] = append(out[s.Field], [2]int{s.Start, s.End})
	}
	return out
}

// mark writes the spans of one field in brackets: "the [cold brew] was".
func mark(s string, spans []query.Span, field string) string {
	var sb strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.Field != field || sp.Start < at || sp.End > len(s) {
			continue
		}
		sb.WriteString(s[at:sp.Start])
		sb.WriteString("[" + s[sp.Start:sp.End] + "]")
		at = sp.End
	}
	sb.WriteString(s[at:])
	return sb.String()
}

// snippetContext is how many bytes of text a snippet keeps around its
// first highlight.
const snippetContext = 60

// snippet is one line of text around its first highlight, highlights
// marked; "" when the text has none.
func snippet(text string, spans []query.Span) string {
	var first *query.Span
	for i := range spans {
		if spans[i].Field == "text" {
			first = &spans[i]
			break
		}
	}
	if first == nil {
		return ""
	}
	from, to := max(first.Start-snippetContext, 0), min(first.End+snippetContext, len(text))
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	var local []query.Span
	for _, s := range spans {
		if s.Field == "text" && s.Start >= from && s.End <= to {
			local = append(local, query.Span{Field: "text", Start: s.Start - from, End: s.End - from})
		}
	}
	out := strings.Join(strings.Fields(mark(text[from:to], local, "text")), " ")
	if from > 0 {
		out = "…" + out
	}
	if to < len(text) {
		out += "…"
	}
	return out
}
