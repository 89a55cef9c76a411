package views

import (
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/shared/human"
)

// OpeningTitle is the title of the window shown while a data folder takes
// long to open.
const OpeningTitle = "Rapport — opening"

// OpeningStep is how far a slow open has got: a step of updating the
// folder for this version (Step 0: checking its files first), Done of
// Total Unit (Total 0: unknown; Estimate: about Total).
type OpeningStep struct {
	Step, Steps int
	Name        string
	Done, Total int64
	Estimate    bool
	Unit        string
}

// Opening is the small window shown while a data folder opens slowly (an
// update of an older folder can take minutes), before the main window.
type Opening struct {
	app     fyne.App
	win     fyne.Window
	stop    func()
	now     func() time.Time
	heading *widget.Label
	step    *widget.Label
	count   *widget.Label
	bar     *widget.ProgressBar
	spin    *widget.ProgressBarInfinite
	quit    *widget.Button
	current OpeningStep
	// The step's pace is measured from its first report of work done (a
	// step that goes on where a stopped open left it starts past 0).
	paceAt   time.Time
	paceFrom int64
	stopping bool
	closed   bool
}

// ShowOpening shows the opening window for the data folder dir. Quit,
// Escape and closing the window call stop (once), which asks the open to
// stop after its current transaction; the caller then quits the app.
// now is the clock (nil: time.Now).
func ShowOpening(a fyne.App, dir string, stop func(), now func() time.Time) *Opening {
	if now == nil {
		now = time.Now
	}
	a.Settings().SetTheme(newTheme())
	o := &Opening{app: a, win: a.NewWindow(OpeningTitle), stop: stop, now: now}
	o.heading = widget.NewLabelWithStyle("Opening your data folder…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	folder := widget.NewLabel(dir)
	folder.Wrapping = fyne.TextWrapBreak
	// The step's two lines are there from the start, empty, so that the
	// window keeps its size.
	o.step = widget.NewLabel("")
	o.step.Wrapping = fyne.TextWrapWord
	o.bar = widget.NewProgressBar()
	o.bar.Hide()
	o.spin = widget.NewProgressBarInfinite()
	o.count = widget.NewLabel("")
	note := widget.NewLabel("Quitting is safe: what is done is kept, and the rest goes on the next time you open this folder.")
	note.Wrapping = fyne.TextWrapWord
	// italic, not LowImportance: that is the disabled colour, too faint to
	// read on the light theme
	note.TextStyle = fyne.TextStyle{Italic: true}
	o.quit = widget.NewButton("Quit", o.onQuit)
	buttons := container.NewHBox(layout.NewSpacer(), o.quit)
	body := container.NewVBox(o.heading, folder, o.step, container.NewStack(o.bar, o.spin), o.count, note)
	o.win.SetContent(container.NewPadded(container.NewBorder(nil, buttons, nil, nil, body)))
	o.win.SetCloseIntercept(o.onQuit)
	o.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			o.onQuit()
		}
	})
	o.win.Resize(fyne.NewSize(480, 0))
	o.win.CenterOnScreen()
	o.win.Show()
	return o
}

// Window is the opening window (for tests).
func (o *Opening) Window() fyne.Window { return o.win }

// Set shows how far the open has got. On the UI goroutine.
func (o *Opening) Set(p OpeningStep) {
	if o.closed {
		return
	}
	if p.Step != o.current.Step || p.Name != o.current.Name {
		o.paceAt = time.Time{}
	}
	if o.paceAt.IsZero() && p.Done > 0 {
		o.paceAt, o.paceFrom = o.now(), p.Done
	}
	o.current = p
	if o.stopping {
		return // the heading says it is stopping
	}
	if p.Step > 0 {
		o.heading.SetText("Updating your data folder for this version of Rapport…")
	}
	o.step.SetText(openingStepText(p))
	o.count.SetText(openingCount(p, p.Done-o.paceFrom, o.now().Sub(o.paceAt)))
	if p.Total == 0 {
		o.bar.Hide()
		o.spin.Show()
		o.spin.Start()
		return
	}
	o.spin.Stop()
	o.spin.Hide()
	v := float64(p.Done) / float64(p.Total)
	if p.Estimate {
		v = min(v, 0.99) // not full before the step is done
	}
	o.bar.SetValue(v)
	o.bar.Show()
}

// Close closes the window once the main window (or an error) is up. On the
// UI goroutine.
func (o *Opening) Close() {
	if o.closed {
		return
	}
	o.closed = true
	o.spin.Stop()
	o.win.Close()
}

// onQuit asks the open to stop; the caller quits once it has.
func (o *Opening) onQuit() {
	if o.stopping || o.closed {
		return
	}
	o.stopping = true
	o.quit.Disable()
	o.heading.SetText("Stopping… what is done so far is kept.")
	if o.stop != nil {
		o.stop()
	}
}

// openingStepText is "Step 1 of 2: What the step does".
func openingStepText(p OpeningStep) string {
	name := p.Name
	if r, n := utf8.DecodeRuneInString(name); n > 0 {
		name = string(unicode.ToUpper(r)) + name[n:]
	}
	if p.Steps > 1 {
		return fmt.Sprintf("Step %d of %d: %s.", p.Step, p.Steps, name)
	}
	return name + "."
}

// openingCount says how far the step has got and, once it has run a while,
// about how long is left at its pace so far (did in took).
func openingCount(p OpeningStep, did int64, took time.Duration) string {
	unit := p.Unit
	if unit == "" {
		unit = "done"
	}
	if p.Done == 0 && p.Total == 0 {
		return "Starting…"
	}
	s := human.Progress(p.Done, p.Total, p.Estimate, unit)
	if p.Done >= p.Total { // no total, or it was passed
		return s
	}
	if left := timeLeft(did, p.Total-p.Done, took); left != "" {
		s += " · " + left
	}
	return s
}

// timeLeft is "about 3 minutes left" for rest at the pace of did in took,
// once there is enough of both to say.
func timeLeft(did, rest int64, took time.Duration) string {
	if did <= 0 || took < 3*time.Second {
		return ""
	}
	left := time.Duration(float64(took) * float64(rest) / float64(did))
	switch {
	case left < time.Minute:
		return "less than a minute left"
	case left < 90*time.Second:
		return "about a minute left"
	default:
		return fmt.Sprintf("about %d minutes left", int(left.Round(time.Minute)/time.Minute))
	}
}
