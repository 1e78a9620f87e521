package generator

import (
	"net/url"
	"strings"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
)

// versionedName spots names like docker-28.0.4 or kubernetes-v1.32.2-x86-64.
var versionedName = lazy.Regexp{Pattern: `-v?[0-9]+\.[0-9]+|-(x86-64|arm64|amd64|aarch64)$`}

// lint warns about extensions that generate fine but misbehave on the node.
func (c *checker) lint(e Extension) {
	name := e.Name.Value
	if e.Name.usable() {
		if b := builtinFor(name); b != nil && !c.disabled(b.name) {
			c.add(e.Name.Pos, msgLintBothRuntimes(name, b.name))
		}
		if versionedName.MatchString(name) {
			c.add(e.Name.Pos, msgLintVersionedName(name))
		}
	}
	at := e.Source
	if !at.usable() {
		at = e.Version
	}
	if !at.usable() {
		return
	}
	source := c.spec.sourceOf(e)
	if urlProblem(source) != "" {
		return
	}
	if u, _ := url.Parse(source); (u.Scheme == "http" || u.Scheme == "tftp") && !e.Hash.IsSet() {
		c.add(at.Pos, msgLintNoHash(u.Scheme))
	}
	if deadURL(source) {
		c.add(at.Pos, msgLintDeadURL)
	}
	if bare := bakeryBare(e.Source.Value); e.Source.usable() && bare != "" {
		c.add(e.Source.Pos, msgLintBakeryBare(bare))
	}
	if e.Update != nil && e.Update.Source.usable() && deadURL(e.Update.Source.Value) {
		c.add(e.Update.Source.Pos, msgLintDeadURL)
	}
	if e.Update != nil {
		c.lintUpdate(e)
	}
}

// lintUpdate warns where systemd-sysupdate, unlike Ignition, cannot follow the spec.
func (c *checker) lintUpdate(e Extension) {
	if len(c.spec.headersOf(e)) > 0 && !localSource(c.spec.updateSource(e)) {
		c.add(e.Update.Pos, msgLintUpdateHeaders)
	}
	if len(c.spec.CA) > 0 && strings.HasPrefix(c.spec.updateSource(e), "https://") {
		c.add(e.Update.Pos, msgLintUpdateCA)
	}
	if e.Arch.usable() && c.spec.archOf(e) != c.spec.archOf(Extension{}) {
		c.add(e.Arch.Pos, msgLintUpdateArch(c.spec.archOf(e), c.spec.archOf(Extension{})))
	}
}

// bakeryBare finds the NAME of the bakery index's dead https://extensions.flatcar.org/extensions/NAME.raw, or "".
func bakeryBare(u string) string {
	file, ok := strings.CutPrefix(u, defaultBakeryURL+"/")
	name, raw := strings.CutSuffix(file, ".raw")
	if !ok || !raw || name == "" || strings.Contains(name, "/") || strings.HasSuffix(name, "-x86-64") || strings.HasSuffix(name, "-arm64") {
		return ""
	}
	return name
}

func deadURL(u string) bool {
	return strings.Contains(u, "releases/latest/download") || strings.Contains(u, "releases/download/latest")
}

// lintMask warns where the chosen disable_method writes a mask that Flatcar's own link to the built-in outranks.
func (c *checker) lintMask(it Str) {
	b := builtinNamed(it.Value)
	if b == nil {
		return
	}
	if m := b.mask(c.spec.disableMethod()); m.kind == maskDir {
		c.add(it.Pos, msgLintDirectoryMask(it.Value))
	}
}

func (c *checker) disabled(builtin string) bool {
	for _, d := range c.spec.Disable {
		if d.Value == builtin {
			return true
		}
	}
	return false
}
