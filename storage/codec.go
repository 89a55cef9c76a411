package storage

import (
	"errors"
	"fmt"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// Records are stored as one envelope byte followed by a CBOR map with small
// integer keys (the `cbor:"N,keyasint"` tags on each record field). Integer
// keys keep values compact, unknown keys are ignored on decode and missing
// keys decode as zero values, so fields can be added without a migration.
// Times are stored as whole Unix seconds: exact to decode (a float would
// round), and index keys use the same seconds, so a record read back and
// saved again keeps its index keys. The envelope byte changes only when the
// encoding itself changes; see
// BenchmarkCodec for the comparison with JSON and gob that chose CBOR.
const (
	envelopeCBOR byte = 1
)

// ErrCorrupt reports a value that cannot be decoded.
var ErrCorrupt = errors.New("stored value is not readable")

var (
	encMode cbor.EncMode
	decMode cbor.DecMode
)

func init() {
	var err error
	encMode, err = cbor.EncOptions{
		Time: cbor.TimeUnix,
		Sort: cbor.SortNone,
	}.EncMode()
	if err != nil {
		panic(err)
	}
	decMode, err = cbor.DecOptions{
		MaxArrayElements: 1 << 20,
		MaxMapPairs:      1 << 20,
	}.DecMode()
	if err != nil {
		panic(err)
	}
}

// encode returns the envelope byte followed by v's CBOR encoding.
func encode(v any) ([]byte, error) {
	b, err := encMode.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	out := make([]byte, 0, len(b)+1)
	out = append(out, envelopeCBOR)
	return append(out, b...), nil
}

// decode fills v from an encoded value. The bytes may be reused by Badger
// after this returns; CBOR decoding copies strings and slices out.
func decode(data []byte, v any) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: empty value", ErrCorrupt)
	}
	switch data[0] {
	case envelopeCBOR:
		if err := decMode.Unmarshal(data[1:], v); err != nil {
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		return nil
	default:
		return fmt.Errorf("%w: unknown envelope %d", ErrCorrupt, data[0])
	}
}

// utc normalises decoded times so that equal instants compare equal with ==
// in tests and print the same everywhere; the zero time stays zero.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}
