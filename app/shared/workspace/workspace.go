package workspace

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/listening/ingest"
	"github.com/rapportapp/rapport/app/understanding/understand"
	"github.com/rapportapp/rapport/storage"
)

// Workspace is an open data folder with the services built on it.
type Workspace struct {
	Dir        string
	Store      *storage.Store
	Ingest     *ingest.Service
	Understand *understand.Service
	Events     *Events
	Log        *slog.Logger
}

// Open opens the data folder dir. A folder another Rapport holds gives an
// error matching storage.ErrLocked.
func Open(dir string, log *slog.Logger) (*Workspace, error) {
	return OpenWith(dir, StoreOptions(log), log)
}

// OpenWith opens the data folder dir with store options opt (StoreOptions
// with a passphrase, for an encrypted folder).
func OpenWith(dir string, opt storage.Options, log *slog.Logger) (*Workspace, error) {
	return OpenContext(context.Background(), dir, opt, log)
}

// OpenContext is OpenWith that stops a long migration when ctx ends (an
// error matching storage.ErrOpenStopped); opt.Progress hears how far it got.
func OpenContext(ctx context.Context, dir string, opt storage.Options, log *slog.Logger) (*Workspace, error) {
	if log == nil {
		log = slog.Default()
	}
	st, err := storage.OpenContext(ctx, dir, opt)
	if err != nil {
		return nil, err
	}
	clearClosing(dir)
	w, err := New(st, log)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	return w, nil
}

// StoreOptions are the options every store of the app is opened (or
// restored) with: the full-text index splits words as search does
// (docs/search.md).
func StoreOptions(log *slog.Logger) storage.Options {
	return storage.Options{Logger: log, Words: search.Words()}
}

// New builds the workspace's services on an open store; Close closes the
// store. Tests pass a temporary store (package testkit).
func New(st *storage.Store, log *slog.Logger) (*Workspace, error) {
	if log == nil {
		log = slog.Default()
	}
	w := &Workspace{Dir: st.Dir(), Store: st, Events: NewEvents(), Log: log}
	cfg, err := w.analysisConfig()
	if err != nil {
		return nil, err
	}
	w.Understand = understand.New(cfg)
	if err := understand.NoteFresh(st); err != nil {
		log.Warn("remember that a new workspace needs no re-reading", "err", err)
	}
	if _, err := w.Understand.LoadLearned(st); err != nil {
		log.Warn("what Rapport learned from corrections is not readable; reading without it", "err", err)
	}
	w.Ingest = ingest.New(st, w.Understand)
	return w, nil
}

// Close closes the store. Safe to call more than once.
func (w *Workspace) Close() error {
	w.Events.Close()
	return w.Store.Close()
}

// IsEmpty reports whether the workspace holds no sources, mentions or
// people yet: a new user's first run.
func (w *Workspace) IsEmpty() (bool, error) {
	empty := true
	err := w.Store.View(func(tx *storage.Tx) error {
		for _, count := range []func() (int, error){tx.Sources().Count, tx.Mentions().Count, tx.People().Count} {
			n, err := count()
			if err != nil {
				return err
			}
			if n > 0 {
				empty = false
			}
		}
		return nil
	})
	return empty, err
}

// DefaultDir is the per-user data folder of the operating system:
// $XDG_DATA_HOME/rapport (~/.local/share/rapport) on Linux,
// ~/Library/Application Support/Rapport on macOS, %LOCALAPPDATA%\Rapport on
// Windows.
func DefaultDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Rapport"), nil
		}
	case "darwin":
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, "Library", "Application Support", "Rapport"), nil
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "rapport"), nil
		}
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, ".local", "share", "rapport"), nil
		}
	}
	return "", errors.New("cannot tell where your data folder should be: pass --data DIR")
}

// ErrLocked is storage.ErrLocked, for callers above storage.
var ErrLocked = storage.ErrLocked

// LockedMessage is what a user is told when the folder is in use: by a
// Rapport that is running, or by one that is still closing it.
func LockedMessage(dir string) string {
	if since, ok := ClosingSince(dir); ok {
		return closingMessage(dir, since)
	}
	return fmt.Sprintf("Rapport is already running with this data folder (%s). Switch to that window, or start this one with --data pointing to another folder.", dir)
}

// DamagedMessage is what a user is told when the folder is damaged: what
// is wrong, that nothing was changed, and what to do.
func DamagedMessage(err error) string {
	return err.Error() + ". Run 'rapport repair' to copy what can be read into a new database (the damaged files are kept), or restore a backup into a new folder."
}

// OpenExisting opens dir only if it already holds a Rapport store, so a
// command that merely reads settings never creates a data folder.
func OpenExisting(dir string, log *slog.Logger) (*Workspace, error) {
	if _, err := os.Stat(filepath.Join(dir, storage.DBDir)); err != nil {
		return nil, fmt.Errorf("no Rapport data in %s: %w", dir, err)
	}
	return Open(dir, log)
}
