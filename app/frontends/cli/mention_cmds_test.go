package cli

import (
	"testing"
	"time"
)

// An import gives back the table files' pages while it runs, and the
// goroutine that does so has ended once the import's deferred work has.
func TestReleasingTablePagesEndsWithTheImport(t *testing.T) {
	stop := make(chan struct{})
	done := releaseTablePages(t.TempDir(), time.Millisecond, stop)
	time.Sleep(5 * time.Millisecond)
	close(stop)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the releasing goroutine did not end")
	}
}
