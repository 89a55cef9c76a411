package opml

import (
	"bytes"
	"io"
	"testing"
)

func BenchmarkParse1000(b *testing.B) {
	data := generated(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		o, err := Parse(bytes.NewReader(data))
		if err != nil || len(o.Feeds) != 1000 {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite1000(b *testing.B) {
	o, err := Parse(bytes.NewReader(generated(1000)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, "Bench", o.Feeds); err != nil {
			b.Fatal(err)
		}
	}
}
