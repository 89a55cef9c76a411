package human

import (
	"testing"
	"time"
)

func TestBytesAndInt(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0 bytes"}, {1023, "1023 bytes"}, {1536, "1.5 KB"}, {5 << 20, "5.0 MB"}, {3 << 30, "3.0 GB"}} {
		if got := Bytes(tt.n); got != tt.want {
			t.Errorf("Bytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-4200, "-4,200"}} {
		if got := Int(tt.n); got != tt.want {
			t.Errorf("Int(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestAge(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.Local)
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, ""},
		{now.Add(-30 * time.Second), "now"},
		{now.Add(-5 * time.Minute), "5 min"},
		{now.Add(-3 * time.Hour), "3 h"},
		{now.Add(-50 * time.Hour), "2 d"},
		{time.Date(2026, 10, 1, 9, 0, 0, 0, time.Local), "1 Oct"},
		{time.Date(2025, 10, 1, 9, 0, 0, 0, time.Local), "1 Oct 2025"},
		{now.Add(time.Hour), "now"},
	} {
		if got := Age(tt.t, now); got != tt.want {
			t.Errorf("Age(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestAgo(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.Local)
	for in, want := range map[time.Duration]string{0: "just now", 5 * time.Minute: "5 min ago", 3 * time.Hour: "3 h ago", 50 * time.Hour: "2 d ago", 20 * 24 * time.Hour: "on 31 Oct"} {
		if got := Ago(now.Add(-in), now); got != want {
			t.Errorf("Ago(-%v) = %q, want %q", in, got, want)
		}
	}
}

func TestShort(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "0"},
		{35573, "35,573"},
		{99999, "99,999"},
		{100000, "100k"},
		{123999, "123k"},
		{999999, "999k"},
		{1_000_000, "1.0M"},
		{1_999_999, "1.9M"},
		{9_950_000, "9.9M"},
		{15_000_000, "15M"},
		{2_500_000_000, "2,500M"},
	} {
		if got := Short(tt.n); got != tt.want {
			t.Errorf("Short(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestProgress(t *testing.T) {
	for _, c := range []struct {
		done, total int64
		estimate    bool
		want        string
	}{
		{12, 341, false, "12 of 341 files"},
		{1_180_000, 4_968_677, true, "1,180,000 of about 4,968,677 files"},
		{4_600_000, 4_500_000, true, "4,600,000 files so far"},
		{52_000, 0, false, "52,000 files so far"},
	} {
		if got := Progress(c.done, c.total, c.estimate, "files"); got != c.want {
			t.Errorf("Progress(%d, %d, %v) = %q, want %q", c.done, c.total, c.estimate, got, c.want)
		}
	}
}
