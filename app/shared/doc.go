// Package shared groups the ground the four steps stand on.
//
//	query      the watch-rule and search language
//	workspace  an open data folder with the services built on it, the
//	           business profile, team and events
//	human      numbers, sizes and times as people read them
//	sample     the embedded sample workspace
//	testkit    helpers for tests: temporary stores and records
package shared
