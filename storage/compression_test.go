package storage

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// TestTablesOfEitherCompressionAreRead: stores are written with
// Zstandard since this version and with Snappy before; a table that the
// MANIFEST does not list (a crash's leftover, or a repair without a
// MANIFEST) carries no record of which, and was read as Snappy.
func TestTablesOfEitherCompressionAreRead(t *testing.T) {
	for _, c := range []options.CompressionType{options.Snappy, options.ZSTD} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			dir := t.TempDir()
			db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil).WithCompression(c).WithZSTDCompressionLevel(1))
			if err != nil {
				t.Fatal(err)
			}
			wb := db.NewWriteBatch()
			for i := range 5000 {
				if err := wb.Set(fmt.Appendf(nil, "key %06d", i), fmt.Appendf(nil, "a value that compresses %d %d %d", i, i, i)); err != nil {
					t.Fatal(err)
				}
			}
			if err := wb.Flush(); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			tables, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
			if len(tables) == 0 {
				t.Fatal("no table written")
			}
			tc, _ := newTableCheck(nil)
			for _, f := range tables {
				if _, err := tc.verifyUnlisted(f); err != nil {
					t.Errorf("%s: %v", f, err)
				}
				if got := probeCompression(f); got != c {
					t.Errorf("%s: probed %v, want %v", f, got, c)
				}
				if keysReadable(f, c) == 0 {
					t.Errorf("%s: no key read", f)
				}
			}
		})
	}
}

// A bulk import asks for the larger block cache; every other open gets the
// small one.
func TestBlockCacheSizes(t *testing.T) {
	for _, tc := range []struct {
		asked, want int64
	}{{0, DefaultBlockCache}, {BulkBlockCache, BulkBlockCache}} {
		s, err := Open(t.TempDir(), Options{Logger: quietLogger(), Words: testWords, BlockCache: tc.asked})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.db.Opts().BlockCacheSize; got != tc.want {
			t.Errorf("BlockCache %d: Badger's block cache is %d, want %d", tc.asked, got, tc.want)
		}
		_ = s.Close()
	}
}

// Tables are cut at one size on every level (docs/storage.md: a
// compaction's memory grows with the tables it builds).
func TestTablesAreOneSizeOnEveryLevel(t *testing.T) {
	s, err := Open(t.TempDir(), Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o := s.db.Opts()
	if o.BaseTableSize != TableSize || o.TableSizeMultiplier != 1 {
		t.Errorf("tables of %d bytes, ×%d per level; want %d, ×1", o.BaseTableSize, o.TableSizeMultiplier, TableSize)
	}
}
