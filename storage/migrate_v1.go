package storage

import (
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// The prototype (schema 1) stored each record as the JSON of its struct
// under the same record key, with no schema key, no index memos and no
// secondary indexes. Migrating re-encodes each record as CBOR and writes it
// through Table.Put, which builds its indexes; records already in CBOR are
// skipped, so the step can be re-run after a crash.
func migrateV1JSON(s *Store) error {
	steps := []func(*Store) error{
		migrateTableJSON(sourcesDef), migrateTableJSON(mentionsDef), migrateTableJSON(peopleDef),
		migrateTableJSON(interactionsDef), migrateTableJSON(tasksDef), migrateTableJSON(rulesDef),
		migrateTableJSON(templatesDef), migrateDocsJSON,
	}
	for _, step := range steps {
		if err := step(s); err != nil {
			return err
		}
	}
	return nil
}

// migrationBatch bounds one transaction of a migration well below Badger's
// transaction size limit.
const migrationBatch = 256

func migrateTableJSON[T any](def *tableDef[T]) func(*Store) error {
	// The stored JSON cannot be read as a previous version of the record,
	// so the record is written without its share of the daily aggregates,
	// which the step to schema 5 builds from scratch.
	plain := *def
	plain.daily = nil
	def = &plain
	return func(s *Store) error {
		return migrateJSONValues(s, def.prefix, func(tx *Tx, k []byte) error {
			var rec T
			if err := tx.getJSON(k, &rec); err != nil {
				return fmt.Errorf("%s %d: %w", def.name, idFromKey(k), err)
			}
			*def.id(&rec) = idFromKey(k)
			return Table[T]{tx, def}.Put(&rec)
		})
	}
}

func migrateDocsJSON(s *Store) error {
	return migrateJSONValues(s, prefixDoc, func(tx *Tx, k []byte) error {
		var v any
		if err := tx.getJSON(k, &v); err != nil {
			return fmt.Errorf("document %s: %w", k[1:], err)
		}
		return tx.PutDoc(string(k[1:]), v)
	})
}

// migrateJSONValues calls convert for every key under prefix whose value is
// still JSON, migrationBatch keys per transaction.
func migrateJSONValues(s *Store, prefix byte, convert func(tx *Tx, k []byte) error) error {
	var after []byte
	for {
		keys, err := s.jsonKeys([]byte{prefix}, after)
		if err != nil || len(keys) == 0 {
			return err
		}
		after = keys[len(keys)-1]
		err = s.Update(func(tx *Tx) error {
			for _, k := range keys {
				if err := convert(tx, k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}

// jsonKeys returns up to migrationBatch keys under prefix, after the key
// after, whose values are still JSON.
func (s *Store) jsonKeys(prefix, after []byte) ([][]byte, error) {
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		it.Rewind()
		if after != nil {
			it.Seek(append(append([]byte(nil), after...), 0)) // the first key after `after`
		}
		for ; it.Valid() && len(keys) < migrationBatch; it.Next() {
			isJSON := false
			if err := it.Item().Value(func(v []byte) error { isJSON = len(v) > 0 && v[0] == '{'; return nil }); err != nil {
				return err
			}
			if isJSON {
				keys = append(keys, it.Item().KeyCopy(nil))
			}
		}
		return nil
	})
	return keys, err
}

func (tx *Tx) getJSON(k []byte, v any) error {
	item, err := tx.txn.Get(k)
	if err != nil {
		return err
	}
	return item.Value(func(b []byte) error { return json.Unmarshal(b, v) })
}
