// Package app is Rapport's engine, without any UI. Its folders follow the
// method the app serves, in the order a mention travels:
//
//	listening/      1. Monitor: fetch feeds politely, parse them, store each
//	                item once, watch rules, presets, OPML, notifications
//	understanding/  2. Understand: read a post (sentiment, intents, touch
//	                points, promise) and rank it
//	interacting/    3. Interact: the inbox, search, routing to the team,
//	                the reply composer and follow-ups
//	people/         the advocate CRM around all steps: contacts, the
//	                advocate score and ledger, vCard/CSV import and export
//	integrating/    4. Integrate: insights, experiments and reports that
//	                bring what was learnt back into the business
//	shared/         the ground the steps stand on: the query language, the
//	                open workspace, human-readable numbers, the sample,
//	                test helpers
//	engine/         every service of an open workspace, built from its Params
//	frontends/      the ways in besides the desktop screens (package views):
//	                the command line and the adapter the screens talk to
//
// Layers: storage ← app ← views ← main.go. Nothing here imports views or
// Fyne, and the two front ends do not import each other (checked by
// TestLayers in the repository root).
package app
