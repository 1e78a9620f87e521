//go:build race

package lock

// raceDetector is set under -race, whose shadow memory makes a process's peak memory no measure of lock's.
const raceDetector = true
