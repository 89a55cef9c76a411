package understand

import (
	"slices"
	"strings"
	"sync"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

// Version marks analyses made by this code; ReanalyzeOutdated refreshes
// older ones. 2: the author's words only, the learned layer, the reading
// of polarity from intents (issue 13). 3: the learned layer retrained with
// the know/go supplement posts (testdata/posts/supplement-know-go.tsv).
const Version = 3

// Service analyses mentions with the workspace's configuration and what it
// learned from the owner's corrections (learn.go).
type Service struct {
	mu       sync.RWMutex
	cfg      analyze.Config
	an       *analyze.Analyzer // with the personal layer, when there is one
	personal *analyze.Personal
	learned  LearnStats
	gen      uint64 // counts the changes of an (Generation)
}

// New returns a service using cfg.
func New(cfg analyze.Config) *Service {
	return &Service{cfg: cfg, an: analyze.New(cfg)}
}

// Config is the configuration in use.
func (s *Service) Config() analyze.Config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cfg
}

// SetConfig replaces the configuration (the owner edited touch points,
// brand names or the promise); call Reanalyze to apply it to history.
func (s *Service) SetConfig(cfg analyze.Config) {
	an := analyze.New(cfg)
	s.mu.Lock()
	s.cfg, s.an = cfg, an.WithPersonal(s.personal)
	s.gen++
	s.mu.Unlock()
}

// Generation changes whenever the analyser in use does (SetConfig, or a
// correction learned): an analysis made before may read differently now.
func (s *Service) Generation() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.gen
}

// Analyzer is the analyser in use.
func (s *Service) Analyzer() *analyze.Analyzer {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.an
}

// Text is what of a mention gets analysed: title and text, without the
// title twice when the text starts with it, and without titles that only
// say where a comment was posted (Hacker News: `New comment by x in
// "story"`), whose story's words are not the commenter's.
func Text(m *storage.Mention) string {
	switch {
	case m.Title == "" || strings.HasPrefix(m.Title, "New comment by "):
		return m.Text
	case m.Text == "":
		return m.Title
	case strings.HasPrefix(m.Text, m.Title):
		return m.Text
	}
	return m.Title + "\n" + m.Text
}

// Read analyses one text.
func (s *Service) Read(text string) analyze.Result { return s.Analyzer().Analyze(text) }

// ReadMention analyses a mention's text as its author's words (the
// author's name in it is not evidence). Apply and Why? both use it.
func (s *Service) ReadMention(m *storage.Mention) analyze.Result {
	return s.Analyzer().AnalyzeBy(Text(m), m.Author)
}

// Apply analyses a mention and sets its Analysis, with the owner's
// corrections taking precedence, and its priority. author may be nil.
func (s *Service) Apply(m *storage.Mention, author *storage.Person) {
	s.ApplyAnalysis(m, author, s.Analysis(m))
}

// Analysis is the slow part of Apply: what the analyser reads in m,
// before the owner's corrections and the priority. It reads only m's
// Title, Text and Author and is safe on any goroutine, so an import can
// analyse entries ahead of the transactions that store them.
func (s *Service) Analysis(m *storage.Mention) storage.Analysis {
	r := s.ReadMention(m)
	a := storage.Analysis{
		Analysed: r.Analysed, Reason: r.Reason, Sentiment: round3(r.Sentiment), Polarity: r.Polarity,
		Promise: r.Promise, Version: Version,
	}
	for _, l := range r.Intents {
		a.Intents = append(a.Intents, l.Name)
	}
	for _, l := range r.TouchPoints {
		a.TouchPoints = append(a.TouchPoints, l.Name)
	}
	if !r.Analysed {
		a.Polarity = ""
	}
	return a
}

// ApplyAnalysis sets m's Analysis to a, from Analysis(m), with the owner's
// corrections taking precedence, and its priority. author may be nil.
func (s *Service) ApplyAnalysis(m *storage.Mention, author *storage.Person, a storage.Analysis) {
	Correct(&a, m.Corrected)
	a.Priority, a.Why = score(a, author, m.Reach)
	m.Analysis = a
}

// Correct lets the owner's reading win over the analyser's.
func Correct(a *storage.Analysis, c *storage.Correction) {
	if c == nil {
		return
	}
	if c.Polarity != "" {
		a.Polarity = c.Polarity
		if !a.Analysed {
			a.Analysed = true
			a.Reason = ""
		}
	}
	if c.Intents != nil {
		a.Intents = slices.Clone(c.Intents)
	}
	if c.TouchPoints != nil {
		a.TouchPoints = slices.Clone(c.TouchPoints)
	}
}

func round3(f float64) float64 {
	return float64(int64(f*1000+sign(f)*0.5)) / 1000
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
