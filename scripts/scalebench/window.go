package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// windowResult is what the window harness measured.
type windowResult struct {
	started  time.Duration   // process start → the first inbox rows drawn
	populate time.Duration   // window shown → the first inbox rows drawn
	selects  []time.Duration // key j → the next mention's detail shown
	actions  []time.Duration // key e (archive) → the list reloaded and its rows drawn
	rssMB    float64         // resident set once the window settled
	anonMB   float64         // of which anonymous memory (the rest: mapped files — Badger's tables, libraries)
	// idleMB and idleAnonMB are the same after -window-idle (the window
	// left alone after its first page), before the keys.
	idleMB, idleAnonMB float64
}

// The window is measured the way a person uses it: the real binary on the
// generated store, in a real X server (Xvfb), keys sent with xdotool. The
// app notes what it has just shown on stderr when RAPPORT_TRACE is set
// (views.Env.Trace: "inbox listed", "inbox rows", "detail shown"); the
// harness times from the process start, or from the key it sent, to the
// note.
// defaultWindowIdle is how long the window is left alone after its first
// page before its memory is read: the window gives back the pages of the
// table files after 30 s idle (main.go, releaseIdle).
const defaultWindowIdle = 40 * time.Second

func (r *sizeResult) measureWindow(bin, data string, idle time.Duration) error {
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is not installed (scripts/deps.sh test)", tool)
		}
	}
	display, stopX, err := startXvfb()
	if err != nil {
		return err
	}
	defer stopX()
	home, err := os.MkdirTemp("", "rapport-window-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(home)
	app := exec.Command(bin, "--data", data)
	app.Env = append(os.Environ(), "DISPLAY="+display, "RAPPORT_TRACE=1", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	stderr, err := app.StderrPipe()
	if err != nil {
		return err
	}
	events := make(chan traceEvent, 1024)
	start := time.Now()
	if err := app.Start(); err != nil {
		return err
	}
	defer func() { _ = app.Process.Signal(syscall.SIGTERM); _ = app.Wait() }()
	go readTrace(stderr, events)
	w := &windowResult{}
	shown, err := waitEvent(events, "window shown", 10*time.Minute)
	if err != nil {
		return fmt.Errorf("the window never showed: %w", err)
	}
	at, err := waitEvent(events, "inbox rows", 10*time.Minute)
	if err != nil {
		return fmt.Errorf("the inbox never showed rows: %w", err)
	}
	w.started, w.populate = at.Sub(start), at.Sub(shown)
	settle(events, 2*time.Second)
	if idle > 0 {
		time.Sleep(idle)
		w.idleMB = residentMB(app.Process.Pid, "VmRSS:")
		w.idleAnonMB = residentMB(app.Process.Pid, "RssAnon:")
	}
	if err := focusList(display); err != nil {
		return err
	}
	settle(events, 2*time.Second)
	for range 10 {
		d, err := keyUntil(display, events, "j", "detail shown")
		if err != nil {
			return fmt.Errorf("next mention: %w", err)
		}
		w.selects = append(w.selects, d)
		settle(events, 300*time.Millisecond)
	}
	for range 10 {
		d, err := keyUntil(display, events, "e", "inbox listed", "inbox rows")
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		w.actions = append(w.actions, d)
		settle(events, 500*time.Millisecond)
	}
	settle(events, 2*time.Second)
	w.rssMB = residentMB(app.Process.Pid, "VmRSS:")
	w.anonMB = residentMB(app.Process.Pid, "RssAnon:")
	r.window = w
	return nil
}

type traceEvent struct {
	name string
	at   time.Time
}

// readTrace passes the app's trace lines on as events, timed on arrival.
func readTrace(r interface{ Read([]byte) (int, error) }, out chan<- traceEvent) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "rapport-trace ")
		if !ok {
			continue
		}
		if _, name, ok := strings.Cut(rest, " "); ok {
			out <- traceEvent{name: name, at: time.Now()}
		}
	}
	close(out)
}

// waitEvent waits for the named event.
func waitEvent(events <-chan traceEvent, name string, limit time.Duration) (time.Time, error) {
	timeout := time.After(limit)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return time.Time{}, errors.New("the app exited")
			}
			if e.name == name {
				return e.at, nil
			}
		case <-timeout:
			return time.Time{}, fmt.Errorf("no %q within %s", name, limit)
		}
	}
}

// settle drops the events of the next d.
func settle(events <-chan traceEvent, d time.Duration) {
	timeout := time.After(d)
	for {
		select {
		case <-events:
		case <-timeout:
			return
		}
	}
}

// keyUntil sends a key and returns how long until the named events came,
// in order.
func keyUntil(display string, events <-chan traceEvent, key string, names ...string) (time.Duration, error) {
	start := time.Now()
	if err := xdotool(display, "key", key); err != nil {
		return 0, err
	}
	var at time.Time
	for _, n := range names {
		var err error
		if at, err = waitEvent(events, n, time.Minute); err != nil {
			return 0, err
		}
	}
	return at.Sub(start), nil
}

// focusList clicks the first row of the inbox list, which gives the list
// the keyboard.
func focusList(display string) error {
	out, err := exec.Command("xdotool", "search", "--sync", "--name", "^Rapport$").Output()
	if err != nil {
		return fmt.Errorf("find the window: %w", err)
	}
	wid := strings.Fields(string(out))[0]
	geo, err := exec.Command("xdotool", "getwindowgeometry", "--shell", wid).Output()
	if err != nil {
		return err
	}
	vals := map[string]int{}
	for _, l := range strings.Split(string(geo), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			vals[k], _ = strconv.Atoi(v)
		}
	}
	x := vals["X"] + vals["WIDTH"]*38/100
	y := vals["Y"] + vals["HEIGHT"]*35/100
	return xdotool(display, "mousemove", strconv.Itoa(x), strconv.Itoa(y), "click", "1")
}

func xdotool(display string, args ...string) error {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool %s: %v %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// startXvfb starts an X server on a free display, which Xvfb picks
// itself (-displayfd): it skips displays whose lock file a live server
// holds and takes over stale ones. Picking by the sockets in
// /tmp/.X11-unix found none free on a machine where killed servers had
// left sockets for displays 91 to 119.
func startXvfb() (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w} // fd 3
	err = x.Start()
	w.Close()
	if err != nil {
		return "", nil, err
	}
	// Terminated, not killed: a killed Xvfb leaves its socket and lock
	// file behind.
	stop := func() { _ = x.Process.Signal(syscall.SIGTERM); _ = x.Wait() }
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if _, err := strconv.Atoi(n); err != nil {
			stop()
			return "", nil, fmt.Errorf("no display from Xvfb (%q)", n)
		}
		display := ":" + n
		os.Setenv("DISPLAY", display) // for xdotool search
		return display, stop, nil
	case <-time.After(20 * time.Second):
		stop()
		return "", nil, errors.New("no display from Xvfb in 20 s")
	}
}

// residentMB reads a line of a process's status: its resident set
// (VmRSS:) or a part of it (RssAnon:, RssFile:).
func residentMB(pid int, line string) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, line); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
