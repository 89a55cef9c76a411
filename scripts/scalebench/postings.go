package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"

	"github.com/klauspost/compress/zstd"

	"github.com/rapportapp/rapport/app/shared/query"
)

// estimatePostings estimates, without a store, what the word index of the
// first n posts of the corpus would take in three layouts (docs/search.md,
// "What is still to do"): one key per word and mention (the index as it
// is), and "segments" of mentions in the order they are stored, whose
// postings are kept in blocks of up to 128 either as positions (time and
// id, delta-varint) or as ordinals (each mention's rank by position in its
// segment, delta-varint, with a table from ordinal to position per
// segment). Mentions are numbered as `rapport ingest` numbers them: batch
// after batch of 50,000, each by source.
func estimatePostings(n int) {
	c := newCorpus(n)
	batch := min(50_000, n)
	var order []int // ids in storing order → post
	for b := 0; b < n; b += batch {
		ps := make([]int, 0, batch)
		for i := b; i < min(b+batch, n); i++ {
			ps = append(ps, i)
		}
		src := make(map[int]int, len(ps))
		for _, i := range ps {
			src[i] = c.post(i).source
		}
		sort.SliceStable(ps, func(x, y int) bool { return src[ps[x]] < src[ps[y]] })
		order = append(order, ps...)
	}
	type pos struct {
		t  int64
		id uint32
	}
	less := func(a, b pos) int {
		if a.t != b.t {
			return int(a.t - b.t)
		}
		return int(a.id) - int(b.id)
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest))
	if err != nil {
		panic(err)
	}
	const prefix, perBlock = 3, 128 // "m w", positions a block holds
	for _, seg := range []int{16_384, 65_536, 262_144} {
		var entries, entryKeyBytes, blockKeys, blockKeyBytes, blockVal, blockZ int
		var ordTable, ordKeyBytes, ordVal, ordZ int
		for s := 0; s < n; s += seg {
			words := map[string][]pos{}
			var all []pos
			for id := s; id < min(s+seg, n); id++ {
				p := c.post(order[id])
				at := pos{p.published.Unix(), uint32(id + 1)}
				all = append(all, at)
				ws := append(query.IndexWords(p.title), query.IndexWords(p.text)...)
				slices.Sort(ws)
				for _, w := range slices.Compact(ws) {
					words[w] = append(words[w], at)
				}
			}
			slices.SortFunc(all, less)
			ord := make(map[uint32]uint32, len(all))
			for k, q := range all {
				ord[q.id] = uint32(k)
			}
			ordTable += len(all) * 12 // time (8 bytes) and id (4) per ordinal
			var chunk, ochunk bytes.Buffer
			for w, ps := range words {
				entries += len(ps)
				entryKeyBytes += len(ps) * (prefix + len(w) + 1 + 16)
				slices.SortFunc(ps, less)
				ords := make([]uint32, len(ps))
				for k, q := range ps {
					ords[k] = ord[q.id]
				}
				for b := 0; b < len(ps); b += perBlock {
					blk, oblk := ps[b:min(b+perBlock, len(ps))], ords[b:min(b+perBlock, len(ps))]
					blockKeys++
					blockKeyBytes += prefix + len(w) + 1 + 16  // word, then the first position
					ordKeyBytes += prefix + len(w) + 1 + 4 + 4 // word, segment, first ordinal
					var v, ov []byte
					for k := 1; k < len(blk); k++ {
						v = binary.AppendUvarint(v, uint64(blk[k].t-blk[k-1].t))
						v = binary.AppendUvarint(v, uint64(blk[k].id)-uint64(s))
						ov = binary.AppendUvarint(ov, uint64(oblk[k]-oblk[k-1]))
					}
					blockVal += len(v)
					ordVal += len(ov)
					chunk.Write(v)
					ochunk.Write(ov)
				}
			}
			blockZ += len(enc.EncodeAll(chunk.Bytes(), nil))
			ordZ += len(enc.EncodeAll(ochunk.Bytes(), nil))
		}
		mb := func(b int) float64 { return float64(b) / 1e6 }
		fmt.Printf("%d posts, segments of %d: one key per entry: %d keys (%.1f a post), %.1f MB of keys\n", n, seg, entries, float64(entries)/float64(n), mb(entryKeyBytes))
		fmt.Printf("  blocks of positions: %d keys (%.2f a post), keys %.1f MB, values %.1f MB (Zstandard %.1f MB)\n", blockKeys, float64(blockKeys)/float64(n), mb(blockKeyBytes), mb(blockVal), mb(blockZ))
		fmt.Printf("  blocks of ordinals: %d keys, keys %.1f MB, values %.1f MB (Zstandard %.1f MB), ordinal tables %.1f MB\n", blockKeys, mb(ordKeyBytes), mb(ordVal), mb(ordZ), mb(ordTable))
	}
}
