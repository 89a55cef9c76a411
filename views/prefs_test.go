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

func TestWindowFitsASmallLaptopScreen(t *testing.T) {
	// Given the sample in a window on a 1024×640 screen
	m, _ := sampleWindow(t)
	screen := fyne.NewSize(1024, 640)
	room := fitSize(fyne.NewSize(4000, 4000), screen)
	// Then no area needs more than the room the window gets there
	for i, item := range m.tabs.Items {
		m.tabs.SelectIndex(i)
		work.drain()
		if min := m.Win.Content().MinSize(); min.Width > room.Width || min.Height > room.Height {
			t.Errorf("%s needs %.0f×%.0f, a 1024×640 screen has room for %.0f×%.0f", item.Text, min.Width, min.Height, room.Width, room.Height)
		}
	}
	// And the remembered or default size is cut to that room
	if got := fitSize(fyne.NewSize(1100, 720), screen); got.Width > 1024 || got.Height > 640 {
		t.Errorf("fitted to %v", got)
	}
	if got := fitSize(fyne.NewSize(900, 500), fyne.NewSize(1920, 1080)); got != fyne.NewSize(900, 500) {
		t.Errorf("a size that fits was changed to %v", got)
	}
}
