package main

import (
	"os"
	"os/exec"
	"testing"
)

// TestXvfbStartsOnAFreeDisplay: the window is measured on a display Xvfb
// picks itself; one left as a stale socket by a killed server is no reason
// to skip the measure (it was: "no free X display").
func TestXvfbStartsOnAFreeDisplay(t *testing.T) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("no Xvfb")
	}
	defer os.Setenv("DISPLAY", os.Getenv("DISPLAY"))
	display, stop, err := startXvfb()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if err := exec.Command("xdpyinfo", "-display", display).Run(); err != nil {
		if _, lerr := exec.LookPath("xdpyinfo"); lerr == nil {
			t.Errorf("display %s does not answer: %v", display, err)
		}
	}
}
