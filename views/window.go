package views

import (
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tabs of the navigation, in order.
const (
	tabToday = iota
	tabInbox
	tabContacts
	tabSources
	tabInsights
	tabSettings
)

// MainWindow is Rapport's window: navigation to the product's areas.
type MainWindow struct {
	Env
	screen func() (width, height int, ok bool)
	app    fyne.App
	svc    Services
	tabs   *container.AppTabs

	status   *statusBar
	today    *Today
	contacts *Contacts
	inbox    *Inbox
	sources  *Sources
	settings *Settings
	insights *Insights
	welcome  *dialog.CustomDialog

	askingToQuit bool // "Quit without saving?" is open
}

// WindowDeps is what the window is built from.
type WindowDeps struct {
	Svc Services
	// Go and After override how work runs off the UI goroutine (tests
	// queue it); nil: goroutines and timers.
	Go    func(fn func())
	After func(d time.Duration, fn func())
	// Open overrides how links are opened (tests record them).
	Open func(u *url.URL) error
	// Screen returns the size of the screen in pixels, read on the UI
	// goroutine once the app runs; nil or false: unknown (tests).
	Screen func() (width, height int, ok bool)
}

// NewMainWindow builds the window; call Start to load data and show it.
func NewMainWindow(a fyne.App, deps WindowDeps) *MainWindow {
	a.Settings().SetTheme(newTheme())
	svc := deps.Svc
	m := &MainWindow{app: a, svc: svc, screen: deps.Screen}
	m.Env = NewEnv(a.NewWindow("Rapport"), m.showError)
	if deps.Go != nil {
		m.Go = deps.Go
	}
	if deps.After != nil {
		m.After = deps.After
	}
	if deps.Open != nil {
		m.Open = deps.Open
	}
	env := m.Env
	m.inbox = NewInbox(InboxDeps{Env: env, Svc: svc, Replies: svc, Routing: svc, OnEmpty: m.loadSample, OnContact: m.openContact})
	m.today = NewToday(TodayDeps{Env: env, Inbox: svc, Replies: svc, OnOpen: m.openMention})
	m.contacts = NewContacts(ContactsDeps{Env: env, Svc: svc, OnReply: m.replyTo})
	m.settings = NewSettings(SettingsDeps{
		Env: env, Workspace: svc, Settings: svc, Replies: svc, Routing: svc, Inbox: svc,
		OnSampleRemoved: m.Start, Backups: backupsOf(svc),
	})
	m.sources = NewSources(SourcesDeps{Env: env, Svc: svc, OnNews: func() { m.inbox.Reload() }})
	m.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Today", theme.HomeIcon(), m.today.Content()),
		container.NewTabItemWithIcon("Inbox", theme.MailComposeIcon(), m.inbox.Content()),
		container.NewTabItemWithIcon("Contacts", theme.AccountIcon(), m.contacts.Content()),
		container.NewTabItemWithIcon("Sources", theme.StorageIcon(), m.sources.Content()),
		container.NewTabItemWithIcon("Insights", theme.GridIcon(), m.newInsights(env)),
		container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), m.settings.Content()),
	)
	m.tabs.SetTabLocation(container.TabLocationLeading)
	m.tabs.SelectIndex(tabInbox) // the app opens on the inbox; Today is one click away
	m.tabs.OnSelected = func(*container.TabItem) { m.onTabSelected(m.tabs.SelectedIndex()) }
	m.status = newStatusBar()
	m.Win.SetContent(container.NewBorder(nil, m.status.bar, nil, nil, m.tabs))
	m.Win.Resize(windowSize(a.Preferences()))
	m.Win.SetMaster()
	m.Win.SetCloseIntercept(m.onClose)
	m.addShortcuts()
	m.Win.Canvas().SetOnTypedRune(m.onTypedRune)
	m.Win.Canvas().SetOnTypedKey(m.onTypedKey)
	// The services call these on goroutines of their own; m.After hands
	// them to the UI goroutine (tests queue them for the test goroutine,
	// since Fyne's test driver would run fyne.Do on the caller's).
	svc.OnMentionsChanged(func() { m.After(0, m.reload) })
	svc.OnProgress(func(task string, done, total int) { m.After(0, func() { m.status.show(task, done, total) }) })
	svc.OnNotify(func(title, body string) {
		m.After(0, func() { a.SendNotification(fyne.NewNotification(title, body)) })
	})
	return m
}

// Window is the main window.
func (m *MainWindow) Window() fyne.Window { return m.Win }

// Start shows the window, loads the inbox and, in an empty workspace,
// welcomes the user.
func (m *MainWindow) Start() {
	m.Win.Show()
	m.trace("window shown")
	fyne.Do(m.fitScreen) // once the app runs and knows its screens
	m.reload()
	m.Go(func() {
		empty, err := m.svc.IsEmpty()
		fyne.Do(func() {
			if err != nil {
				m.showError(err)
			} else if empty {
				m.showWelcome()
			}
		})
	})
}

// fitScreen shrinks the window to the screen it opens on, when the size
// remembered (or the default) is larger: a laptop's 1024×640 screen must
// show all of it.
func (m *MainWindow) fitScreen() {
	if m.screen == nil {
		return
	}
	w, h, ok := m.screen()
	if !ok {
		return
	}
	scale := max(m.Win.Canvas().Scale(), 0.1)
	// Leave room for the window's title bar and the desktop's panels.
	fit := fitSize(m.Win.Canvas().Size(), fyne.NewSize(float32(w)/scale, float32(h)/scale))
	if fit != m.Win.Canvas().Size() {
		m.Win.Resize(fit)
	}
}

func (m *MainWindow) reload() {
	m.today.Reload()
	m.inbox.Reload()
	m.sources.Reload()
	m.settings.Reload()
}

// onTabSelected reloads the area the user opened. The focus leaves the
// area before: a widget of a hidden tab keeping it took the keys meant for
// the shown one (typing "refund" after switching back from Contacts
// archived and snoozed mentions); the inbox gives it to its list.
func (m *MainWindow) onTabSelected(tab int) {
	m.Win.Canvas().Unfocus()
	if tab == tabInbox {
		m.Win.Canvas().Focus(m.inbox.list)
	}
	switch tab {
	case tabToday:
		m.today.Reload()
	case tabInbox:
		m.inbox.Reload()
	case tabContacts:
		m.contacts.Reload()
	case tabSources:
		m.sources.Reload()
	case tabSettings:
		m.settings.Reload()
	case tabInsights:
		m.insights.Reload()
	}
}

// onTypedRune passes keys typed outside text fields to the screen shown.
func (m *MainWindow) onTypedRune(r rune) {
	if m.Win.Canvas().Overlays().Top() != nil {
		// A dialog is open: its letters are not shortcuts for the mention
		// behind it (typing a view's name once archived and snoozed).
		return
	}
	if m.tabs.SelectedIndex() == tabInbox {
		m.inbox.TypedRune(r)
	}
}

// onTypedKey answers Escape and Enter for the dialog on top (keys typed
// while no field has the focus; fields pass them on themselves).
func (m *MainWindow) onTypedKey(k *fyne.KeyEvent) {
	dialogKey(m.Win.Canvas(), k.Name)
}

// onClose remembers the window size before the app quits; with changes
// in Settings or to a source not saved, it asks first (Cancel shows them).
func (m *MainWindow) onClose() {
	settings, sources := m.settings.unsavedChanges(), m.sources.unsavedChanges()
	if len(settings)+len(sources) == 0 {
		m.quit()
		return
	}
	if m.askingToQuit { // asked already: one question is enough
		return
	}
	m.askingToQuit = true
	var what []string
	if len(settings) > 0 {
		what = append(what, listWords(settings)+" in Settings")
	}
	what = append(what, sources...)
	d := dialog.NewConfirm("Quit without saving?",
		"Your changes to "+strings.Join(what, " and to ")+" are not saved. Quit and lose them, or cancel and save them first.",
		func(quit bool) {
			m.askingToQuit = false
			if quit {
				m.quit()
				return
			}
			if len(settings) > 0 {
				m.tabs.SelectIndex(tabSettings)
			} else {
				m.tabs.SelectIndex(tabSources)
			}
		}, m.Win)
	d.SetConfirmText("Quit without saving")
	d.SetDismissText("Cancel")
	d.Show()
}

func (m *MainWindow) quit() {
	saveWindowSize(m.app.Preferences(), m.Win.Canvas().Size())
	keysOfWindows.Delete(m.Win.Canvas())
	m.Win.Close()
}

// listWords joins names as "a, b and c".
func listWords(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// replyTo opens the composer on a mention (from a contact's page).
func (m *MainWindow) replyTo(id uint64) {
	m.openMention(id)
	m.Go(func() {
		d, err := m.svc.Detail(id, "")
		onUI(err, m.showError, func() {
			m.inbox.reply(d)
		})
	})
}

// openMention shows a mention in the inbox (from Today, say).
func (m *MainWindow) openMention(id uint64) {
	m.tabs.SelectIndex(tabInbox)
	m.inbox.Open(id)
}

func (m *MainWindow) openContact(id uint64) {
	m.tabs.SelectIndex(tabContacts)
	m.contacts.open(id)
}

// addShortcuts binds Ctrl/Cmd+1…6 to the areas, and Ctrl+Q to quitting
// as the window's close button does (the window has no menu whose Quit
// would bind it; on macOS the application menu's Quit answers Cmd+Q).
// A focused entry takes every shortcut typed, and Fyne offers the
// canvas's only when nothing is focused: keyEntry hands these on to the
// window's (keysOfWindows).
func (m *MainWindow) addShortcuts() {
	keys := map[string]func(fyne.Shortcut){}
	add := func(s fyne.Shortcut, fn func(fyne.Shortcut)) {
		m.Win.Canvas().AddShortcut(s, fn)
		keys[s.ShortcutName()] = fn
	}
	for i, k := range areaKeys {
		idx := i
		add(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { m.tabs.SelectIndex(idx) })
	}
	add(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { m.onClose() })
	keysOfWindows.Store(m.Win.Canvas(), keys) // until onClose
}

// keysOfWindows holds each main window's shortcuts by its canvas, for
// the fields in it (keyEntry.TypedShortcut).
var keysOfWindows sync.Map // fyne.Canvas → map[shortcut name]func

// typeWindowShortcut runs s if it is one of the shortcuts of the window
// whose canvas is c, and reports whether it was.
func typeWindowShortcut(c fyne.Canvas, s fyne.Shortcut) bool {
	if c == nil {
		return false
	}
	keys, ok := keysOfWindows.Load(c)
	if !ok {
		return false
	}
	fn, ok := keys.(map[string]func(fyne.Shortcut))[s.ShortcutName()]
	if ok {
		fn(s)
	}
	return ok
}

// areaKeys go with Ctrl/Cmd to the areas, in the order of the tabs.
var areaKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6}

// showError tells the user what went wrong; details go to the log.
func (m *MainWindow) showError(err error) {
	slog.Error("ui", "err", err)
	dialog.ShowError(err, m.Win)
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// ShowCannotOpen tells the user why the data folder cannot be opened
// (another Rapport has it, it is damaged, …), in a small window titled
// title whose only action is to quit.
func ShowCannotOpen(a fyne.App, title, message string) {
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow(title)
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(480, 160))
	w.SetMaster()
	w.Show()
}
