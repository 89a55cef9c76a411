package views

import "fyne.io/fyne/v2"

// Preference keys, with their defaults and limits in one place.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

const (
	defaultWindowWidth, defaultWindowHeight = 1100, 720
	minWindowWidth, minWindowHeight         = 640, 480
	maxWindowSide                           = 8192
)

// windowSize reads the remembered window size, within sane limits.
func windowSize(p fyne.Preferences) fyne.Size {
	w := clamp(p.FloatWithFallback(prefWindowWidth, defaultWindowWidth), minWindowWidth, maxWindowSide)
	h := clamp(p.FloatWithFallback(prefWindowHeight, defaultWindowHeight), minWindowHeight, maxWindowSide)
	return fyne.NewSize(float32(w), float32(h))
}

func saveWindowSize(p fyne.Preferences, s fyne.Size) {
	if s.Width >= minWindowWidth && s.Height >= minWindowHeight {
		p.SetFloat(prefWindowWidth, float64(s.Width))
		p.SetFloat(prefWindowHeight, float64(s.Height))
	}
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }

// fitSize is size made to fit a screen: at most 96 % of its width and 88 %
// of its height (title bars, panels and docks take the rest), and never
// below the window's minimum.
func fitSize(size, screen fyne.Size) fyne.Size {
	w := min(size.Width, screen.Width*0.96)
	h := min(size.Height, screen.Height*0.88)
	return fyne.NewSize(max(w, minWindowWidth), max(h, minWindowHeight))
}
