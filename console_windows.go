package main

import (
	"os"
	"syscall"
)

// rapport.exe is linked as a GUI program (-H windowsgui, scripts/package.sh)
// so that starting it from the Start menu opens no console window. Such a
// program started from a terminal has no standard output, so a command
// (`rapport.exe version`) attaches to the terminal's console to print
// there. Output already redirected to a file or pipe is left alone, and
// with no command (the desktop app) nothing changes.
func init() {
	if len(os.Args) < 2 || (validHandle(os.Stdout) && validHandle(os.Stderr)) {
		return
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // not started from a console
	}
	con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !validHandle(os.Stdout) {
		os.Stdout = con
	}
	if !validHandle(os.Stderr) {
		os.Stderr = con
	}
}

func validHandle(f *os.File) bool {
	h := syscall.Handle(f.Fd())
	return h != 0 && h != syscall.InvalidHandle
}
