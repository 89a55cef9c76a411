package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// watchdog cancels a request when nothing happens for d: while waiting for
// headers, and between body reads. Time spent in our own code (decoding,
// copying) between reads is not counted.
type watchdog struct {
	t *time.Timer
	d time.Duration
}

// newWatchdog returns a context that is cancelled with errIdleTimeout unless
// kick is called at least every d. The timer starts running at once.
func newWatchdog(ctx context.Context, d time.Duration) (context.Context, *watchdog, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	w := &watchdog{d: d, t: time.AfterFunc(d, func() { cancel(errIdleTimeout) })}
	return ctx, w, func() {
		w.t.Stop()
		cancel(context.Canceled)
	}
}

// kick restarts the countdown.
func (w *watchdog) kick() { w.t.Reset(w.d) }

// pause stops the countdown until the next kick.
func (w *watchdog) pause() { w.t.Stop() }

// idleReader runs the watchdog only while a Read is blocked on the network.
type idleReader struct {
	r io.Reader
	w *watchdog
}

func (ir idleReader) Read(p []byte) (int, error) {
	ir.w.kick()
	n, err := ir.r.Read(p)
	ir.w.pause()
	return n, err
}

// errTooLarge marks a body that went past the cap.
var errTooLarge = errors.New("body exceeds size limit")

// errEncoding marks a damaged or unknown Content-Encoding.
var errEncoding = errors.New("bad content encoding")

// decode wraps r in decompressors for the Content-Encoding header value.
// Codings are listed in the order they were applied, so they are undone
// from last to first.
func decode(r io.Reader, contentEncoding string) (io.Reader, error) {
	codings := strings.Split(contentEncoding, ",")
	for i := len(codings) - 1; i >= 0; i-- {
		coding := strings.ToLower(strings.TrimSpace(codings[i]))
		var err error
		switch coding {
		case "", "identity":
			continue
		case "gzip", "x-gzip":
			r, err = gzip.NewReader(r)
		case "deflate":
			r, err = newDeflateReader(r)
		default:
			return nil, fmt.Errorf("%w: unsupported coding %q", errEncoding, coding)
		}
		switch {
		case errors.Is(err, io.EOF): // an empty body cannot be compressed data
			return nil, fmt.Errorf("%w: %s: empty body", errEncoding, coding)
		case err != nil: // a bad header, or the network failing under us
			return nil, fmt.Errorf("start %s: %w", coding, classifyReadError(err))
		}
	}
	return r, nil
}

// newDeflateReader reads "deflate" bodies, which per RFC 9110 are zlib
// streams but which some servers send as raw DEFLATE. A zlib header is two
// bytes whose big-endian value is a multiple of 31 with method 8.
func newDeflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil {
		return nil, err
	}
	if head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// readBody reads at most limit decompressed bytes. With peek set, a longer
// body is silently truncated (discovery only needs the first bytes);
// otherwise it is an error wrapping errTooLarge. The watchdog guards every
// network read, including the decompressor's header reads. size is the
// Content-Length of an uncompressed body, or -1.
func readBody(body io.Reader, w *watchdog, contentEncoding string, limit int64, peek bool, size int64) ([]byte, error) {
	r, err := decode(idleReader{r: body, w: w}, contentEncoding)
	if err != nil {
		return nil, err
	}
	data, err := readAll(io.LimitReader(r, limit+1), size, limit)
	if int64(len(data)) > limit {
		if peek {
			return data[:limit], nil
		}
		return nil, fmt.Errorf("%w of %d bytes", errTooLarge, limit)
	}
	if err != nil {
		if peek && len(data) > 0 {
			return data, nil
		}
		return nil, classifyReadError(err)
	}
	return data, nil
}

// readAll is io.ReadAll that, knowing the size of the body, reads it into
// a buffer of that size rather than growing one: a 20 MB body then costs
// 20 MB, not the 60 MB or more that growing a buffer leaves behind.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size > limit {
		return io.ReadAll(r)
	}
	buf := make([]byte, size+1) // +1: room to see a body longer than it said
	for n := 0; n < len(buf); {
		m, err := r.Read(buf[n:])
		n += m
		switch {
		case errors.Is(err, io.EOF):
			return buf[:n], nil
		case err != nil: // a body cut short says so (io.ErrUnexpectedEOF)
			return buf[:n], err
		}
	}
	rest, err := io.ReadAll(r) // longer than announced
	return append(buf, rest...), err
}

// classifyReadError marks decompressor failures as encoding problems;
// network errors pass through unchanged for classify.
func classifyReadError(err error) error {
	var corrupt flate.CorruptInputError
	if errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, zlib.ErrHeader) || errors.Is(err, zlib.ErrChecksum) ||
		errors.Is(err, zlib.ErrDictionary) || errors.As(err, &corrupt) {
		return fmt.Errorf("%w: %w", errEncoding, err)
	}
	return fmt.Errorf("read body: %w", err)
}
