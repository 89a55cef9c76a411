// Command rapport is Rapport: with no command it opens the desktop app, with
// a command it runs the same engine headless. This file only wires the
// pieces together.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/frontends/cli"
	"github.com/rapportapp/rapport/app/frontends/desk"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/assets"
	"github.com/rapportapp/rapport/storage"
	"github.com/rapportapp/rapport/views"
)

const appID = "app.rapport.desktop"

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()}))
	dir, rest, err := cli.Global(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rapport: %v\n", err)
		return 2
	}
	if dir == "" {
		if dir, err = workspace.DefaultDir(); err != nil && len(rest) > 0 && rest[0] != "help" && rest[0] != "version" {
			fmt.Fprintf(os.Stderr, "rapport: %v\n", err)
			return 1
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if stopProfile := cpuProfile(os.Getenv("RAPPORT_CPUPROFILE"), log); stopProfile != nil {
		defer stopProfile()
	}
	if len(rest) > 0 {
		env := &cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Version: version, DataDir: dir, Log: log, Now: time.Now,
			Prompt: cli.TerminalPrompt(os.Stderr),
		}
		return cli.Run(ctx, rest, env)
	}
	return runDesktop(ctx, dir, log)
}

// runDesktop opens the window on the data folder and closes the store
// cleanly when the window closes, the app quits or a signal arrives.
func runDesktop(ctx context.Context, dir string, log *slog.Logger) int {
	if msg := noDisplay(); msg != "" {
		fmt.Fprintln(os.Stderr, "rapport: "+msg)
		return 1
	}
	guard := newQuitGuard()
	a := guardedApp{App: fyneapp.NewWithID(appID), guard: guard}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	var h handover
	quit := func() { h.stop(); a.Quit() } // on the UI goroutine
	done := make(chan struct{})
	defer close(done)
	go trimMemory(done, time.Second, func() {
		if n, err := storage.ReleaseTablePages(dir); err != nil {
			log.Debug("cannot give back the table files' pages", "err", err)
		} else {
			log.Debug("gave back the pages of the table files", "mapped", n)
		}
	})
	go func() {
		select {
		case <-ctx.Done():
			guard.quit()
			// The driver's Quit, not the app's: Fyne quits on SIGINT and
			// SIGTERM by itself too, and once its loop has ended fyne.Do runs
			// this at once on this goroutine, where the app's Quit closes
			// each window through GLFW after GLFW has ended: a panic that
			// killed the process before it closed the folder (seen quitting
			// right after an erase at 1M mentions, while the desk finished
			// its work). The driver's Quit only ends a loop that still runs.
			fyne.Do(func() { h.stop(); a.Driver().Quit() })
		case <-done:
		}
	}()
	// mu orders what the UI goroutine sets (the folder shown, the
	// passphrase window, the exit code) before finish reads it, which may
	// be on the guard's goroutine when Run never returns.
	var mu sync.Mutex
	var open opened
	show := func(w *workspace.Workspace, warning string) {
		mu.Lock()
		defer mu.Unlock()
		open.show(a, w, warning, guard.quit)
	}
	openCtx, stopOpening := context.WithCancel(ctx)
	defer stopOpening()
	res := startOpen(openCtx, dir, log, h.setProgress)
	code := 0
	var ask *unlocker
	start := func(r openResult) { // on the UI goroutine
		switch {
		case openCtx.Err() != nil: // Quit (or a signal) while it opened: nothing is shown
			if r.w != nil {
				h.put(r) // closed below, after the app stops
			}
			quit()
		case r.ask != nil:
			mu.Lock()
			ask = r.ask
			mu.Unlock()
			r.ask.show(a, show)
		case r.err != nil:
			title, msg := cannotOpen(dir, r.err)
			fmt.Fprintln(os.Stderr, "rapport: "+msg)
			views.ShowCannotOpen(a, title, msg)
			mu.Lock()
			code = 1
			mu.Unlock()
		default:
			show(r.w, "")
		}
	}
	var opening <-chan struct{}
	select {
	case r := <-res:
		if openCtx.Err() != nil { // a signal while it opened
			if r.w != nil {
				_ = r.w.Close()
			}
			return 0
		}
		start(r)
	case <-time.After(openingWaitFromEnv()):
		opening = showOpening(a, dir, res, &h, stopOpening, start)
	}
	// finish closes what is open once the app has stopped: after Run
	// returns, or from the guard when it does not.
	finish := sync.OnceValue(func() int {
		h.stop()
		if opening != nil { // an update stops between two of its transactions
			stopOpening()
			<-opening
			if r := h.leftover(); r != nil && r.w != nil { // opened as the app stopped
				if err := r.w.Close(); err != nil {
					log.Error("close data folder", "err", err)
				}
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if ask != nil {
			ask.wait(log)
		}
		if open.w != nil { // closing can take a while with no window: say so to a Rapport started meanwhile
			closed := workspace.MarkClosing(dir)
			defer closed()
		}
		open.close(log)
		return code
	})
	go guard.watch(quitGrace, func() {
		log.Warn("the window toolkit did not stop within " + quitGrace.String() + " of quitting; closing the data folder and exiting without it")
		os.Exit(finish())
	})
	a.Run()
	guard.ran()
	return finish()
}

// opened is the data folder the window shows, closed when the app ends.
type opened struct {
	w    *workspace.Workspace
	desk *desk.Desk
}

// show opens the main window on w, on the UI goroutine; warning, if any,
// is shown over it.
// quitting is told when the main window closes (which ends the app).
func (o *opened) show(a fyne.App, w *workspace.Workspace, warning string, quitting func()) {
	o.w = w
	o.desk = desk.New(engine.New(w, version), version)
	o.desk.StartPolling()
	m := views.NewMainWindow(a, views.WindowDeps{Svc: o.desk, Screen: screenSize})
	m.Window().SetOnClosed(quitting)
	m.Start()
	if warning != "" {
		dialog.ShowInformation("Passphrase not remembered", warning, m.Window())
	}
}

// close stops the polling, then closes the store.
func (o *opened) close(log *slog.Logger) {
	if o.desk != nil {
		o.desk.Stop()
	}
	if o.w != nil {
		if err := o.w.Close(); err != nil {
			log.Error("close data folder", "err", err)
		}
	}
}

// noDisplay explains why the window cannot open where there is no desktop
// session to show it in (Linux and BSD without X11 or Wayland), instead of
// the toolkit's panic.
func noDisplay() string {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return "there is no desktop to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). " +
		"Start Rapport from your desktop, or use its commands here: rapport help"
}

func logLevel() slog.Level {
	if os.Getenv("RAPPORT_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelWarn
}

// cannotOpen is the title and the message of the window that says why the
// data folder could not be opened, with what to do about it.
func cannotOpen(dir string, err error) (title, msg string) {
	title, msg = "Rapport could not open its data folder", fmt.Sprintf("Rapport could not open its data folder %s: %v", dir, err)
	switch {
	case errors.Is(err, workspace.ErrLocked):
		title, msg = "Rapport is already running", workspace.LockedMessage(dir)
	case errors.Is(err, storage.ErrDamaged):
		title = "Rapport's data folder is damaged"
		msg += fmt.Sprintf(".\n\nTo salvage what can be read, run:\n    rapport --data %q repair\n"+
			"It keeps a copy of the damaged folder and says what was lost. Or restore a backup into a new folder.", dir)
	}
	return title, msg
}

// cpuProfile writes a CPU profile of the whole run to path when it is set
// (RAPPORT_CPUPROFILE, for measuring: docs/benchmarks-scale.md), and the
// heap's at the end to path.heap; the returned function ends it.
func cpuProfile(path string, log *slog.Logger) func() {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		log.Warn("no CPU profile", "err", err)
		return nil
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Warn("no CPU profile", "err", err)
		_ = f.Close()
		return nil
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
		if h, err := os.Create(path + ".heap"); err == nil {
			_ = pprof.Lookup("heap").WriteTo(h, 0)
			_ = h.Close()
		}
	}
}

// trimMemory gives the memory the window no longer uses back to the
// system, until done closes. Badger's compactions borrow hundreds of
// megabytes for a moment (a table builder starts with up to 256 MB), and
// Go's collector then keeps its goal at that high-water mark: an idle
// window held 530 MB after the compaction that follows a large import.
// Between collections the heap also grows to twice what is live (a
// window on a million mentions: 61 MB live, 116 MB of heap) and Go hands
// the rest back only slowly. A soft memory limit instead
// (debug.SetMemoryLimit at 256 MiB) made that compaction take twice the
// CPU, and `rapport check` under 512 MiB took twice as long. So the window
// looks every second: once it has been idle for that second (it allocated
// little) after real work and at least 10 s after the last trim, or a
// minute after the last trim, and the heap has a few megabytes unused, it
// collects and returns them
// (debug.FreeOSMemory: tens of milliseconds on this goroutine). Once idle
// for releaseIdle after real work it also calls release (nil: none), which
// gives back the pages of the table files (storage.ReleaseTablePages):
// only then, since a window in use would read many of them again, from
// the disk.
// Commands, which end, do neither. GOMEMLIMIT still applies.
func trimMemory(done <-chan struct{}, every time.Duration, release func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	samples := []metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"}, // live and dead, until the next collection
		{Name: "/memory/classes/heap/free:bytes"},    // free, not yet returned
		{Name: "/gc/heap/live:bytes"},                // live at the last collection
	}
	// Bytes allocated so far: at the last look, at the last trim, at the
	// last release.
	var last, atTrim, atRelease uint64
	lastTrim := time.Now()
	var idle time.Duration // how long the window has allocated little, each second
	for {
		select {
		case <-done:
			return
		case <-t.C:
			metrics.Read(samples)
			allocs := samples[0].Value.Uint64()
			// What a collection would leave unused: dead objects and free
			// memory not yet returned.
			var spare uint64
			if held, live := samples[1].Value.Uint64()+samples[2].Value.Uint64(), samples[3].Value.Uint64(); held > live {
				spare = held - live
			}
			if shouldTrim(allocs-last, allocs-atTrim, spare, time.Since(lastTrim)) {
				debug.FreeOSMemory()
				atTrim, lastTrim = allocs, time.Now()
			}
			if allocs-last < trimIdleAlloc {
				idle += every
			} else {
				idle = 0
			}
			if release != nil && shouldRelease(idle, allocs-atRelease) {
				release()
				atRelease = allocs
			}
			last = allocs
		}
	}
}

// What trimMemory calls idle, real work and a few megabytes.
const (
	trimIdleAlloc = 1 << 20  // allocated in the last second
	trimWorkAlloc = 32 << 20 // allocated since the last trim
	trimSpare     = 8 << 20  // in the heap, but neither live nor returned
	trimAnyway    = time.Minute
	trimGap       = 10 * time.Second // at least, between two trims when idle
)

// shouldTrim decides whether trimMemory collects and returns memory now:
// recent is what was allocated in the last second, sinceTrim what was
// allocated since the last trim, spare what a collection would leave
// unused in the heap, and ago how long the last trim was.
func shouldTrim(recent, sinceTrim, spare uint64, ago time.Duration) bool {
	if spare < trimSpare {
		return false
	}
	return ago >= trimAnyway || recent < trimIdleAlloc && sinceTrim >= trimWorkAlloc && ago >= trimGap
}

// releaseIdle is how long the window allocates little before it gives
// back the table files' pages.
const releaseIdle = 30 * time.Second

// shouldRelease decides whether trimMemory gives back the table files'
// pages now: idle is how long the window has allocated little, since
// what it allocated since the last release (real work reads tables).
func shouldRelease(idle time.Duration, since uint64) bool {
	return idle >= releaseIdle && since >= trimWorkAlloc
}
