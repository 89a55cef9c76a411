package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/storage"
)

func TestTheSamplesSourcesSayWhyTheyArePaused(t *testing.T) {
	// Given the sample workspace, whose sources are paused
	w := workspacetest.Sample(t, time.Now())
	s := New(Params{Store: w.Store, Ingest: w.Ingest, Events: w.Events, Log: w.Log})
	vs, err := s.List()
	if err != nil || len(vs) == 0 {
		t.Fatalf("%d sources, %v", len(vs), err)
	}
	// Then each says it is sample data kept offline, not a bare "Paused"
	for _, v := range vs {
		short, long := v.PauseNote()
		if !v.Disabled || v.PausedWhy != PausedSample || !strings.Contains(short, "sample") ||
			!strings.Contains(long, "works offline") {
			t.Errorf("%s: disabled %v, why %q, note %q / %q", v.Name, v.Disabled, v.PausedWhy, short, long)
		}
	}
	// When the owner turns one on, the note goes
	id := vs[0].ID
	if err := s.Update(id, Edit{Folder: vs[0].Folder}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(id, Edit{Folder: vs[0].Folder, Disabled: true}); err != nil {
		t.Fatal(err)
	}
	vs, _ = s.List()
	for _, v := range vs {
		if v.ID == id {
			if short, _ := v.PauseNote(); v.PausedWhy != "" || short == "" || strings.Contains(short, "sample") {
				t.Errorf("paused again by the owner: why %q, note %q", v.PausedWhy, short)
			}
		}
	}
}

func TestPauseNote(t *testing.T) {
	t.Parallel()
	checked := storage.SourceHealth{LastCheck: time.Now().Add(-time.Hour)}
	for _, tt := range []struct {
		name string
		v    SourceView
		want string
	}{
		{"running", SourceView{Source: storage.Source{Health: checked}}, ""},
		{"sample", SourceView{Source: storage.Source{Disabled: true}, Mentions: 42, PausedWhy: PausedSample}, "Paused · sample data, kept offline"},
		{"from a file", SourceView{Source: storage.Source{Disabled: true}, Mentions: 3}, "Paused · never fetched; its mentions came from a file"},
		{"new", SourceView{Source: storage.Source{Disabled: true}}, "Paused before its first check"},
		{"by the owner", SourceView{Source: storage.Source{Disabled: true, Health: checked}, Mentions: 3}, "Paused by you"},
	} {
		short, long := tt.v.PauseNote()
		if short != tt.want || (short == "") != (long == "") {
			t.Errorf("%s: %q / %q, want %q", tt.name, short, long, tt.want)
		}
	}
}
