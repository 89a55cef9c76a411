// Package testkit is what tests across the engine share: a temporary store
// opened the way the app opens it, a quiet logger, and small factories that
// put records and read them back. It replaces the private copies of this
// setup that packages used to carry.
//
// Tests only: nothing outside _test.go files imports it. It imports storage
// and search (for the app's word splitter), so the internal tests of
// search, query and storage keep their own helpers (an import cycle
// otherwise); every other package uses these.
package testkit

import (
	"io"
	"log/slog"
	"testing"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/storage"
)

// Quiet is a logger that drops everything.
func Quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// Option changes how Store opens a store.
type Option func(*storage.Options)

// HoldWordQueue leaves new mentions queued for the word index until the
// test calls IndexQueuedWords.
func HoldWordQueue(o *storage.Options) { o.HoldWordQueue = true }

// WithoutWords opens the store without a word index.
func WithoutWords(o *storage.Options) { o.Words = storage.Words{} }

// Store opens an empty store in a temporary folder, with the app's word
// splitter; it is closed when the test ends.
func Store(t testing.TB, opts ...Option) *storage.Store {
	t.Helper()
	return StoreIn(t, t.TempDir(), opts...)
}

// StoreIn opens (or reopens) the store in dir like Store.
func StoreIn(t testing.TB, dir string, opts ...Option) *storage.Store {
	t.Helper()
	o := storage.Options{Logger: Quiet(), Words: search.Words()}
	for _, opt := range opts {
		opt(&o)
	}
	st, err := storage.Open(dir, o)
	if err != nil {
		t.Fatalf("open store in %s: %v", dir, err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// Reopen closes st and opens its folder again.
func Reopen(t testing.TB, st *storage.Store, opts ...Option) *storage.Store {
	t.Helper()
	if err := st.Close(); err != nil {
		t.Fatalf("close store: %v", err)
	}
	return StoreIn(t, st.Dir(), opts...)
}

// Put stores records of one table in one transaction; each gets its id.
//
//	testkit.Put(t, st, (*storage.Tx).People, &maya, &kim)
func Put[R any](t testing.TB, st *storage.Store, table func(*storage.Tx) storage.Table[R], recs ...*R) {
	t.Helper()
	err := st.Update(func(tx *storage.Tx) error {
		for _, r := range recs {
			if err := table(tx).Put(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("put %T: %v", recs, err)
	}
}

// Get reads one record.
func Get[R any](t testing.TB, st *storage.Store, table func(*storage.Tx) storage.Table[R], id uint64) R {
	t.Helper()
	var r R
	if err := st.View(func(tx *storage.Tx) (err error) { r, err = table(tx).Get(id); return err }); err != nil {
		t.Fatalf("get %T %d: %v", r, id, err)
	}
	return r
}

// All reads every record of a table.
func All[R any](t testing.TB, st *storage.Store, table func(*storage.Tx) storage.Table[R]) []R {
	t.Helper()
	var rs []R
	if err := st.View(func(tx *storage.Tx) (err error) { rs, err = table(tx).All(); return err }); err != nil {
		t.Fatalf("read all %T: %v", rs, err)
	}
	return rs
}

// Mentions stores mentions and returns their ids in order.
func Mentions(t testing.TB, st *storage.Store, ms ...*storage.Mention) []uint64 {
	t.Helper()
	Put(t, st, (*storage.Tx).Mentions, ms...)
	ids := make([]uint64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}

// Mention reads one mention.
func Mention(t testing.TB, st *storage.Store, id uint64) storage.Mention {
	t.Helper()
	return Get(t, st, (*storage.Tx).Mentions, id)
}

// Source stores a source named name, with a watch rule when rule is not
// empty.
func Source(t testing.TB, st *storage.Store, name, rule string) storage.Source {
	t.Helper()
	src := storage.Source{Name: name}
	err := st.Update(func(tx *storage.Tx) error {
		if rule != "" {
			r := &storage.Rule{Name: "r-" + name, Query: rule}
			if err := tx.Rules().Put(r); err != nil {
				return err
			}
			src.RuleIDs = []uint64{r.ID}
		}
		return tx.Sources().Put(&src)
	})
	if err != nil {
		t.Fatalf("put source %s: %v", name, err)
	}
	return src
}
