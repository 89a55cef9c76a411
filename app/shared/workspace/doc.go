// Package workspace opens a data folder and assembles the engine on it: the
// store, the ingest service and the events the UI listens to. The command
// line and the desktop app both start here.
package workspace
