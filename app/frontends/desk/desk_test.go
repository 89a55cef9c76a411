package desk

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/app/understanding/understand"
	"github.com/rapportapp/rapport/storage"
)

// sampleDesk is a desk on a temporary sample workspace, stopped before the
// store closes.
func sampleDesk(t *testing.T) (*Desk, *workspace.Workspace) {
	t.Helper()
	w := workspacetest.Sample(t, time.Now())
	d := New(engine.New(w, "test"), "test")
	t.Cleanup(d.Stop) // registered after the workspace: runs first
	return d, w
}

func TestChangesAreRecordedAsTheOwner(t *testing.T) {
	t.Parallel()
	// Given the sample, whose owner is Dana Reyes
	d, w := sampleDesk(t)
	p, err := d.Page(inbox.BuiltInViews()[0].Filter, time.Now(), nil, 50)
	ids := p.IDs
	if err != nil || len(ids) < 3 {
		t.Fatalf("inbox: %d %v", len(ids), err)
	}
	// When the screens move, assign and snooze mentions
	if err := d.SetState(ids[:1], inbox.StateHandled); err != nil {
		t.Fatal(err)
	}
	if err := d.Assign(ids[1:2], "Kim Park"); err != nil {
		t.Fatal(err)
	}
	if err := d.Snooze(ids[2:3], time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Then each change is in the mention's history, made by the owner
	for i, want := range []string{"handled", "assigned to Kim Park", "snoozed"} {
		m := testkit.Mention(t, w.Store, ids[i])
		last := m.History[len(m.History)-1]
		if last.By != "Dana Reyes" || (last.To.String() != want && last.Note != want) {
			t.Errorf("mention %d: last change %+v, want %q by Dana Reyes", ids[i], last, want)
		}
	}
	// And a reply is recorded as hers too
	if err := d.LogReply(reply.Action{MentionID: ids[1], Channel: "email", Text: "Thanks, Maya!"}); err != nil {
		t.Fatal(err)
	}
	if m := testkit.Mention(t, w.Store, ids[1]); m.History[len(m.History)-1].By != "Dana Reyes" {
		t.Errorf("reply recorded as %q", m.History[len(m.History)-1].By)
	}
}

// TestStopWaitsForEveryGoroutine adds a source whose first check hangs on
// the server: Stop must cancel it and wait for it, so that the store is
// never closed under a running check.
func TestStopWaitsForEveryGoroutine(t *testing.T) {
	t.Parallel()
	d, w := sampleDesk(t)
	var asked atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if asked.Add(1) == 1 { // the check Add makes: answer
			rw.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(rw, `<rss version="2.0"><channel><title>Slow</title><item><guid>1</guid><title>one</title></item></channel></rss>`)
			return
		}
		select { // the first check in the background: hang
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	if _, err := d.AddSource(monitor.AddRequest{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for asked.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if asked.Load() < 2 {
		t.Fatal("the first check did not start in the background")
	}
	d.StartPolling()
	done := make(chan struct{})
	go func() { d.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Stop did not end the background work")
	}
	// The store can be closed now; a second Stop and late work are harmless.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	d.Stop()
	d.changed()
}

func TestListenersHearOfChangesAndNotifications(t *testing.T) {
	t.Parallel()
	d, w := sampleDesk(t)
	heard := make(chan struct{}, 10)
	notes := make(chan string, 10)
	d.OnMentionsChanged(func() { heard <- struct{}{} })
	d.OnNotify(func(title, _ string) { notes <- title })
	if err := w.SetNotifySettings(mustNotify(t, w, func(s *notifySettings) { s.QuietFrom, s.QuietTo = "", "" })); err != nil {
		t.Fatal(err)
	}
	var urgent uint64
	_ = w.Store.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			if urgent == 0 && m.Analysis.Priority >= 60 {
				urgent = m.ID
			}
			return nil
		})
	})
	w.Events.EmitMentionsChanged(workspace.MentionsChanged{IDs: []uint64{urgent}})
	select {
	case <-heard:
	case <-time.After(5 * time.Second):
		t.Fatal("the screens were not told")
	}
	select {
	case title := <-notes:
		if title == "" {
			t.Error("empty notification")
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no notification for mention %d", urgent)
	}
}

type notifySettings = notify.Settings

func mustNotify(t *testing.T, w *workspace.Workspace, edit func(*notifySettings)) notifySettings {
	t.Helper()
	s, err := w.NotifySettings()
	if err != nil {
		t.Fatal(err)
	}
	edit(&s)
	return s
}

// TestOutdatedReadingsAreReadAgainInTheBackground marks the sample's
// readings as an older analyser's: starting the desk reads them again,
// telling the screens how far it is.
func TestOutdatedReadingsAreReadAgainInTheBackground(t *testing.T) {
	d, w := sampleDesk(t)
	var ids []uint64
	err := w.Store.Update(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			if len(ids) < 50 {
				ids = append(ids, m.ID)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		m := testkit.Mention(t, w.Store, id)
		m.Analysis.Version = 1
		testkit.Put(t, w.Store, (*storage.Tx).Mentions, &m)
	}
	// A store an older Rapport wrote has no note that every mention was
	// read by this version.
	if err := w.Store.Update(func(tx *storage.Tx) error { return tx.DeleteDoc("analysis-read-by") }); err != nil {
		t.Fatal(err)
	}
	finished := make(chan int, 1)
	d.OnProgress(func(_ string, done, total int) {
		if done == total {
			finished <- total
		}
	})
	d.StartPolling()
	select {
	case n := <-finished:
		if n != len(ids) {
			t.Errorf("read %d again, want %d", n, len(ids))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the outdated readings were not read again")
	}
	for _, id := range ids {
		if v := testkit.Mention(t, w.Store, id).Analysis.Version; v != understand.Version {
			t.Fatalf("mention %d still at version %d", id, v)
		}
	}
}
