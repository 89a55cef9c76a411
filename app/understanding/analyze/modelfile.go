package analyze

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// The model file: gzip-compressed, little-endian.
//
//	"RPLM" version(u8=1) families(u8) outputs(u8)
//	per output: name length(u8) name bias(f32) threshold(f32) policy(u8)
//	features(u32) keys(u64 × features, ascending) scale(f32)
//	weights(i16 × features × outputs, row by row; weight = i16 × scale)
//
// Weights are quantised to 16 bits: with |w| < 10 the error is below 2e-4,
// far under what matters, and the file is a quarter of float64's.

//go:embed model.bin.gz
var embeddedModel []byte

var (
	embeddedOnce sync.Once
	embedded     *Model
)

// EmbeddedModel is the model trained by scripts/trainintents and shipped
// in the binary, or nil if none is embedded.
func EmbeddedModel() *Model {
	embeddedOnce.Do(func() {
		if len(embeddedModel) == 0 {
			return
		}
		m, err := DecodeModel(bytes.NewReader(embeddedModel))
		if err != nil {
			panic(fmt.Sprintf("analyze: embedded model: %v", err)) // a build defect
		}
		embedded = m
	})
	return embedded
}

const modelMagic = "RPLM"

// Encode writes m in the model file format.
func (m *Model) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	le := binary.LittleEndian
	put := func(v any) {
		if err == nil {
			err = binary.Write(bw, le, v)
		}
	}
	_, _ = bw.WriteString(modelMagic)
	put(uint8(1))
	put(uint8(m.Families))
	put(uint8(len(m.Outs)))
	for o, name := range m.Outs {
		put(uint8(len(name)))
		_, _ = bw.WriteString(name)
		put(m.Bias[o])
		put(m.Threshold[o])
		put(m.Policy[o])
	}
	keys := make([]uint64, 0, m.index.len())
	m.index.each(func(k uint64, _ int32) { keys = append(keys, k) })
	slices.Sort(keys)
	put(uint32(len(keys)))
	put(keys)
	maxAbs := float32(0)
	for _, v := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	put(scale)
	n := len(m.Outs)
	q := make([]int16, len(keys)*n)
	for i, k := range keys {
		r0, _ := m.index.get(k)
		r := int(r0)
		for o := range n {
			q[i*n+o] = int16(math.Round(float64(m.w[r*n+o] / scale)))
		}
	}
	put(q)
	if err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// DecodeModel reads a model written by Encode.
func DecodeModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("decode model: %w", err)
	}
	br := bufio.NewReader(zr)
	le := binary.LittleEndian
	get := func(v any) {
		if err == nil {
			err = binary.Read(br, le, v)
		}
	}
	magic := make([]byte, 4)
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("decode model: not a model file")
	}
	var version, fam, nOut uint8
	get(&version)
	get(&fam)
	get(&nOut)
	if err == nil && version != 1 {
		return nil, fmt.Errorf("decode model: version %d", version)
	}
	m := &Model{Families: int(fam)}
	for range int(nOut) {
		var l uint8
		get(&l)
		name := make([]byte, l)
		if err == nil {
			_, err = io.ReadFull(br, name)
		}
		var b, t float32
		var p uint8
		get(&b)
		get(&t)
		get(&p)
		m.Outs = append(m.Outs, string(name))
		m.Bias = append(m.Bias, b)
		m.Threshold = append(m.Threshold, t)
		m.Policy = append(m.Policy, p)
	}
	var nf uint32
	get(&nf)
	if err != nil || nf > 1<<24 {
		return nil, fmt.Errorf("decode model: header: %v", err)
	}
	keys := make([]uint64, nf)
	get(keys)
	var scale float32
	get(&scale)
	n := int(nOut)
	q := make([]int16, int(nf)*n)
	get(q)
	if err != nil {
		return nil, fmt.Errorf("decode model: %w", err)
	}
	m.w = make([]float32, len(q))
	for i, k := range keys {
		m.index.put(k, int32(i))
	}
	for i, v := range q {
		m.w[i] = float32(v) * scale
	}
	return m, nil
}
