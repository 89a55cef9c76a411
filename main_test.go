package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestEndToEnd builds the real binary, loads the sample workspace into a
// temporary data folder, starts the desktop app under the X server in
// $DISPLAY (make test runs it inside xvfb-run), waits for the window,
// checks a screenshot is not blank, checks that a second instance is
// refused, and stops the app with SIGTERM, expecting a clean exit.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the app")
	}
	bin, tmp, data := sampleFolder(t)

	app := startGUI(t, bin, data, tmp)
	waitForWindow(t, "Rapport", 60*time.Second)
	shot := filepath.Join(tmp, "screen.png")
	waitForPaint(t, shot, 60*time.Second)
	if dst := os.Getenv("RAPPORT_SCREENSHOT"); dst != "" {
		b, _ := os.ReadFile(shot)
		_ = os.WriteFile(dst, b, 0o644)
	}

	// A second Rapport on the same folder is told so, in one line.
	out, err := exec.Command(bin, "--data", data, "stats").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Rapport is already running with this data folder") || strings.Count(strings.TrimSpace(string(out)), "\n") > 0 {
		t.Errorf("second instance (CLI): err %v, output %q", err, out)
	}
	second := startGUI(t, bin, data, tmp)
	waitForWindow(t, "Rapport is already running", 60*time.Second)
	second.stop(t)

	// SIGTERM closes the store cleanly and exits 0.
	if code := app.stop(t); code != 0 {
		t.Errorf("the app exited with %d after SIGTERM", code)
	}
	for _, bad := range []string{"DATA RACE", "panic:", "Error in Fyne call thread", "goroutine "} {
		if strings.Contains(app.stderr(), bad) {
			t.Errorf("the app's log contains %q:\n%s", bad, app.stderr())
		}
	}
	// The folder is released and readable again.
	if out, err := exec.Command(bin, "--data", data, "stats").CombinedOutput(); err != nil || !strings.Contains(string(out), "mentions") {
		t.Errorf("stats after the app quit: %v\n%s", err, out)
	}

	// Ctrl+Q quits as closing the window does (it did nothing on Linux:
	// the window has no menu whose Quit would bind it).
	app = startGUI(t, bin, data, tmp)
	waitForWindow(t, "Rapport", 60*time.Second)
	waitForPaint(t, shot, 60*time.Second)
	if out, err := exec.Command("xdotool", "mousemove", "500", "300", "click", "1", "sleep", "0.3", "key", "ctrl+q").CombinedOutput(); err != nil {
		t.Fatalf("xdotool: %v\n%s", err, out)
	}
	select {
	case code := <-app.done:
		if code != 0 {
			t.Errorf("the app exited with %d after Ctrl+Q", code)
		}
	case <-time.After(20 * time.Second):
		t.Errorf("the app did not quit within 20 s of Ctrl+Q; log and goroutines:\n%s", app.goroutines())
	}
}

// sampleFolder builds the app (once per run) and loads the sample
// workspace into a data folder in a new temporary folder tmp; it skips the
// test when there is no X server or no xdotool and import.
func sampleFolder(t *testing.T) (bin, tmp, data string) {
	t.Helper()
	need(t, "xdotool", "import")
	tmp = t.TempDir()
	bin = buildApp(t)
	data = filepath.Join(tmp, "data")
	if out, err := exec.Command(bin, "--data", data, "sample").CombinedOutput(); err != nil {
		t.Fatalf("sample: %v\n%s", err, out)
	}
	return bin, tmp, data
}

// built is the binary the end-to-end tests share, built once per run.
var built struct {
	once sync.Once
	bin  string
	err  error
	out  []byte
	dir  string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildApp builds the app with the race detector and the test tags, once.
func buildApp(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "rapport-e2e-")
		if built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "rapport")
		built.out, built.err = exec.Command("go", "build", "-race", "-tags", testTags, "-o", built.bin, ".").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("build: %v\n%s", built.err, built.out)
	}
	return built.bin
}

func need(t *testing.T, tools ...string) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no X display: run the tests with make test (xvfb-run)")
		}
		t.Skip("no X display; make test runs this under xvfb-run")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing: scripts/deps.sh test installs it", tool)
			}
			t.Skipf("%s is missing: run scripts/deps.sh test", tool)
		}
	}
}

type gui struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	errb bytes.Buffer
	done chan int
}

func (g *gui) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.errb.Write(p)
}

func (g *gui) stderr() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.errb.String()
}

func startGUI(t *testing.T, bin, data, tmp string, env ...string) *gui {
	t.Helper()
	g := &gui{done: make(chan int, 1)}
	g.cmd = exec.Command(bin, "--data", data)
	runtimeDir := filepath.Join(tmp, "xdg-runtime")
	_ = os.MkdirAll(runtimeDir, 0o700)
	g.cmd.Env = append(os.Environ(), "HOME="+tmp, "XDG_RUNTIME_DIR="+runtimeDir, "XDG_CONFIG_HOME="+filepath.Join(tmp, "config"))
	g.cmd.Env = append(g.cmd.Env, env...)
	g.cmd.Stderr = g
	if err := g.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = g.cmd.Wait()
		g.done <- g.cmd.ProcessState.ExitCode()
	}()
	t.Cleanup(func() { _ = g.cmd.Process.Kill() })
	return g
}

// stop sends SIGTERM and waits for the exit code.
func (g *gui) stop(t *testing.T) int {
	t.Helper()
	_ = g.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case code := <-g.done:
		return code
	case <-time.After(20 * time.Second):
		t.Fatalf("the app did not exit within 20 s of SIGTERM; log and goroutines:\n%s", g.goroutines())
		return -1
	}
}

// goroutines ends an app that hangs with SIGQUIT, which makes the Go
// runtime print every goroutine's stack (what the app waits on), and
// returns its log with them.
func (g *gui) goroutines() string {
	_ = g.cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-g.done:
	case <-time.After(5 * time.Second):
	}
	return g.stderr()
}

func waitForWindow(t *testing.T, title string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if out, err := exec.Command("xdotool", "search", "--name", "^"+title+"$").Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("no window titled %q within %v", title, limit)
}

// paintedColours is how many distinct colours a screenshot of the inbox
// with its rows and the selected mention's text has at least; the bare
// window (navigation only) has under half as many.
const paintedColours = 800

// waitForPaint takes screenshots until the window shows the populated
// inbox: a blank or still-empty window fails the test.
func waitForPaint(t *testing.T, shot string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	n := 0
	for time.Now().Before(deadline) {
		if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v\n%s", err, out)
		}
		if n = colours(t, shot); n >= paintedColours {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("after %v the screenshot has only %d colours: the window is blank or the inbox never filled", limit, n)
}

func colours(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[key(img, x, y)] = true
		}
	}
	return len(seen)
}

func key(img image.Image, x, y int) uint32 {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r>>8)<<16 | (g>>8)<<8 | b>>8
}

// testTags build the app for tests: without migrated_fynedo, so that Fyne's
// thread checker is live and an off-thread widget call prints "Error in
// Fyne call thread" (which TestEndToEnd fails on); no_metadata because the
// test build carries no FyneApp.toml metadata.
const testTags = "no_metadata"

func TestShouldTrim(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name                     string
		recent, sinceTrim, spare uint64
		ago                      time.Duration
		want                     bool
	}{
		{"idle after work, with memory to return", 100 << 10, 200 * mb, 50 * mb, 15 * time.Second, true},
		{"still busy", 20 * mb, 200 * mb, 50 * mb, 15 * time.Second, false},
		{"idle, but little done since the last trim", 0, 4 * mb, 50 * mb, 15 * time.Second, false},
		{"idle after work, nothing to return", 0, 200 * mb, 2 * mb, 15 * time.Second, false},
		{"idle after work, but trimmed moments ago", 0, 200 * mb, 50 * mb, 3 * time.Second, false},
		{"a minute on, busy or not", 20 * mb, 4 * mb, 50 * mb, time.Minute, true},
		{"a minute on, nothing to return", 20 * mb, 4 * mb, 1 * mb, 2 * time.Minute, false},
	}
	for _, tt := range tests {
		if got := shouldTrim(tt.recent, tt.sinceTrim, tt.spare, tt.ago); got != tt.want {
			t.Errorf("%s: shouldTrim = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The table files' pages are given back only after a long idle that
// follows real work: a window in use would read many of them again.
func TestShouldRelease(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name  string
		idle  time.Duration
		since uint64
		want  bool
	}{
		{"idle for long after work", 30 * time.Second, 200 * mb, true},
		{"idle for a few seconds", 5 * time.Second, 200 * mb, false},
		{"idle for long, but nothing done since the last release", time.Hour, 4 * mb, false},
	}
	for _, tt := range tests {
		if got := shouldRelease(tt.idle, tt.since); got != tt.want {
			t.Errorf("%s: shouldRelease = %v, want %v", tt.name, got, tt.want)
		}
	}
}
