package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestWindowSizeIsRememberedWithinLimits(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if got := windowSize(p); got != fyne.NewSize(defaultWindowWidth, defaultWindowHeight) {
		t.Errorf("first run: %v", got)
	}
	saveWindowSize(p, fyne.NewSize(1300, 900))
	if got := windowSize(p); got != fyne.NewSize(1300, 900) {
		t.Errorf("remembered: %v", got)
	}
	saveWindowSize(p, fyne.NewSize(10, 10)) // a minimised window is not remembered
	if got := windowSize(p); got != fyne.NewSize(1300, 900) {
		t.Errorf("after a tiny size: %v", got)
	}
	p.SetFloat(prefWindowWidth, 1e9)
	if got := windowSize(p); got.Width != maxWindowSide {
		t.Errorf("a huge stored width is clamped: %v", got)
	}
}
