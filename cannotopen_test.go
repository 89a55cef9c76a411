package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

func TestTheWindowSaysWhyTheFolderCannotBeOpened(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		title    string
		mustHave []string
	}{
		{"another Rapport has it", workspace.ErrLocked, "Rapport is already running", []string{"already running"}},
		{
			"damaged", &storage.DamagedError{Dir: "/d", Problems: []string{"the MANIFEST file is missing"}},
			"Rapport's data folder is damaged",
			[]string{"MANIFEST", `rapport --data "/d" repair`, "backup"},
		},
		{"anything else", errors.New("permission denied"), "Rapport could not open its data folder", []string{"permission denied"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, msg := cannotOpen("/d", tt.err)
			if title != tt.title {
				t.Errorf("title %q, want %q", title, tt.title)
			}
			for _, s := range tt.mustHave {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
		})
	}
}
