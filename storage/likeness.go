package storage

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/dgraph-io/badger/v4"
)

// People who are probably the same person (issue 14: the merge suggestions
// of the Contacts screen read every person). Each person who is not merged
// into someone else has likeness keys — the same email, handle name, site
// or two-word name make two people alike — indexed as
//
//	'p' 'l' key 0x00 id            one entry per key (a remembered index)
//
// A key matters only when two people or more share it. Which keys do is
// kept as a set of markers, so a suggestion list reads the shared keys and
// their people, never everyone:
//
//	0x00 'l' 'd' key               marker: two people or more have key
//	0x00 'l' 'y' key               the key's entries changed since the markers were settled
//
// Writers only set 'y' keys (a blind write: concurrent writers never
// conflict over it); SharedLikeness settles them (counts the key's entries,
// sets or deletes its marker, deletes the 'y' key) in transactions that
// read what they delete, so an entry written meanwhile conflicts and its
// key is counted again.
var (
	prefixLikeTouched = []byte{prefixMeta, 'l', 'y'}
	prefixLikeShared  = []byte{prefixMeta, 'l', 'd'}
	likenessIndex     = [2]byte{'p', 'l'}
)

// LikenessKeys returns the keys under which a person is compared with
// others, each once, sorted: "email:" address, "name:" a folded name of two
// words or more, "site:" host, "handle:" a handle's name part (four letters
// or more) and "near:" that name less its first or last letter (six or
// more).
func LikenessKeys(p *Person) []string {
	var keys []string
	if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
		keys = append(keys, "email:"+e)
	}
	if n := foldName(p.Name); len(n) >= 6 && strings.Contains(strings.TrimSpace(p.Name), " ") {
		keys = append(keys, "name:"+n)
	}
	for _, h := range p.Handles {
		switch h.Platform {
		case "email":
			keys = append(keys, "email:"+strings.ToLower(h.Handle))
		case "web", "blog":
			if host := siteOf(h.Handle); host != "" {
				keys = append(keys, "site:"+host)
			}
		}
		if l := HandleLocal(h.Handle); len(l) >= 4 {
			keys = append(keys, "handle:"+l)
			if len(l) >= 6 {
				keys = append(keys, "near:"+l[:len(l)-1], "near:"+l[1:])
			}
		}
	}
	keys = slices.DeleteFunc(keys, func(k string) bool { return strings.IndexByte(k, 0) >= 0 || len(k) > 512 })
	slices.Sort(keys)
	keys = slices.Compact(keys)
	return keys[:min(len(keys), maxLikenessKeys)]
}

// maxLikenessKeys bounds the keys of one person, so that a contact with
// thousands of handles cannot make its every write too big for a
// transaction.
const maxLikenessKeys = 64

// likenessEntries are the index entries of a person: none once merged.
func likenessEntries(p *Person) [][]byte {
	if p.MergedInto != 0 {
		return nil
	}
	keys := LikenessKeys(p)
	out := make([][]byte, 0, len(keys))
	for _, k := range keys {
		out = append(out, append([]byte(k), 0))
	}
	return out
}

// HandleLocal reduces a handle to its name part: "@maya@mastodon.social",
// "maya.bsky.social", "u/maya" and "maya" all give "maya"; display names
// with spaces give "".
func HandleLocal(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if strings.Contains(h, " ") || strings.Contains(h, "://") {
		return ""
	}
	h = strings.TrimPrefix(strings.TrimPrefix(h, "u/"), "@")
	h, _, _ = strings.Cut(h, "@")
	h, _, _ = strings.Cut(h, ".")
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, h)
}

func foldName(n string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, n)
}

func siteOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// touchLikeness marks the likeness keys among index keys (prefix entry id)
// as changed.
func (tx *Tx) touchLikeness(keys [][]byte) error {
	for _, k := range keys {
		if len(k) < 2+1+8 || k[0] != likenessIndex[0] || k[1] != likenessIndex[1] {
			continue
		}
		entry := k[2 : len(k)-8-1] // less the 0x00 and the id
		if err := tx.set(append(slices.Clip(prefixLikeTouched), entry...), nil); err != nil {
			return err
		}
	}
	return nil
}

// LikenessGroup is the people who share one likeness key.
type LikenessGroup struct {
	Key string
	IDs []uint64
}

// settleBatch is how many changed keys one transaction settles.
const settleBatch = 1024

// SharedLikeness returns the likeness keys two people or more share, with
// their ids, in key order; a key more than most people share is left out
// (a name too common to mean anything). It settles the keys changed since
// it last ran first (a read-only store counts them without settling).
func (s *Store) SharedLikeness(most int) ([]LikenessGroup, error) {
	readOnly := s.db.Opts().ReadOnly
	if !readOnly {
		if err := s.settleLikeness(); err != nil {
			return nil, err
		}
	}
	var out []LikenessGroup
	err := s.View(func(tx *Tx) error {
		var keys []string
		prefixes := [][]byte{prefixLikeShared}
		if readOnly { // the changed keys were not settled: count them too
			prefixes = append(prefixes, prefixLikeTouched)
		}
		for _, p := range prefixes {
			it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
			for it.Rewind(); it.Valid(); it.Next() {
				keys = append(keys, string(it.Item().Key()[len(p):]))
			}
			it.Close()
		}
		slices.Sort(keys)
		keys = slices.Compact(keys)
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: likenessIndex[:]})
		defer it.Close()
		for _, k := range keys {
			ids := likenessIDs(it, k, most+1)
			if len(ids) >= 2 && len(ids) <= most {
				out = append(out, LikenessGroup{Key: k, IDs: ids})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read who is alike: %w", err)
	}
	return out, nil
}

// likenessIDs returns up to limit ids of people with likeness key k.
func likenessIDs(it *badger.Iterator, k string, limit int) []uint64 {
	group := append(append(likenessIndex[:2:2], k...), 0)
	var ids []uint64
	for it.Seek(group); it.ValidForPrefix(group) && len(ids) < limit; it.Next() {
		key := it.Item().Key()
		if len(key) == len(group)+8 {
			ids = append(ids, idFromKey(key))
		}
	}
	return ids
}

// settleLikeness brings the markers of shared keys in line with the keys
// changed since the last settling.
func (s *Store) settleLikeness() error {
	s.likeMu.Lock()
	defer s.likeMu.Unlock()
	for {
		n := 0
		err := s.Update(func(tx *Tx) error {
			n = 0
			touched := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefixLikeTouched})
			var keys [][]byte
			for touched.Rewind(); touched.Valid() && len(keys) < settleBatch; touched.Next() {
				keys = append(keys, touched.Item().KeyCopy(nil))
			}
			touched.Close()
			it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: likenessIndex[:]})
			defer it.Close()
			for _, tk := range keys {
				k := tk[len(prefixLikeTouched):]
				marker := append(slices.Clip(prefixLikeShared), k...)
				var err error
				if len(likenessIDs(it, string(k), 2)) >= 2 {
					err = tx.set(marker, nil)
				} else {
					err = tx.del(marker)
				}
				if err == nil {
					err = tx.del(tk)
				}
				if err != nil {
					return err
				}
			}
			n = len(keys)
			return nil
		})
		if err != nil {
			return fmt.Errorf("settle who is alike: %w", err)
		}
		if n < settleBatch {
			return nil
		}
	}
}

// indexLikeness is the migration from schema 6: every person's likeness
// entries are written (reindexPeople brings the remembered entries in
// line, marking each key as changed) and the markers settled. Both parts
// may run again after a crash.
func indexLikeness(s *Store) error {
	if err := reindexPeople(s); err != nil {
		return err
	}
	return s.settleLikeness()
}
