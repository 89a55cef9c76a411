// Package listening groups step 1 of the method, Monitor: the packages that
// watch the places where people talk about the business and bring what
// they say into the store.
//
//	fetch    the polite HTTP client: conditional GET, back-off, size and
//	         time limits, feed discovery
//	feed     feed bytes → entries (RSS, Atom, JSON Feed), identity keys
//	ingest   entries → stored mentions: de-duplication, watch rules, authors
//	monitor  the sources of a workspace: add, check, poll, health, OPML
//	opml     reading and writing OPML feed lists
//	presets  "listen for a keyword": search feeds of many networks
//	notify   which new mentions deserve a desktop notification
//
// A feed item travels fetch → feed → ingest, driven by monitor.
package listening
