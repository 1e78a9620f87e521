package e2e

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// ignition runs real Ignition's fetch and files stages on config against a
// fresh root tree, as a first boot would; prepare may seed the tree first.
// It returns the root, Ignition's log and the first failing stage's error.
func ignition(t *testing.T, config []byte, prepare func(root string)) (string, string, error) {
	t.Helper()
	bin := tool(t, envIgnition)
	dir := t.TempDir()
	// Ignition writes SSH keys as the user they belong to, who must be able
	// to walk down to the root; t.TempDir makes its directories 0700.
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join(dir, "root")
	empty := filepath.Join(dir, "empty")
	for _, d := range []string{root, empty} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "config.ign")
	cmdline := filepath.Join(dir, "cmdline")
	if err := os.WriteFile(cfg, config, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cmdline, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(root)
	}
	env := append(os.Environ(),
		"IGNITION_CONFIG_FILE="+cfg,
		"IGNITION_KERNEL_CMDLINE_PATH="+cmdline,
		"IGNITION_SYSTEM_CONFIG_DIR="+empty,
		"IGNITION_SYSTEM_LOCAL_CONFIG_DIR="+empty,
		"IGNITION_SYSTEM_RUNTIME_CONFIG_DIR="+empty,
	)
	common := []string{"-platform", "file", "-root", root, "-config-cache", filepath.Join(dir, "cache.json"),
		"-state-file", filepath.Join(dir, "state"), "-log-to-stdout"}
	var log string
	for _, stage := range []string{"fetch", "files"} {
		args := append([]string{"-stage", stage, "-neednet", filepath.Join(dir, "neednet")}, common...)
		c := command(120*time.Second, bin, args...)
		c.Env = env
		r := runCmd(t, c)
		log += r.combined()
		if r.err != nil {
			return root, log, errors.Join(errors.New("ignition stage "+stage), r.err)
		}
	}
	return root, log, nil
}

// mustIgnite is ignition for configs that have to apply cleanly.
func mustIgnite(t *testing.T, config []byte, prepare func(root string)) string {
	t.Helper()
	root, _, err := ignition(t, config, prepare)
	if err != nil {
		t.Fatalf("Ignition rejected the generated config: %v\nconfig:\n%s", err, config)
	}
	return root
}
