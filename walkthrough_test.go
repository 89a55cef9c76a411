package main

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWalkthrough drives the real app under Xvfb as an owner would, with
// the keyboard and the mouse (xdotool), through a reply, a snooze, a stage
// change and a saved search, then quits it and checks with the command
// line that the records say exactly what happened: the reply counts as
// sent only after the owner said so, the snooze and the stage are stored,
// the saved view holds the search.
//
// The window opens at its default size (1100×704 on the 1280×800 screen
// of scripts/test.sh), so the few clicks use positions in the window;
// each step's screenshot is kept in the test's folder when it fails.
func TestWalkthrough(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the app and drives it")
	}
	bin, tmp, data := sampleFolder(t)
	// A stand-in for xdg-open that records the links the app opens.
	binDir := filepath.Join(tmp, "bin")
	opened := filepath.Join(tmp, "opened")
	_ = os.MkdirAll(binDir, 0o755)
	script := "#!/bin/sh\necho \"$@\" >> " + opened + "\nexit 0\n"
	if err := os.WriteFile(filepath.Join(binDir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	// No animations: the driver waits for the screen to stay the same, and
	// a blinking text cursor never does (whether two screenshots caught the
	// same phase of it depended on how long a screenshot took).
	fyneConfig := filepath.Join(tmp, "config", "fyne")
	if err := os.MkdirAll(fyneConfig, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fyneConfig, "settings.json"), []byte(`{"no_animations": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	app := startGUI(t, bin, data, tmp, "PATH="+binDir+":"+os.Getenv("PATH"), "FYNE_THEME=dark") // the colours it waits for
	waitForWindow(t, "Rapport", 60*time.Second)
	waitForPaint(t, filepath.Join(tmp, "start.png"), 60*time.Second)
	shots := filepath.Join(os.TempDir(), "rapport-walkthrough") // kept after the test, to look at
	_ = os.RemoveAll(shots)
	_ = os.MkdirAll(shots, 0o755)
	d := &driver{t: t, tmp: shots, win: windowID(t, "Rapport")}
	d.waitForDetail()
	d.navMean()

	// Reply to the inbox's first mention: r, type, Ctrl+Enter copies it and
	// opens the conversation; the app records a draft and asks.
	d.key("r")
	d.waitDialog(true, "the composer")
	d.typeText("Thank you for telling us, we are putting it right today.")
	d.key("ctrl+Return")
	d.waitFile(opened, "the conversation was opened")
	d.waitDialog(false, "the composer to close")
	d.waitColour(895, 30, isPrimary, "the question whether it was posted")
	d.shot("draft")
	d.click(950, 42) // "Yes, I posted it" on the question above the mention
	d.waitColour(895, 30, not(isPrimary), "the question to go")
	// Snooze the mention that opens next: s, then Enter (in an hour).
	d.key("s")
	d.waitDialog(true, "the snooze dialog")
	d.key("Return")
	d.waitDialog(false, "the snooze dialog to close")
	// Contacts: make the first contact (Carl Whitfield) a champion.
	d.key("ctrl+3")
	d.waitColour(39, 128, isPrimary, "the Contacts screen") // its icon
	d.click(830, 290)                                       // the Stage list
	d.click(608, 470)                                       // "champion"
	// Inbox: search for "refund" and save the search as a view.
	d.key("ctrl+2")
	d.waitColour(39, 80, isPrimary, "the Inbox screen")
	d.key("slash")
	d.typeText("refund")
	d.key("Return")
	d.key("Escape")   // back to the list
	d.click(140, 683) // "Save view…"
	d.waitDialog(true, "the Save view dialog")
	d.typeText("Refunds")
	d.key("Return")
	d.waitDialog(false, "the Save view dialog to close")
	d.shot("end")
	if code := app.stop(t); code != 0 {
		t.Fatalf("the app exited with %d; log:\n%s", code, app.stderr())
	}
	for _, bad := range []string{"DATA RACE", "panic:", "Error in Fyne call thread"} {
		if strings.Contains(app.stderr(), bad) {
			t.Errorf("the app's log contains %q:\n%s", bad, app.stderr())
		}
	}
	d.checkRecords(bin, data)
}

// driver sends keys and clicks to the app's window and keeps screenshots.
type driver struct {
	t   *testing.T
	tmp string
	win string
	n   int
	nav float64 // brightness of the navigation column, no dialog open
}

func windowID(t *testing.T, title string) string {
	t.Helper()
	out, err := exec.Command("xdotool", "search", "--name", "^"+title+"$").Output()
	if err != nil {
		t.Fatalf("find the window: %v", err)
	}
	return strings.Fields(string(out))[0]
}

// screen is a digest of the whole screen now.
func (d *driver) screen() string {
	out, err := exec.Command("import", "-window", "root", "rgb:-").Output()
	if err != nil {
		d.t.Fatalf("screenshot: %v", err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(out))
}

// settle waits until the screen changed from before and then stayed the
// same for a second: the step's work is done and drawn. The race detector
// and a busy machine make the app slow, so fixed pauses would not do. A
// step that changes nothing to see (Return in a search already applied as
// it was typed) settles once the screen stayed as before for 5 s; the
// steps whose effect matters wait for it explicitly (waitColour, …).
func (d *driver) settle(before string) {
	d.t.Helper()
	last, same := before, 0
	for i := range 240 {
		time.Sleep(500 * time.Millisecond)
		now := d.screen()
		switch {
		case now == before && i >= 10:
			return // nothing changed to see
		case now == before:
			continue // not drawn yet
		case now == last:
			same++
		default:
			last, same = now, 0
		}
		if same >= 2 {
			return
		}
	}
	d.shot("unsettled")
	d.t.Fatalf("the screen did not settle after a step (screenshots in %s)", d.tmp)
}

// waitForDetail waits until the detail pane shows the first mention: the
// list fills first, and a key pressed before the detail is there has no
// mention to act on.
func (d *driver) waitForDetail() {
	d.t.Helper()
	shot := filepath.Join(d.tmp, "detail.png")
	n := 0
	for range 240 {
		if err := exec.Command("import", "-window", "root", "-crop", "420x160+676+0", shot).Run(); err == nil {
			if n = colours(d.t, shot); n >= 150 {
				return
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	d.t.Fatalf("the detail pane did not show the first mention (%d colours)", n)
}

func (d *driver) run(args ...string) {
	d.t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		d.t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}

func (d *driver) key(k string) {
	d.t.Helper()
	before := d.screen()
	d.run("windowfocus", d.win) // real key presses (XTEST) go to the focused window
	d.run("key", k)
	d.settle(before)
}

func (d *driver) typeText(s string) {
	d.t.Helper()
	before := d.screen()
	d.run("windowfocus", d.win)
	d.run("type", "--delay", "40", s)
	d.settle(before)
}

func (d *driver) click(x, y int) {
	d.t.Helper()
	before := d.screen()
	d.run("mousemove", "--window", d.win, fmt.Sprint(x), fmt.Sprint(y))
	d.run("click", "1")
	d.settle(before)
}

// shot keeps a screenshot of the step in the test's folder.
func (d *driver) shot(name string) {
	d.n++
	_ = exec.Command("import", "-window", "root", filepath.Join(d.tmp, fmt.Sprintf("%02d-%s.png", d.n, name))).Run()
}

// rgb is the colour of a pixel of the screen now.
func (d *driver) rgb(x, y int) (r, g, b int) {
	d.t.Helper()
	out, err := exec.Command("convert", "x:root", "-crop", fmt.Sprintf("1x1+%d+%d", x, y), "-depth", "8", "-format", "%[fx:int(255*r)] %[fx:int(255*g)] %[fx:int(255*b)]", "info:").Output()
	if err != nil {
		d.t.Fatalf("read a pixel: %v", err)
	}
	if _, err := fmt.Sscan(string(out), &r, &g, &b); err != nil {
		d.t.Fatalf("read a pixel %q: %v", out, err)
	}
	return r, g, b
}

// isPrimary is the theme's orange (buttons that matter, the selected tab).
func isPrimary(r, g, b int) bool { return r > 200 && g > 90 && g < 190 && b < 140 }

func not(f func(r, g, b int) bool) func(r, g, b int) bool {
	return func(r, g, b int) bool { return !f(r, g, b) }
}

// waitColour waits until the pixel at x, y (in the window at the screen's
// corner) passes is.
func (d *driver) waitColour(x, y int, is func(r, g, b int) bool, what string) {
	d.t.Helper()
	d.waitUntil(what, func() bool { return is(d.rgb(x, y)) })
}

// waitDialog waits until a dialog is open (open) or none is: a dialog
// dims the rest of the window, the navigation column too.
func (d *driver) waitDialog(open bool, what string) {
	d.t.Helper()
	d.waitUntil(what, func() bool {
		out, err := exec.Command("convert", "x:root", "-crop", "75x330+0+0", "-format", "%[fx:mean]", "info:").Output()
		if err != nil {
			d.t.Fatalf("read the screen: %v", err)
		}
		var mean float64
		_, _ = fmt.Sscan(string(out), &mean)
		dimmed := mean < 0.75*d.navMean()
		return dimmed == open
	})
}

// navMean is the brightness of the navigation column with no dialog open,
// read once at the start.
func (d *driver) navMean() float64 {
	if d.nav == 0 {
		out, err := exec.Command("convert", "x:root", "-crop", "75x330+0+0", "-format", "%[fx:mean]", "info:").Output()
		if err != nil {
			d.t.Fatalf("read the screen: %v", err)
		}
		_, _ = fmt.Sscan(string(out), &d.nav)
	}
	return d.nav
}

// waitUntil polls cond for up to two minutes: the race detector and a busy
// machine make the app slow, so fixed pauses would not do.
func (d *driver) waitUntil(what string, cond func() bool) {
	d.t.Helper()
	for range 240 {
		if cond() {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	d.shot("waited")
	d.t.Fatalf("waited two minutes for %s (screenshots in %s)", what, d.tmp)
}

// waitFile waits until path exists (the stand-in opener wrote it).
func (d *driver) waitFile(path, what string) {
	d.t.Helper()
	for range 40 {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	d.shot("failed")
	d.t.Fatalf("%s: nothing was opened (screenshots in %s)", what, d.tmp)
}

// checkRecords reads the folder with the command line, once the app has
// quit, and checks each step's record.
func (d *driver) checkRecords(bin, data string) {
	t := d.t
	t.Helper()
	mentions := filepath.Join(d.tmp, "mentions.json")
	interactions := filepath.Join(d.tmp, "interactions.csv")
	for _, args := range [][]string{{"export", "mentions", "--out", mentions}, {"export", "interactions", "--out", interactions}} {
		if out, err := exec.Command(bin, append([]string{"--data", data}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	var ms []struct {
		ID    uint64 `json:"id"`
		State string `json:"state"`
	}
	b, err := os.ReadFile(mentions)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ms); err != nil {
		t.Fatal(err)
	}
	state := map[string]string{}
	snoozed := 0
	for _, m := range ms {
		state[fmt.Sprint(m.ID)] = m.State
		if m.State == "snoozed" {
			snoozed++
		}
	}
	f, err := os.Open(interactions)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// id,at,person_id,mention_id,kind,direction,side,channel,value,note,…
	replied := 0
	for _, r := range rows[1:] {
		if r[4] == "reply" && strings.Contains(r[9], "putting it right today") {
			replied++
			if state[r[3]] != "handled" {
				t.Errorf("mention %s was replied to but is %q", r[3], state[r[3]])
			}
		}
	}
	if replied != 1 || snoozed != 1 {
		t.Errorf("after the walk: %d replies on the record, %d mentions snoozed; want 1 and 1 (screenshots in %s)", replied, snoozed, d.tmp)
	}
	contacts, _ := exec.Command(bin, "--data", data, "contacts", "list").Output()
	if !strings.Contains(string(contacts), "Carl Whitfield   champion") {
		t.Errorf("Carl Whitfield is not a champion:\n%s", contacts)
	}
	views, _ := exec.Command(bin, "--data", data, "views").Output()
	if !strings.Contains(string(views), "Refunds") || !strings.Contains(string(views), "matching refund") {
		t.Errorf("the saved search is not a view:\n%s", views)
	}
}
