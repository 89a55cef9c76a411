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
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/frontends/cli"
	"github.com/rapportapp/rapport/app/frontends/desk"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/assets"
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
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			fyne.Do(a.Quit)
		case <-done:
		}
	}()
	w, err := workspace.Open(dir, log)
	if err != nil {
		msg := fmt.Sprintf("Rapport could not open its data folder %s: %v", dir, err)
		if errors.Is(err, workspace.ErrLocked) {
			msg = workspace.LockedMessage(dir)
		}
		fmt.Fprintln(os.Stderr, "rapport: "+msg)
		views.ShowLocked(a, msg)
		a.Run()
		return 1
	}
	defer func() {
		if err := w.Close(); err != nil {
			log.Error("close data folder", "err", err)
		}
	}()
	d := desk.New(engine.New(w, version), version)
	d.StartPolling()
	defer d.Stop() // before the store closes
	views.NewMainWindow(a, views.WindowDeps{Svc: d, Screen: screenSize}).Start()
	a.Run()
	return 0
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
