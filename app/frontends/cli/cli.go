package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Env is what commands read and write.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Version        string
	DataDir        string // from --data, else the OS default
	Log            *slog.Logger
	Now            func() time.Time
	// Prompt asks for a passphrase (nil: none can be asked, as in cron);
	// main passes TerminalPrompt.
	Prompt func(what string) (string, error)
	// Keyring is the system keyring (nil: secrets.System); tests pass
	// one of their own.
	Keyring secrets.Keyring
	// lastOpenErr is why the last open failed (backup asks the running
	// app when it was the lock).
	lastOpenErr error
	// bulk opens the store with Badger's larger block cache and seals the
	// word index's segments from their records (ingest).
	bulk bool
	// ctx is the command's: it ends on Ctrl+C, which stops an update of
	// an older folder between two of its transactions.
	ctx context.Context
}

// Command is one subcommand. Name may have two words ("source add").
type Command struct {
	Name    string
	Args    string // synopsis of the positional arguments
	Summary string // one line for the command list
	Help    string // paragraphs for "rapport help NAME"
	Flags   func(fs *flag.FlagSet)
	Run     func(ctx context.Context, env *Env, fs *flag.FlagSet) error
}

// UsageError is a mistake in how a command was called.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, a ...any) error { return &UsageError{fmt.Sprintf(format, a...)} }

var registry = map[string]*Command{}

// Register adds a command; later issues add theirs the same way.
func Register(c *Command) { registry[c.Name] = c }

// Commands lists the commands by name.
func Commands() []*Command {
	out := make([]*Command, 0, len(registry))
	for _, c := range registry {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup finds the command named by the first one or two words of args and
// returns it with the remaining arguments.
func Lookup(args []string) (*Command, []string) {
	if len(args) >= 2 {
		if c, ok := registry[args[0]+" "+args[1]]; ok {
			return c, args[2:]
		}
	}
	if len(args) >= 1 {
		if c, ok := registry[args[0]]; ok {
			return c, args[1:]
		}
	}
	return nil, args
}

// Run runs the command named by args (global flags already removed) and
// returns the process exit code: 0 success, 1 failure, 2 wrong usage.
func Run(ctx context.Context, args []string, env *Env) int {
	c, rest := Lookup(args)
	if c == nil {
		fmt.Fprintf(env.Stderr, "rapport: unknown command %q — run 'rapport help' to see the commands\n", strings.Join(args[:min(len(args), 2)], " "))
		return 2
	}
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&env.DataDir, "data", env.DataDir, "data folder")
	if c.Flags != nil {
		c.Flags(fs)
	}
	if err := parseInterspersed(fs, rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandHelp(env.Stdout, c)
			return 0
		}
		fmt.Fprintf(env.Stderr, "rapport %s: %v — run 'rapport help %s'\n", c.Name, err, c.Name)
		return 2
	}
	env.ctx = ctx
	err := c.Run(ctx, env, fs)
	var ue *UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "rapport %s: %v — run 'rapport help %s'\n", c.Name, err, c.Name)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "rapport %s: %s\n", c.Name, oneLine(err))
		return 1
	}
}

// parseInterspersed lets flags follow positional arguments
// ("source add URL --name N"), which package flag alone does not.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// oneLine flattens an error to a single line for the terminal.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// open opens the workspace, turning a held lock into the plain message.
func (env *Env) open() (*workspace.Workspace, error) {
	if env.DataDir == "" {
		return nil, errors.New("no data folder: pass --data DIR")
	}
	opt := workspace.StoreOptions(env.Log)
	if env.bulk {
		opt.BlockCache = storage.BulkBlockCache
		opt.BulkWords = true
	}
	opt.Progress = env.openProgress()
	ctx := env.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	w, err := workspace.OpenContext(ctx, env.DataDir, opt, env.Log)
	env.lastOpenErr = err
	if errors.Is(err, storage.ErrPassphraseNeeded) {
		if opt.Passphrase, err = env.passphrase("the data folder's", true); err == nil {
			w, err = workspace.OpenContext(ctx, env.DataDir, opt, env.Log)
		}
	}
	switch {
	case errors.Is(err, storage.ErrLocked):
		return nil, errors.New(workspace.LockedMessage(env.DataDir))
	case errors.Is(err, storage.ErrDamaged):
		return nil, errors.New(workspace.DamagedMessage(err))
	}
	return w, err
}

// openProgress tells the terminal how far a long open got: a line when a
// step of updating an older folder starts, then one at most every five
// seconds (the check of the folder's files only after five seconds).
func (env *Env) openProgress() func(storage.Progress) {
	now := env.Now
	if now == nil {
		now = time.Now
	}
	step, last := -1, time.Time{}
	return func(p storage.Progress) {
		t := now()
		if p.Step != step {
			step, last = p.Step, t
			if p.Step > 0 {
				fmt.Fprintf(env.Stderr, "rapport: preparing the data folder (step %d of %d): %s\n", p.Step, p.Steps, p.Name)
			}
			return
		}
		if t.Sub(last) < 5*time.Second {
			return
		}
		last = t
		fmt.Fprintf(env.Stderr, "rapport: %s: %s\n", p.Name, human.Progress(p.Done, p.Total, p.Estimate, p.Unit))
	}
}

// withWorkspace opens the workspace for the duration of fn.
func (env *Env) withWorkspace(fn func(w *workspace.Workspace) error) (err error) {
	w, err := env.open()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close data folder: %w", cerr)
		}
	}()
	if err := fn(w); err != nil {
		return err
	}
	// The store indexes new mentions' words in the background once writes
	// settle, which a short command does not wait for: finish the job, so
	// that a folder used only from cron never piles up a queue.
	if err := w.Store.IndexQueuedWords(); err != nil {
		return fmt.Errorf("update the full-text index: %w", err)
	}
	return nil
}

// withStore opens only the store, for reading, for the duration of fn:
// commands that read (search, stats) skip the rest of the workspace (the
// analyser, the learned layer) and every write of an open for writing.
// A store that must be migrated or indexed first is opened for writing
// instead, once.
func (env *Env) withStore(fn func(st *storage.Store) error) error {
	if env.DataDir == "" {
		return errors.New("no data folder: pass --data DIR")
	}
	st, err := storage.OpenReadOnly(env.DataDir, workspace.StoreOptions(env.Log))
	switch {
	case errors.Is(err, storage.ErrNeedsWriter), errors.Is(err, storage.ErrPassphraseNeeded):
		// the open for writing settles what it must, and asks for the passphrase
		return env.withWorkspace(func(w *workspace.Workspace) error { return fn(w.Store) })
	case errors.Is(err, storage.ErrLocked):
		return errors.New(workspace.LockedMessage(env.DataDir))
	case errors.Is(err, storage.ErrDamaged):
		return errors.New(workspace.DamagedMessage(err))
	case err != nil:
		return err
	}
	defer st.Close()
	return fn(st)
}

// flagBool, flagString and flagInt read a flag a command defined.
func flagBool(fs *flag.FlagSet, name string) bool {
	return fs.Lookup(name).Value.(flag.Getter).Get().(bool)
}

func flagString(fs *flag.FlagSet, name string) string { return fs.Lookup(name).Value.String() }

func flagInt(fs *flag.FlagSet, name string) int {
	return fs.Lookup(name).Value.(flag.Getter).Get().(int)
}

// Global reads the flags that come before a command: --data DIR (or
// --data=DIR), and -h/--help and --version as spellings of the help and
// version commands. It returns the data folder ("" if not given) and the
// command with its arguments (empty: open the desktop app).
func Global(args []string) (dataDir string, rest []string, err error) {
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--data" || a == "-data":
			if len(args) < 2 || args[1] == "" {
				return "", nil, usagef("--data needs a folder")
			}
			dataDir, args = args[1], args[2:]
		case strings.HasPrefix(a, "--data=") || strings.HasPrefix(a, "-data="):
			_, dataDir, _ = strings.Cut(a, "=")
			args = args[1:]
		case a == "-h" || a == "--help" || a == "-help":
			return dataDir, append([]string{"help"}, args[1:]...), nil
		case a == "--version" || a == "-version":
			return dataDir, []string{"version"}, nil
		case strings.HasPrefix(a, "-"):
			return "", nil, usagef("unknown option %s — run 'rapport help'", a)
		default:
			return dataDir, args, nil
		}
	}
	return dataDir, nil, nil
}

// withEngine opens the workspace with its services for the duration of fn.
func (env *Env) withEngine(fn func(e *engine.Engine) error) error {
	return env.withWorkspace(func(w *workspace.Workspace) error { return fn(engine.New(w, env.Version)) })
}
