package workspace

import (
	"slices"
	"sync"
)

// MentionsChanged says that mentions were added or changed; IDs lists the
// new ones when known.
type MentionsChanged struct {
	IDs []uint64
}

// Events carries domain events from the engine to whoever listens (the
// UI), as typed signals: listeners are called on their own goroutine, never
// on the emitter's, so a slow listener cannot stall ingest.
type Events struct {
	mu       sync.Mutex
	mentions []func(MentionsChanged)
	closed   bool
}

// NewEvents returns an empty event hub.
func NewEvents() *Events { return &Events{} }

// OnMentionsChanged registers a listener.
func (e *Events) OnMentionsChanged(fn func(MentionsChanged)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.mentions = append(e.mentions, fn)
}

// EmitMentionsChanged notifies every listener.
func (e *Events) EmitMentionsChanged(ev MentionsChanged) {
	e.mu.Lock()
	fns := slices.Clone(e.mentions)
	closed := e.closed
	e.mu.Unlock()
	if closed {
		return
	}
	for _, fn := range fns {
		go fn(ev)
	}
}

// Close stops delivering events.
func (e *Events) Close() {
	e.mu.Lock()
	e.closed = true
	e.mu.Unlock()
}
