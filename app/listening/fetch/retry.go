package fetch

import (
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Scheduling limits used by NextCheck and ParseRetryAfter.
const (
	DefaultInterval = 15 * time.Minute // check interval when none is set
	MinInterval     = time.Minute      // shortest interval we allow a source
	MaxBackoff      = 6 * time.Hour    // longest wait caused by our own backoff
	// MaxRetryAfter bounds how long a server's Retry-After can park a source,
	// so a bogus far-future date does not silence a feed for months.
	MaxRetryAfter = 24 * time.Hour
)

// Backoff is the wait after the given number of consecutive failures:
// base doubled for each failure after the first, capped at max, with "equal
// jitter" so sources that failed together spread out. The result lies in
// [d/2, d] where d = min(base·2^(failures-1), max); it is 0 when failures,
// base or max is not positive. rnd returns a number in [0, 1) (nil means
// math/rand/v2.Float64); tests pass a fixed function.
func Backoff(failures int, base, max time.Duration, rnd func() float64) time.Duration {
	if failures <= 0 || base <= 0 || max <= 0 {
		return 0
	}
	d := max
	if shift := failures - 1; shift < 62 && base <= max>>shift {
		d = base << shift
	}
	half := d / 2
	return half + time.Duration(unit(rnd)*float64(d-half))
}

// unit calls rnd (or the default source) and clamps the result to [0, 1].
func unit(rnd func() float64) float64 {
	if rnd == nil {
		rnd = rand.Float64
	}
	f := rnd()
	switch {
	case math.IsNaN(f) || f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}

// NextCheck is when a source should be checked next. interval is the
// source's own interval (0 means DefaultInterval, never below MinInterval).
// After n consecutive failures the wait grows to between interval·2^(n-1)
// and interval·2^n, capped at MaxBackoff but never shorter than interval.
// A later retryAfter from the server wins, up to MaxRetryAfter from now.
func NextCheck(now time.Time, interval time.Duration, failures int, retryAfter time.Time, rnd func() float64) time.Time {
	switch {
	case interval == 0:
		interval = DefaultInterval
	case interval < MinInterval:
		interval = MinInterval
	}
	wait := interval
	if failures > 0 {
		wait = max(interval, Backoff(failures+1, interval, MaxBackoff, rnd))
	}
	next := now.Add(wait)
	if limit := now.Add(MaxRetryAfter); retryAfter.After(limit) {
		retryAfter = limit
	}
	if retryAfter.After(next) {
		next = retryAfter
	}
	return next
}

// ParseRetryAfter reads a Retry-After header value, either delay-seconds
// ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT", also the RFC 850
// and asctime forms). It returns the time to wait until, clamped to
// [now, now+MaxRetryAfter]; ok is false for empty or malformed values.
func ParseRetryAfter(value string, now time.Time) (t time.Time, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return time.Time{}, false
	}
	limit := now.Add(MaxRetryAfter)
	if isDigits(value) {
		secs, err := strconv.ParseUint(value, 10, 64)
		if err != nil || secs > uint64(MaxRetryAfter/time.Second) {
			return limit, true // too many digits to parse is still "very long"
		}
		return now.Add(time.Duration(secs) * time.Second), true
	}
	t, err := http.ParseTime(value)
	if err != nil {
		return time.Time{}, false
	}
	switch {
	case t.Before(now):
		return now, true
	case t.After(limit):
		return limit, true
	}
	return t, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
