// Package frontends groups the ways into the engine besides the desktop
// screens of package views.
//
//	cli   the headless command line (subcommands of the rapport binary)
//	desk  the thin adapter that implements the interfaces views declares
//
// Front ends hold no logic of their own: every feature they offer lives in
// a service of app, so the command line and the window reach the same
// features. They do not import each other.
package frontends
