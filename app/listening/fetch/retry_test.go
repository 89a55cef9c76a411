package fetch

import (
	"testing"
	"time"
)

func fixed(f float64) func() float64 { return func() float64 { return f } }

func TestBackoff(t *testing.T) {
	const base, max = time.Minute, time.Hour
	tests := []struct {
		name     string
		failures int
		base     time.Duration
		rnd      float64
		want     time.Duration
	}{
		{"no failures", 0, base, 0.5, 0},
		{"negative failures", -3, base, 0.5, 0},
		{"first, low jitter", 1, base, 0, 30 * time.Second},
		{"first, high jitter", 1, base, 1, time.Minute},
		{"second", 2, base, 0, time.Minute},
		{"third", 3, base, 0.5, 3 * time.Minute},
		{"capped", 10, base, 1, max},
		{"capped low", 10, base, 0, max / 2},
		{"huge count does not overflow", 1 << 30, base, 0.99, max/2 + time.Duration(0.99*float64(max/2))},
		{"rnd below 0 clamps", 1, base, -5, 30 * time.Second},
		{"rnd above 1 clamps", 1, base, 7, time.Minute},
		{"zero base", 3, 0, 0.5, 0},
		{"base above max", 1, 2 * max, 1, max},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Backoff(tt.failures, tt.base, max, fixed(tt.rnd)); got != tt.want {
				t.Errorf("Backoff(%d) = %v, want %v", tt.failures, got, tt.want)
			}
		})
	}
	for range 1000 { // the default source stays within bounds
		if d := Backoff(4, base, max, nil); d < 4*time.Minute || d > 8*time.Minute {
			t.Fatalf("Backoff(4) with default rnd = %v", d)
		}
	}
}

func TestNextCheck(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		interval   time.Duration
		failures   int
		retryAfter time.Time
		rnd        float64
		want       time.Duration // after now
	}{
		{"default interval", 0, 0, time.Time{}, 0.5, 15 * time.Minute},
		{"own interval", time.Hour, 0, time.Time{}, 0.5, time.Hour},
		{"minimum interval", 10 * time.Second, 0, time.Time{}, 0.5, time.Minute},
		{"negative interval", -time.Hour, 0, time.Time{}, 0.5, time.Minute},
		{"one failure, low", 0, 1, time.Time{}, 0, 15 * time.Minute},
		{"one failure, high", 0, 1, time.Time{}, 1, 30 * time.Minute},
		{"three failures", 0, 3, time.Time{}, 0, time.Hour},
		{"many failures capped at 6h", 0, 40, time.Time{}, 1, 6 * time.Hour},
		{"daily interval beats backoff cap", 24 * time.Hour, 5, time.Time{}, 1, 24 * time.Hour},
		{"retry-after later wins", 0, 1, now.Add(2 * time.Hour), 0, 2 * time.Hour},
		{"retry-after earlier ignored", 0, 0, now.Add(time.Minute), 0, 15 * time.Minute},
		{"retry-after in the past ignored", 0, 0, now.Add(-time.Hour), 0, 15 * time.Minute},
		{"retry-after capped at a day", 0, 0, now.Add(30 * 24 * time.Hour), 0, MaxRetryAfter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NextCheck(now, tt.interval, tt.failures, tt.retryAfter, fixed(tt.rnd))
			if d := got.Sub(now); d != tt.want {
				t.Errorf("NextCheck = now+%v, want now+%v", d, tt.want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		ok    bool
		want  time.Duration // after now
	}{
		{"120", true, 2 * time.Minute},
		{" 0 ", true, 0},
		{"86400", true, 24 * time.Hour},
		{"86401", true, MaxRetryAfter},
		{"99999999999999999999999", true, MaxRetryAfter},
		{"Wed, 01 May 2024 14:05:00 GMT", true, 2*time.Hour + 5*time.Minute},
		{"Wednesday, 01-May-24 14:05:00 GMT", true, 2*time.Hour + 5*time.Minute},
		{"Wed May  1 14:05:00 2024", true, 2*time.Hour + 5*time.Minute},
		{"Wed, 21 Oct 2015 07:28:00 GMT", true, 0},
		{"Fri, 31 Dec 2100 00:00:00 GMT", true, MaxRetryAfter},
		{"", false, 0},
		{"-5", false, 0},
		{"1.5", false, 0},
		{"soon", false, 0},
		{"2024-05-01T14:05:00Z", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			got, ok := ParseRetryAfter(tt.value, now)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && got.Sub(now) != tt.want {
				t.Errorf("ParseRetryAfter = now+%v, want now+%v", got.Sub(now), tt.want)
			}
		})
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{
		"120", "0", "Wed, 21 Oct 2015 07:28:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994", "-1", "999999999999999999999", "", "  42  ",
	} {
		f.Add(s)
	}
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value string) {
		got, ok := ParseRetryAfter(value, now)
		if !ok {
			if !got.IsZero() {
				t.Errorf("not ok but time %v", got)
			}
			return
		}
		if got.Before(now) || got.After(now.Add(MaxRetryAfter)) {
			t.Errorf("ParseRetryAfter(%q) = %v, outside [now, now+MaxRetryAfter]", value, got)
		}
	})
}

func BenchmarkNextCheck(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		NextCheck(now, 0, 3, now.Add(time.Hour), nil)
	}
}

func BenchmarkParseRetryAfter(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now)
	}
}
