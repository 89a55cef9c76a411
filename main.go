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
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/rapportapp/rapport/app/cli"
	"github.com/rapportapp/rapport/app/desk"
	"github.com/rapportapp/rapport/app/search"
	"github.com/rapportapp/rapport/app/workspace"
	"github.com/rapportapp/rapport/assets"
	"github.com/rapportapp/rapport/storage"
	"github.com/rapportapp/rapport/views"
)

const appID = "app.rapport.desktop"

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()}))
	storage.SetWords(search.Words) // how the full-text index splits words, for every store opened
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
		env := &cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Version: version, DataDir: dir, Log: log, Now: time.Now}
		return cli.Run(ctx, rest, env)
	}
	return runDesktop(ctx, dir, log)
}

// runDesktop opens the window on the data folder and closes the store
// cleanly when the window closes, the app quits or a signal arrives.
func runDesktop(ctx context.Context, dir string, log *slog.Logger) int {
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
	d := desk.New(w, version)
	d.StartPolling()
	defer d.StopPolling() // before the store closes
	views.NewMainWindow(a, d).Start()
	a.Run()
	return 0
}

func logLevel() slog.Level {
	if os.Getenv("RAPPORT_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelWarn
}
