// Package notify decides which new mentions deserve a desktop
// notification while the moment is still open: those worth attention, not
// during the owner's quiet hours, and at most a few a minute — beyond that
// one summary says how many more there are.
package notify

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Settings are the owner's choices.
type Settings struct {
	Enabled bool
	// MinPriority is the priority (0–100) from which a mention is worth a
	// notification; questions, complaints, churn and purchase intent always
	// are.
	MinPriority float64
	// Quiet hours, local time, "22:00"–"07:30"; equal means none.
	QuietFrom, QuietTo string
	// PerMinute is how many notifications may be shown in a minute before
	// the rest are summed up in one.
	PerMinute int
}

// Defaults are on, priority 35, quiet 22:00–07:00, 3 a minute.
func Defaults() Settings {
	return Settings{Enabled: true, MinPriority: 35, QuietFrom: "22:00", QuietTo: "07:00", PerMinute: 3}
}

// Validate checks the settings the owner typed: quiet hours as HH:MM (both
// or neither), a priority from 0 to 100, at least one a minute.
func (s Settings) Validate() error {
	var errs []error
	_, okFrom := minutesOf(s.QuietFrom)
	_, okTo := minutesOf(s.QuietTo)
	blank := strings.TrimSpace(s.QuietFrom) == "" && strings.TrimSpace(s.QuietTo) == ""
	if !blank && (!okFrom || !okTo) {
		errs = append(errs, fmt.Errorf("quiet hours %q to %q: write both times as HH:MM, like 22:00 and 07:00 (or leave both empty)", s.QuietFrom, s.QuietTo))
	}
	if s.MinPriority < 0 || s.MinPriority > 100 {
		errs = append(errs, fmt.Errorf("priority %g: choose from 0 to 100", s.MinPriority))
	}
	if s.PerMinute < 1 {
		errs = append(errs, fmt.Errorf("%d a minute: allow at least 1", s.PerMinute))
	}
	return errors.Join(errs...)
}

// Item is a new mention, as far as notifying is concerned.
type Item struct {
	ID       uint64
	Author   string
	Headline string
	Why      string
	Priority float64
	Intents  []string
}

// Note is a notification to show.
type Note struct {
	Title, Body string
	IDs         []uint64
}

// urgent intents always deserve a notification.
var urgent = []string{"complaint", "question", "churn", "purchase"}

// Notifier remembers what it showed in the last minute.
type Notifier struct {
	mu    sync.Mutex
	shown []time.Time
}

// Offer returns the notifications to show now for newly stored items.
func (n *Notifier) Offer(s Settings, items []Item, now time.Time) []Note {
	if !s.Enabled || quiet(s, now) {
		return nil
	}
	var worth []Item
	for _, it := range items {
		if it.Priority >= s.MinPriority || slices.ContainsFunc(it.Intents, func(i string) bool { return slices.Contains(urgent, i) }) {
			worth = append(worth, it)
		}
	}
	if len(worth) == 0 {
		return nil
	}
	slices.SortStableFunc(worth, func(a, b Item) int { return cmpDesc(a.Priority, b.Priority) })
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shown = slices.DeleteFunc(n.shown, func(t time.Time) bool { return now.Sub(t) >= time.Minute })
	room := max(0, s.PerMinute-len(n.shown))
	var out []Note
	for i, it := range worth {
		if i >= room {
			break
		}
		out = append(out, Note{Title: title(it), Body: it.Headline, IDs: []uint64{it.ID}})
		n.shown = append(n.shown, now)
	}
	if rest := worth[min(room, len(worth)):]; len(rest) > 0 {
		out = append(out, summary(rest))
		n.shown = append(n.shown, now)
	}
	return out
}

func title(it Item) string {
	who := it.Author
	if who == "" {
		who = "Someone"
	}
	if it.Why != "" {
		return fmt.Sprintf("%s — %s", who, it.Why)
	}
	return who + " mentioned you"
}

func summary(rest []Item) Note {
	ids := make([]uint64, len(rest))
	var names []string
	for i, it := range rest {
		ids[i] = it.ID
		if len(names) < 3 && it.Author != "" && !slices.Contains(names, it.Author) {
			names = append(names, it.Author)
		}
	}
	body := "Open Rapport's inbox to see them."
	if len(names) > 0 {
		body = "From " + strings.Join(names, ", ") + " and others. " + body
	}
	return Note{Title: fmt.Sprintf("%d more mentions worth a look", len(rest)), Body: body, IDs: ids}
}

// quiet reports whether now falls in the quiet hours (which may span
// midnight).
func quiet(s Settings, now time.Time) bool {
	from, ok1 := minutesOf(s.QuietFrom)
	to, ok2 := minutesOf(s.QuietTo)
	if !ok1 || !ok2 || from == to {
		return false
	}
	m := now.Hour()*60 + now.Minute()
	if from < to {
		return m >= from && m < to
	}
	return m >= from || m < to
}

// minutesOf reads "HH:MM".
func minutesOf(s string) (int, bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
