// Package cli is Rapport's headless command line: the subcommands of the
// same binary that opens the desktop app, for scripting, cron, support and
// tests. Each command is a value in the registry; errors a user can fix are
// printed as one line, never as a stack trace.
package cli
