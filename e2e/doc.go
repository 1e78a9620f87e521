// Package e2e drives the real tools a sysext-ign user runs (Ignition,
// systemd-sysupdate and systemd-sysext 254, 257 and 262, OpenTofu,
// pre-commit) against the built CLI; run it through scripts/e2e, which
// installs those tools and exports their paths.
package e2e
