//go:build !race

package query

// raceEnabled is set under -race; see race_test.go.
const raceEnabled = false
