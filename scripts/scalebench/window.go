package main

import (
	"errors"
	"time"
)

// windowResult is what the window harness measured.
type windowResult struct {
	populate time.Duration
	actions  []time.Duration
	rssMB    float64
}

func (r *sizeResult) measureWindow(bin, data string) error {
	return errors.New("not implemented yet")
}
