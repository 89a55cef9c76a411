package views

import (
	"slices"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/people/crm"
)

// The fake's side of the services the contacts and sources screens added
// (held erases, OPML preview); fake_test.go has the rest.

func (f *fakeServices) HoldErase(id uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.held = append(f.held, id)
}

func (f *fakeServices) CancelErase(id uint64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := slices.Index(f.held, id)
	if i < 0 {
		return false
	}
	f.held = slices.Delete(f.held, i, i+1)
	return true
}

func (f *fakeServices) PreviewOPML(string) (monitor.ImportPreview, error) {
	return monitor.ImportPreview{}, nil
}

func (f *fakeServices) UndoAccept(crm.Suggestion) error { return nil }
