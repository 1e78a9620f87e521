package generator

import (
	"path"
	"regexp"
	"strings"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
)

// unitNamePattern is systemd's unit name for a plain unit or a template's instance, of a type systemctl restart applies to;
// a bare template (name@.service) cannot be restarted.
func unitNamePattern() string {
	return `^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\@-]+)?\.(` + strings.Join(restartTypes, "|") + `)$`
}

var unitNameRe = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(unitNamePattern()) }}

// unitNameMax is systemd's UNIT_NAME_MAX less its terminating NUL.
const unitNameMax = 255

// action checks what the drop-in does after sysupdate moved the link: restart needs refresh, and takes unit names only.
func (c *checker) action(u *Update) {
	c.oneOf(u.Action, "update action", updateActions)
	if len(u.Restart) > 0 && u.Action.usable() && u.Action.Value != "refresh" && contains(updateActions, u.Action.Value) {
		c.add(u.Action.Pos, msgRestartNeedsRefresh(u.Action.Value))
	}
	for _, unit := range u.Restart {
		switch {
		case len(unit.Value) > unitNameMax || !unitNameRe.Get().MatchString(unit.Value):
			c.add(unit.Pos, msgUnitName(unit.Value))
		case contains(updateServices, unit.Value):
			c.add(unit.Pos, msgRestartSysupdate(unit.Value))
		}
	}
}

// action is what the drop-in does when the link moved; restart alone implies refresh.
func (u *Update) action() string {
	switch {
	case u.Action.IsSet():
		return u.Action.Value
	case len(u.Restart) > 0:
		return "refresh"
	}
	return defaultUpdateAction
}

// localSource tells an update source that is a directory on the node from a folder URL.
func localSource(source string) bool { return strings.HasPrefix(source, "/") }

// localDir checks a local update source: a directory Ignition creates and sysupdate reads images from.
func (c *checker) localDir(e Extension) {
	dir := e.Update.Source
	clean := strings.TrimSuffix(dir.Value, "/")
	switch {
	case clean == "" || path.Clean(clean) != clean || strings.IndexFunc(dir.Value, isSpaceOrControl) >= 0:
		c.add(dir.Pos, msgUpdateDirInvalid(dir.Value))
	case reservedDir(clean) != "":
		c.add(dir.Pos, msgUpdateDirIsTarget(clean, reservedDir(clean)))
	}
}

// reservedDir finds the reserved directory dir is, or lies in, or a sysupdate.NAME.d it is; "" when it is free.
func reservedDir(dir string) string {
	for _, r := range reservedDirs {
		if dir == r || strings.HasPrefix(dir, r+"/") {
			return r
		}
	}
	if top, _, _ := strings.Cut(strings.TrimPrefix(dir, "/etc/"), "/"); strings.HasPrefix(dir, "/etc/") &&
		strings.HasPrefix(top, "sysupdate.") && strings.HasSuffix(top, ".d") {
		return "/etc/" + top
	}
	return ""
}

// updateTimer warns about update_timer in a spec where no extension updates, since there is then no timer to leave off.
func (c *checker) updateTimer(s *Spec) {
	if s.UpdateTimer.Pos.Line == 0 {
		return
	}
	for _, e := range s.Extensions {
		if e.Update != nil {
			return
		}
	}
	c.add(s.UpdateTimer.Pos, msgUpdateTimerUnused)
}
