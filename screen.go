package main

import "github.com/go-gl/glfw/v3.4/glfw"

// screenSize reads the size of the primary screen in pixels from GLFW, on
// which Fyne's desktop driver runs; it must be called on the UI goroutine
// while the app runs. ok is false when there is no screen to ask.
func screenSize() (width, height int, ok bool) {
	defer func() {
		if recover() != nil { // GLFW reports errors by panicking
			width, height, ok = 0, 0, false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	v := m.GetVideoMode()
	if v == nil {
		return 0, 0, false
	}
	return v.Width, v.Height, true
}
