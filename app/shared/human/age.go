package human

import (
	"fmt"
	"strings"
	"time"
)

// Age says how long ago t was, briefly: "now", "5 min", "3 h", "2 d",
// then the date.
func Age(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	case d < 7*24*time.Hour:
		return fmt.Sprintf("%d d", int(d.Hours()/24))
	case t.Year() == now.Year():
		return t.Local().Format("2 Jan")
	}
	return t.Local().Format("2 Jan 2006")
}

// Ago says when t was as a phrase: "just now", "5 min ago", "3 h ago",
// "2 d ago", "on 6 Nov".
func Ago(t, now time.Time) string {
	switch a := Age(t, now); {
	case a == "":
		return ""
	case a == "now":
		return "just now"
	case a[0] >= '0' && a[0] <= '9' && (strings.HasSuffix(a, "min") || strings.HasSuffix(a, " h") || strings.HasSuffix(a, " d")):
		return a + " ago"
	default:
		return "on " + a
	}
}
