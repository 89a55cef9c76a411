package storage

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
)

// The body of a version 2 backup is a sequence of frames (backup.go). In
// the backup of an encrypted folder each frame is sealed with
// XChaCha20-Poly1305 under a key derived (HKDF-SHA256) from the folder's
// data key and a random salt in the header; its nonce is the salt's first
// 16 bytes and the frame's number, and its additional data the hash of the
// header and whether it is the last frame, so frames cannot be dropped,
// reordered, cut off or moved to another backup unnoticed. The checksum
// after the frames covers both kinds, for a plain message either way.

const (
	frameSize    = 64 << 10 // plaintext bytes per frame
	maxFrameSize = frameSize + 64
)

// frameError is a damaged or incomplete body.
type frameError struct{ msg string }

func (e *frameError) Error() string { return ErrBackupDamaged.Error() + ": " + e.msg }
func (e *frameError) Unwrap() error { return ErrBackupDamaged }

// frameWriter writes the header, the frames and the checksum.
type frameWriter struct {
	w      io.Writer
	sum    hash.Hash
	aead   cipher.AEAD
	nonce  []byte // 16 bytes of salt, then the frame number
	ad     []byte // the header's hash, then the last-frame flag
	n      uint64
	buf    []byte
	closed bool
}

// newFrameWriter writes the magic line and header h, and returns the
// writer of the body; key, if not nil, seals it.
func newFrameWriter(w io.Writer, h BackupHeader, key []byte) (*frameWriter, error) {
	fw := &frameWriter{w: w, sum: sha256.New(), buf: make([]byte, 0, frameSize)}
	if key != nil {
		h.BodySalt = randomBytes(32)
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	head := append([]byte(backupMagic), append(hb, '\n')...)
	if key != nil {
		if fw.aead, fw.nonce, fw.ad, err = bodyCipher(key, h.BodySalt, head); err != nil {
			return nil, err
		}
	}
	return fw, fw.write(head)
}

// bodyCipher derives the sealing of a body from the data key, the salt and
// the header.
func bodyCipher(key, salt, head []byte) (cipher.AEAD, []byte, []byte, error) {
	if len(salt) != 32 {
		return nil, nil, nil, &frameError{"its encryption header is damaged"}
	}
	bk, err := hkdf.Key(sha256.New, key, salt, "rapport backup body v2", chacha20poly1305.KeySize)
	if err != nil {
		return nil, nil, nil, err
	}
	aead, err := chacha20poly1305.NewX(bk)
	if err != nil {
		return nil, nil, nil, err
	}
	hh := sha256.Sum256(head)
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	copy(nonce, salt[:16])
	return aead, nonce, append(hh[:], 0), nil
}

// write writes p to the file and the checksum.
func (fw *frameWriter) write(p []byte) error {
	fw.sum.Write(p)
	_, err := fw.w.Write(p)
	return err
}

func (fw *frameWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), frameSize-len(fw.buf))
		fw.buf = append(fw.buf, p[:k]...)
		p = p[k:]
		if len(fw.buf) == frameSize {
			if err := fw.frame(false); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// frame writes what is buffered as one frame.
func (fw *frameWriter) frame(last bool) error {
	data := fw.buf
	if fw.aead != nil {
		binary.BigEndian.PutUint64(fw.nonce[16:], fw.n)
		fw.ad[len(fw.ad)-1] = boolByte(last)
		data = fw.aead.Seal(nil, fw.nonce, fw.buf, fw.ad)
	}
	fw.n++
	var l [4]byte
	binary.BigEndian.PutUint32(l[:], uint32(len(data)))
	if err := fw.write(l[:]); err != nil {
		return err
	}
	fw.buf = fw.buf[:0]
	return fw.write(data)
}

// Close writes the last frame, the end and the checksum.
func (fw *frameWriter) Close() error {
	if fw.closed {
		return nil
	}
	fw.closed = true
	if len(fw.buf) > 0 || fw.aead != nil { // a sealed body always ends with a last frame
		if err := fw.frame(true); err != nil {
			return err
		}
	}
	if err := fw.write([]byte{0, 0, 0, 0}); err != nil {
		return err
	}
	_, err := fw.w.Write(fw.sum.Sum(nil))
	return err
}

// frameReader reads the body of a version 2 backup, checking it frame by
// frame and, at its end, against the checksum. Its first error stays.
type frameReader struct {
	r     io.Reader
	sum   hash.Hash
	aead  cipher.AEAD
	nonce []byte
	ad    []byte
	n     uint64
	last  bool // a sealed frame marked last was read
	buf   []byte
	err   error
}

// newFrameReader reads frames from r; head is the magic and header lines
// already read, key the data key of an encrypted backup (else nil).
func newFrameReader(r io.Reader, head []byte, h BackupHeader, key []byte) *frameReader {
	fr := &frameReader{r: r, sum: sha256.New()}
	fr.sum.Write(head)
	if key != nil {
		fr.aead, fr.nonce, fr.ad, fr.err = bodyCipher(key, h.BodySalt, head)
	}
	return fr
}

func (fr *frameReader) Read(p []byte) (int, error) {
	for len(fr.buf) == 0 {
		if fr.err != nil {
			return 0, fr.err
		}
		fr.err = fr.next()
	}
	n := copy(p, fr.buf)
	fr.buf = fr.buf[n:]
	return n, nil
}

// next reads the next frame into buf; io.EOF after a verified end.
func (fr *frameReader) next() error {
	var l [4]byte
	if err := fr.full(l[:]); err != nil {
		return err
	}
	size := binary.BigEndian.Uint32(l[:])
	if size == 0 {
		return fr.end()
	}
	if size > maxFrameSize || fr.last {
		return &frameError{"its frames are garbled"}
	}
	data := make([]byte, size)
	if err := fr.full(data); err != nil {
		return err
	}
	if fr.aead == nil {
		fr.buf = data
		return nil
	}
	binary.BigEndian.PutUint64(fr.nonce[16:], fr.n)
	fr.n++
	for _, last := range []bool{false, true} {
		fr.ad[len(fr.ad)-1] = boolByte(last)
		// A failed Open may overwrite its destination: never open in place.
		if plain, err := fr.aead.Open(nil, fr.nonce, data, fr.ad); err == nil {
			fr.buf, fr.last = plain, last
			return nil
		}
	}
	return &frameError{fmt.Sprintf("part %d does not decrypt: the file was changed", fr.n)}
}

// end reads the checksum after the last frame and compares.
func (fr *frameReader) end() error {
	if fr.aead != nil && !fr.last {
		return &frameError{"it ends early"}
	}
	want := fr.sum.Sum(nil)
	got := make([]byte, len(want))
	if _, err := io.ReadFull(fr.r, got); err != nil {
		return &frameError{"its checksum is missing: the file was cut short"}
	}
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return &frameError{"its content does not match its checksum: the file was changed after it was written"}
	}
	return io.EOF
}

// full reads exactly len(b) bytes, adding them to the checksum.
func (fr *frameReader) full(b []byte) error {
	if _, err := io.ReadFull(fr.r, b); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return &frameError{"the file was cut short"}
		}
		return err
	}
	fr.sum.Write(b)
	return nil
}

// failure is the reader's error other than the end of the body.
func (fr *frameReader) failure() error {
	if fr.err == nil || errors.Is(fr.err, io.EOF) {
		return nil
	}
	return fr.err
}
