// Package storage owns Rapport's Badger database: the record types it keeps,
// their compact versioned encoding, the key schema (docs/storage.md), the
// secondary indexes written in the same transaction as each record, schema
// migrations, backup and restore, the data-folder lock and value-log GC.
//
// Nothing here imports Fyne or the app's services; the layers above reach
// the disk only through this package.
package storage
