package monitor

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

// Service watches the sources of one workspace.
type Service struct {
	w      *workspace.Workspace
	client *fetch.Client
	now    func() time.Time
	rnd    func() float64

	mu      sync.Mutex
	running map[uint64]bool // sources being checked right now

	// reading bounds how many fetched feeds are parsed and stored at once.
	// Reading is work for the processor, so more at once is not faster,
	// and each costs memory while it runs: with several large feeds
	// fetched together, the others wait here.
	reading chan struct{}
}

// maxReading is how many feeds are read at once.
const maxReading = 2

// New returns the monitor of a workspace, fetching with client.
func New(w *workspace.Workspace, client *fetch.Client) *Service {
	return &Service{
		w: w, client: client, now: time.Now, rnd: rand.Float64, running: map[uint64]bool{},
		reading: make(chan struct{}, maxReading),
	}
}

// begin marks a source as being checked; false if it already is, so two
// checks of one source never overlap.
func (s *Service) begin(id uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running[id] {
		return false
	}
	s.running[id] = true
	return true
}

func (s *Service) end(id uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.running, id)
}
