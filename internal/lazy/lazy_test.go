package lazy

import (
	"sync"
	"testing"
)

// TestValueBuiltOnceOnFirstGet proves nothing is built before the first Get, and that concurrent first Gets build once.
func TestValueBuiltOnceOnFirstGet(t *testing.T) {
	builds := 0
	v := Value[[]string]{New: func() []string { builds++; return []string{"a"} }}
	if builds != 0 {
		t.Fatalf("built %d times before any Get", builds)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := v.Get(); len(got) != 1 || got[0] != "a" {
				t.Errorf("Get = %q", got)
			}
		})
	}
	wg.Wait()
	if builds != 1 {
		t.Errorf("built %d times; want once", builds)
	}
}

func TestRegexp(t *testing.T) {
	r := Regexp{Pattern: `^(a+)b$`}
	if r.re != nil || r.String() != `^(a+)b$` {
		t.Fatalf("compiled before use, or String %q is not the pattern", r.String())
	}
	if !r.MatchString("aab") || r.MatchString("b") {
		t.Error("MatchString disagrees with the pattern")
	}
	if m := r.FindStringSubmatch("aab"); len(m) != 2 || m[1] != "aa" {
		t.Errorf("FindStringSubmatch = %q", m)
	}
	if got := r.ReplaceAllString("aab", "<$1>"); got != "<aa>" {
		t.Errorf("ReplaceAllString = %q", got)
	}
}

func TestRegexpBadPatternPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a bad pattern compiled without a panic")
		}
	}()
	r := Regexp{Pattern: `(`}
	r.MatchString("x")
}
