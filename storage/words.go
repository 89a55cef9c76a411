package storage

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// The full-text word index of mentions (docs/search.md). Storage does not
// know what a word is: the app passes a splitter in Options.Words (package
// search passes the query language's tokenizer, so that search and rules
// agree). Two derived indexes hold one key per distinct word of a mention:
//
//	'm' 'w' word 0x00 time id   words of the title and the text
//	'm' 'a' word 0x00 time id   words of the author's name
//
// Every posting list is ordered like the time index, so a reverse scan is
// newest first and lists can be intersected by seeking. The keys are
// written in the same transaction as the mention, so the index is exact
// after a crash and a backup holds it. The entries are not kept in the
// record's memo (that would double the store); Put and Delete recompute
// the old ones from the stored record, which is exact only while the
// splitter stays the same. The marker key 0x00 "words" therefore holds a
// fingerprint of the splitter the index was built with: Open rebuilds the
// index when it differs, and drops the marker when a store is opened with
// no splitter (its writes would not keep the index up to date).

// Words splits text into the words the full-text index keeps.
type Words struct {
	// Version names the splitting rules. Change it whenever Split would
	// return different words for some text; stores rebuild their index
	// when they are next opened.
	Version string
	// Split returns the words of text, folded the way queries fold them.
	// Order and duplicates do not matter.
	Split func(text string) []string
}

// MaxWordLen bounds the bytes of a word in an index key; longer words are
// cut to it, on both the writing and the querying side.
const MaxWordLen = 64

// MaxWordsPerMention caps the distinct words of a mention's title and text
// that the word index keeps: the first ones, in reading order. A typical
// post has about 40; a 64 KB post of prose about 2,000; a hostile one of
// 30,000 distinct words made every transaction that indexed it too big
// for Badger ("Txn is too big"), and with it every later command. With
// the cap, one mention adds at most MaxWordsPerMention+maxAuthorWords
// entries, and an edit deletes and writes at most twice that, which
// always fits. Words past the cap are not found by a word search.
const MaxWordsPerMention = 2000

// maxAuthorWords caps the words of an author's name that are indexed.
const maxAuthorWords = 64

// WordIndex selects one of the word indexes.
type WordIndex uint8

// The word indexes.
const (
	TextWords   WordIndex = iota // words of titles and texts
	AuthorWords                  // words of authors' names
	// PastTheCap lists the mentions that have more distinct words than
	// the caps let the other two hold (MaxWordsPerMention, and 64 words
	// of an author's name): one entry, time and id, per such mention. A
	// reader that must not miss a word (erasing a person's name) reads
	// these mentions as well as the ones its words find. It holds no
	// words: walk it with MentionsPastTheCap.
	PastTheCap
)

// wordPrefixes are the key prefixes of the word indexes.
var wordPrefixes = [...][2]byte{TextWords: {'m', 'w'}, AuthorWords: {'m', 'a'}, PastTheCap: {'m', 'c'}}

// wordIndexNames name the word indexes in messages.
var wordIndexNames = [...]string{TextWords: "mentions by word", AuthorWords: "mentions by author word", PastTheCap: "mentions past the cap on words"}

// keyWords is the marker: the fingerprint of the splitter the word index is
// complete and exact for.
var keyWords = []byte{prefixMeta, 'w', 'o', 'r', 'd', 's'}

// wordsConfig is an installed splitter with what is derived from it.
type wordsConfig struct {
	split       func(string) []string
	fingerprint []byte
	legacy      []byte             // the fingerprint before the caps
	sortedCap   []byte             // the fingerprint when the cap kept the first words in the splitter's order
	mentions    *tableDef[Mention] // mentionsDef plus the two word indexes
}

// newWordsConfig derives what a store needs from a splitter; nil when w
// has none (no word index).
func newWordsConfig(w Words, segment *atomic.Uint64) *wordsConfig {
	if w.Split == nil {
		return nil
	}
	def := *mentionsDef
	def.indexes = append(append([]index[Mention](nil), mentionsDef.indexes...),
		index[Mention]{name: "by word", prefix: wordPrefixes[TextWords], derived: true, segment: segment, entries: func(m *Mention) [][]byte {
			return wordEntries(w.Split, m.Time(), MaxWordsPerMention, m.Title, m.Text)
		}},
		index[Mention]{name: "by author word", prefix: wordPrefixes[AuthorWords], derived: true, entries: func(m *Mention) [][]byte {
			return wordEntries(w.Split, m.Time(), maxAuthorWords, m.Author)
		}},
		index[Mention]{name: "past the cap on words", prefix: wordPrefixes[PastTheCap], derived: true, entries: func(m *Mention) [][]byte {
			if !pastTheCap(w.Split, m) {
				return nil
			}
			return [][]byte{timeKey(nil, m.Time())}
		}},
	)
	def.queue = func(m *Mention, id uint64) []byte { return u64(timeKey(nil, m.Time()), id) }
	return &wordsConfig{split: w.Split, fingerprint: fingerprint(w), legacy: legacyFingerprint(w), sortedCap: sortedCapFingerprint(w), mentions: &def}
}

// wordsProbe is split to fingerprint a splitter, so that a change in its
// behaviour is noticed even if its Version was not bumped.
const wordsProbe = "Crème BRÛLÉE l'espresso Maria's don't #ColdBrew @JaneDoe ☕️ 3.5 cold-brew ßtraße Øre İstanbul"

// fingerprint identifies a splitter by its version and what it makes of
// the probe, and the caps on words per mention.
func fingerprint(w Words) []byte {
	return fingerprintWith(w, fmt.Sprintf("\x00caps %d %d in reading order", MaxWordsPerMention, maxAuthorWords))
}

// sortedCapFingerprint is what stores written by the first capped index
// hold: it kept a long post's first words in the order the splitter gave
// them, which for query.IndexWords is alphabetical, so a long post was
// found by its words that sort first rather than by its opening words.
func sortedCapFingerprint(w Words) []byte {
	return fingerprintWith(w, fmt.Sprintf("\x00caps %d %d", MaxWordsPerMention, maxAuthorWords))
}

// legacyFingerprint is what stores written before the caps hold: their
// index may list every word of a long post (trimOversized).
func legacyFingerprint(w Words) []byte { return fingerprintWith(w, "") }

func fingerprintWith(w Words, caps string) []byte {
	h := sha256.New()
	h.Write([]byte(w.Version))
	for _, word := range w.Split(wordsProbe) {
		h.Write([]byte{0})
		h.Write([]byte(word))
	}
	h.Write([]byte(caps))
	return h.Sum(nil)[:16]
}

// mentionsTable is the mentions definition in force: with the word indexes
// when the store was opened with a splitter.
func (s *Store) mentionsTable() *tableDef[Mention] {
	if s.words != nil {
		return s.words.mentions
	}
	return mentionsDef
}

// wordEntries returns one entry (word 0x00 time) per distinct usable word of
// the texts, for at most limit distinct words (the first ones, in order);
// the store appends the id.
func wordEntries(split func(string) []string, t time.Time, limit int, texts ...string) [][]byte {
	var out [][]byte
	var seen map[string]bool // only for texts long enough to reach the cap
	if total := textsLen(texts); total >= limit {
		seen = make(map[string]bool, min(total/4, limit))
	}
	tk := timeKey(nil, t)
	full := false
	add := func(piece string) {
		for _, w := range split(piece) {
			w = indexWord(w)
			if w == "" {
				continue
			}
			if seen != nil {
				if seen[w] {
					continue
				}
				if len(seen) == limit {
					full = true
					return
				}
				seen[w] = true
			}
			e := make([]byte, 0, len(w)+1+len(tk))
			out = append(out, append(append(append(e, w...), 0), tk...))
		}
	}
	for _, s := range texts {
		if seen == nil {
			add(s)
			continue
		}
		// A text that may reach the cap is split a piece at a time, so
		// that the words kept are the first ones even when the splitter
		// returns each piece's words sorted (query.IndexWords does).
		for s != "" && !full {
			var piece string
			piece, s = cutPiece(s)
			add(piece)
		}
	}
	return sortedKeys(out) // distinct: a word is listed once per mention
}

// pieceLen is about how many bytes of a long text are split at a time.
const pieceLen = 512

// cutPiece cuts about pieceLen bytes off the front of s, just after a
// space, tab or line break so that no word is cut (no word holds one);
// a longer run without one is cut at the next.
func cutPiece(s string) (piece, rest string) {
	if len(s) <= pieceLen {
		return s, ""
	}
	if i := strings.LastIndexAny(s[:pieceLen], " \t\n\r"); i >= 0 {
		return s[:i+1], s[i+1:]
	}
	if i := strings.IndexAny(s[pieceLen:], " \t\n\r"); i >= 0 {
		return s[:pieceLen+i+1], s[pieceLen+i+1:]
	}
	return s, ""
}

// pastTheCap reports whether m has more distinct words in its title and
// text, or in its author's name, than the word indexes hold of them.
func pastTheCap(split func(string) []string, m *Mention) bool {
	return overCap(split, MaxWordsPerMention, m.Title, m.Text) || overCap(split, maxAuthorWords, m.Author)
}

// overCap reports whether the texts have more than limit distinct usable
// words, the way wordEntries counts them. Only texts at least limit bytes
// long can, so nothing shorter is split.
func overCap(split func(string) []string, limit int, texts ...string) bool {
	if textsLen(texts) < limit {
		return false
	}
	seen := make(map[string]bool, limit)
	for _, s := range texts {
		for s != "" {
			var piece string
			piece, s = cutPiece(s)
			for _, w := range split(piece) {
				if w = indexWord(w); w == "" || seen[w] {
					continue
				}
				if len(seen) == limit {
					return true
				}
				seen[w] = true
			}
		}
	}
	return false
}

// textsLen is the bytes of the texts: a text shorter than the cap cannot
// hold more distinct words than the cap.
func textsLen(texts []string) int {
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	return n
}

// indexWord returns w as it appears in keys: cut to MaxWordLen bytes, and
// "" when it cannot be stored (empty, or holding the 0 separator).
func indexWord(w string) string {
	if len(w) > MaxWordLen {
		w = w[:MaxWordLen]
	}
	if strings.IndexByte(w, 0) >= 0 {
		return ""
	}
	return w
}

// syncWordIndex runs at the end of Open: it rebuilds the word index when it
// was built with another splitter (or never), and drops the marker when no
// splitter is installed.
func (s *Store) syncWordIndex() error {
	c := s.words
	have, err := s.wordsMarker()
	if err != nil {
		return err
	}
	switch {
	case c == nil && have == nil:
		return nil
	case c == nil:
		s.log.Warn("this data folder has a full-text index but was opened without a word splitter; the index will be rebuilt when Rapport opens it next")
		return s.Update(func(tx *Tx) error { return tx.del(keyWords) })
	case bytes.Equal(have, c.fingerprint):
		return nil
	case bytes.Equal(have, c.legacy), bytes.Equal(have, c.sortedCap):
		// The migrations to 14 and 15 left it: it was not exact then.
		s.beginStep("drop the oversized entries of the full-text index")
		if err := s.trimOversized(c); err != nil {
			return err
		}
		return s.sealAllMarked(c)
	}
	s.beginStep("build the full-text index of mentions")
	return s.rebuildWordIndex(c)
}

// wordsMarker reads the marker, nil if there is none.
func (s *Store) wordsMarker() ([]byte, error) {
	var v []byte
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keyWords)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err = item.ValueCopy(nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the full-text index marker: %w", err)
	}
	return v, nil
}

// buildWordIndex is the migration from schema 2, which had no word index.
func buildWordIndex(s *Store) error {
	if c := s.words; c != nil {
		return s.rebuildWordIndex(c)
	}
	return nil // built when a store is opened with a splitter
}

// rebuildWordIndex drops the word index and builds it again from every
// mention, a batch per transaction, then writes the marker. It may be
// interrupted at any point: the marker is deleted first, so the next Open
// starts over.
func (s *Store) rebuildWordIndex(c *wordsConfig) error {
	start := time.Now()
	s.log.Info("building the full-text index of mentions")
	if err := s.Update(func(tx *Tx) error { return tx.del(keyWords) }); err != nil {
		return err
	}
	if err := s.dropWordKeys(); err != nil {
		return err
	}
	if err := s.dropWordQueue(); err != nil { // the build below covers the queued mentions
		return err
	}
	n, err := s.addWordKeys(c.mentions)
	if err != nil {
		return fmt.Errorf("build the full-text index: %w", err)
	}
	// Seal its complete segments now, the way a migration does (sealing
	// them one at a time later would delete every open key one by one),
	// before the marker: an interrupted run leaves none, and the next Open
	// starts over.
	if err := s.sealAll(c); err != nil {
		return fmt.Errorf("seal the full-text index: %w", err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.set(keyWords, c.fingerprint) }); err != nil {
		return err
	}
	s.log.Info("built the full-text index of mentions", "mentions", n, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// dropWordKeys deletes every word index entry, if there is any.
func (s *Store) dropWordKeys() error {
	var prefixes [][]byte
	_ = s.View(func(tx *Tx) error {
		for _, p := range append(wordPrefixes[:], prefixSealedWords, prefixSealState, prefixRanks, prefixPartList) {
			if tx.anyKey(p[:]) {
				prefixes = append(prefixes, p[:])
			}
		}
		return nil
	})
	if len(prefixes) == 0 {
		return nil
	}
	s.ranks.forget()
	defer s.ranks.forget()
	if err := s.dropPrefixes(prefixes...); err != nil {
		return fmt.Errorf("drop the old full-text index: %w", err)
	}
	return nil
}

// Bounds of one transaction of the rebuild, well below Badger's limit.
const (
	rebuildMentions = 256
	rebuildKeys     = 8192
)

// addWordKeys writes the word entries of every mention and returns how many
// mentions there were.
func (s *Store) addWordKeys(def *tableDef[Mention]) (int, error) {
	n, last := 0, s.lastMentionID()
	for from := uint64(1); from != 0; { // from: the first id of the next batch
		var next uint64
		var batch int
		err := s.Update(func(tx *Tx) (err error) {
			next, batch, err = tx.addWordKeysFrom(def, from)
			return err
		})
		if err != nil {
			return n, err
		}
		n += batch
		from = next
		if err := s.stepDone(mentionsBefore(from, last), last, "mentions"); err != nil {
			return n, err
		}
	}
	return n, nil
}

// addWordKeysFrom writes the word entries of one batch of mentions, from id
// from on, and returns where the next batch starts (0: no more) and how many
// mentions it indexed.
func (tx *Tx) addWordKeysFrom(def *tableDef[Mention], from uint64) (next uint64, batch int, err error) {
	keys := 0
	full := func() bool { return batch >= rebuildMentions || keys >= rebuildKeys }
	next, err = tx.eachMentionFrom(from, full, func(m *Mention) error {
		n, err := tx.setWordKeys(def, m, m.ID)
		keys += n
		batch++
		return err
	})
	return next, batch, err
}

// setWordKeys writes the word entries of mention m (id id) and returns how
// many it wrote.
func (tx *Tx) setWordKeys(def *tableDef[Mention], m *Mention, id uint64) (int, error) {
	ks := def.keys(m, id, true)
	for _, k := range ks {
		if err := tx.set(k, nil); err != nil {
			return 0, err
		}
	}
	return len(ks), nil
}

// eachMentionFrom calls fn with every mention from id from on, in id
// order, until full reports that the batch is full; it returns the id of
// the first mention left (0: none left).
func (tx *Tx) eachMentionFrom(from uint64, full func() bool, fn func(m *Mention) error) (next uint64, err error) {
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: []byte{mentionsDef.prefix}})
	defer it.Close()
	for it.Seek(recordKey(mentionsDef.prefix, from)); it.Valid(); it.Next() {
		id := idFromKey(it.Item().Key())
		if full() {
			return id, nil
		}
		var m Mention
		if err := it.Item().Value(func(v []byte) error { return decode(v, &m) }); err != nil {
			return 0, fmt.Errorf("read mention %d: %w", id, err)
		}
		m.ID = id
		if err := fn(&m); err != nil {
			return 0, err
		}
	}
	return 0, nil
}

// anyKey reports whether some key starts with prefix.
func (tx *Tx) anyKey(prefix []byte) bool {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	it.Rewind()
	return it.Valid()
}
