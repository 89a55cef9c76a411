package views

import (
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
	w := workspacetest.Sample(t, time.Now())
	d := desk.New(engine.New(w, "test"), "test")
	t.Cleanup(d.Stop) // before the workspace closes
	work.drain()
	a := test.NewTempApp(t)
	t.Cleanup(work.drain)
	m := NewMainWindow(a, WindowDeps{Svc: d, Go: work.add, After: work.after})
	m.Start()
	return m, w
}
