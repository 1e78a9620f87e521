// Command e2ecount reads go test -json from stdin, passes the tests' output on to stderr,
// and prints how many leaf tests passed, failed and were left out, for scripts/e2e's closing line.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// leftOutMarker is what the e2e suite's inPart skips with when scripts/e2e was not asked for a test's part;
// any other skip is counted as a failure, since it would hide a test.
const leftOutMarker = "is not in SYSEXT_IGN_E2E_PARTS"

// event is the part of a test2json record the count needs.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// counts are the leaf tests by outcome.
type counts struct{ passed, failed, leftOut int }

func main() {
	c := count(os.Stdin, os.Stderr)
	fmt.Printf("%d %d %d\n", c.passed, c.failed, c.leftOut)
}

// count reads the events, copying output and any line that is not an event to log, and sums the leaf tests:
// a test with subtests counts through its subtests, and a test that never finished is a failure.
func count(in io.Reader, log io.Writer) counts {
	results := map[string]string{} // "package test" -> run, pass, fail or skip
	leftOut := map[string]bool{}
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for scanner.Scan() {
		var e event
		if err := json.Unmarshal(scanner.Bytes(), &e); err != nil || e.Action == "" {
			fmt.Fprintln(log, scanner.Text())
			continue
		}
		io.WriteString(log, e.Output)
		if e.Test == "" {
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "run", "pass", "fail", "skip":
			results[key] = e.Action
		case "output":
			leftOut[key] = leftOut[key] || strings.Contains(e.Output, leftOutMarker)
		}
	}
	if err := scanner.Err(); err != nil {
		fmt.Fprintf(log, "e2ecount: reading go test -json: %v\n", err)
		return counts{failed: 1}
	}
	var c counts
	for key, result := range results {
		if !leaf(key, results) {
			continue
		}
		switch {
		case result == "pass":
			c.passed++
		case result == "skip" && leftOut[key]:
			c.leftOut++
		default:
			if result != "fail" {
				fmt.Fprintf(log, "e2ecount: %s ended with %q, counted as failed\n", key, result)
			}
			c.failed++
		}
	}
	return c
}

// leaf reports whether no other test is a subtest of key.
func leaf(key string, results map[string]string) bool {
	for other := range results {
		if strings.HasPrefix(other, key+"/") {
			return false
		}
	}
	return true
}
