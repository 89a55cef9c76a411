package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// longDelay splits the tests' delays: shorter ones (a pause in typing)
// run with the queue as if no time passed; longer ones (an Undo offered
// for seconds) wait until the test lets the time pass with elapse.
const longDelay = time.Second

// after is the tests' Env.After.
func (q *workQueue) after(d time.Duration, fn func()) {
	if d < longDelay {
		q.add(fn)
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.later = append(q.later, fn)
}

// elapse lets the long delays pass: their work runs, then the queue drains.
func (q *workQueue) elapse() {
	q.drain()
	q.mu.Lock()
	fns := q.later
	q.later = nil
	q.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
	q.drain()
}

// findButtonWithIcon finds the first button without text (an icon only,
// such as a bar's close button).
func findButtonWithIcon(o fyne.CanvasObject) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" && found == nil {
			found = b
		}
	})
	return found
}

// reset ends a test's background work: what is queued runs (while the
// test's app and store are still there), and long delays that never came
// are dropped, so no test's work runs in the next one against a closed
// store.
func (q *workQueue) reset() {
	q.drain()
	q.mu.Lock()
	q.later = nil
	q.mu.Unlock()
}
