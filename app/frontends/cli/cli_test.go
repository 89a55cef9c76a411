package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/workspace"
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
	env := &Env{
		Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Version: "test", DataDir: gdir,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now,
	}
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	// A command leaves nothing queued for the full-text index behind.
	if r := run(t, dir, "stats", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"word_queue": 0`) {
		t.Fatalf("stats after ingest: %+v", r)
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

func TestSourcesAndFetch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Roaster news</title><item><title>Cold brew season</title><link>https://e.com/1</link></item></channel></rss>`)
	}))
	defer srv.Close()
	r := run(t, dir, "source", "add", srv.URL, "--rule", "brew", "--every", "30m")
	if r.code != 0 || !strings.Contains(r.stdout, "Added source 1: Roaster news") {
		t.Fatalf("source add: %+v", r)
	}
	oneLineError(t, run(t, dir, "source", "add", srv.URL), "already watching")
	oneLineError(t, run(t, dir, "source", "add", srv.URL+"/x", "--every", "5s"), "too often")
	r = run(t, dir, "fetch")
	if r.code != 0 || !strings.Contains(r.stdout, "1 sources: 1 new") || !strings.Contains(r.stderr, "[1/1] Roaster news: 1 new") {
		t.Fatalf("fetch: %+v", r)
	}
	r = run(t, dir, "source", "list", "--json")
	var sj map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(r.stdout)), &sj); err != nil || sj["mentions"].(float64) != 1 || sj["every"] != "30m0s" {
		t.Fatalf("source list: %v %+v", err, r)
	}
	if r := run(t, dir, "source", "list"); !strings.Contains(r.stdout, "Roaster news") || !strings.Contains(r.stdout, "ok") {
		t.Errorf("source list table: %+v", r)
	}
	fail.Store(true)
	r = run(t, dir, "fetch", "--source", "1")
	if r.code != 1 || !strings.Contains(r.stderr, "503") {
		t.Errorf("fetch of a failing source: %+v", r)
	}
	if r := run(t, dir, "source", "remove", "1"); r.code != 0 {
		t.Errorf("remove: %+v", r)
	}
	if r := run(t, dir, "mentions", "--json"); !strings.Contains(r.stdout, "Cold brew season") {
		t.Errorf("the source's mentions should stay: %+v", r)
	}
}

func TestListenAndOPMLRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, dir, "listen", "cold brew", "--on", "reddit-search,mastodon-tag,youtube-channel")
	if r.code != 0 || strings.Count(r.stdout, "Added source") != 2 || !strings.Contains(r.stderr, "YouTube") {
		t.Fatalf("listen: %+v", r)
	}
	file := filepath.Join(t.TempDir(), "s.opml")
	if r := run(t, dir, "opml", "export", file); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	other := t.TempDir()
	r = run(t, other, "opml", "import", file)
	if r.code != 0 || !strings.Contains(r.stdout, "Added 2 sources") {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, other, "opml", "import", file); !strings.Contains(r.stdout, "Added 0 sources; 2 were already watched") {
		t.Errorf("second import: %+v", r)
	}
	a, b := run(t, dir, "source", "list", "--json").stdout, run(t, other, "source", "list", "--json").stdout
	for _, want := range []string{`"rules":["\"cold brew\""]`, `"folder":"Listening: cold brew"`, `#coldbrew`} {
		if !strings.Contains(a, want) || !strings.Contains(b, want) {
			t.Errorf("round trip lost %s:\n%s\n%s", want, a, b)
		}
	}
	broken := filepath.Join(t.TempDir(), "broken.opml")
	_ = os.WriteFile(broken, []byte("<opml><body><outline text='x' xmlUrl='https://e.com/f'>"), 0o600)
	oneLineError(t, run(t, other, "opml", "import", broken), "broken.opml")
}

func TestContactsImportListExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	vcf := filepath.Join(t.TempDir(), "in.vcf")
	_ = os.WriteFile(vcf, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nina Novak\r\nEMAIL:nina@example.com\r\nX-RAPPORT-HANDLE:reddit;ninabrews\r\nEND:VCARD\r\n"+
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Nina N.\r\nEMAIL:NINA@example.com\r\nEND:VCARD\r\n"), 0o600)
	r := run(t, dir, "contacts", "import", vcf)
	if r.code != 0 || !strings.Contains(r.stdout, "Added 1 contacts; 1 look like") {
		t.Fatalf("import: %+v", r)
	}
	r = run(t, dir, "contacts", "list", "--json")
	if r.code != 0 || strings.Count(strings.TrimSpace(r.stdout), "\n") != 0 || !strings.Contains(r.stdout, `"name":"Nina Novak"`) || !strings.Contains(r.stdout, `"score":`) {
		t.Fatalf("list: %+v", r)
	}
	out := filepath.Join(t.TempDir(), "out.csv")
	if r := run(t, dir, "contacts", "export", out); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "Nina Novak") || !strings.Contains(string(b), "reddit:ninabrews") {
		t.Errorf("csv:\n%s", b)
	}
	oneLineError(t, run(t, dir, "contacts", "import", filepath.Join(t.TempDir(), "x.xlsx")), ".vcf")
}

func TestContactsSuggestionsNameBothPeopleAndWhy(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %+v", r)
	}
	// The sample has Priya Natarajan twice, once as a contact.
	r := run(t, dir, "contacts", "suggestions")
	if r.code != 0 || !strings.Contains(r.stdout, "same name Priya Natarajan") || !strings.HasPrefix(r.stdout, "A ") {
		t.Fatalf("contacts suggestions: %+v", r)
	}
	r = run(t, dir, "contacts", "suggestions", "--json")
	var first struct {
		A, B       uint64
		Reason     string
		Confidence float64
	}
	if err := json.Unmarshal([]byte(strings.SplitN(r.stdout, "\n", 2)[0]), &first); err != nil || first.A == 0 || first.B == 0 || first.Reason == "" || first.Confidence <= 0 {
		t.Errorf("contacts suggestions --json: %v %+v\n%s", err, first, r.stdout)
	}
	// An empty folder has none, and says so.
	if r := run(t, filepath.Join(t.TempDir(), "empty"), "contacts", "suggestions"); r.code != 0 || !strings.Contains(r.stdout, "No merge suggestions") {
		t.Errorf("empty folder: %+v", r)
	}
}

// An import finds each file's source among the stored ones (it reads them
// once per command, not once per file): a file ingested again, in the same
// command or a later one, keeps its one source.
func TestIngestKeepsOneSourcePerFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	feeds := t.TempDir()
	var files []string
	for i, title := range []string{"First feed", "Second feed"} {
		f := filepath.Join(feeds, fmt.Sprintf("f%d.rss", i))
		_ = os.WriteFile(f, []byte(fmt.Sprintf(`<rss version="2.0"><channel><title>%s</title>
<item><title>Post %d</title><link>https://e.com/%d</link><pubDate>Fri, 20 Nov 2026 11:00:00 +0000</pubDate><description>Hello</description></item>
</channel></rss>`, title, i, i)), 0o600)
		files = append(files, f)
	}
	if r := run(t, dir, "ingest", files[0], files[1], files[0]); r.code != 0 || !strings.Contains(r.stdout, "2 new, 1 duplicate") {
		t.Fatalf("ingest: %+v", r)
	}
	if r := run(t, dir, "ingest", files[1]); r.code != 0 || !strings.Contains(r.stdout, "0 new, 1 duplicate") {
		t.Fatalf("second ingest: %+v", r)
	}
	r := run(t, dir, "source", "list")
	if r.code != 0 || strings.Count(r.stdout, "First feed") != 1 || strings.Count(r.stdout, "Second feed") != 1 {
		t.Fatalf("source list after three imports of two files: %+v", r)
	}
}

// TestOpenProgressSaysEachStepAndAtMostEveryFiveSeconds: a long open tells
// the terminal when each step of an update starts and then how far it got,
// no more than every five seconds; the check of the folder's files only
// once it has taken five seconds.
func TestOpenProgressSaysEachStepAndAtMostEveryFiveSeconds(t *testing.T) {
	var errb bytes.Buffer
	clock := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	env := &Env{Stderr: &errb, Now: func() time.Time { return clock }}
	report := env.openProgress()
	at := func(d time.Duration, p storage.Progress) { clock = clock.Add(d); report(p) }
	check := storage.Progress{Name: "check the folder's files", Unit: "files", Total: 341}
	step := storage.Progress{Step: 1, Steps: 2, Name: "list the identity index", Unit: "entries", Estimate: true, Total: 4_968_677}
	at(0, check)
	at(time.Second, storage.Progress{Name: check.Name, Unit: "files", Total: 341, Done: 10})
	at(5*time.Second, storage.Progress{Name: check.Name, Unit: "files", Total: 341, Done: 120})
	at(time.Second, step)
	at(time.Second, storage.Progress{Step: 1, Steps: 2, Name: step.Name, Unit: "entries", Estimate: true, Total: step.Total, Done: 10_000})
	at(5*time.Second, storage.Progress{Step: 1, Steps: 2, Name: step.Name, Unit: "entries", Estimate: true, Total: step.Total, Done: 1_180_000})
	at(time.Second, storage.Progress{Step: 2, Steps: 2, Name: "build the full-text index of mentions"})
	at(6*time.Second, storage.Progress{Step: 2, Steps: 2, Name: "build the full-text index of mentions", Unit: "mentions", Done: 52_000})
	want := `rapport: check the folder's files: 120 of 341 files
rapport: preparing the data folder (step 1 of 2): list the identity index
rapport: list the identity index: 1,180,000 of about 4,968,677 entries
rapport: preparing the data folder (step 2 of 2): build the full-text index of mentions
rapport: build the full-text index of mentions: 52,000 mentions so far
`
	if errb.String() != want {
		t.Errorf("printed:\n%s\nwant:\n%s", errb.String(), want)
	}
}

// contacts erase says what went and that the files were rewritten; the
// person is gone, and erasing them again says they are not there.
func TestContactsEraseSaysWhatWentAndRewritesTheFiles(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %+v", r)
	}
	r := run(t, dir, "contacts", "list", "--json")
	var id uint64
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var row struct {
			ID   uint64
			Name string
		}
		if json.Unmarshal([]byte(line), &row) == nil && row.Name == "Jordan Blake" {
			id = row.ID
		}
	}
	if id == 0 {
		t.Fatalf("no Jordan Blake in %q", r.stdout)
	}
	r = run(t, dir, "contacts", "erase", fmt.Sprint(id))
	if r.code != 0 || !strings.Contains(r.stdout, "Erased: ") || !strings.Contains(r.stdout, "other records no longer name them") ||
		!strings.Contains(r.stdout, "Rewrote the data files") {
		t.Fatalf("contacts erase: %+v", r)
	}
	if r := run(t, dir, "contacts", "erase", fmt.Sprint(id)); r.code == 0 {
		t.Errorf("erasing them again succeeded: %+v", r)
	}
}
