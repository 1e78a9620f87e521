package generator

import (
	"fmt"
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

// localDir checks a local update source: a directory Ignition creates and sysupdate reads images from, which
// must last and be root's alone; it is judged by where Flatcar's root links lead.
func (c *checker) localDir(e Extension) {
	dir := e.Update.Source
	clean := strings.TrimSuffix(dir.Value, "/")
	if why := pathBound("local update source", clean); why != "" {
		c.add(dir.Pos, msgPathTooLong(why))
		return
	}
	if clean == "" || path.Clean(clean) != clean || strings.IndexFunc(dir.Value, isSpaceOrControl) >= 0 {
		c.add(dir.Pos, msgUpdateDirInvalid(dir.Value))
		return
	}
	shown := fmt.Sprintf("%q", clean)
	resolved := resolveRootLinks(clean)
	if resolved != clean {
		shown += fmt.Sprintf(" (%s on Flatcar)", resolved)
	}
	if in := under(resolved, sysextDirs); in != "" {
		c.add(dir.Pos, msgUpdateDirMerged(shown, in))
		return
	}
	for _, v := range volatileDirs {
		if under(resolved, []string{v.dir}) != "" {
			c.add(dir.Pos, msgUpdateDirVolatile(shown, v.dir, v.why))
			return
		}
	}
	if in := reservedDir(resolved); in != "" {
		c.add(dir.Pos, msgUpdateDirIsTarget(shown, in))
	}
}

// reservedDir finds the reserved directory dir is, or lies in, or a sysupdate.NAME.d it is; "" when it is free.
func reservedDir(dir string) string {
	if r := under(dir, reservedDirs); r != "" {
		return r
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
