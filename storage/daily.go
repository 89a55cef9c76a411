package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Per-day aggregates of mentions (docs/storage.md, "Daily aggregates").
// Insights read them instead of the mentions, so a year of figures costs a
// few thousand small reads whatever the number of mentions.
//
//	'A' day(4) kind(1) value   → Cell
//
// day is the UTC calendar day (days since 1970-01-01, sign bit flipped so
// that earlier days sort first), kind names the dimension (DimAll,
// DimNetwork, …) and value its value (a network, a source id in decimal,
// an intent, …). Every Put and Delete of a mention subtracts the stored
// version's contribution and adds the new one's, in the same transaction;
// the changes of a transaction are summed and written once, just before it
// commits (Tx.flushDaily), so a thousand mentions of one ingest write each
// cell once. Reading a cell before writing it puts it in the transaction's
// read set: two transactions changing the same day conflict and one is
// re-run, so the sums stay exact.

const prefixDaily byte = 'A'

// Day is a calendar day in UTC, counted from 1970-01-01.
type Day int32

// DayOf is the UTC day of t.
func DayOf(t time.Time) Day {
	return Day(math.Floor(float64(t.Unix()) / 86400))
}

// Time is the start of the day (UTC midnight).
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String writes the day as 2006-01-02.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// DimKind names what a dimension of the daily aggregates splits by.
type DimKind byte

// The dimensions. Their bytes are in keys: never change one.
const (
	DimAll       DimKind = 'a' // every mention (value "")
	DimNetwork   DimKind = 'n' // by Mention.Platform ("" for none)
	DimSource    DimKind = 's' // by source (value: the id in decimal)
	DimIntent    DimKind = 'i' // by intent
	DimTouch     DimKind = 't' // by touch point
	DimPromise   DimKind = 'p' // by brand-promise verdict ("in line", "at odds")
	DimResponder DimKind = 'r' // answered mentions, by who answered first (FirstResponse)
)

// Cell is what a day holds for one value of one dimension.
type Cell struct {
	Mentions int64 `cbor:"1,keyasint,omitempty" json:"mentions"`
	Analysed int64 `cbor:"2,keyasint,omitempty" json:"analysed"`
	// Sentiment is the sum of the analysed mentions' sentiment in
	// millionths: integers, so that subtracting a contribution is exact.
	Sentiment int64 `cbor:"3,keyasint,omitempty" json:"sentiment_micro"`
	Negative  int64 `cbor:"4,keyasint,omitempty" json:"negative"`
	Neutral   int64 `cbor:"5,keyasint,omitempty" json:"neutral"`
	Positive  int64 `cbor:"6,keyasint,omitempty" json:"positive"`
	// Delays counts first responses by their delay in whole minutes
	// (DimResponder only).
	Delays map[int64]int64 `cbor:"7,keyasint,omitempty" json:"delays,omitempty"`
}

// MicroSentiment is a sentiment as Cell.Sentiment sums it.
func MicroSentiment(s float64) int64 { return int64(math.Round(s * 1e6)) }

// Add adds o (times sign, +1 or -1) to c.
func (c *Cell) Add(o *Cell, sign int64) {
	c.Mentions += sign * o.Mentions
	c.Analysed += sign * o.Analysed
	c.Sentiment += sign * o.Sentiment
	c.Negative += sign * o.Negative
	c.Neutral += sign * o.Neutral
	c.Positive += sign * o.Positive
	for k, v := range o.Delays {
		if c.Delays == nil {
			c.Delays = map[int64]int64{}
		}
		c.Delays[k] += sign * v
		if c.Delays[k] == 0 {
			delete(c.Delays, k)
		}
	}
}

// zero reports a cell with nothing in it.
func (c *Cell) zero() bool {
	return c.Mentions == 0 && c.Analysed == 0 && c.Sentiment == 0 && c.Negative == 0 && c.Neutral == 0 &&
		c.Positive == 0 && len(c.Delays) == 0
}

// Dim is one value of one dimension.
type Dim struct {
	Kind  DimKind
	Value string
}

// SourceDim is the dimension value of a source.
func SourceDim(id uint64) Dim { return Dim{DimSource, strconv.FormatUint(id, 10)} }

func dailyKey(d Day, dim Dim) []byte {
	k := binary.BigEndian.AppendUint32([]byte{prefixDaily}, uint32(d)^(1<<31))
	return append(append(k, byte(dim.Kind)), dim.Value...)
}

func parseDailyKey(k []byte) (Day, Dim, bool) {
	if len(k) < 6 || k[0] != prefixDaily {
		return 0, Dim{}, false
	}
	d := Day(binary.BigEndian.Uint32(k[1:5]) ^ (1 << 31))
	return d, Dim{DimKind(k[5]), string(k[6:])}, true
}

// FirstResponse is when a mention was first answered and by whom: the
// first change of its history into "handled" (logging a reply makes that
// change). ok is false for a mention never handled.
func FirstResponse(m *Mention) (at time.Time, by string, ok bool) {
	for _, c := range m.History {
		if c.To == StateHandled && c.From != StateHandled {
			return c.At, c.By, true
		}
	}
	return time.Time{}, "", false
}

// ResponseDelay is the time from a mention to its first response, never
// negative (a feed's date can be later than our answer).
func ResponseDelay(m *Mention) (time.Duration, bool) {
	at, _, ok := FirstResponse(m)
	if !ok {
		return 0, false
	}
	return max(0, at.Sub(m.Time())), true
}

// dailyEntry is one cell's share of a record.
type dailyEntry struct {
	key  string
	cell Cell
}

// mentionDaily is what a mention contributes to the daily aggregates.
func mentionDaily(m *Mention) []dailyEntry {
	day := DayOf(m.Time())
	var base Cell
	base.Mentions = 1
	if a := m.Analysis; a.Analysed {
		base.Analysed, base.Sentiment = 1, MicroSentiment(a.Sentiment)
		switch a.Polarity {
		case "negative":
			base.Negative = 1
		case "neutral":
			base.Neutral = 1
		case "positive":
			base.Positive = 1
		}
	}
	dims := []Dim{{DimAll, ""}, {DimNetwork, m.Platform}}
	for _, id := range m.SourceIDs {
		dims = append(dims, SourceDim(id))
	}
	for _, i := range m.Analysis.Intents {
		dims = append(dims, Dim{DimIntent, i})
	}
	for _, tp := range m.Analysis.TouchPoints {
		dims = append(dims, Dim{DimTouch, tp})
	}
	if p := m.Analysis.Promise; p != "" {
		dims = append(dims, Dim{DimPromise, p})
	}
	out := make([]dailyEntry, 0, len(dims)+1)
	seen := map[Dim]bool{}
	for _, d := range dims {
		if !seen[d] {
			seen[d] = true
			out = append(out, dailyEntry{string(dailyKey(day, d)), base})
		}
	}
	if delay, ok := ResponseDelay(m); ok {
		_, by, _ := FirstResponse(m)
		c := base
		c.Delays = map[int64]int64{int64(delay / time.Minute): 1}
		out = append(out, dailyEntry{string(dailyKey(day, Dim{DimResponder, by})), c})
	}
	return out
}

// addDaily records a record's contribution (sign +1) or its removal (-1),
// to be written when the transaction commits.
func (tx *Tx) addDaily(es []dailyEntry, sign int64) {
	if len(es) == 0 {
		return
	}
	if tx.daily == nil {
		tx.daily = map[string]*Cell{}
	}
	for i := range es {
		c := tx.daily[es[i].key]
		if c == nil {
			c = &Cell{}
			tx.daily[es[i].key] = c
		}
		c.Add(&es[i].cell, sign)
	}
}

// flushDaily writes the transaction's pending changes of the daily
// aggregates: each changed cell is read, added to and written (or deleted
// when it comes to nothing). Changes that cancel out (a state change that
// moves no dimension) touch nothing.
func (tx *Tx) flushDaily() error {
	keys := slices.Sorted(maps.Keys(tx.daily))
	for _, k := range keys {
		delta := tx.daily[k]
		if delta.zero() {
			continue
		}
		cur, err := tx.dailyCell([]byte(k))
		if err != nil {
			return err
		}
		cur.Add(delta, 1)
		if cur.zero() {
			if err := tx.del([]byte(k)); err != nil {
				return err
			}
			continue
		}
		val, err := encode(&cur)
		if err != nil {
			return err
		}
		if err := tx.set([]byte(k), val); err != nil {
			return err
		}
	}
	tx.daily = nil
	return nil
}

func (tx *Tx) dailyCell(k []byte) (Cell, error) {
	var c Cell
	item, err := tx.txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read daily aggregate: %w", err)
	}
	err = item.Value(func(v []byte) error { return decode(v, &c) })
	if err != nil {
		return c, fmt.Errorf("read daily aggregate %x: %w", k, err)
	}
	return c, nil
}

// Daily calls fn with every aggregate cell of the days from to to
// (inclusive), day by day; within a day, dimensions come in key order. A
// day or a dimension value without mentions has no cell.
func (tx *Tx) Daily(from, to Day, fn func(day Day, dim Dim, c *Cell)) error {
	if to < from {
		return nil
	}
	start := binary.BigEndian.AppendUint32([]byte{prefixDaily}, uint32(from)^(1<<31))
	end := binary.BigEndian.AppendUint32([]byte{prefixDaily}, uint32(to+1)^(1<<31))
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: []byte{prefixDaily}})
	defer it.Close()
	for it.Seek(start); it.Valid(); it.Next() {
		k := it.Item().Key()
		if bytes.Compare(k, end) >= 0 {
			break
		}
		day, dim, ok := parseDailyKey(k)
		if !ok {
			continue
		}
		var c Cell
		if err := it.Item().Value(func(v []byte) error { return decode(v, &c) }); err != nil {
			return fmt.Errorf("read daily aggregate of %s: %w", day, err)
		}
		fn(day, dim, &c)
	}
	return nil
}

// DailySpan returns the first and last day that have mentions (ok false
// when there are none).
func (tx *Tx) DailySpan() (first, last Day, ok bool) {
	p := []byte{prefixDaily}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	it.Rewind()
	if it.Valid() {
		first, _, ok = parseDailyKey(it.Item().Key())
	}
	it.Close()
	if !ok {
		return 0, 0, false
	}
	rit := tx.txn.NewIterator(badger.IteratorOptions{Reverse: true})
	defer rit.Close()
	rit.Seek(prefixEnd(p))
	if rit.Valid() && bytes.Equal(rit.Item().Key(), prefixEnd(p)) {
		rit.Next()
	}
	if rit.ValidForPrefix(p) {
		last, _, _ = parseDailyKey(rit.Item().Key())
	}
	return first, last, true
}
