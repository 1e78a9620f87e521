package generator

import (
	"strings"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
)

var seriesRe = lazy.Regexp{Pattern: `^[A-Za-z0-9][A-Za-z0-9._+~-]*$`}

// update checks the systemd-sysupdate settings of one extension.
func (c *checker) update(e Extension) {
	u := e.Update
	if u == nil {
		return
	}
	if !e.Version.IsSet() && !e.meant("version") {
		c.add(u.Pos, msgUpdateNeedsVersion)
	}
	if e.Source.IsSet() && !u.Source.IsSet() && !u.meant("source") {
		c.add(u.Pos, msgUpdateNeedsSource)
	}
	switch {
	case u.Source.usable() && localSource(u.Source.Value):
		c.localDir(e)
	case u.Source.usable():
		c.folderURL(updateFolder, u.Source)
	}
	c.action(u)
	if u.Series.usable() {
		c.series(u.Series, e.Version)
	}
}

// series goes into a MatchPattern, so it must be free of sysupdate's @ and systemd's % syntax.
func (c *checker) series(v Str, version Str) {
	switch {
	case len(v.Value) > maxNameLength || !seriesRe.MatchString(v.Value) || strings.Contains(v.Value, ".."):
		c.add(v.Pos, msgSeriesChars)
	case version.usable() && version.Value != Latest && !strings.HasPrefix(version.Value, v.Value+"."):
		c.add(v.Pos, msgLintSeries(v.Value, version.Value))
	}
}
