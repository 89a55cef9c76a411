package human

import (
	"fmt"
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
