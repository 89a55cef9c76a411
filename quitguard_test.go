package main

import (
	"testing"
	"time"
)

func TestQuitGuard(t *testing.T) {
	cases := []struct {
		name      string
		quit, ran bool
		wantStuck bool
	}{
		{name: "Run returns after a quit", quit: true, ran: true},
		{name: "Run returns without a quit asked for (the last window closed by the toolkit)", ran: true},
		{name: "Run never returns after a quit", quit: true, wantStuck: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newQuitGuard()
			stuck := make(chan struct{})
			ended := make(chan struct{})
			go func() {
				defer close(ended)
				g.watch(50*time.Millisecond, func() { close(stuck) })
			}()
			if c.quit {
				g.quit()
				g.quit() // a second route quitting too
			}
			if c.ran {
				g.ran()
			}
			select {
			case <-ended:
			case <-time.After(10 * time.Second):
				t.Fatal("the guard did not end")
			}
			select {
			case <-stuck:
				if !c.wantStuck {
					t.Error("the guard ended the process although Run returned")
				}
			default:
				if c.wantStuck {
					t.Error("the guard let a Run that never returns hold the process")
				}
			}
		})
	}
}
