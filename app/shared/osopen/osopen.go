// Package osopen hands a link to the program the computer opens it with:
// a web page to the browser, a mailto: link to the mail program, a tel:
// link to the phone app.
//
// Unlike a plain start of xdg-open (which is what a GUI toolkit does and
// which reports success even when nothing can open the link), Open waits a
// moment for the opener to fail, so that the caller can tell the user
// "nothing opened" and record nothing, instead of claiming that a reply
// went out.
package osopen

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
	"time"
)

// Grace is how long Open waits for the opener to report a failure. Openers
// that succeed often keep running (xdg-open waits for the browser it
// starts), so a still-running opener after Grace counts as success.
const Grace = 3 * time.Second

// ErrNoOpener says the computer has no program to open links with.
var ErrNoOpener = errors.New("this computer has no program to open links with")

// Open opens u with the system's handler. It returns an error when the
// handler is missing or reports failure within Grace.
func Open(ctx context.Context, u *url.URL) error {
	name, args := command(u.String())
	path, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%w (%s is not installed)", ErrNoOpener, name)
	}
	return run(ctx, path, args, Grace)
}

// command is the opener of this system for a link.
func command(link string) (string, []string) {
	switch runtime.GOOS {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", link}
	case "darwin":
		return "open", []string{link}
	}
	return "xdg-open", []string{link}
}

// run starts the opener and waits up to grace for it to fail.
func run(ctx context.Context, path string, args []string, grace time.Duration) error {
	cmd := exec.Command(path, args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", path, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("no program opened the link (%s: %w)", path, err)
		}
		return nil
	case <-time.After(grace):
		return nil // still running: it opened something and waits for it
	case <-ctx.Done():
		return ctx.Err()
	}
}
