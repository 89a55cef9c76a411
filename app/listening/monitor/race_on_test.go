//go:build race

package monitor

// raceEnabled is set when the tests run under the race detector, whose
// instrumented code allocates more.
const raceEnabled = true
