package fetch

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"sync"
)

// Probing limits: how much of each candidate is read (enough for Sniff to
// see the root element or a JSON Feed's version) and how many run at once.
// The per-host limit applies on top, so probes never hammer one site.
const (
	probePeek    = 8 << 10
	probeWorkers = 4
)

// Discover finds the feeds behind an address a user pasted. A missing
// scheme means https ("example.com" works). If the address is a feed, that
// feed is returned. Otherwise the page's feed links are returned, and if it
// has none, CommonFeedPaths are probed on the site (and under the page's
// folder) and those that turn out to be feeds are returned. Finding nothing
// is an *Error of KindNoFeeds.
func (c *Client) Discover(ctx context.Context, pageURL string) ([]FeedLink, error) {
	raw := withScheme(pageURL)
	res, err := c.Get(ctx, Request{URL: raw})
	if err != nil {
		return nil, err
	}
	if kind := Sniff(res.Body); kind != "" {
		return []FeedLink{{URL: res.URL, Type: kind}}, nil
	}
	page, err := url.Parse(res.URL)
	if err != nil {
		return nil, &Error{Kind: KindBadURL, URL: raw, Err: err, Msg: "this is not a valid web address"}
	}
	links, err := DiscoverLinks(page, bytes.NewReader(res.Body))
	if err != nil {
		return nil, &Error{Kind: KindOther, URL: raw, Err: err, Msg: "could not read the web page"}
	}
	if len(links) == 0 {
		links = c.probe(ctx, probeCandidates(page))
	}
	if err := ctx.Err(); err != nil {
		return nil, c.contextError(raw, context.Cause(ctx), err)
	}
	if len(links) == 0 {
		return nil, &Error{
			Kind: KindNoFeeds, URL: raw,
			Msg: "no feeds found at this address — ask the site whether it publishes one, or paste the feed's address",
		}
	}
	return links, nil
}

// withScheme trims a pasted address and adds "https://" when it has no
// scheme: "example.com/blog" and "example.com:8080" become https addresses,
// while "ftp://…" or "javascript:…" stay as they are, to be refused by Get.
func withScheme(raw string) string {
	raw = strings.TrimSpace(raw)
	if strings.Contains(raw, "://") {
		return raw
	}
	scheme, rest, found := strings.Cut(raw, ":")
	if !found || strings.Contains(scheme, ".") || strings.Contains(scheme, "/") ||
		(rest != "" && rest[0] >= '0' && rest[0] <= '9') {
		return "https://" + raw
	}
	return raw
}

// probeCandidates lists the addresses to try for page: the common paths
// under the page's first folder (for a blog living in /blog/), then at the
// root. Only the first folder is used: deeper ones are usually single posts,
// whose /feed is a comments feed. The page itself was just fetched and is
// never a candidate.
func probeCandidates(page *url.URL) []string {
	var dirs []string
	first, _, _ := strings.Cut(strings.TrimPrefix(page.Path, "/"), "/")
	if first != "" && !strings.Contains(first, ".") {
		dirs = append(dirs, "/"+first)
	}
	dirs = append(dirs, "")
	seen := map[string]bool{page.String(): true}
	var out []string
	for _, dir := range dirs {
		for _, p := range CommonFeedPaths() {
			u := url.URL{Scheme: page.Scheme, Host: page.Host, Path: dir + p}
			if s := u.String(); !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// probe fetches the start of each candidate with a few workers and keeps
// those that sniff as feeds, in candidate order, deduplicated by final
// address (several paths often redirect to the same feed).
func (c *Client) probe(ctx context.Context, candidates []string) []FeedLink {
	found := make([]FeedLink, len(candidates))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(probeWorkers, len(candidates)) {
		wg.Go(func() {
			for i := range jobs {
				found[i] = c.probeOne(ctx, candidates[i])
			}
		})
	}
feed:
	for i := range candidates {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	seen := make(map[string]bool)
	var out []FeedLink
	for _, l := range found {
		if l.URL != "" && !seen[l.URL] {
			seen[l.URL] = true
			out = append(out, l)
		}
	}
	return out
}

// probeOne returns the feed at u, or a zero FeedLink if u is not one.
func (c *Client) probeOne(ctx context.Context, u string) FeedLink {
	res, err := c.get(ctx, Request{URL: u}, probePeek, true)
	if err != nil || res.Status != 200 {
		return FeedLink{}
	}
	kind := Sniff(res.Body)
	if kind == "" {
		return FeedLink{}
	}
	return FeedLink{URL: res.URL, Type: kind}
}
