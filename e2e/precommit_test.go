package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// precommitProject is a throwaway git repository holding specs and other YAML.
type precommitProject struct {
	t              *testing.T
	dir, bin, hook string
	env            []string
}

// newPrecommitProject makes an empty project for trying hook, with env added to the test's environment.
func newPrecommitProject(t *testing.T, hook string, env ...string) precommitProject {
	dir := t.TempDir()
	p := precommitProject{t: t, dir: filepath.Join(dir, "project"), bin: tool(t, envPrecommit), hook: hook,
		env: append(append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(dir, "pre-commit"),
			"GIT_AUTHOR_NAME=e2e", "GIT_AUTHOR_EMAIL=e2e@example.invalid",
			"GIT_COMMITTER_NAME=e2e", "GIT_COMMITTER_EMAIL=e2e@example.invalid"), env...)}
	if err := os.Mkdir(p.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p.git("init", "-q")
	return p
}

// write adds a file to the project and stages it, since --all-files only
// sees what git tracks.
func (p precommitProject) write(name, body string) {
	p.t.Helper()
	path := filepath.Join(p.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.git("add", name)
}

func (p precommitProject) git(args ...string) {
	p.t.Helper()
	c := command(60*time.Second, "git", args...)
	c.Dir, c.Env = p.dir, p.env
	if r := runCmd(p.t, c); r.err != nil {
		p.t.Fatalf("git %v failed", args)
	}
}

// tryRepo runs the project's hook straight from this checkout.
func (p precommitProject) tryRepo(args ...string) result {
	p.t.Helper()
	c := command(900*time.Second, p.bin, append([]string{"try-repo", tool(p.t, envRepo), p.hook}, args...)...)
	c.Dir, c.Env = p.dir, p.env
	return runCmd(p.t, c)
}

// goModCache is the machine's module cache, handed to pre-commit's Go build
// so that it does not download every module again into its own GOPATH.
func goModCache(t *testing.T) string {
	r := runCmd(t, command(60*time.Second, "go", "env", "GOMODCACHE"))
	if r.err != nil {
		t.Fatal("go env GOMODCACHE failed")
	}
	return strings.TrimSpace(r.stdout)
}

// TestPrecommit checks the sysext-ign-validate hook with real pre-commit,
// which builds sysext-ign from this checkout (language: golang): good specs
// pass, a bad one fails with FILE:LINE:COL, and the default files pattern
// picks spec files while leaving other YAML alone.
func TestPrecommit(t *testing.T) {
	inPart(t, "precommit")
	p := newPrecommitProject(t, "sysext-ign-validate", "GOMODCACHE="+goModCache(t))
	good := "butane_version: 1.0.0\ndisable: [docker-flatcar, containerd-flatcar]\nextensions:\n  - name: docker\n    version: 28.0.4\n"
	p.write("sysext.yaml", good)
	p.write("nodes/web.sysext.yml", strings.Replace(good, "docker\n", "docker\n    update: true\n", 1))
	// Neither of these is a spec; the hook must not look at them.
	p.write(".pre-commit-config.yaml", "repos: []\n")
	p.write("values.yaml", "replicaCount: 3\n")

	r := p.tryRepo("--all-files")
	if r.err != nil {
		t.Fatal("the hook failed on a repository whose only specs are valid")
	}
	if !regexp.MustCompile(`sysext-ign validate\.+Passed`).MatchString(r.stdout) {
		t.Errorf("the hook did not run on sysext.yaml and nodes/web.sysext.yml:\n%s", r.stdout)
	}

	p.write("nodes/bad.sysext.yaml", "butane_version: 1.0.0\narch: sparc64\n")
	r = p.tryRepo("--files", "nodes/bad.sysext.yaml")
	if r.err == nil {
		t.Fatal("the hook passed a spec with arch: sparc64")
	}
	if !regexp.MustCompile(`nodes/bad\.sysext\.yaml:2:\d+: error: `).MatchString(r.combined()) {
		t.Errorf("the hook failed without nodes/bad.sysext.yaml:2:COL: error: …:\n%s", r.combined())
	}
	if r = p.tryRepo("--all-files"); r.err == nil {
		t.Error("--all-files passed although the files pattern should pick nodes/bad.sysext.yaml")
	}
	if r = p.tryRepo("--files", "sysext.yaml", "nodes/web.sysext.yml"); r.err != nil {
		t.Error("the hook failed on valid specs")
	}
}

// TestPrecommitSystem runs the sysext-ign-validate-system hook (language: system) with the binary under
// test first on PATH, as a user who unpacked a release archive into a directory on PATH has it.
func TestPrecommitSystem(t *testing.T) {
	inPart(t, "precommit")
	bin := tool(t, envBin)
	if filepath.Base(bin) != "sysext-ign" {
		t.Fatalf("%s: the hook runs sysext-ign by that name", bin)
	}
	path := filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")
	p := newPrecommitProject(t, "sysext-ign-validate-system", "PATH="+path)
	p.write("nodes/web.sysext.yaml", "butane_version: 1.0.0\nextensions:\n  - name: docker\n    version: 28.0.4\n")
	p.write("values.yaml", "replicaCount: 3\n")
	r := p.tryRepo("--all-files")
	if r.err != nil || !regexp.MustCompile(`sysext-ign validate \(installed binary\)\.+Passed`).MatchString(r.stdout) {
		t.Fatalf("the hook did not pass a valid spec:\n%s", r.combined())
	}
	p.write("bad.sysext.yaml", "butane_version: 1.0.0\narch: sparc64\n")
	r = p.tryRepo("--all-files")
	if r.err == nil || !regexp.MustCompile(`bad\.sysext\.yaml:2:\d+: error: `).MatchString(r.combined()) {
		t.Errorf("the hook did not fail with bad.sysext.yaml:2:COL: error: …:\n%s", r.combined())
	}
}
