// Package views is Rapport's desktop UI (Fyne only). Each screen is one
// struct built from a deps struct (its services, and the Env every screen
// shares); screens reach the engine through the small interfaces in
// services.go, load data on a goroutine (Env.Go) and apply it on the UI
// goroutine with a single fyne.Do.
package views
