package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// writeV1 writes a store the way the prototype (schema 1) did: JSON values
// under the record keys, no schema key, no memos, no indexes.
func writeV1(t *testing.T, dir string, recs map[string]any) {
	t.Helper()
	db, err := badger.Open(badgerOptions(filepath.Join(dir, DBDir), Options{Logger: quietLogger(), Words: testWords}))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		for k, v := range recs {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if err := txn.Set([]byte(k), b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenMigratesThePrototypeLayout(t *testing.T) {
	dir := t.TempDir()
	recs := map[string]any{
		string(recordKey('S', 1)):   Source{Name: "HN", URL: "https://hnrss.org/newest?q=ember"},
		string(recordKey('P', 3)):   Person{Name: "Theo", Handles: []Handle{{"hackernews", "theog"}}},
		string([]byte("Dbusiness")): map[string]string{"name": "Ember & Oak"},
	}
	for i := uint64(1); i <= 600; i++ { // more than one migration batch
		recs[string(recordKey('M', i))] = Mention{Title: "post", SourceIDs: []uint64{1}, PersonID: 3, Published: t0, Keys: [][]byte{u64(nil, i)}}
	}
	writeV1(t, dir, recs)

	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatalf("open v1 store: %v", err)
	}
	defer s.Close()
	if v, _ := s.Version(); v != SchemaVersion {
		t.Fatalf("schema after migration = %d, want %d", v, SchemaVersion)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Counts["mentions"] != 600 || st.Counts["sources"] != 1 || st.Counts["people"] != 1 || st.Counts["documents"] != 1 {
		t.Fatalf("counts after migration: %v", st.Counts)
	}
	checkIndexes(t, s)
	_ = s.View(func(tx *Tx) error {
		ids, _, _ := tx.MentionIDs(MentionsByPerson(3), nil, 0)
		if len(ids) != 600 {
			t.Errorf("by-person index has %d entries, want 600", len(ids))
		}
		ids, _ = tx.PeopleByHandle("hackernews", "theog")
		if len(ids) != 1 || ids[0] != 3 {
			t.Errorf("people by handle = %v", ids)
		}
		var b map[string]string
		if ok, err := tx.GetDoc("business", &b); !ok || err != nil || b["name"] != "Ember & Oak" {
			t.Errorf("document after migration = %v %v %v", b, ok, err)
		}
		return nil
	})
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(SchemaVersion+1)) })
	_ = s.Close()
	_, err = Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("got %v, want ErrNewerSchema", err)
	}
}

// TestOpenIndexesTheGroupsOfASchema3Store writes a store as schema 3 did
// (groups kept on mentions, no index by group, memos without its entries)
// and checks that opening it indexes every group exactly.
func TestOpenIndexesTheGroupsOfASchema3Store(t *testing.T) {
	s := openTemp(t)
	const n = groupBatch + 500 // more than one batch of the migration
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{Title: fmt.Sprintf("post %d", i), Published: t0.Add(time.Duration(i) * time.Second)}
			if i%1000 == 1 || i%1000 == 2 { // pairs of reposts, the first of each pair heads the group
				m.GroupID = uint64(i - i%1000 + 2)
			}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Turn it into a schema 3 store: no "m g" entries, memos without them.
	err = s.Update(func(tx *Tx) error {
		for k, v := range dump(t, s) {
			switch {
			case strings.HasPrefix(k, "mg"):
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			case strings.HasPrefix(k, string([]byte{prefixIndexMemo, mentionsDef.prefix})):
				keys, err := decodeMemo(v)
				if err != nil {
					return err
				}
				keys = slices.DeleteFunc(keys, func(e []byte) bool { return bytes.HasPrefix(e, []byte("mg")) })
				if err := tx.set([]byte(k), encodeMemo(keys)); err != nil {
					return err
				}
			}
		}
		return tx.set(keySchema, schemaValue(3))
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopenMigrating(t, s, "index the groups of near-duplicate mentions")
	checkIndexes(t, s)
	for _, g := range []uint64{2, 1002, 2002} {
		var ids []uint64
		if err := s.View(func(tx *Tx) (err error) { ids, _, err = tx.MentionIDs(MentionsInGroup(g), nil, 10); return err }); err != nil {
			t.Fatal(err)
		}
		if want := []uint64{g + 1, g}; !slices.Equal(ids, want) {
			t.Errorf("group %d: %v, want %v (newest first)", g, ids, want)
		}
	}
	// The memos know the new entries: moving a grouped mention leaves none stale.
	m := get(t, s, (*Tx).Mentions, 1002)
	m.Published = t0.Add(-time.Hour)
	put(t, s, (*Tx).Mentions, &m)
	checkIndexes(t, s)
}
