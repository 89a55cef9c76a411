package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
)

func init() {
	Register(&Command{
		Name: "help", Args: "[COMMAND]", Summary: "show the commands, or how to use one",
		Run: runHelp,
	})
	Register(&Command{
		Name: "version", Summary: "print Rapport's version",
		Run: func(_ context.Context, env *Env, _ *flag.FlagSet) error {
			fmt.Fprintf(env.Stdout, "Rapport %s (%s, %s/%s)\n", env.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	})
}

func runHelp(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() == 0 {
		PrintUsage(env.Stdout)
		return nil
	}
	c, rest := Lookup(fs.Args())
	if c == nil || len(rest) > 0 {
		return usagef("no command %q", strings.Join(fs.Args(), " "))
	}
	printCommandHelp(env.Stdout, c)
	return nil
}

// PrintUsage writes the overview of every command.
func PrintUsage(w io.Writer) {
	fmt.Fprint(w, `Rapport — in-the-moment social listening and brand-advocate CRM, on your own machine.

Usage:
  rapport [--data DIR]                 open the desktop app
  rapport [--data DIR] COMMAND [ARGS]  run a command without a window

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range Commands() {
		fmt.Fprintf(tw, "  %s %s\t%s\n", c.Name, c.Args, c.Summary)
	}
	_ = tw.Flush()
	fmt.Fprint(w, `
--data DIR chooses the data folder (default: your system's per-user data folder).
Run 'rapport help COMMAND' for a command's options.
`)
}

func printCommandHelp(w io.Writer, c *Command) {
	fmt.Fprintf(w, "Usage: rapport [--data DIR] %s %s\n\n%s.\n", c.Name, c.Args, capitalise(c.Summary))
	if c.Help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.Help))
	}
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	if c.Flags != nil {
		c.Flags(fs)
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nOptions:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
