package storage

import (
	"encoding/binary"
	"math"
	"time"
)

// The key schema is written down in docs/storage.md; keep the two in step.
//
// Records:  <table byte> <id uint64 BE>
// Indexes:  <index prefix, 2 bytes> <entry bytes> <id uint64 BE>, empty value
// Memo:     'x' <table byte> <id uint64 BE> → the record's current index keys
// Meta:     0x00 <name>
const (
	prefixMeta      byte = 0x00
	prefixIndexMemo byte = 'x'
	prefixDoc       byte = 'D'
	prefixTombstone byte = 'Z'
)

var (
	keySchema = []byte{prefixMeta, 's', 'c', 'h', 'e', 'm', 'a'}
	// keyCreated records when the store was first created.
	keyCreated = []byte{prefixMeta, 'c', 'r', 'e', 'a', 't', 'e', 'd'}
)

func seqKey(table byte) []byte { return []byte{prefixMeta, 's', 'e', 'q', 0, table} }

func u64(b []byte, v uint64) []byte { return binary.BigEndian.AppendUint64(b, v) }

// timeKey encodes t as 8 bytes of Unix seconds (the precision records keep)
// that sort in time order, including times before 1970 (the sign bit is
// flipped).
func timeKey(b []byte, t time.Time) []byte {
	return u64(b, uint64(t.Unix())^(1<<63))
}

func timeFromKey(b []byte) time.Time {
	return time.Unix(int64(binary.BigEndian.Uint64(b)^(1<<63)), 0).UTC()
}

// idFromKey reads the id that ends every record and index key.
func idFromKey(k []byte) uint64 {
	if len(k) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k[len(k)-8:])
}

func recordKey(table byte, id uint64) []byte { return u64([]byte{table}, id) }

func memoKey(table byte, id uint64) []byte { return u64([]byte{prefixIndexMemo, table}, id) }

// prefixEnd returns the smallest key greater than every key with prefix p,
// or nil if there is none (p is all 0xFF).
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xFF {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// prioKey encodes a priority as 8 bytes that sort highest first (NaN as 0,
// -0 as 0).
func prioKey(b []byte, p float64) []byte {
	if p != p || p == 0 {
		p = 0
	}
	bits := math.Float64bits(p)
	if bits>>63 == 0 {
		bits ^= 1 << 63
	} else {
		bits = ^bits
	}
	return u64(b, ^bits)
}

// prioFromKey reads a priority written by prioKey.
func prioFromKey(b []byte) float64 {
	bits := ^binary.BigEndian.Uint64(b)
	if bits>>63 == 1 {
		bits ^= 1 << 63
	} else {
		bits = ^bits
	}
	return math.Float64frombits(bits)
}
