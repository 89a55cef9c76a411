package storage

import (
	"path/filepath"
	"testing"
)

// BenchmarkCheckFolder measures what reading every file before Open costs
// on a store of 100,000 mentions (docs/reliability.md).
func BenchmarkCheckFolder(b *testing.B) {
	dir := b.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		b.Fatal(err)
	}
	fillMentions(b, s, 100_000)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(dirSize(filepath.Join(dir, DBDir)))/(1<<20), "MB")
	for b.Loop() {
		if _, err := checkFolder(dir, filepath.Join(dir, DBDir), nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
