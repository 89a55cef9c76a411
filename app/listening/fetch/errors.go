package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Kind says what sort of failure an *Error is.
type Kind int

// Kinds of failure. The zero Kind is KindOther.
const (
	KindOther            Kind = iota // anything not listed below
	KindBadURL                       // the address cannot be parsed or has no host
	KindScheme                       // not http or https (also after a redirect)
	KindDNS                          // the host name does not resolve
	KindRefused                      // nothing listens at the address
	KindTLS                          // certificate or TLS handshake problem
	KindNetwork                      // connection reset, cut off, other network trouble
	KindTimeout                      // overall or idle timeout
	KindCanceled                     // the caller cancelled the request
	KindTooLarge                     // body larger than MaxBytes after decompression
	KindEncoding                     // damaged or unsupported Content-Encoding
	KindRedirectLoop                 // a redirect came back to an address already visited
	KindTooManyRedirects             // more than MaxRedirects redirects
	KindNotFound                     // HTTP 404
	KindGone                         // HTTP 410
	KindDenied                       // HTTP 401 or 403
	KindRateLimited                  // HTTP 429
	KindServer                       // HTTP 5xx
	KindHTTP                         // any other unexpected HTTP status
	KindNotFeed                      // a web page where a feed was expected
	KindNoFeeds                      // discovery found nothing
)

var kindNames = [...]string{
	KindOther: "error", KindBadURL: "bad url", KindScheme: "unsupported scheme",
	KindDNS: "dns", KindRefused: "connection refused", KindTLS: "tls",
	KindNetwork: "network", KindTimeout: "timeout", KindCanceled: "canceled",
	KindTooLarge: "too large", KindEncoding: "content encoding",
	KindRedirectLoop: "redirect loop", KindTooManyRedirects: "too many redirects",
	KindNotFound: "not found", KindGone: "gone", KindDenied: "access denied",
	KindRateLimited: "rate limited", KindServer: "server error", KindHTTP: "http status",
	KindNotFeed: "not a feed", KindNoFeeds: "no feeds found",
}

// String returns a short lower-case name for logs.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is every failure returned by this package. Error() is for logs;
// Plain() is the sentence the UI shows.
type Error struct {
	Kind   Kind
	Status int    // HTTP status, when the server answered
	URL    string // the address that was requested
	Msg    string // plain-words message (see Plain)
	Err    error  // underlying cause, if any
	// RetryAfter is when the server asked us to come back (429, 503), or zero.
	RetryAfter time.Time
}

// Error describes the failure for logs: address, kind, status and cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("fetch ")
	b.WriteString(e.URL)
	b.WriteString(": ")
	b.WriteString(e.Kind.String())
	if e.Status != 0 {
		fmt.Fprintf(&b, " (http %d)", e.Status)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if !e.RetryAfter.IsZero() {
		b.WriteString("; retry after ")
		b.WriteString(e.RetryAfter.UTC().Format(time.RFC3339))
	}
	return b.String()
}

// Unwrap returns the underlying cause, so errors.Is(err, context.Canceled)
// and friends work.
func (e *Error) Unwrap() error { return e.Err }

// Plain says in plain words what went wrong and, where it helps, what to do.
func (e *Error) Plain() string {
	if e.Msg != "" {
		return e.Msg
	}
	return "could not fetch the feed (" + e.Kind.String() + ")"
}

// Temporary reports whether trying again later may help, so the scheduler
// backs off; false means the source needs the user's attention.
func (e *Error) Temporary() bool {
	switch e.Kind {
	case KindDNS, KindRefused, KindNetwork, KindTimeout, KindCanceled,
		KindRateLimited, KindServer:
		return true
	case KindHTTP:
		return e.Status == http.StatusRequestTimeout || e.Status == http.StatusTooEarly
	}
	return false
}

// AsError returns err as an *Error when it is (or wraps) one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// NotFeedError is the error callers return when an address they expected to
// be a feed turns out to be a web page (see LooksLikeHTML).
func NotFeedError(url string) *Error {
	return &Error{
		Kind: KindNotFeed, URL: url,
		Msg: "this address is a web page, not a feed — use 'find feeds' to discover its feeds",
	}
}

// statusError builds the error for an unsuccessful HTTP status.
func statusError(url string, status int, retryAfter time.Time) *Error {
	e := &Error{Kind: KindHTTP, Status: status, URL: url, RetryAfter: retryAfter}
	text := strings.ToLower(http.StatusText(status))
	if text == "" {
		text = "unexpected answer"
	}
	switch {
	case status == http.StatusNotFound:
		e.Kind = KindNotFound
		e.Msg = "the server said 404 (not found) — the feed may have moved"
	case status == http.StatusGone:
		e.Kind = KindGone
		e.Msg = "the server said 410 (gone) — the feed was removed; consider deleting this source"
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		e.Kind = KindDenied
		e.Msg = fmt.Sprintf("the server refused access (%d) — the feed may be private or block feed readers", status)
	case status == http.StatusTooManyRequests:
		e.Kind = KindRateLimited
		e.Msg = "the server asked us to slow down (429); " + nextTry(retryAfter)
	case status == http.StatusServiceUnavailable && !retryAfter.IsZero():
		e.Kind = KindServer
		e.Msg = "the server is busy (503); " + nextTry(retryAfter)
	case status >= 500:
		e.Kind = KindServer
		e.Msg = fmt.Sprintf("the server had a problem (%d); will retry later", status)
	default:
		e.Msg = fmt.Sprintf("the server said %d (%s) — check the address", status, text)
	}
	return e
}

// nextTry phrases a Retry-After time for people, in local time.
func nextTry(t time.Time) string {
	if t.IsZero() {
		return "will retry later"
	}
	return NextTry(t)
}

// NextTry phrases a time the server asked to be asked again for people, in
// local time: "next try after 15:04", or with the day when it is far off.
func NextTry(t time.Time) string {
	t = t.Local()
	if time.Until(t) > 20*time.Hour {
		return "next try after " + t.Format("Mon 2 Jan 15:04")
	}
	return "next try after " + t.Format("15:04")
}

// formatDuration writes d the way people read timeouts: "30 s", "250 ms".
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d%time.Second == 0:
		return fmt.Sprintf("%d s", int64(d/time.Second))
	default:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
}

// formatSize writes n bytes as "20 MB", "512 KB" or "900 bytes".
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
