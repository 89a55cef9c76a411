package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ClosingFile is the note a Rapport leaves in its data folder while it
// closes it: closing can take a while (after an erase the files are
// rewritten: about half a minute at a million mentions), with no window
// on screen, and another Rapport started meanwhile finds the folder
// locked. The note lets that one say so, and the desktop app wait for it,
// instead of saying "switch to that window".
const ClosingFile = "closing"

// MarkClosing leaves the note in dir; the returned func removes it, once
// the folder is closed. A note left by a crash is removed by the next
// open.
func MarkClosing(dir string) (done func()) {
	path := filepath.Join(dir, ClosingFile)
	if err := os.WriteFile(path, []byte(time.Now().UTC().Format(time.RFC3339)), 0o600); err != nil {
		return func() {}
	}
	return func() { _ = os.Remove(path) }
}

// ClosingSince tells whether the Rapport that has dir locked is closing
// it, and since when.
func ClosingSince(dir string) (time.Time, bool) {
	b, err := os.ReadFile(filepath.Join(dir, ClosingFile))
	if err != nil {
		return time.Time{}, false
	}
	t, _ := time.Parse(time.RFC3339, strings.TrimSpace(string(b))) // a note written by hand may end in a newline
	return t, true
}

// clearClosing removes a note that a Rapport which did not finish closing
// left (it is read only while the folder is locked).
func clearClosing(dir string) { _ = os.Remove(filepath.Join(dir, ClosingFile)) }

// closingMessage is LockedMessage for a folder whose Rapport is closing.
func closingMessage(dir string, since time.Time) string {
	when := ""
	if !since.IsZero() {
		when = fmt.Sprintf(" (since %s)", since.Local().Format("15:04:05"))
	}
	return fmt.Sprintf("The Rapport you closed is still finishing with this data folder (%s)%s: after an erase it rewrites "+
		"its files so that nothing of the person is left in them, which takes up to a minute on a large folder. "+
		"Try again in a moment.", dir, when)
}
