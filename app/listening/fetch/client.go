package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client fetches feeds politely. It is safe for concurrent use; create one
// per application so the per-host and overall limits are shared.
type Client struct {
	opts  Options
	http  *http.Client
	slots *limiter
}

// Request is one conditional GET. ETag and LastModified are the values
// stored from the source's previous successful fetch, or empty.
type Request struct {
	URL, ETag, LastModified string
}

// Result is what a fetch produced. On HTTP errors (4xx, 5xx) Get returns a
// Result without a body alongside the *Error, so callers still see the
// status, final URL and RetryAfter.
type Result struct {
	URL         string // final address, after redirects
	Status      int
	NotModified bool   // 304: nothing new; Body is empty
	Body        []byte // decompressed, at most MaxBytes
	ContentType string
	// ETag and LastModified are the validators to store for next time; on
	// 304 they fall back to the request's values if the server omitted them.
	ETag, LastModified string
	// Moved is true when every redirect on the way was permanent (301, 308):
	// the caller may update the stored address to URL.
	Moved bool
	// RetryAfter is when the server asked us to come back (429, 5xx), or zero.
	RetryAfter time.Time
	Fetched    time.Time     // when the response was complete
	Duration   time.Duration // from sending the request (after waiting for a slot)
}

// New returns a Client; zero fields of opts take their defaults.
func New(opts Options) *Client {
	opts = opts.withDefaults()
	c := &Client{opts: opts, slots: newLimiter(opts.PerHost, opts.Total)}
	transport := opts.Transport
	if transport == nil {
		transport = defaultTransport(opts.PerHost)
	}
	c.http = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// Options returns the client's effective options, defaults filled in.
func (c *Client) Options() Options { return c.opts }

// Get fetches r.URL, conditionally when r has validators. It waits for a
// free slot first (honouring ctx), then runs under the client's timeouts.
// Every failure is an *Error; see its Plain and Temporary methods.
func (c *Client) Get(ctx context.Context, r Request) (*Result, error) {
	return c.get(ctx, r, c.opts.MaxBytes, false)
}

// callState travels in the request context so the shared CheckRedirect can
// reach this call's watchdog and record what the redirects were.
type callState struct {
	watchdog  *watchdog
	redirects int
	permanent bool
}

type callStateKey struct{}

// get is Get with a body limit; peek truncates instead of failing.
func (c *Client) get(ctx context.Context, r Request, limit int64, peek bool) (*Result, error) {
	u, err := checkURL(r.URL)
	if err != nil {
		return nil, err
	}
	release, err := c.slots.acquire(ctx, hostKey(u))
	if err != nil {
		return nil, c.contextError(u.String(), err, err)
	}
	defer release()

	start := time.Now()
	ctx, cancel := context.WithTimeoutCause(ctx, c.opts.Timeout, errOverallTimeout)
	defer cancel()
	ctx, wd, stop := newWatchdog(ctx, c.opts.IdleTimeout)
	defer stop()
	state := &callState{watchdog: wd, permanent: true}
	ctx = context.WithValue(ctx, callStateKey{}, state)

	req, err := c.newRequest(ctx, u, r)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.classify(ctx, u, err)
	}
	defer resp.Body.Close()
	wd.pause()

	res := newResult(resp, state)
	err = c.readResponse(ctx, u, resp, res, limit, peek)
	res.Fetched = time.Now()
	res.Duration = res.Fetched.Sub(start)
	return res, err
}

// newRequest builds the GET with our headers. net/http copies them onto
// redirected requests.
func (c *Client) newRequest(ctx context.Context, u *url.URL, r Request) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{
			Kind: KindBadURL, URL: u.String(), Err: fmt.Errorf("new request: %w", err),
			Msg: "this is not a valid web address",
		}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", acceptFeeds)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	return req, nil
}

// newResult copies what we keep from the response headers.
func newResult(resp *http.Response, state *callState) *Result {
	res := &Result{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		Moved:        state.redirects > 0 && state.permanent,
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		if t, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			res.RetryAfter = t
		}
	}
	return res
}

// readResponse handles the status and, on success, reads the body.
func (c *Client) readResponse(ctx context.Context, u *url.URL, resp *http.Response, res *Result, limit int64, peek bool) error {
	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.NotModified = true
		if res.ETag == "" {
			res.ETag = resp.Request.Header.Get("If-None-Match")
		}
		if res.LastModified == "" {
			res.LastModified = resp.Request.Header.Get("If-Modified-Since")
		}
		return nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return statusError(u.String(), resp.StatusCode, res.RetryAfter)
	}
	encoding := resp.Header.Get("Content-Encoding")
	if !peek && encoding == "" && resp.ContentLength > limit {
		return c.tooLarge(u, limit, fmt.Errorf("%w: Content-Length %d", errTooLarge, resp.ContentLength))
	}
	size := int64(-1)
	if encoding == "" {
		size = resp.ContentLength
	}
	body, err := readBody(resp.Body, c.watchdogOf(ctx), encoding, limit, peek, size)
	switch {
	case errors.Is(err, errTooLarge):
		return c.tooLarge(u, limit, err)
	case errors.Is(err, errEncoding):
		return &Error{
			Kind: KindEncoding, Status: resp.StatusCode, URL: u.String(), Err: err,
			Msg: "the server sent the feed in a damaged or unknown compressed form",
		}
	case err != nil:
		return c.classify(ctx, u, err)
	}
	res.Body = body
	return nil
}

func (c *Client) tooLarge(u *url.URL, limit int64, err error) *Error {
	return &Error{
		Kind: KindTooLarge, Status: http.StatusOK, URL: u.String(), Err: err,
		Msg: fmt.Sprintf("the feed is larger than %s; stopped reading", formatSize(limit)),
	}
}

func (c *Client) watchdogOf(ctx context.Context) *watchdog {
	return ctx.Value(callStateKey{}).(*callState).watchdog
}

// checkRedirect enforces the redirect limit, loops and the http(s)-only
// rule on every hop, and restarts the idle countdown for the new request.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL.String()
	if _, err := checkURL(req.URL.String()); err != nil {
		e, _ := AsError(err)
		e.URL = first
		e.Err = fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), e.Err)
		if e.Kind == KindScheme {
			e.Msg = fmt.Sprintf("the address redirected to a %q address — only web addresses (http, https) are followed",
				req.URL.Scheme+":")
		}
		return e
	}
	for _, prev := range via {
		if prev.URL.String() == req.URL.String() {
			return &Error{
				Kind: KindRedirectLoop, URL: first,
				Err: fmt.Errorf("redirect loop back to %s after %d hops", req.URL, len(via)),
				Msg: "the address redirects in a loop — the site is misconfigured",
			}
		}
	}
	if len(via) > c.opts.MaxRedirects {
		return &Error{
			Kind: KindTooManyRedirects, URL: first,
			Err: fmt.Errorf("stopped after %d redirects", c.opts.MaxRedirects),
			Msg: fmt.Sprintf("the address redirected more than %d times; gave up", c.opts.MaxRedirects),
		}
	}
	if state, ok := req.Context().Value(callStateKey{}).(*callState); ok {
		state.redirects++
		if code := req.Response.StatusCode; code != http.StatusMovedPermanently && code != http.StatusPermanentRedirect {
			state.permanent = false
		}
		state.watchdog.kick()
	}
	return nil
}

// checkURL parses raw and accepts only absolute http and https addresses.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, &Error{
			Kind: KindBadURL, URL: raw, Err: fmt.Errorf("parse url: %w", err),
			Msg: "this is not a valid web address",
		}
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, &Error{
			Kind: KindBadURL, URL: raw, Err: errors.New("no scheme"),
			Msg: "the address must start with http:// or https://",
		}
	default:
		return nil, &Error{
			Kind: KindScheme, URL: raw, Err: fmt.Errorf("scheme %q", u.Scheme+":"),
			Msg: fmt.Sprintf("only web addresses (http:// or https://) can be fetched, not %q", u.Scheme+":"),
		}
	}
	if u.Host == "" {
		return nil, &Error{
			Kind: KindBadURL, URL: raw, Err: errors.New("no host"),
			Msg: "the address has no server name",
		}
	}
	return u, nil
}
