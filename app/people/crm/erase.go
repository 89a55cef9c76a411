package crm

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// Erased says what erasing someone removed.
type Erased struct {
	People, Mentions, Interactions, Tasks int
	Redacted                              int // others' mentions and notes that named them
	// Pending is set when deleting their mentions or redacting others'
	// records could not finish now (Erase logged why); FinishErases
	// completes it when the app starts next. The person is erased either
	// way.
	Pending bool
}

// Erase removes a person and everything personal about them: their
// person records (including people merged into them), the mentions they
// wrote, the interactions and follow-ups about them, and their name and
// handles where others' mentions or notes name them ("[erased]"). Each
// erased mention leaves a tombstone of hashed identity keys (no text), so
// their posts are not collected again. The old values stay in the
// store's files until CompactErased rewrites them; each erase notes that
// it is due (compactDueDoc).
//
// The person, their interactions and follow-ups go in one transaction,
// which also notes what is left to do (pendingErasesDoc): their mentions
// and the redaction, which then run a batch of records per transaction,
// so that a prolific author or a name found in a hundred thousand posts
// cannot make a transaction too big. FinishErases completes what a crash
// or a quit cut short. The mentions to redact are found by the word index
// (redactCandidates), not by reading every mention.
func (s *Service) Erase(id uint64) (Erased, error) {
	start := time.Now()
	var out Erased
	var e pendingErase
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		out, e = Erased{}, pendingErase{Person: id}
		ids, err := withMerged(tx, id)
		if err != nil {
			return err
		}
		e.People = ids
		for _, pid := range ids {
			p, err := tx.People().Get(pid)
			if err != nil {
				return err
			}
			full, proper := identifiers(p)
			e.Names, e.Proper = append(e.Names, full...), append(e.Proper, proper...)
			if err := eraseOne(tx, pid, &out); err != nil {
				return err
			}
			_ = tx.DeleteDoc(mergeDoc(pid))
		}
		return notePending(tx, e)
	})
	if err != nil {
		return out, err
	}
	out.Mentions, out.Redacted, err = s.finishErase(context.Background(), e)
	if err != nil {
		// The person is gone: saying the erase failed would claim
		// otherwise. The rest of the redaction is left to FinishErases.
		s.p.Log.Error("redact an erased person's name in others' records; it goes on when Rapport starts next", "person", id, "err", err)
		out.Pending = true
	}
	s.p.Log.Info("erased a person", "person", id, "mentions", out.Mentions, "redacted", out.Redacted,
		"took", time.Since(start).Round(time.Millisecond))
	return out, nil
}

// compactDueDoc notes that an erase finished after the last compaction,
// so the files may still hold what it removed; its value tells one erase
// from the next.
const compactDueDoc = "erase/compact"

// CompactErased rewrites the store's files when an erase finished since
// it last did (Store.Compact), so that what erases removed leaves the
// disk too, and reports whether it did. It takes a while on a large
// store (38 s at a million mentions), so the desk runs it in the
// background. One runs at a time.
func (s *Service) CompactErased(ctx context.Context) (bool, error) {
	s.compacting.Lock()
	defer s.compacting.Unlock()
	var due int64
	if err := s.p.Store.View(func(tx *storage.Tx) error {
		_, err := tx.GetDoc(compactDueDoc, &due)
		return err
	}); err != nil || due == 0 {
		return false, err
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	start := time.Now()
	if err := s.p.Store.Compact(); err != nil {
		return false, fmt.Errorf("rewrite the data files after an erase: %w", err)
	}
	s.p.Log.Info("rewrote the data files after an erase", "took", time.Since(start).Round(time.Millisecond))
	return true, s.p.Store.Update(func(tx *storage.Tx) error {
		var now int64
		if _, err := tx.GetDoc(compactDueDoc, &now); err != nil || now != due {
			return err // an erase finished meanwhile: its values may have been written after the rewrite began
		}
		return tx.DeleteDoc(compactDueDoc)
	})
}

// pendingErasesDoc lists the erases that have not finished deleting
// their people's mentions and redacting others' records.
const pendingErasesDoc = "erase/pending"

// pendingErase is what is left of an erase: the mentions of People
// (the person erased and those merged into them) to delete, and the names
// to redact in others' records (see identifiers).
type pendingErase struct {
	Person uint64   `cbor:"1,keyasint"`
	Names  []string `cbor:"2,keyasint"`
	People []uint64 `cbor:"3,keyasint,omitempty"`
	Proper []string `cbor:"4,keyasint,omitempty"`
}

// notePending adds e to the pending erases.
func notePending(tx *storage.Tx, e pendingErase) error {
	var list []pendingErase
	if _, err := tx.GetDoc(pendingErasesDoc, &list); err != nil {
		return err
	}
	return tx.PutDoc(pendingErasesDoc, append(list, e))
}

// FinishErases completes the erases that a quit or a crash cut short and
// returns how many records it deleted or changed. The desk calls it when
// it starts, and the command that erases before it does. When ctx ends it stops between two
// transactions, leaving the rest for the next call.
func (s *Service) FinishErases(ctx context.Context) (int, error) {
	var list []pendingErase
	if err := s.p.Store.View(func(tx *storage.Tx) error {
		_, err := tx.GetDoc(pendingErasesDoc, &list)
		return err
	}); err != nil {
		return 0, err
	}
	total := 0
	var errs []error
	for _, e := range list {
		mentions, redacted, err := s.finishErase(ctx, e)
		total += mentions + redacted
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
		if err != nil { // one that cannot finish does not hold back the others
			errs = append(errs, fmt.Errorf("the erase of person %d: %w", e.Person, err))
		}
	}
	return total, errors.Join(errs...)
}

// finishErase deletes the mentions of e's people and redacts e's names,
// then drops e from the pending erases; it returns how many mentions it
// deleted and how many records it redacted.
func (s *Service) finishErase(ctx context.Context, e pendingErase) (deleted, redacted int, err error) {
	for _, pid := range e.People {
		n, err := deleteMentionsOf(ctx, s.p.Store, pid, s.now())
		deleted += n
		if err != nil {
			return deleted, 0, err
		}
	}
	redacted, err = redact(ctx, s.p.Store, newNames(e.Names, e.Proper))
	if err != nil {
		return deleted, redacted, err
	}
	return deleted, redacted, s.p.Store.Update(func(tx *storage.Tx) error {
		var list []pendingErase
		if _, err := tx.GetDoc(pendingErasesDoc, &list); err != nil {
			return err
		}
		list = slices.DeleteFunc(list, func(p pendingErase) bool { return p.Person == e.Person })
		if err := tx.PutDoc(compactDueDoc, time.Now().UnixNano()); err != nil {
			return err
		}
		if len(list) == 0 {
			return tx.DeleteDoc(pendingErasesDoc)
		}
		return tx.PutDoc(pendingErasesDoc, list)
	})
}

// identifiers are the strings that name a person: full, their full name,
// email, phone and handles, redacted wherever they appear; and proper,
// each word of their name on its own (a reply that says "Sorry Jordan,
// …"), redacted where it is written with a capital, so that erasing
// "Will May" leaves "I may go" alone. Shorter than 3 bytes, or without a
// letter or digit (an author called "☕" would otherwise take every cup
// of coffee out of every post), is left alone, to keep redaction sane.
func identifiers(p storage.Person) (full, proper []string) {
	add := func(list []string, s string) []string {
		s = strings.TrimSpace(strings.TrimPrefix(s, "@"))
		if len(s) >= 3 && strings.IndexFunc(s, isAlnum) >= 0 && !slices.Contains(full, s) && !slices.Contains(list, s) {
			list = append(list, s)
		}
		return list
	}
	for _, s := range append([]string{p.Name, p.Email, p.Phone}, handleStrings(p)...) {
		full = add(full, s)
	}
	for _, s := range strings.Fields(p.Name) {
		proper = add(proper, s)
	}
	return full, proper
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

func handleStrings(p storage.Person) []string {
	out := make([]string, 0, len(p.Handles))
	for _, h := range p.Handles {
		out = append(out, h.Handle)
	}
	return out
}

const erasedMark = "[erased]"

// redactBatch is how many records one transaction of a redaction rewrites
// at most.
var redactBatch = 256

// redact replaces the names in other people's mentions and notes, a batch
// of records per transaction, and returns how many records it changed.
// Rewriting a record that no longer names anyone changes nothing, so a
// redaction cut short may simply run again.
func redact(ctx context.Context, st *storage.Store, ns nameSet) (int, error) {
	if len(ns) == 0 {
		return 0, nil
	}
	var ids []uint64
	var scan bool
	if err := st.View(func(tx *storage.Tx) (err error) {
		ids, scan, err = redactCandidates(tx, ns)
		return err
	}); err != nil {
		return 0, err
	}
	if scan { // no word index to ask (a store opened without a splitter)
		if err := st.View(func(tx *storage.Tx) error {
			ids = ids[:0]
			return tx.Mentions().Each(func(m *storage.Mention) error {
				if ns.names(m.Title) || ns.names(m.Author) || ns.names(m.Text) {
					ids = append(ids, m.ID)
				}
				return nil
			})
		}); err != nil {
			return 0, err
		}
	}
	n, err := rewrite(ctx, st, ids, (*storage.Tx).Mentions, func(m *storage.Mention) bool {
		t, a, x := ns.replace(m.Title), ns.replace(m.Author), ns.replace(m.Text)
		if t == m.Title && a == m.Author && x == m.Text {
			return false
		}
		m.Title, m.Author, m.Text, m.Matches = t, a, x, nil // offsets no longer hold
		return true
	})
	if err != nil {
		return n, err
	}
	x, err := redactNotes(ctx, st, ns)
	return n + x, err
}

// redactCandidates returns the mentions that may name someone: those the
// word indexes list under a word of each name, those with more words than
// the indexes hold (storage.MentionsPastTheCap), and those still queued
// for the word indexer. A name matches only where all its words are
// (names.replace), so one word of each name finds every mention it can
// match in; the longest is taken, as the rarest. scan is true when the
// store has no word index to ask.
func redactCandidates(tx *storage.Tx, ns nameSet) (ids []uint64, scan bool, err error) {
	ready, err := tx.WordIndexReady()
	if err != nil || !ready {
		return nil, !ready, err
	}
	seen := map[uint64]bool{}
	var walkErr error
	walk := func(ix storage.MentionIndex) {
		it := tx.IterateMentions(ix)
		defer it.Close()
		for ; it.Valid(); it.Next() {
			seen[it.Pos().ID()] = true
		}
		walkErr = cmp.Or(walkErr, it.Err()) // a part of the index unread: a mention may be missed
	}
	words := map[string]bool{}
	for _, n := range ns {
		w := slices.MaxFunc(n.words, func(a, b string) int { return len(a) - len(b) })
		if !words[w] {
			words[w] = true
			walk(storage.MentionsWithWord(storage.TextWords, w))
			walk(storage.MentionsWithWord(storage.AuthorWords, w))
		}
	}
	walk(storage.MentionsPastTheCap())
	if walkErr != nil {
		return nil, false, fmt.Errorf("find the mentions that name them: %w", walkErr)
	}
	queued, err := tx.QueuedWords()
	if err != nil {
		return nil, false, err
	}
	for _, p := range queued {
		seen[p.ID()] = true
	}
	skipped, err := tx.NotIndexed() // the indexer could not read them: no entries, no queue
	if err != nil {
		return nil, false, err
	}
	for _, x := range skipped {
		seen[x.ID] = true
	}
	ids = make([]uint64, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, false, nil
}

// redactNotes replaces the names in the notes of interactions. Notes are
// written by the owner, a few a day, so they are read, not indexed.
func redactNotes(ctx context.Context, st *storage.Store, ns nameSet) (int, error) {
	var ids []uint64
	if err := st.View(func(tx *storage.Tx) error {
		return tx.Interactions().Each(func(x *storage.Interaction) error {
			if ns.names(x.Note) {
				ids = append(ids, x.ID)
			}
			return nil
		})
	}); err != nil {
		return 0, err
	}
	return rewrite(ctx, st, ids, (*storage.Tx).Interactions, func(x *storage.Interaction) bool {
		note := ns.replace(x.Note)
		changed := note != x.Note
		x.Note = note
		return changed
	})
}

// rewrite calls fix on each record of ids that still exists and writes
// again the ones it changed, redactBatch records per transaction, and
// returns how many it wrote. When ctx ends it stops between two
// transactions.
func rewrite[R any](ctx context.Context, st *storage.Store, ids []uint64, table func(*storage.Tx) storage.Table[R], fix func(*R) bool) (int, error) {
	n, size := 0, redactBatch
	for len(ids) > 0 {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		chunk := ids[:min(size, len(ids))]
		var changed int
		err := st.Update(func(tx *storage.Tx) error {
			changed = 0
			for _, id := range chunk {
				r, err := table(tx).Get(id)
				if errors.Is(err, storage.ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				if !fix(&r) {
					continue
				}
				if err := table(tx).Put(&r); err != nil {
					return err
				}
				changed++
			}
			return nil
		})
		if errors.Is(err, storage.ErrTooBig) && size > 1 {
			size /= 2 // a long post rewritten moves thousands of word entries
			continue
		}
		if err != nil {
			return n, err
		}
		n += changed
		ids = ids[len(chunk):]
	}
	return n, nil
}

// nameSet is the names to redact, the names of more words first.
type nameSet []name

// name is one name to redact: its folded words (see query.Tokenize), and
// whether it counts only where its first word starts with a capital.
type name struct {
	words  []string
	proper bool
}

// newNames splits the identifiers (see identifiers) into words the way
// search does.
func newNames(full, proper []string) nameSet {
	var out nameSet
	for i, s := range slices.Concat(full, proper) {
		var words []string
		for _, t := range query.Tokenize(s) {
			words = append(words, t.Word())
		}
		if len(words) > 0 && !slices.ContainsFunc(out, func(n name) bool { return slices.Equal(n.words, words) }) {
			out = append(out, name{words: words, proper: i >= len(full)})
		}
	}
	slices.SortStableFunc(out, func(a, b name) int { return len(b.words) - len(a.words) })
	return out
}

// replace replaces every place where s names someone with erasedMark: a
// run of s's words (as search reads them, so "Jordan's", "JORDAN" and
// "@jordan" are all "jordan") equal to a name's words, starting with a
// capital for a word of a person's name on its own. A name glued to
// other letters by an underscore ("@jblake_pdx") is another name, and is
// left alone.
func (ns nameSet) replace(s string) string {
	spans := ns.find(s)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp[0]])
		b.WriteString(erasedMark)
		last = sp[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// names reports whether s names someone.
func (ns nameSet) names(s string) bool { return len(ns.find(s)) > 0 }

// find returns the byte ranges of s that name someone, in order, not
// overlapping.
func (ns nameSet) find(s string) [][2]int {
	if s == "" {
		return nil
	}
	toks := query.Tokenize(s)
	var out [][2]int
	for i := 0; i < len(toks); {
		k := ns.matchAt(s, toks, i)
		if k == 0 {
			i++
			continue
		}
		out = append(out, [2]int{toks[i].Start, toks[i+k-1].End})
		i += k
	}
	return out
}

// matchAt returns how many tokens from i on the longest matching name
// covers (0: none).
func (ns nameSet) matchAt(s string, toks []query.Token, i int) int {
	for _, n := range ns {
		k := len(n.words)
		if i+k > len(toks) {
			continue
		}
		ok := true
		for j, w := range n.words {
			if t := toks[i+j]; t.Word() != w && t.Alt != w {
				ok = false
				break
			}
		}
		start, end := toks[i].Start, toks[i+k-1].End
		if ok && (start == 0 || s[start-1] != '_') && (end == len(s) || s[end] != '_') && (!n.proper || !lowerFirst(s[start:end])) {
			return k
		}
	}
	return 0
}

// lowerFirst reports whether the first letter of word (after a # or @) is
// a lower-case one; a letter of a script without case is not.
func lowerFirst(word string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(word, "#@"))
	return unicode.IsLower(r)
}

// withMerged lists a person and everyone merged into them, and into
// those, and so on.
func withMerged(tx *storage.Tx, id uint64) ([]uint64, error) {
	if _, err := tx.People().Get(id); err != nil {
		return nil, err
	}
	ids := []uint64{id}
	for i := 0; i < len(ids); i++ { // and those merged into them, at any remove
		merged, err := tx.PeopleMergedInto(ids[i])
		if err != nil {
			return nil, err
		}
		for _, m := range merged {
			if !slices.Contains(ids, m) {
				ids = append(ids, m)
			}
		}
	}
	return ids, nil
}

// deleteMentionsOf deletes the mentions person pid wrote, redactBatch per
// transaction, leaving a tombstone of each one's identity keys, and
// returns how many it deleted.
func deleteMentionsOf(ctx context.Context, st *storage.Store, pid uint64, now time.Time) (int, error) {
	n, size := 0, redactBatch
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		var batch int
		err := st.Update(func(tx *storage.Tx) error {
			batch = 0
			mids, _, err := tx.MentionIDs(storage.MentionsByPerson(pid), nil, size)
			for _, mid := range mids {
				m, err := tx.Mentions().Get(mid)
				if errors.Is(err, storage.ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				for _, k := range m.Keys {
					if len(k) > 0 && k[0] == 'i' { // identity keys only; the text hash ('g') could be guessed
						if err := tx.AddTombstone(k, now); err != nil {
							return err
						}
					}
				}
				if err := tx.Mentions().Delete(mid); err != nil {
					return err
				}
				batch++
			}
			return err
		})
		if errors.Is(err, storage.ErrTooBig) && size > 1 {
			size /= 2 // long posts each delete thousands of word entries
			continue
		}
		if err != nil {
			return n, err
		}
		if batch == 0 { // none left (an index entry of a missing mention is not walked again)
			return n, nil
		}
		n += batch
	}
}

// eraseOne deletes person pid with their interactions and follow-ups;
// their mentions are left to deleteMentionsOf.
func eraseOne(tx *storage.Tx, pid uint64, out *Erased) error {
	xids, err := tx.InteractionIDsByPerson(pid)
	if err != nil {
		return err
	}
	for _, xid := range xids {
		if err := tx.Interactions().Delete(xid); err != nil {
			return err
		}
		out.Interactions++
	}
	if err := eraseTasks(tx, pid, out); err != nil {
		return err
	}
	if err := tx.People().Delete(pid); err != nil {
		return err
	}
	out.People++
	return nil
}

// eraseTasks deletes every follow-up about the person, open or done.
func eraseTasks(tx *storage.Tx, pid uint64, out *Erased) error {
	ids, err := tx.TaskIDsByPerson(pid)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.Tasks().Delete(id); err != nil {
			return err
		}
		out.Tasks++
	}
	return nil
}
