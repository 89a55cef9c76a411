package storage

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"
)

// Backups while Rapport runs. Only one process may open a data folder, so
// a backup command started while the app has it open (a nightly cron job)
// cannot read it itself. The process that holds the folder therefore
// answers backup requests on a Unix socket (SocketPath): the command sends
// the file name, the running app writes the backup — a consistent
// snapshot, as always — and answers with its header. The socket is made
// by the owner in a folder only the owner can enter; Go supports Unix
// sockets on Linux, macOS and Windows 10 and later.

// ErrNoBackupServer reports a folder held by a process that does not
// answer backup requests (an older Rapport, or one that is stuck).
var ErrNoBackupServer = errors.New("the Rapport that has this data folder open did not answer the backup request")

// SocketPath is where the holder of dir listens: in dir itself when the
// path is short enough for a socket address, else in a private folder of
// the user's in the system's temporary folder.
func SocketPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	p := filepath.Join(abs, "rapport.sock")
	if len(p) < 100 {
		return p
	}
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(os.TempDir(), fmt.Sprintf("rapport-%d", os.Getuid()), hex.EncodeToString(h[:8])+".sock")
}

// backupRequest and backupAnswer are the two lines of the exchange.
type backupRequest struct {
	Op   string `json:"op"`
	Path string `json:"path"`
}

type backupAnswer struct {
	Header *BackupHeader `json:"header,omitempty"`
	Error  string        `json:"error,omitempty"`
}

// serveBackups listens for backup requests until the store closes. A
// folder where no socket can be made (a file system without them) works
// as before: the backup command then says the app must be closed.
func (s *Store) serveBackups() {
	path := SocketPath(s.dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		s.log.Debug("backup requests: no socket", "err", err)
		return
	}
	_ = os.Remove(path) // a socket a killed Rapport left; the lock is ours
	l, err := net.Listen("unix", path)
	if err != nil {
		s.log.Debug("backup requests: no socket", "err", err)
		return
	}
	_ = os.Chmod(path, 0o600)
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		<-s.stop
		_ = l.Close()
		_ = os.Remove(path)
	}()
	go func() {
		defer s.wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return // closed
			}
			s.answerBackup(c)
		}
	}()
}

// answerBackup reads one request and writes the backup it asks for. One
// at a time: a backup reads the whole store.
func (s *Store) answerBackup(c net.Conn) {
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var req backupRequest
	line, err := bufio.NewReader(c).ReadBytes('\n')
	if err == nil {
		err = json.Unmarshal(line, &req)
	}
	var ans backupAnswer
	switch {
	case err != nil:
		ans.Error = "unreadable request"
	case req.Op != "backup" || !filepath.IsAbs(req.Path):
		ans.Error = "unknown request"
	default:
		h, err := s.BackupToFile(req.Path)
		if err != nil {
			ans.Error = err.Error()
		} else {
			ans.Header = &h
		}
	}
	_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	_ = json.NewEncoder(c).Encode(ans)
}

// BackupRunning asks the Rapport that has dir open to write a backup to
// path, and waits for it (at most timeout).
func BackupRunning(dir, path string, timeout time.Duration) (BackupHeader, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return BackupHeader{}, err
	}
	c, err := net.DialTimeout("unix", SocketPath(dir), 5*time.Second)
	if err != nil {
		return BackupHeader{}, fmt.Errorf("%w (%v)", ErrNoBackupServer, err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(timeout))
	if err := json.NewEncoder(c).Encode(backupRequest{Op: "backup", Path: abs}); err != nil {
		return BackupHeader{}, fmt.Errorf("%w (%v)", ErrNoBackupServer, err)
	}
	var ans backupAnswer
	if err := json.NewDecoder(c).Decode(&ans); err != nil {
		return BackupHeader{}, fmt.Errorf("%w (%v)", ErrNoBackupServer, err)
	}
	if ans.Error != "" || ans.Header == nil {
		return BackupHeader{}, fmt.Errorf("the running Rapport could not write the backup: %s", ans.Error)
	}
	return *ans.Header, nil
}
