// Package ingest turns parsed feed entries into stored mentions: it skips
// what was deleted (tombstones), stores each item once however many
// sources carried it, applies the source's watch rules, resolves the author
// to a person, groups reposts of the same text and writes everything with
// its indexes in one transaction per batch. A new mention claims its
// identity keys (and a new person their handle) in that transaction, so
// that two sources ingested at once store a shared item once: the later
// transaction conflicts and is re-run.
package ingest
