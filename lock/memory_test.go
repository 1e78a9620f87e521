package lock

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const (
	memoryListsEnv = "SYSEXT_IGN_LOCK_MEMORY_BAKERY" // set in the child that runs lock against the parent's bakery
	memoryLists    = 24                              // lists of nearly 8 MiB each: more than 256 MiB if lock kept them
	memoryBudget   = 256 << 10                       // KiB: the most a lock run may hold, whatever servers send
)

// TestLockMemoryBounded runs lock, in a process of its own so its peak resident memory can be read, against a
// bakery whose lists are each just under the 8 MiB limit and hold as many lines as fit: lock keeps only the lines
// it needs and reads at most parallel lists at once, so it stays under 256 MiB however many lists there are.
func TestLockMemoryBounded(t *testing.T) {
	if u := os.Getenv(memoryListsEnv); u != "" {
		lockManyLists(t, u)
		return
	}
	if raceDetector {
		t.Skip("the race detector's shadow memory is no measure of lock's; go test without -race, as CI does, measures it")
	}
	filler := fillerLines(maxSumsBytes - 200)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".raw") {
			return
		}
		name := strings.Split(r.URL.Path, "/")[1]
		w.Write([]byte(hexA + "  " + name + "-1-x86-64.raw\n"))
		w.Write(filler)
	}))
	defer srv.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockMemoryBounded$", "-test.count=1")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOGC=") && !strings.HasPrefix(kv, "GOMEMLIMIT=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, memoryListsEnv+"="+srv.URL)
	out, err := cmd.CombinedOutput()
	m := regexp.MustCompile(`peak (\d+) KiB`).FindSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("the lock run failed: %v\n%s", err, out)
	}
	peak, _ := strconv.Atoi(string(m[1]))
	t.Logf("lock over %d lists of %d bytes: peak resident memory %d MiB", memoryLists, maxSumsBytes-200, peak>>10)
	if peak > memoryBudget {
		t.Errorf("lock peaked at %d MiB, over the %d MiB budget", peak>>10, memoryBudget>>10)
	}
}

// lockManyLists is the child's part: lock a spec of memoryLists extensions, then print the process's peak memory.
func lockManyLists(t *testing.T, bakeryURL string) {
	spec := "bakery_url: " + bakeryURL + "\nextensions:\n"
	for i := range memoryLists {
		spec += fmt.Sprintf("  - {name: e%d, version: '1'}\n", i)
	}
	res, rep := Lock("spec.yaml", []byte(spec), NewClient(), nil)
	if res == nil || len(res.Changes) != memoryLists {
		t.Fatalf("lock failed: %v", rep)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fmt.Printf("peak %s KiB\n", strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
}

// fillerLines is n bytes at most of valid SHA256SUMS lines, each naming a different short file, the most lines a list can hold.
func fillerLines(n int) []byte {
	var b bytes.Buffer
	for i := 0; ; i++ {
		line := hexB + "  " + strconv.FormatInt(int64(i), 36) + "\n"
		if b.Len()+len(line) > n {
			return b.Bytes()
		}
		b.WriteString(line)
	}
}
