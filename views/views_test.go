package views

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// workQueue stands in for Env.Go in tests: background work waits in the
// queue until the test goroutine (the UI goroutine of Fyne's test driver)
// runs it, so widgets are only ever touched from one goroutine.
type workQueue struct {
	mu    sync.Mutex
	fns   []func()
	later []func() // long delays, run by elapse (clock_test.go)
}

func (q *workQueue) add(fn func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.fns = append(q.fns, fn)
}

func (q *workQueue) drain() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, fn := range fns {
			fn()
		}
	}
}

// runFirst runs only the work queued first, leaving the rest queued: a
// test decides the order in which background answers arrive.
func (q *workQueue) runFirst() {
	q.mu.Lock()
	fn := q.fns[0]
	q.fns = q.fns[1:]
	q.mu.Unlock()
	fn()
}

// work is the tests' queue: every window and screen a test builds runs
// its background work here (testEnv, newWindow).
var work = &workQueue{}

// testEnv is an Env whose work waits in the queue.
func testEnv(win fyne.Window, onError func(error)) Env {
	return Env{Win: win, OnError: onError, Go: work.add, After: work.after}
}

// eventually runs queued background work until cond holds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		work.drain()
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting until %s", what)
}

func newWindow(t *testing.T, svc Services) *MainWindow {
	t.Helper()
	work.drain()
	a := test.NewTempApp(t)
	t.Cleanup(work.reset) // before the app goes: no work of this test outlives it
	m := NewMainWindow(a, WindowDeps{Svc: svc, Go: work.add, After: work.after})
	t.Cleanup(func() { keysOfWindows.Delete(m.Win.Canvas()) })
	m.Start()
	return m
}

func TestNavigationShowsEveryArea(t *testing.T) {
	// Given a window on the sample workspace
	m, _ := sampleWindow(t)
	want := []string{"Today", "Inbox", "Contacts", "Sources", "Insights", "Settings"}
	if got := len(m.tabs.Items); got != len(want) {
		t.Fatalf("%d areas, want %d", got, len(want))
	}
	for i, name := range want {
		// When the user selects the area
		m.tabs.SelectIndex(i)
		work.drain()
		// Then it is shown and is not an empty pane
		item := m.tabs.Selected()
		if item.Text != name {
			t.Errorf("area %d is %q, want %q", i, item.Text, name)
		}
		if labels := collectText(item.Content); len(labels) < 30 && name != "Inbox" && name != "Today" {
			t.Errorf("%s shows too little: %q", name, labels)
		}
	}
}

func TestInboxListsNewestFirstAndShowsDetail(t *testing.T) {
	// Given 200 mentions
	svc := newFake(200)
	m := newWindow(t, svc)
	m.Win.Resize(fyne.NewSize(1000, 700))
	in := m.inbox
	eventually(t, "the list is filled", func() bool { return in.list.Length() == 200 })
	// Then the count says so and the first row is the newest
	eventually(t, "the count is shown", func() bool { return in.count.Text == "200 mentions, most important first" })
	eventually(t, "the first rows are loaded", func() bool { _, ok := in.rows[1]; return ok })
	// And only the pages in view were loaded, not all 200 rows
	svc.mu.Lock()
	calls := svc.rowCalls
	svc.mu.Unlock()
	if calls > 2 {
		t.Errorf("%d row pages loaded for one screen: the list is not virtualised", calls)
	}
	// And the first mention is selected and shown with its highlights
	eventually(t, "the detail shows mention 1", func() bool {
		return strings.Contains(richText(in.detail.text), "Body of mention 1")
	})
	if !strings.Contains(in.detail.meta.Text, "author1") || !strings.Contains(in.detail.rules.Text, "Brand mentions") {
		t.Errorf("detail meta %q rules %q", in.detail.meta.Text, in.detail.rules.Text)
	}
	if !hasHighlight(in.detail.text, "Ember & Oak") {
		t.Error("the matched words are not highlighted")
	}
	if in.detail.open.Disabled() {
		t.Error("Open original is disabled for an https link")
	}
	// When the user picks another row
	in.list.Select(4)
	eventually(t, "the detail shows mention 5", func() bool {
		return strings.Contains(richText(in.detail.text), "Body of mention 5")
	})
}

func TestDetailListsCopiesAndOpensThem(t *testing.T) {
	// Given mention 1 was also posted as mention 7, on Bluesky
	svc := newFake(10)
	when := time.Now().Add(-3 * time.Hour)
	svc.copies = map[uint64][]inbox.Copy{1: {{ID: 7, Author: "author7", Sources: []string{"Bluesky"}, Time: when}}}
	m := newWindow(t, svc)
	d := m.inbox.detail
	eventually(t, "mention 1 shows", func() bool { return strings.Contains(richText(d.text), "Body of mention 1") })
	// Then the detail says so, with a button that names the copy
	var link *widget.Hyperlink
	walk(d.copies, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Hyperlink); ok && l.Text == "Also posted by author7 · Bluesky · 3 h ago" {
			link = l
		}
	})
	if !d.copies.Visible() || link == nil {
		t.Fatalf("no link to the copy (copies visible %v)", d.copies.Visible())
	}
	// When the user taps it, the copy is selected in the list and shown
	test.TapAt(link, fyne.NewPos(link.Size().Width/4, link.Size().Height/2))
	eventually(t, "mention 7 shows", func() bool { return strings.Contains(richText(d.text), "Body of mention 7") })
	if d.copies.Visible() {
		t.Error("mention 7 has no copies listed, but the copies line still shows")
	}
	if sel := m.inbox.list; sel == nil || m.inbox.selected != 7 {
		t.Errorf("the list selection is %d, want the copy (7)", m.inbox.selected)
	}
}

// A mention that matched no watch rule leaves no blank line where the
// rules would be named (found walking the window at 1024×640).
func TestDetailHidesTheRulesLineWhenNoneMatched(t *testing.T) {
	svc := newFake(2)
	svc.noRules = map[uint64]bool{2: true}
	m := newWindow(t, svc)
	d := m.inbox.detail
	eventually(t, "mention 1 shows", func() bool { return strings.Contains(richText(d.text), "Body of mention 1") })
	if !d.rules.Visible() || d.rules.Text != "Matched: Brand mentions" {
		t.Errorf("mention 1's rules line: visible %v, %q", d.rules.Visible(), d.rules.Text)
	}
	m.inbox.list.Select(1)
	eventually(t, "mention 2 shows", func() bool { return strings.Contains(richText(d.text), "Body of mention 2") })
	if d.rules.Visible() {
		t.Error("mention 2 matched no rule, but its rules line still takes a line")
	}
	m.inbox.list.Select(0)
	eventually(t, "mention 1 shows again", func() bool { return strings.Contains(richText(d.text), "Body of mention 1") })
	if !d.rules.Visible() {
		t.Error("the rules line stays hidden for a mention that matched one")
	}
}

func TestOpenOriginalIsOffForUnsafeLinks(t *testing.T) {
	svc := newFake(2)
	svc.links[1] = "javascript:alert(1)"
	m := newWindow(t, svc)
	eventually(t, "mention 1 shows", func() bool { return strings.Contains(richText(m.inbox.detail.text), "mention 1") })
	if !m.inbox.detail.open.Disabled() {
		t.Error("Open original is enabled for a javascript: link")
	}
}

func TestEmptyWorkspaceWelcomesAndLoadsTheSample(t *testing.T) {
	// Given an empty workspace
	svc := newFake(0)
	m := newWindow(t, svc)
	// Then the inbox explains what to do and a welcome dialog offers the sample
	eventually(t, "the empty state shows", func() bool {
		return strings.Contains(collectText(m.inbox.Content()), "Your inbox is empty")
	})
	eventually(t, "the welcome dialog shows", func() bool { return m.welcome != nil })
	btn := findButton(m.Win.Canvas().Overlays().Top(), "Try the sample workspace")
	if btn == nil {
		t.Fatal("no 'Try the sample workspace' button in the welcome dialog")
	}
	if findButton(m.Win.Canvas().Overlays().Top(), "Not now") == nil {
		t.Fatal("no 'Not now' button in the welcome dialog")
	}
	// When the user takes the sample
	test.Tap(btn)
	// Then it is loaded and the inbox fills
	eventually(t, "the sample is loaded into the inbox", func() bool { return m.inbox.list.Length() == 5 })
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if !svc.sampled {
		t.Error("LoadSample was not called")
	}
}

func TestMentionsChangedReloadsTheInbox(t *testing.T) {
	svc := newFake(2)
	m := newWindow(t, svc)
	eventually(t, "two mentions", func() bool { return m.inbox.list.Length() == 2 })
	n := newFake(7)
	svc.mu.Lock()
	svc.rows, svc.texts, svc.links = n.rows, n.texts, n.links
	listeners := svc.changed
	svc.mu.Unlock()
	for _, fn := range listeners {
		fn() // as the engine would, from its own goroutine; the UI hands over with fyne.Do
	}
	eventually(t, "seven mentions after the event", func() bool { return m.inbox.list.Length() == 7 })
}

func TestSettingsShowsTheDataFolder(t *testing.T) {
	m := newWindow(t, newFake(1))
	m.tabs.SelectIndex(tabSettings)
	eventually(t, "the folder shows", func() bool { return m.settings.folder.Text == "/tmp/rapport-data" })
	if !strings.Contains(m.settings.counts.Text, "1 mention ·") || !strings.Contains(m.settings.version.Text, "schema 2") {
		t.Errorf("counts %q version %q", m.settings.counts.Text, m.settings.version.Text)
	}
}

func TestShortcutsSwitchAreas(t *testing.T) {
	m := newWindow(t, newFake(1))
	// The test canvas runs no shortcut: the window's, as the canvas has them.
	for i, k := range areaKeys {
		if !typeWindowShortcut(m.Win.Canvas(), &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}) {
			t.Fatalf("Ctrl+%s is not one of the window's shortcuts", k)
		}
		if got := m.tabs.SelectedIndex(); got != i {
			t.Errorf("Ctrl+%s selected area %d, want %d", k, got, i)
		}
	}
}

// A field with the focus takes every shortcut typed (Fyne gives it the
// shortcut instead of the window's): the search boxes hand Ctrl+1…6 and
// Ctrl+Q on, which a user typing a search found did nothing.
func TestShortcutsWorkWhileTypingInASearch(t *testing.T) {
	m := newWindow(t, newFake(1))
	c := m.Win.Canvas()
	type field struct {
		name  string
		area  int
		entry fyne.Focusable
	}
	for _, f := range []field{{"inbox search", tabInbox, m.inbox.search}, {"contacts search", tabContacts, m.contacts.search}} {
		for i, k := range areaKeys {
			m.tabs.SelectIndex(f.area)
			c.Focus(f.entry)
			focused, ok := c.Focused().(fyne.Shortcutable)
			if !ok {
				t.Fatalf("%s: the focused %T takes no shortcut", f.name, c.Focused())
			}
			focused.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
			if got := m.tabs.SelectedIndex(); got != i {
				t.Errorf("Ctrl+%s in the %s selected area %d, want %d", k, f.name, got, i)
			}
		}
	}
	// The entry's own shortcuts stay its own: Ctrl+A selects the text.
	m.tabs.SelectIndex(tabInbox)
	test.Type(m.inbox.search, "oat milk")
	c.Focus(m.inbox.search)
	m.inbox.search.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := m.inbox.search.SelectedText(); got != "oat milk" {
		t.Errorf("Ctrl+A in the search selected %q", got)
	}
	// Ctrl+Q quits as the close button does, remembering the size.
	m.Win.Resize(fyne.NewSize(1111, 777))
	c.Focus(m.inbox.search)
	m.inbox.search.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault})
	if w := m.app.Preferences().Float(prefWindowWidth); w < 1000 {
		t.Errorf("Ctrl+Q in the search: the window's width kept is %v, want the window closed as by its button", w)
	}
}

func TestHighlightSegments(t *testing.T) {
	text := "café Ember & Oak\nnext Oak"
	segs := highlightSegments(text, [][2]int{{6, 17}, {23, 26}}, widget.RichTextStyleParagraph)
	var got []string
	for _, s := range segs {
		ts := s.(*widget.TextSegment)
		mark := ""
		if ts.Style.ColorName == colorNameHighlight {
			mark = "*"
		}
		got = append(got, mark+ts.Text)
	}
	want := []string{"café ", "*Ember & Oak", "", "next ", "*Oak", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("segments %q, want %q", got, want)
	}
}

// collectText gathers the text of labels, rich texts and buttons in a tree.
func collectText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + " ")
		case *widget.RichText:
			b.WriteString(richText(w) + " ")
		case *widget.Button:
			b.WriteString(w.Text + " ")
		}
	})
	return b.String()
}

func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			walk(k, fn)
		}
	case *container.Scroll:
		walk(c.Content, fn)
	case *container.Split:
		walk(c.Leading, fn)
		walk(c.Trailing, fn)
	case fyne.Widget:
		if _, ok := o.(*widget.Label); ok {
			return
		}
		r := test.WidgetRenderer(c)
		for _, k := range r.Objects() {
			walk(k, fn)
		}
	}
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	return found
}

func richText(r *widget.RichText) string {
	var b strings.Builder
	for _, s := range r.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			b.WriteString(ts.Text)
		}
	}
	return b.String()
}

func hasHighlight(r *widget.RichText, text string) bool {
	for _, s := range r.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Text == text && ts.Style.ColorName == colorNameHighlight {
			return true
		}
	}
	return false
}

func TestFiltersReachTheService(t *testing.T) {
	svc := newFake(3)
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "loaded", func() bool { return in.list.Length() == 3 })
	// When the user sorts by newest and picks an intent and a sentiment
	in.sortSel.SetSelected(sortNewestLabel)
	in.intentSel.SetSelected("complaint")
	in.moodSel.SetSelected("negative")
	eventually(t, "the filter reaches the service", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		f := svc.lastFilter
		return f.Sort == inbox.SortNewest && f.Intent == "complaint" && f.Polarity == "negative"
	})
}

func TestDetailShowsTheReadingAndItsCues(t *testing.T) {
	svc := newFake(2)
	m := newWindow(t, svc)
	d := m.inbox.detail
	eventually(t, "mention 1 shows", func() bool { return strings.Contains(richText(d.text), "mention 1") })
	if len(d.chips.Objects) != 3 {
		t.Errorf("%d chips, want sentiment, intent and touch point", len(d.chips.Objects))
	}
	if !strings.Contains(d.why.Text, "Priority 30: praise · positive · stranger") {
		t.Errorf("why = %q", d.why.Text)
	}
	test.Tap(d.explain)
	eventually(t, "the cues show", func() bool { return d.cues.Visible() && strings.Contains(d.cues.Text, "'love' +1.60") })
	test.Tap(d.explain)
	if d.cues.Visible() {
		t.Error("Why? does not hide the cues again")
	}
}

func TestCorrectionIsSaved(t *testing.T) {
	svc := newFake(2)
	m := newWindow(t, svc)
	d := m.inbox.detail
	eventually(t, "mention 1 shows", func() bool { return strings.Contains(richText(d.text), "mention 1") })
	d.saveCorrection(1, &inbox.Correction{Polarity: "negative", Intents: []string{"complaint"}})
	eventually(t, "the correction is shown", func() bool { return strings.Contains(d.why.Text, "corrected by you") })
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if c := svc.corrections[1]; c == nil || c.Polarity != "negative" {
		t.Errorf("correction %+v", c)
	}
}

// A query that matches more mentions than the inbox lists (its newest
// 10,000) says so, in the list's count and in a saved view's count.
func TestAQueryThatMatchesMoreThanItListsSaysSo(t *testing.T) {
	svc := newFake(30)
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "the list is filled", func() bool { return in.list.Length() == 30 })
	test.Type(in.search, "many")
	in.runSearch()
	want := "30 of the search's newest 10,000 matches"
	eventually(t, "the count says there are more", func() bool { return in.count.Text == want })
	if _, err := svc.SaveView(inbox.View{Name: "Many", Filter: inbox.Filter{Query: "many"}}); err != nil {
		t.Fatal(err)
	}
	in.reloadViews()
	eventually(t, "the saved view's count says there are more", func() bool {
		return len(in.counts) == len(inbox.BuiltInViews())+1 && viewCount(in.counts[len(in.counts)-1]) == "30+"
	})
	in.search.SetText("")
	in.runSearch()
	eventually(t, "a plain count again", func() bool { return in.count.Text == "30 mentions, most important first" })
}

// Six-digit counts no longer cut the views' names short ("All menti…"
// beside "100,000" at 1024 px): they are rounded down in that column.
func TestViewCountsFitTheColumnOfViews(t *testing.T) {
	for _, tc := range []struct {
		c    inbox.Count
		want string
	}{
		{inbox.Count{N: 35573}, "35,573"},
		{inbox.Count{N: 100_000}, "100k"},
		{inbox.Count{N: 1_000_000}, "1.0M"},
		{inbox.Count{N: 10_000, More: true}, "10,000+"},
		{inbox.Count{N: 0, More: true}, "0+"},
	} {
		if got := viewCount(tc.c); got != tc.want {
			t.Errorf("viewCount(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// Actions in quick succession count the views once more after the count
// that is running, not once each: counting a view with a search takes
// seconds on a large workspace.
func TestViewCountsAreReadOneAtATime(t *testing.T) {
	svc := newFake(30)
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "the views are counted", func() bool { return len(in.counts) == len(inbox.BuiltInViews()) })
	svc.mu.Lock()
	svc.countCalls = 0
	svc.mu.Unlock()
	for range 5 { // the first count is queued, not run yet, when the next four come
		in.reloadViews()
	}
	work.drain()
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if svc.countCalls != 2 || in.viewsBusy || in.viewsAgain {
		t.Errorf("%d counts for five reloads while one ran, want 2 (busy %v, again %v)", svc.countCalls, in.viewsBusy, in.viewsAgain)
	}
}

// TestShortcutsFitTheWindow: the list of keyboard shortcuts, in one
// column, ran 100 px past a 1024×640 window, the Close button over its
// last rows (seen on a screenshot). It now fits the window, the smallest
// one too, and lists every key, Ctrl+Q among them.
func TestShortcutsFitTheWindow(t *testing.T) {
	m := newWindow(t, newFake(1))
	for _, size := range []fyne.Size{{Width: 1024, Height: 640}, {Width: minWindowWidth, Height: minWindowHeight}} {
		m.Win.Resize(size)
		m.inbox.showShortcuts()
		top := m.Win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no shortcuts dialog")
		}
		if min := top.MinSize(); min.Width > size.Width || min.Height > size.Height {
			t.Errorf("in a %v window the shortcuts take %v", size, min)
		}
		text := collectText(top)
		for _, want := range []string{"reply", "next mention", "this list", "Ctrl+1 … 6", "Ctrl+Q", "quit Rapport", "Close"} {
			if !strings.Contains(text, want) {
				t.Errorf("in a %v window the shortcuts lack %q: %q", size, want, text)
			}
		}
		m.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // nothing focused: the window's keys
		if m.Win.Canvas().Overlays().Top() != nil {
			t.Fatal("Escape did not close the shortcuts")
		}
	}
}
