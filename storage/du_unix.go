//go:build unix

package storage

import (
	"io/fs"
	"syscall"
)

// allocated is the space a file really takes on disk: Badger preallocates
// sparse value-log files, whose apparent size would overstate it.
func allocated(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Blocks * 512
	}
	return info.Size()
}
