// Package human writes numbers, sizes and times the way people read them.
package human

import (
	"fmt"
	"strconv"
)

// Bytes writes a size: "512 bytes", "3.4 KB", "12.0 MB", "1.2 GB".
func Bytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Int writes n with thousands separators: 12,345.
func Int(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Short writes a count for a narrow column: as Int below 100,000, then
// rounded down to thousands or millions ("123k", "1.2M", "15M"), so that
// it never claims more than there is.
func Short(n int) string {
	switch {
	case n < 100_000:
		return Int(n)
	case n < 1_000_000:
		return strconv.Itoa(n/1000) + "k"
	case n < 10_000_000:
		return fmt.Sprintf("%d.%dM", n/1_000_000, n/100_000%10)
	}
	return Int(n/1_000_000) + "M"
}

// Progress says how far a long piece of work has got: "1,234 of 5,000
// files", "1,234 of about 5,000 entries" when total is an estimate, or
// "1,234 entries so far" when there is no total, or the estimate was passed.
func Progress(done, total int64, estimate bool, unit string) string {
	switch {
	case total == 0 || estimate && done > total:
		return Int(int(done)) + " " + unit + " so far"
	case estimate:
		return Int(int(done)) + " of about " + Int(int(total)) + " " + unit
	}
	return Int(int(done)) + " of " + Int(int(total)) + " " + unit
}
