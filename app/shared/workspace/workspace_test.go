package workspace

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/storage"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestOpenIsEmptyAndLocked(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if empty, err := w.IsEmpty(); err != nil || !empty {
		t.Fatalf("new workspace: empty=%v err=%v", empty, err)
	}
	_ = w.Store.Update(func(tx *storage.Tx) error { return tx.Sources().Put(&storage.Source{Name: "x"}) })
	if empty, _ := w.IsEmpty(); empty {
		t.Error("a workspace with a source is not empty")
	}
	if _, err := Open(dir, quiet()); !errors.Is(err, ErrLocked) {
		t.Errorf("second open: %v", err)
	}
	if msg := LockedMessage(dir); !strings.Contains(msg, "Rapport is already running with this data folder") {
		t.Errorf("message %q", msg)
	}
}

func TestProfileRoundTrip(t *testing.T) {
	w, err := Open(t.TempDir(), quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	b := Business{Name: "Ember & Oak", BrandTerms: []string{"EmberOak"}, Promise: []string{"fresh"}}
	if err := w.SetBusiness(b); err != nil {
		t.Fatal(err)
	}
	got, err := w.Business()
	if err != nil || got.Name != b.Name || got.BrandTerms[0] != "EmberOak" || got.Promise[0] != "fresh" {
		t.Fatalf("business %+v %v", got, err)
	}
	_ = w.SetTeam([]TeamMember{{Name: "Kim", Email: "kim@e.com"}})
	team, err := w.Team()
	if err != nil || len(team) != 1 || team[0].Email != "kim@e.com" {
		t.Fatalf("team %+v %v", team, err)
	}
}

func TestDefaultDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("checks the Linux rule")
	}
	t.Setenv("XDG_DATA_HOME", "/data/home")
	if d, _ := DefaultDir(); d != filepath.Join("/data/home", "rapport") {
		t.Errorf("with XDG_DATA_HOME: %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/dana")
	if d, _ := DefaultDir(); d != "/home/dana/.local/share/rapport" {
		t.Errorf("without XDG_DATA_HOME: %s", d)
	}
}

func TestEventsReachListeners(t *testing.T) {
	e := NewEvents()
	got := make(chan MentionsChanged, 1)
	e.OnMentionsChanged(func(ev MentionsChanged) { got <- ev })
	e.EmitMentionsChanged(MentionsChanged{IDs: []uint64{7}})
	if ev := <-got; len(ev.IDs) != 1 || ev.IDs[0] != 7 {
		t.Errorf("event %+v", ev)
	}
	e.Close()
	e.EmitMentionsChanged(MentionsChanged{})
	select {
	case ev := <-got:
		t.Errorf("event after Close: %+v", ev)
	default:
	}
}

// TestAClosingNoteLeftByACrashGoesAtTheNextOpen: a Rapport killed while it
// closed the folder leaves its note; the next open removes it, so that a
// later lock is not said to be a closing one.
func TestAClosingNoteLeftByACrashGoesAtTheNextOpen(t *testing.T) {
	dir := t.TempDir()
	_ = MarkClosing(dir) // never removed: the process was killed
	if _, ok := ClosingSince(dir); !ok {
		t.Fatal("no note was left")
	}
	w, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, ok := ClosingSince(dir); ok {
		t.Error("the note outlived the next open")
	}
	if msg := LockedMessage(dir); !strings.Contains(msg, "already running") {
		t.Errorf("LockedMessage %q", msg)
	}
}

// TestClosingSinceReadsANoteEndingInANewline: the note's time is read
// whether or not the line ends (an editor adds a newline).
func TestClosingSinceReadsANoteEndingInANewline(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 12, 6, 7, 30, 0, 0, time.UTC)
	for _, note := range []string{at.Format(time.RFC3339), at.Format(time.RFC3339) + "\n", " " + at.Format(time.RFC3339) + "\r\n"} {
		if err := os.WriteFile(filepath.Join(dir, ClosingFile), []byte(note), 0o600); err != nil {
			t.Fatal(err)
		}
		if since, ok := ClosingSince(dir); !ok || !since.Equal(at) {
			t.Errorf("note %q: since %v %v, want %v", note, since, ok, at)
		}
	}
}
