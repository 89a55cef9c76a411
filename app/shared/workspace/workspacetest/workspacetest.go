// Package workspacetest opens temporary workspaces for tests: empty, or
// holding the sample workspace (Ember & Oak), on a temporary store from
// package testkit.
package workspacetest

import (
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/sample"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/assets"
)

// New opens an empty workspace in a temporary folder; it is closed when the
// test ends.
func New(t testing.TB, opts ...testkit.Option) *workspace.Workspace {
	t.Helper()
	w, err := workspace.New(testkit.Store(t, opts...), testkit.Quiet())
	if err != nil {
		t.Fatalf("open workspace: %v", err)
	}
	t.Cleanup(func() { _ = w.Close() })
	return w
}

// Sample opens a temporary workspace holding the sample workspace, loaded
// as of now.
func Sample(t testing.TB, now time.Time) *workspace.Workspace {
	t.Helper()
	w := New(t)
	if _, err := sample.Load(w, assets.Sample(), now, nil); err != nil {
		t.Fatalf("load the sample: %v", err)
	}
	return w
}
