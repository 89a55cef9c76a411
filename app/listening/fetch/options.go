package fetch

import (
	"net/http"
	"time"
)

// Defaults used by DefaultOptions and for zero fields of Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultIdleTimeout  = 15 * time.Second
	DefaultMaxBytes     = 20 << 20
	DefaultMaxRedirects = 5
	DefaultPerHost      = 2
	DefaultTotal        = 8
)

// acceptFeeds is sent as the Accept header: feed types first, then generic
// XML/JSON, then anything (some servers answer 406 without a wildcard).
const acceptFeeds = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"

// acceptEncoding is set by us so that net/http never decompresses on its own
// (it only does so when it added the header itself), keeping the size cap on
// the decompressed bytes.
const acceptEncoding = "gzip, deflate"

// Options configures a Client. Zero fields take the defaults above, so
// Options{} is usable; DefaultOptions fills in a User-Agent as well.
type Options struct {
	// UserAgent names Rapport and its version, e.g.
	// "Rapport/0.1 (+https://rapport.app; feed reader)".
	UserAgent string
	// Timeout bounds a whole request: connecting, redirects, headers and
	// body. Waiting for a free slot (PerHost, Total) does not count.
	Timeout time.Duration
	// IdleTimeout bounds the wait for response headers and each gap between
	// body reads, so a server that stalls mid-body is dropped early.
	IdleTimeout time.Duration
	// MaxBytes caps the body after decompression.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed; negative means none.
	MaxRedirects int
	// PerHost and Total cap concurrent requests per host and overall.
	PerHost, Total int
	// Transport replaces the default transport (tests, proxies). Rapport
	// sets Accept-Encoding itself, so any transport leaves the bytes
	// compressed and the cap still applies after decompression.
	Transport http.RoundTripper
}

// DefaultOptions returns the options Rapport runs with, with a User-Agent
// naming the given version ("0.1" gives "Rapport/0.1 (+https://rapport.app;
// feed reader)").
func DefaultOptions(version string) Options {
	if version == "" {
		version = "dev"
	}
	return Options{
		UserAgent:    "Rapport/" + version + " (+https://rapport.app; feed reader)",
		Timeout:      DefaultTimeout,
		IdleTimeout:  DefaultIdleTimeout,
		MaxBytes:     DefaultMaxBytes,
		MaxRedirects: DefaultMaxRedirects,
		PerHost:      DefaultPerHost,
		Total:        DefaultTotal,
	}
}

// withDefaults returns o with every zero field replaced by its default.
func (o Options) withDefaults() Options {
	d := DefaultOptions("dev")
	if o.UserAgent == "" {
		o.UserAgent = d.UserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = d.IdleTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = d.MaxBytes
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = d.MaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.PerHost <= 0 {
		o.PerHost = d.PerHost
	}
	if o.Total <= 0 {
		o.Total = d.Total
	}
	if o.PerHost > o.Total {
		o.PerHost = o.Total
	}
	return o
}

// defaultTransport is net/http's default transport with transparent
// decompression off and idle connections sized to our per-host limit.
func defaultTransport(perHost int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableCompression = true
	t.MaxIdleConnsPerHost = perHost
	return t
}
