package main

import (
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/mmcdole/gofeed"
	_ "modernc.org/sqlite" // SQLite with FTS5, pure Go: the benchmark's yardstick only, never in the app
)

// ftsStore is the SQLite FTS5 side of the comparison: the same posts,
// parsed with plain gofeed, in one contentful FTS5 table (title and text
// indexed, the rest stored unindexed) whose rowid is the post's place in
// time, so that "newest first" is ORDER BY rowid DESC.
type ftsStore struct {
	path string
	db   *sql.DB
}

func openFTS(path string) (*ftsStore, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	for _, s := range []string{
		`PRAGMA journal_mode=WAL`,
		`PRAGMA synchronous=NORMAL`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS posts USING fts5(title, body, author UNINDEXED, link UNINDEXED, guid UNINDEXED, published UNINDEXED, source UNINDEXED, tokenize='unicode61 remove_diacritics 2')`,
	} {
		if _, err := db.Exec(s); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", s, err)
		}
	}
	return &ftsStore{path: path, db: db}, nil
}

// ingest parses each file with gofeed and inserts its items, one
// transaction per file, as an app built on SQLite would.
func (f *ftsStore) ingest(paths []string, rowid func(guid string) int64) (int, error) {
	n := 0
	p := gofeed.NewParser()
	for _, path := range paths {
		in, err := os.Open(path)
		if err != nil {
			return n, err
		}
		feed, err := p.Parse(in)
		in.Close()
		if err != nil {
			return n, fmt.Errorf("%s: %w", path, err)
		}
		tx, err := f.db.Begin()
		if err != nil {
			return n, err
		}
		st, err := tx.Prepare(`INSERT INTO posts(rowid, title, body, author, link, guid, published, source) VALUES (?,?,?,?,?,?,?,?)`)
		if err != nil {
			tx.Rollback()
			return n, err
		}
		for _, it := range feed.Items {
			author := ""
			if it.Author != nil {
				author = it.Author.Name
			}
			var pub int64
			if it.PublishedParsed != nil {
				pub = it.PublishedParsed.Unix()
			}
			if _, err := st.Exec(rowid(it.GUID), it.Title, it.Description, author, it.Link, it.GUID, pub, feed.Title); err != nil {
				tx.Rollback()
				return n, err
			}
			n++
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			return n, err
		}
	}
	return n, nil
}

// search runs one MATCH newest first, 50 rows, reading them as a results
// list would.
func (f *ftsStore) search(match string) (int, error) {
	rows, err := f.db.Query(`SELECT rowid, title, body, author FROM posts WHERE posts MATCH ? ORDER BY rowid DESC LIMIT 50`, match)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var title, body, author string
		if err := rows.Scan(&id, &title, &body, &author); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// size checkpoints the WAL and returns the database's bytes on disk.
func (f *ftsStore) size() int64 {
	_, _ = f.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	var n int64
	for _, p := range []string{f.path, f.path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

func (f *ftsStore) close() error { return f.db.Close() }

// parseOnly is plain gofeed on the same files: the floor of any ingest.
func parseOnly(paths []string) (int, time.Duration, error) {
	start := time.Now()
	n := 0
	p := gofeed.NewParser()
	for _, path := range paths {
		in, err := os.Open(path)
		if err != nil {
			return n, 0, err
		}
		feed, err := p.Parse(in)
		in.Close()
		if err != nil {
			return n, 0, err
		}
		n += len(feed.Items)
	}
	return n, time.Since(start), nil
}
