package monitor

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/storage"
)

// authFeed serves a feed only to user "ana" with password "s3cret!".
func authFeed(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "ana" || p != "s3cret!" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		_, _ = w.Write([]byte(`<rss version="2.0"><channel><title>Private</title><item><guid>1</guid><title>members only</title><link>http://x/1</link></item></channel></rss>`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestHostilePasswordInFeedAddress: a password inside a feed address was
// shown by 'source add', exported in OPML and kept in backups. It now goes
// to the keyring (go-keyring's mock here, and a keyring that is not there),
// and the source works.
func TestHostilePasswordInFeedAddress(t *testing.T) {
	for _, tt := range []struct {
		name    string
		keyring func()
		warning string
	}{
		{"keyring", keyring.MockInit, ""},
		{"no keyring", func() { keyring.MockInitWithError(secrets.ErrUnavailable) }, "kept in the data folder"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.keyring()
			defer keyring.MockInit()
			svc, w := setup(t)
			st := w.Store
			srv := authFeed(t)
			withPass := strings.Replace(srv.URL, "http://", "http://ana:s3cret%21@", 1) + "/feed"
			res, err := svc.Add(context.Background(), AddRequest{URL: withPass})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(res.Source.URL, "s3cret") || !strings.Contains(res.Warning, tt.warning) {
				t.Fatalf("source URL %q, warning %q", res.Source.URL, res.Warning)
			}
			if o := svc.Check(context.Background(), res.Source); o.Err != nil || o.Result.New != 1 {
				t.Fatalf("check with the kept password: %+v", o)
			}
			var opml bytes.Buffer
			if err := svc.ExportOPML(&opml); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(opml.String(), "s3cret") || strings.Contains(opml.String(), "ana@") {
				t.Fatalf("the export holds the credentials: %s", opml.String())
			}
			var backup bytes.Buffer
			if _, err := st.Backup(&backup); err != nil {
				t.Fatal(err)
			}
			rdir := filepath.Join(t.TempDir(), "r")
			if _, err := storage.Restore(rdir, &backup, storage.Options{}); err != nil {
				t.Fatal(err)
			}
			rs, err := storage.Open(rdir, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer rs.Close()
			n := 0
			_ = rs.ScanRaw(func(k, v []byte) bool {
				n++
				if bytes.Contains(v, []byte("s3cret")) || bytes.Contains(k, []byte("s3cret")) {
					t.Errorf("the backup holds the password under %q", k)
				}
				return true
			})
			if n == 0 {
				t.Fatal("the restored backup is empty")
			}
		})
	}
}

// TestHostileOldPasswordsAreMoved: a source saved with its password in
// the address by an older Rapport has it moved to the keyring.
func TestHostileOldPasswordsAreMoved(t *testing.T) {
	keyring.MockInit()
	svc, w := setup(t)
	st := w.Store
	srv := authFeed(t)
	withPass := strings.Replace(srv.URL, "http://", "http://ana:s3cret%21@", 1) + "/feed"
	src := &storage.Source{Name: "old", URL: withPass}
	if err := st.Update(func(tx *storage.Tx) error { return tx.Sources().Put(src) }); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.MovePasswords(); err != nil || n != 1 {
		t.Fatalf("moved %d: %v", n, err)
	}
	var got storage.Source
	_ = st.View(func(tx *storage.Tx) (err error) { got, err = tx.Sources().Get(src.ID); return err })
	if strings.Contains(got.URL, "s3cret") {
		t.Fatalf("still in the address: %s", got.URL)
	}
	if o := svc.Check(context.Background(), got); o.Err != nil {
		t.Fatalf("check after the move: %v", o.Err)
	}
	found := false
	_ = st.ScanRaw(func(_, v []byte) bool { found = found || bytes.Contains(v, []byte("s3cret")); return !found })
	if found {
		t.Fatal("the password is still in the store")
	}
}
