// Package lazy builds package-level values on first use, so a run pays at start-up only for what it uses.
//
// A package-level Value or Regexp written as a composite literal, with a function literal that captures nothing,
// is static data: Go runs no code for it before main, where regexp.MustCompile or a map literal would.
package lazy

import (
	"regexp"
	"sync"
)

// Value is what New returns, built once, on the first Get.
type Value[T any] struct {
	New  func() T
	once sync.Once
	v    T
}

// Get builds the value on the first call and returns the same value to every call.
func (l *Value[T]) Get() T {
	l.once.Do(func() { l.v = l.New() })
	return l.v
}

// Regexp is a regular expression compiled from Pattern when it is first matched.
type Regexp struct {
	Pattern string
	once    sync.Once
	re      *regexp.Regexp
}

// Regexp compiles the pattern on the first call, panicking on a bad one as regexp.MustCompile does.
func (r *Regexp) Regexp() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.Pattern) })
	return r.re
}

// String returns the pattern without compiling it, for a schema or a message that quotes it.
func (r *Regexp) String() string { return r.Pattern }

func (r *Regexp) MatchString(s string) bool { return r.Regexp().MatchString(s) }

func (r *Regexp) FindStringSubmatch(s string) []string { return r.Regexp().FindStringSubmatch(s) }

func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Regexp().ReplaceAllString(src, repl)
}
