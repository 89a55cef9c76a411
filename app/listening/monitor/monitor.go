package monitor

import (
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/ingest"
	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Service watches the sources of one workspace.
type Service struct {
	p      Params
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

// Params is what the monitor is built from.
type Params struct {
	Store  *storage.Store
	Ingest *ingest.Service   // stores what feeds bring
	Events *workspace.Events // told of new mentions
	Log    *slog.Logger
	Client *fetch.Client // fetches feeds politely
	// Secrets keeps feeds' passwords (nil: the system keyring, or the
	// store where there is none).
	Secrets *secrets.Vault
}

// maxReading is how many feeds are read at once.
const maxReading = 2

// New returns the monitor.
func New(p Params) *Service {
	if p.Log == nil {
		p.Log = slog.Default()
	}
	return &Service{
		p: p, client: p.Client, now: time.Now, rnd: rand.Float64, running: map[uint64]bool{},
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
