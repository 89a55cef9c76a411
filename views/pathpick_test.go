package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolvePath(t *testing.T) {
	home := filepath.FromSlash("/home/dana")
	for _, tt := range []struct{ typed, want string }{
		{"/tmp/people.vcf", "/tmp/people.vcf"},
		{"  ~/Downloads/people.vcf ", "/home/dana/Downloads/people.vcf"},
		{"Downloads/feeds.opml", "/home/dana/Downloads/feeds.opml"},
		{`"/tmp/with space.csv"`, "/tmp/with space.csv"},
		{"file:///tmp/feeds.opml", "/tmp/feeds.opml"},
		{"~", "/home/dana"},
	} {
		got, err := resolvePath(tt.typed, home)
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("resolvePath(%q) = %q, %v; want %q", tt.typed, got, err, tt.want)
		}
	}
	if _, err := resolvePath("  ", home); err == nil {
		t.Error("an empty path was accepted")
	}
}

func TestFileJobsTakeATypedPath(t *testing.T) {
	// Given a file the owner knows the path of
	w := keyWindow(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "people.vcf")
	if err := os.WriteFile(file, []byte("BEGIN:VCARD\r\nEND:VCARD\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	work.drain()
	var ran []string
	job := fileJob{
		Env: testEnv(w, func(err error) { t.Errorf("error: %v", err) }), working: "Importing contacts…",
		done: "Contacts imported", title: "Import contacts", action: "Import",
		run: func(path string) (string, error) { ran = append(ran, path); return "Added 0 contacts.", nil },
	}
	// When they import and type a path that does not exist, then the real one
	job.open(".vcf", ".csv")
	entry, ok := w.Canvas().Focused().(*keyEntry)
	if !ok {
		t.Fatalf("the path field is not focused: %T", w.Canvas().Focused())
	}
	entry.SetText(filepath.Join(dir, "nobody.vcf"))
	press(t, w, "Return")
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "There is no file at") {
		t.Fatal("a missing file was not explained in the dialog")
	}
	entry.SetText(file)
	press(t, w, "Return")
	work.drain()
	// Then the job ran on that file
	if len(ran) != 1 || ran[0] != file {
		t.Fatalf("the job ran on %q, want %q", ran, file)
	}
	// And an export offers a file in the home folder, and asks before
	// replacing one that exists
	var saved []string
	exp := fileJob{
		Env: job.Env, working: "Exporting…", done: "Exported",
		run: func(path string) (string, error) { saved = append(saved, path); return "ok", nil },
	}
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
	exp.save("rapport-contacts.vcf")
	entry = w.Canvas().Focused().(*keyEntry)
	if !strings.HasSuffix(entry.Text, "rapport-contacts.vcf") {
		t.Errorf("offered %q", entry.Text)
	}
	entry.SetText(file)
	press(t, w, "Return")
	if len(saved) != 0 || !strings.Contains(collectText(w.Canvas().Overlays().Top()), "exists already") {
		t.Fatalf("an existing file was replaced without asking (%q)", saved)
	}
	press(t, w, "Return")
	work.drain()
	if len(saved) != 1 || saved[0] != file {
		t.Errorf("saved %q", saved)
	}
}
