package osopen

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// script writes an executable shell script that stands in for an opener.
func script(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "opener")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunTellsFailureFromSuccess(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		fails      bool
	}{
		{"opens and exits", "exit 0", false},
		{"finds no handler", "echo 'no method available for opening' >&2; exit 3", true},
		{"keeps running", "sleep 5", false},
	}
	for _, tt := range tests {
		err := run(context.Background(), script(t, tt.body), nil, 300*time.Millisecond)
		if (err != nil) != tt.fails {
			t.Errorf("%s: err %v, want failure %v", tt.name, err, tt.fails)
		}
	}
}

func TestOpenWithoutAnOpener(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	u := mustURL(t, "https://example.com/")
	if err := Open(context.Background(), u); !errors.Is(err, ErrNoOpener) {
		t.Errorf("err %v, want ErrNoOpener", err)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
