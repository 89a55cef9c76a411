package views

import (
	"net/url"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/frontends/desk"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
)

// sampleWindow opens the window on the real desk over a temporary sample
// workspace (Ember & Oak). Tests use it wherever a real store can produce
// the case; the hand-written fake (fake_test.go) stays for what it cannot:
// hundreds of identical rows, unsafe links, failing services.
func sampleWindow(t *testing.T) (*MainWindow, *workspace.Workspace) {
	t.Helper()
	return sampleWindowOpening(t, &opener{})
}

// opener stands in for the system's link opener: it records the links and
// fails with err when set.
type opener struct {
	mu    sync.Mutex
	links []string
	err   error
}

func (o *opener) open(u *url.URL) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.links = append(o.links, u.String())
	return o.err
}

func (o *opener) opened() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.links...)
}

// sampleWindowOpening is sampleWindow with links handed to o.
func sampleWindowOpening(t *testing.T, o *opener) (*MainWindow, *workspace.Workspace) {
	t.Helper()
	w := workspacetest.Sample(t, time.Now())
	d := desk.New(engine.New(w, "test"), "test")
	t.Cleanup(d.Stop) // before the workspace closes
	work.drain()
	a := test.NewTempApp(t)
	t.Cleanup(work.reset)
	m := NewMainWindow(a, WindowDeps{Svc: d, Go: work.add, After: work.after, Open: o.open})
	t.Cleanup(func() { keysOfWindows.Delete(m.Win.Canvas()) })
	m.Start()
	return m, w
}

// emptyWindow opens the window on the real desk over an empty workspace.
func emptyWindow(t *testing.T) (*MainWindow, *workspace.Workspace) {
	t.Helper()
	w := workspacetest.New(t)
	d := desk.New(engine.New(w, "test"), "test")
	t.Cleanup(d.Stop)
	work.drain()
	a := test.NewTempApp(t)
	t.Cleanup(work.reset)
	m := NewMainWindow(a, WindowDeps{Svc: d, Go: work.add, After: work.after, Open: (&opener{}).open})
	t.Cleanup(func() { keysOfWindows.Delete(m.Win.Canvas()) })
	m.Start()
	return m, w
}
