package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bootSeries are the systemd versions the boot part runs as PID 1: Flatcar Stable's 257 and the newest, 262.
var bootSeries = []string{"257", "262"}

// bootBases are the Debian roots scripts/e2e built with mmdebstrap for bootSeries, each booting its own systemd,
// whose programs a test can also run on the host, outside the node.
func bootBases(t *testing.T) []systemdBuild {
	t.Helper()
	return builds(t, "SYSEXT_IGN_E2E_BOOT_", bootSeries)
}

// plan is what the probe reads from plan.env.
type plan struct {
	start        []string // units the probe starts at boot, before the service can run
	units        []string // units whose state and log every stage reports
	runs         bool     // false: report the boot and power off, without running the service
	restartAtEnd []string // units restarted after the last run
}

// nodeLimit bounds one node from boot to power-off; waitLimit bounds each wait inside it.
const (
	nodeLimit = 240 * time.Second
	waitLimit = 90
)

// node is one boot, in systemd-nspawn, of the base with a Flatcar-like layer and the tree Ignition wrote over it.
type node struct {
	t       *testing.T
	dir     string // holds root/, out/ (bound at /sysext-ign-probe) and console.log
	cmd     *exec.Cmd
	exited  chan struct{}
	cgroups []string
}

// bootNode copies the base, lays the Flatcar-like layer, the harness and Ignition's tree (from ign) over it, and boots
// it; before, when set, runs in the node's mount namespace on the host just before systemd-nspawn, with $R the root
// and $OUT the probe's folder.
// The node is stopped, its cgroups removed and its folder deleted when the test ends, whatever happened.
func bootNode(t *testing.T, b systemdBuild, ign string, p plan, before string) *node {
	t.Helper()
	dir, err := os.MkdirTemp("", nodePrefix) // no ',' or ':' that overlayfs or --bind would misread
	if err != nil {
		t.Fatal(err)
	}
	n := &node{t: t, dir: dir, exited: make(chan struct{})}
	t.Cleanup(n.cleanup)
	root := n.root()
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyTree(t, b.root, root)
	flatcarLayer(t, b, root)
	harnessLayer(t, root)
	copyTree(t, ign, root)
	writeFile(t, dir, "out/plan.env", p.env())
	n.start(before)
	return n
}

// root is the node's root folder on the host.
func (n *node) root() string { return filepath.Join(n.dir, "root") }

// copyTree copies from's content over to, replacing what is there, as Ignition's files stage replaces what the
// image ships.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := command(300*time.Second, "cp", "-a", "--remove-destination", from+"/.", to).CombinedOutput(); err != nil {
		t.Fatalf("cp %s %s: %v\n%s", from, to, err, out)
	}
}

// env renders the plan for the probe's shell.
func (p plan) env() string {
	runs := "0"
	if p.runs {
		runs = "1"
	}
	word := func(units []string) string {
		return strings.TrimPrefix(shellQuote([]string{strings.Join(units, " ")}), " ")
	}
	return fmt.Sprintf("WAIT=%d\nRUNS=%s\nSTART=%s\nUNITS=%s\nRESTART_AT_END=%s\n", waitLimit, runs,
		word(p.start), word(p.units), word(p.restartAtEnd))
}

// nodeScript runs in a private mount namespace, so every mount ends with the node: a tmpfs on /run keeps nspawn's
// runtime files off the host; the root is shared within the namespace, so that a merge by a systemd-sysext outside
// the root (--root) shows in it; /etc becomes Flatcar's overlay over /usr/share/flatcar/etc. Without systemd on the
// host, nspawn cannot get a scope of its own, so it runs in cgroups of ours (--keep-unit). It must run with the
// unified hierarchy: systemd 262 refuses to boot on this hybrid host's legacy one.
const nodeScript = `
for c in $CGROUPS; do echo $$ >"$c/cgroup.procs"; done
mount -t tmpfs -o mode=0755 sysext-ign-run /run
mount --bind "$R" "$R"
mount --make-rshared "$R"
mkdir -p "$R/.etc-work"
mount -t overlay overlay -o "lowerdir=$R/usr/share/flatcar/etc,upperdir=$R/etc,workdir=$R/.etc-work" "$R/etc"
eval "$BEFORE"
exec timeout --kill-after=15 "$LIMIT" env SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 systemd-nspawn "$@"
`

// start boots the node in the background.
func (n *node) start(before string) {
	t := n.t
	name := filepath.Base(n.dir)
	n.cgroups = makeCgroups(t, name)
	args := []string{"--mount", "--propagation", "private", "--", "bash", "-eu", "-c", nodeScript, "node",
		"--directory=" + n.root(), "--machine=" + name, "--boot", "--register=no", "--keep-unit", "--settings=no",
		"--link-journal=no", "--resolv-conf=off", "--timezone=off", "--console=read-only",
		"--bind=/dev/loop-control", "--bind=" + filepath.Join(n.dir, "out") + ":/sysext-ign-probe"}
	n.cmd = exec.Command("unshare", args...)
	n.cmd.Env = append(os.Environ(), "R="+n.root(), "OUT="+filepath.Join(n.dir, "out"), "CGROUPS="+strings.Join(n.cgroups, " "),
		"LIMIT="+strconv.Itoa(int(nodeLimit/time.Second)), "BEFORE="+before)
	console, err := os.Create(filepath.Join(n.dir, "console.log"))
	if err != nil {
		t.Fatal(err)
	}
	n.cmd.Stdout, n.cmd.Stderr = console, console
	if err := n.cmd.Start(); err != nil {
		console.Close()
		t.Fatalf("starting systemd-nspawn: %v", err)
	}
	go func() {
		n.cmd.Wait()
		console.Close()
		close(n.exited)
	}()
}

// cgroupMagic are the statfs types of a cgroup v2 and a cgroup v1 hierarchy.
const (
	cgroup2Magic = 0x63677270
	cgroup1Magic = 0x27e0eb
)

// cgroupHierarchies are the hierarchies a node gets a cgroup in: the unified one, and on a hybrid host also the v1
// name=systemd one, which nspawn moves the node's processes below.
func cgroupHierarchies() []string {
	var out []string
	for _, h := range []string{"/sys/fs/cgroup", "/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd"} {
		var st syscall.Statfs_t
		if syscall.Statfs(h, &st) != nil {
			continue
		}
		if h == "/sys/fs/cgroup" && st.Type == cgroup2Magic {
			return []string{h} // a pure cgroup v2 host has no other hierarchy
		}
		if h != "/sys/fs/cgroup" && (st.Type == cgroup2Magic || st.Type == cgroup1Magic) {
			out = append(out, h)
		}
	}
	return out
}

// makeCgroups creates a cgroup named name in each of cgroupHierarchies.
func makeCgroups(t *testing.T, name string) []string {
	t.Helper()
	var out []string
	for _, h := range cgroupHierarchies() {
		d := filepath.Join(h, name)
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		t.Fatal("no cgroup hierarchy for systemd-nspawn under /sys/fs/cgroup")
	}
	return out
}

// nodePrefix names every node's folder and cgroups.
const nodePrefix = "sysext-ign-boot-"

// sweepStaleNodes removes the folders and cgroups of nodes a killed test run left behind, which its cleanup never
// reached. A node older than nodeLimit has been killed by its timeout; one whose cgroups still hold processes is left.
func sweepStaleNodes(t *testing.T) {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), nodePrefix+"*"))
	for _, d := range dirs {
		fi, err := os.Stat(d)
		if err != nil || time.Since(fi.ModTime()) < nodeLimit+time.Minute {
			continue
		}
		var cgroups []string
		for _, h := range cgroupHierarchies() {
			if c := filepath.Join(h, filepath.Base(d)); exists(c, "") {
				cgroups = append(cgroups, c)
			}
		}
		if slices.ContainsFunc(cgroups, busyCgroup) {
			continue
		}
		for _, c := range cgroups {
			removeCgroup(c)
		}
		if b, _ := os.ReadFile("/proc/self/mountinfo"); !strings.Contains(string(b), d) {
			t.Logf("removing %s, left behind by a killed run", d)
			os.RemoveAll(d)
		}
	}
}

// busyCgroup tells whether cgroup c or one below it holds a process.
func busyCgroup(c string) bool {
	busy := false
	filepath.WalkDir(c, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			b, _ := os.ReadFile(filepath.Join(p, "cgroup.procs"))
			busy = busy || strings.TrimSpace(string(b)) != ""
		}
		return nil
	})
	return busy
}

// running tells whether the node's nspawn has not ended yet.
func (n *node) running() bool {
	select {
	case <-n.exited:
		return false
	default:
		return true
	}
}

// waitExit waits up to limit for nspawn to end.
func (n *node) waitExit(limit time.Duration) bool {
	select {
	case <-n.exited:
		return true
	case <-time.After(limit):
		return false
	}
}

// cleanup stops the node if it still runs (nspawn halts it on SIGTERM, which timeout passes on), kills whatever is
// left in its cgroups, removes them, and deletes its folder unless a mount outlived the namespace. On failure it
// logs what the node printed, so a red run explains itself.
func (n *node) cleanup() {
	t := n.t
	if n.cmd != nil && n.cmd.Process != nil && n.running() {
		n.cmd.Process.Signal(syscall.SIGTERM)
		if !n.waitExit(30 * time.Second) {
			t.Errorf("the node did not stop within 30s of SIGTERM; killing its cgroups")
		}
	}
	for i := len(n.cgroups) - 1; i >= 0; i-- {
		killCgroup(n.cgroups[i])
	}
	if n.cmd != nil && n.cmd.Process != nil && !n.waitExit(15*time.Second) {
		t.Errorf("systemd-nspawn outlived the kill of its cgroups")
	}
	for _, c := range n.cgroups {
		if err := removeCgroup(c); err != nil {
			t.Errorf("removing cgroup %s: %v", c, err)
		}
	}
	if t.Failed() {
		t.Logf("what the node printed:\n%s", n.story())
	}
	if b, _ := os.ReadFile("/proc/self/mountinfo"); strings.Contains(string(b), n.dir) {
		t.Errorf("mounts under %s outlived the node; it is left in place", n.dir)
		return
	}
	if err := os.RemoveAll(n.dir); err != nil {
		t.Errorf("removing the node's folder: %v", err)
	}
}

// killCgroup kills every process in cgroup c and below it.
func killCgroup(c string) {
	if os.WriteFile(filepath.Join(c, "cgroup.kill"), []byte("1"), 0o644) == nil {
		return
	}
	filepath.WalkDir(c, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(filepath.Join(p, "cgroup.procs"))
		for _, f := range strings.Fields(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		return nil
	})
}

// removeCgroup removes c and the cgroups nspawn made below it, deepest first, retrying while killed processes exit.
func removeCgroup(c string) error {
	var err error
	for i := 0; i < 50; i++ {
		var dirs []string
		filepath.WalkDir(c, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				dirs = append(dirs, p)
			}
			return nil
		})
		slices.Reverse(dirs)
		err = nil
		for _, d := range dirs {
			if e := syscall.Rmdir(d); e != nil && e != syscall.ENOENT {
				err = e
			}
		}
		if err == nil {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return err
}

// ansi matches the terminal escapes of systemd's console output.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// story is the end of the console, of the probe's own log and of the node's journal.
func (n *node) story() string {
	var b strings.Builder
	for _, f := range []string{"console.log", "out/probe.log", "out/journal.txt"} {
		data, err := os.ReadFile(filepath.Join(n.dir, f))
		if err != nil {
			continue
		}
		fmt.Fprintf(&b, "--- %s (last lines)\n%s\n", f, tail(ansi.ReplaceAllString(string(data), ""), 60))
	}
	return b.String()
}

// tail keeps the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// wait waits, bounded, for the probe to report stage, and fails the test when the node ends or stalls first.
func (n *node) wait(stage string) report {
	t := n.t
	t.Helper()
	deadline := time.Now().Add(time.Duration(waitLimit+30) * time.Second)
	for !exists(n.dir, "out/"+stage+".done") {
		if !n.running() && !exists(n.dir, "out/"+stage+".done") {
			t.Fatalf("the node ended before its probe reported %q", stage)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the probe did not report %q within %ds", stage, waitLimit+30)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return n.report(stage)
}

// next lets the probe start run number i.
func (n *node) next(i int) report {
	n.t.Helper()
	writeFile(n.t, n.dir, "out/go."+strconv.Itoa(i), "")
	return n.wait("run" + strconv.Itoa(i))
}

// finish lets the probe end, waits for its end report and for the node to power off.
func (n *node) finish() report {
	n.t.Helper()
	writeFile(n.t, n.dir, "out/stop", "")
	r := n.wait("end")
	if !n.waitExit(60 * time.Second) {
		n.t.Errorf("the node did not power off within 60s of its probe's end")
	}
	return r
}

// report is what the probe wrote for one stage.
type report struct {
	stage   string
	env     map[string]string
	units   map[string]unitReport
	journal string // the service's journal lines while it ran; at boot, systemd-sysext.service's
	sysext  string // systemd-sysext status
}

// unitReport is a unit's state, invocation, when its main process started (µs since boot) and the lines its
// program logged since boot.
type unitReport struct {
	state, invocation string
	started           int64
	log               []string
}

// report reads stage's files.
func (n *node) report(stage string) report {
	r := report{stage: stage, env: map[string]string{}, units: map[string]unitReport{}}
	read := func(ext string) string {
		b, _ := os.ReadFile(filepath.Join(n.dir, "out", stage+ext))
		return string(b)
	}
	sc := bufio.NewScanner(strings.NewReader(read(".env")))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		r.env[k] = strings.TrimSpace(v)
	}
	for _, l := range strings.Split(read(".units"), "\n") {
		f := strings.Split(l, "\t")
		if len(f) == 5 {
			started, _ := strconv.ParseInt(f[3], 10, 64)
			r.units[f[0]] = unitReport{f[1], f[2], started, strings.FieldsFunc(f[4], func(r rune) bool { return r == '|' })}
		}
	}
	r.journal, r.sysext = read(".journal"), read(".sysext")
	return r
}

// markers are the marker files merged into /usr/bin.
func (r report) markers() []string { return strings.Fields(r.env["markers"]) }

// link is where /etc/extensions/name.raw ends, as readlink -f in the node says.
func (r report) link(name string) string {
	for _, f := range strings.Fields(r.env["links"]) {
		if k, v, _ := strings.Cut(f, ">"); k == name+".raw" {
			return v
		}
	}
	return ""
}

// explain is the stage's report and journal excerpt, for failure messages.
func (r report) explain() string {
	keys := make([]string, 0, len(r.env))
	for k := range r.env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "\n--- the node's %s report\n", r.stage)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, r.env[k])
	}
	for u, s := range r.units {
		fmt.Fprintf(&b, "unit %s: %s invocation %s, logged %q\n", u, s.state, s.invocation, s.log)
	}
	fmt.Fprintf(&b, "--- journal excerpt\n%s\n", clip(tail(r.journal, 80)))
	return b.String()
}
