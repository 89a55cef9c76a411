package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/views"
)

// TestEndToEndOpeningWindow starts the real app with the opening window
// shown at once (RAPPORT_OPENING_WAIT=0s, as for a folder being updated):
// it hands over to the main window and closes, without a thread warning;
// on an encrypted folder it hands over to the passphrase window.
func TestEndToEndOpeningWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the app")
	}
	bin, tmp, data := sampleFolder(t)
	app := startGUI(t, bin, data, tmp, "RAPPORT_OPENING_WAIT=0s")
	waitForWindow(t, "Rapport", 60*time.Second)
	waitForPaint(t, filepath.Join(tmp, "screen.png"), 60*time.Second)
	noWindow(t, views.OpeningTitle)
	if code := app.stop(t); code != 0 {
		t.Errorf("the app exited with %d after SIGTERM", code)
	}
	noBadLog(t, app)

	encryptFolder(t, bin, data, tmp, "roasted beans at dawn")
	app = startGUI(t, bin, data, tmp, "RAPPORT_OPENING_WAIT=0s")
	win := waitForUnlock(t)
	noWindow(t, views.OpeningTitle)
	focus(t, win)
	xdo(t, "key", "Escape")
	if code := waitExit(t, app); code != 0 {
		t.Errorf("Escape in the passphrase window: exit %d\n%s", code, app.stderr())
	}
	noBadLog(t, app)
}

// noWindow fails the test if a window titled title is open.
func noWindow(t *testing.T, title string) {
	t.Helper()
	if out, _ := exec.Command("xdotool", "search", "--name", "^"+title+"$").Output(); len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("the window %q is still open", title)
	}
}
