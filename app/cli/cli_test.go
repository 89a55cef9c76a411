package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/workspace"
	"github.com/rapportapp/rapport/storage"
)

type result struct {
	code           int
	stdout, stderr string
}

// run runs one command line against the data folder dir.
func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	gdir, rest, err := Global(args)
	if err != nil {
		return result{2, "", err.Error()}
	}
	if gdir == "" {
		gdir = dir
	}
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Version: "test", DataDir: gdir,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
	code := Run(context.Background(), rest, env)
	return result{code, out.String(), errb.String()}
}

// oneLineError checks the promise that user errors are one readable line.
func oneLineError(t *testing.T, r result, want string) {
	t.Helper()
	if r.code == 0 {
		t.Fatalf("succeeded, want an error containing %q", want)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 1 || strings.Contains(r.stderr, "goroutine") || !strings.Contains(r.stderr, want) {
		t.Fatalf("stderr %q: want one line containing %q", r.stderr, want)
	}
}

func TestHelpAndVersion(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"help"}, 0, "sample"},
		{[]string{"--help"}, 0, "backup FILE"},
		{[]string{"help", "restore"}, 0, "empty"},
		{[]string{"sample", "-h"}, 0, "--force"},
		{[]string{"version"}, 0, "Rapport test"},
		{[]string{"--version"}, 0, "Rapport test"},
	}
	for _, tt := range tests {
		r := run(t, dir, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.want) {
			t.Errorf("%v: code %d, stdout %q; want %d and %q", tt.args, r.code, r.stdout, tt.code, tt.want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"help", "frobnicate"}, "no command"},
		{[]string{"backup"}, "needs one FILE"},
		{[]string{"stats", "--bogus"}, "flag provided but not defined"},
		{[]string{"mentions", "--query", `"unclosed`}, "does not parse"},
		{[]string{"--data"}, "needs a folder"},
	}
	for _, tt := range tests {
		r := run(t, dir, tt.args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", tt.args, r.code)
		}
		oneLineError(t, r, tt.want)
	}
}

func TestSampleStatsBackupRestore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	// Given the sample in a new folder
	if r := run(t, dir, "sample"); r.code != 0 || !strings.Contains(r.stdout, "Loaded the sample workspace") {
		t.Fatalf("sample: %+v", r)
	}
	// Then loading it again without --force is refused, with what to do
	oneLineError(t, run(t, dir, "sample"), "already holds data; use --force")
	if r := run(t, dir, "sample", "--force"); r.code != 0 {
		t.Fatalf("sample --force: %+v", r)
	}
	before := stats(t, dir)
	if before.Counts["mentions"] < 250 || before.Counts["people"] == 0 || before.Counts["tasks"] == 0 {
		t.Fatalf("stats after sample: %+v", before)
	}
	// When it is backed up and restored into an empty folder
	file := filepath.Join(t.TempDir(), "b.rapport-backup")
	if r := run(t, dir, "backup", file); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	oneLineError(t, run(t, dir, "backup", file), "already exists")
	restored := filepath.Join(t.TempDir(), "restored")
	if r := run(t, restored, "restore", file); r.code != 0 {
		t.Fatalf("restore: %+v", r)
	}
	// Then stats show identical counts
	after := stats(t, restored)
	for k, v := range before.Counts {
		if after.Counts[k] != v {
			t.Errorf("%s: %d restored, %d before", k, after.Counts[k], v)
		}
	}
	// And restoring into a folder with data is refused without touching it
	oneLineError(t, run(t, dir, "restore", file), "restore needs an empty folder")
	if again := stats(t, dir); again.Counts["mentions"] != before.Counts["mentions"] {
		t.Error("a refused restore changed the folder")
	}
	oneLineError(t, run(t, t.TempDir(), "restore", "/nonexistent/backup"), "open backup")
	notBackup := filepath.Join(t.TempDir(), "x.txt")
	_ = os.WriteFile(notBackup, []byte("hello"), 0o600)
	oneLineError(t, run(t, filepath.Join(t.TempDir(), "n"), "restore", notBackup), "not a Rapport backup")
}

func stats(t *testing.T, dir string) storage.Stats {
	t.Helper()
	r := run(t, dir, "stats", "--json")
	if r.code != 0 {
		t.Fatalf("stats: %+v", r)
	}
	var st storage.Stats
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("stats json: %v in %q", err, r.stdout)
	}
	return st
}

func TestSecondInstanceIsToldPlainly(t *testing.T) {
	dir := t.TempDir()
	w, err := workspace.Open(dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	done := make(chan result, 1)
	go func() { done <- run(t, dir, "stats") }()
	select {
	case r := <-done:
		oneLineError(t, r, "Rapport is already running with this data folder")
		if r.code != 1 {
			t.Errorf("exit %d, want 1", r.code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second instance hangs instead of answering")
	}
}

func TestIngestAndMentions(t *testing.T) {
	dir := t.TempDir()
	feedFile := filepath.Join(t.TempDir(), "f.rss")
	_ = os.WriteFile(feedFile, []byte(`<rss version="2.0"><channel><title>Test feed</title>
<item><title>Ember &amp; Oak rocks</title><link>https://e.com/1</link><guid>https://e.com/1</guid><pubDate>Fri, 20 Nov 2026 11:00:00 +0000</pubDate><description>Great &lt;b&gt;coffee&lt;/b&gt;</description><author>maya@e.com (Maya)</author></item>
<item><title>Other</title><link>https://e.com/2</link><pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate><description>Tea time</description></item>
</channel></rss>`), 0o600)
	r := run(t, dir, "ingest", feedFile)
	if r.code != 0 || !strings.Contains(r.stdout, "2 new") {
		t.Fatalf("ingest: %+v", r)
	}
	if r := run(t, dir, "ingest", feedFile); !strings.Contains(r.stdout, "0 new, 2 duplicate") {
		t.Fatalf("second ingest: %+v", r)
	}
	bad := filepath.Join(t.TempDir(), "bad.rss")
	_ = os.WriteFile(bad, []byte("<html>not a feed</html>"), 0o600)
	if r := run(t, dir, "ingest", bad); r.code != 1 || !strings.Contains(r.stderr, "not an RSS, Atom or JSON feed") {
		t.Fatalf("bad ingest: %+v", r)
	}
	r = run(t, dir, "mentions", "--json")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 {
		t.Fatalf("mentions: %+v", r)
	}
	var m map[string]any
	_ = json.Unmarshal([]byte(lines[0]), &m)
	for _, k := range []string{"id", "source", "title", "link", "author", "published", "text", "rules"} {
		if _, ok := m[k]; !ok {
			t.Errorf("mentions --json lacks %q: %s", k, lines[0])
		}
	}
	if m["title"] != "Ember & Oak rocks" || m["text"] != "Great coffee" || m["source"] != "Test feed" {
		t.Errorf("first mention %v", m)
	}
	r = run(t, dir, "mentions", "--query", "tea", "--json")
	if n := strings.Count(strings.TrimSpace(r.stdout), "\n") + 1; r.code != 0 || n != 1 || !strings.Contains(r.stdout, "Tea time") {
		t.Errorf("mentions --query tea: %+v", r)
	}
}
