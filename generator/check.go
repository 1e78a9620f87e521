package generator

import (
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"unicode"

	"github.com/coreos/ignition/v2/config/v3_3/types"
	"github.com/coreos/vcontext/path"
	"github.com/sysext-ign/sysext-ign/internal/lazy"
)

var (
	nameRe    = lazy.Regexp{Pattern: `^[A-Za-z0-9][A-Za-z0-9._+-]*$`}
	httpToken = lazy.Regexp{Pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"}
)

// hexDigits gives the length in hex digits of a digest of the algorithms Ignition verifies.
func hexDigits(algo string) (int, bool) {
	switch algo {
	case "sha256":
		return 64, true
	case "sha512":
		return 128, true
	}
	return 0, false
}

// checker validates a decoded spec so that Butane and Ignition never see a mistake first.
type checker struct {
	*reporter
	spec *Spec
}

// checkSpec is the second step of generation: the decoded spec in, its problems added to r; nothing else changes.
func checkSpec(r *reporter, s *Spec) {
	c := &checker{reporter: r, spec: s}
	if v := s.ButaneVersion; v.usable() && releaseOf(v.Value) == nil {
		c.add(v.Pos, msgButaneVersion("butane_version", v.Value))
	}
	c.arch(s.Arch)
	c.oneOf(s.DisableMethod, "disable_method", disableMethods)
	if s.BakeryURL.usable() {
		c.folderURL(bakeryFolder, s.BakeryURL)
	}
	c.disables(s.Disable)
	c.headers(s.Headers, "")
	c.extensions(s.Extensions)
	c.verification(s)
	c.officials(s.Official)
	c.ignores(s.Ignore)
	c.updateTimer(s)
	if !c.report.HasErrors() && len(s.Extensions) == 0 && len(s.Disable) == 0 && len(s.Official) == 0 {
		c.add(s.Pos, msgNothing)
	}
}

// MaxExtensions is how many images a node can merge: systemd-sysext mounts them all, with the node's own /usr,
// as the lower layers of one overlayfs, which stacks at most 500 (OVL_MAX_STACK in the kernel's fs/overlayfs).
const MaxExtensions = 499

// tooMany refuses a spec of more images than a node can merge, before any work that grows with their number.
func tooMany(r *reporter, s *Spec) bool {
	n := len(s.Extensions) + len(s.Official)
	if n <= MaxExtensions {
		return false
	}
	var at Pos
	if len(s.Extensions) > MaxExtensions {
		at = s.Extensions[MaxExtensions].Pos
	} else {
		at = s.Official[MaxExtensions-len(s.Extensions)].Pos
	}
	r.add(at, msgTooManyExtensions(n))
	return true
}

func (c *checker) oneOf(v Str, what string, allowed []string) {
	if v.usable() && !contains(allowed, v.Value) {
		c.add(v.Pos, msgNotAllowed(what, v.Value, allowed))
	}
}

func (c *checker) arch(v Str) {
	if _, alias := aliasOf(v.Value); !alias {
		c.oneOf(v, "arch", arches)
	}
}

// folderURL checks bakery_url and update.source as http(s) folders, since file names are appended to them.
func (c *checker) folderURL(f folderField, v Str) {
	why := urlProblem(v.Value)
	// Another scheme gets the field's own hint, not the list of schemes Ignition fetches images over.
	if u, err := url.Parse(v.Value); why != urlWhySpace && err == nil && u.Scheme != "http" && u.Scheme != "https" {
		why = f.whyScheme(u.Scheme)
	}
	if why != "" {
		c.add(v.Pos, msgFolderURL(f, v.Value, why))
	} else if strings.ContainsAny(v.Value, "?#") {
		c.add(v.Pos, msgFolderQuery(f.key, v.Value))
	}
}

func (c *checker) disables(items []Str) {
	first := map[string]int{}
	for _, it := range items {
		c.oneOf(it, "disable item", builtinNames())
		if line, dup := first[it.Value]; dup {
			c.add(it.Pos, msgDisableDuplicate(it.Value, line))
			continue
		}
		first[it.Value] = it.Pos.Line
		c.lintMask(it)
	}
}

// ignores accepts only codes of warnings: an error always stops generation, so naming one is a mistake.
func (c *checker) ignores(items []Str) {
	for _, it := range items {
		if r := retired(Code(it.Value)); r != nil {
			c.add(it.Pos, msgRetired(*r))
		} else if _, known := KindOf(Code(it.Value)); !known {
			c.add(it.Pos, msgUnknownCode(it.Value))
		} else if !Silenceable(Code(it.Value)) {
			c.add(it.Pos, msgNotSilenceable(it.Value))
		}
	}
}

func (c *checker) extensions(exts []Extension) {
	first := make(map[string]int, len(exts))
	for _, e := range exts {
		c.extension(e)
		if !e.Name.usable() {
			continue
		}
		if line, dup := first[e.Name.Value]; dup {
			c.add(e.Name.Pos, msgNameDuplicate(e.Name.Value, line))
			continue
		}
		first[e.Name.Value] = e.Name.Pos.Line
	}
}

func (c *checker) extension(e Extension) {
	c.name(e)
	c.arch(e.Arch)
	if e.Version.usable() {
		c.version(e.Version)
	}
	if !e.Source.IsSet() && !e.Version.IsSet() && !e.meant("source", "version") {
		c.add(e.Pos, msgNeedSourceOrVers)
	}
	if e.Source.usable() {
		if why := urlProblem(e.Source.Value); why != "" {
			c.add(e.Source.Pos, msgURL("source", e.Source.Value, why))
		}
	}
	if e.Hash.usable() {
		c.hash(e.Hash)
	}
	c.headers(e.Headers, c.spec.sourceOf(e))
	c.update(e)
	c.lint(e)
}

func (c *checker) name(e Extension) {
	n := e.Name
	switch {
	case !n.IsSet() && !e.meant("name"):
		c.add(e.Pos, msgNameMissing)
	case !n.IsSet():
	case n.Bad:
	case len(n.Value) > maxNameLength || !nameRe.MatchString(n.Value):
		c.add(n.Pos, msgNameInvalid(n.Value))
	case strings.HasSuffix(n.Value, ".raw"):
		c.add(n.Pos, msgNameRaw)
	case reservedName(n.Value):
		c.add(n.Pos, msgNameReserved)
	}
}

func (c *checker) version(v Str) {
	switch {
	case v.Value == "":
		c.add(v.Pos, msgVersionEmpty)
	case strings.Contains(v.Value, "/"), strings.Contains(v.Value, ".."), strings.IndexFunc(v.Value, isSpaceOrControl) >= 0:
		c.add(v.Pos, msgVersionChars)
	case strings.ContainsAny(v.Value, "%?#"):
		c.add(v.Pos, msgVersionURL)
	case v.Value == Latest:
		c.add(v.Pos, msgLatestUnresolved)
	}
}

func (c *checker) hash(h Str) {
	algo, sum, ok := strings.Cut(h.Value, "-")
	want, known := hexDigits(algo)
	switch {
	case !ok:
		c.add(h.Pos, msgHashForm)
	case !known:
		c.add(h.Pos, msgHashAlgo(algo))
	case len(sum) != want:
		c.add(h.Pos, msgHashLength(algo, want, len(sum)))
	default:
		if _, err := hex.DecodeString(sum); err != nil {
			c.add(h.Pos, msgHashForm)
		}
	}
}

// MaxHeaders bounds each headers mapping, since Ignition's validation of a download's headers grows faster than linearly.
const MaxHeaders = 4

// headers checks names and values without quoting a value in any message, since values are secrets.
func (c *checker) headers(hs []Header, source string) {
	if len(hs) > MaxHeaders {
		c.add(hs[MaxHeaders].Name.Pos, msgTooManyHeaders(len(hs)))
		return
	}
	if len(hs) > 0 {
		if u, err := url.Parse(source); err == nil && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "" {
			c.add(hs[0].Name.Pos, msgHeadersScheme(u.Scheme))
		}
	}
	first := map[string]int{}
	for _, h := range hs {
		name := h.Name.Value
		if !httpToken.MatchString(name) {
			c.add(h.Name.Pos, msgHeaderName(name))
		}
		if line, dup := first[strings.ToLower(name)]; dup {
			c.add(h.Name.Pos, msgHeaderDuplicate(name, line))
		}
		first[strings.ToLower(name)] = h.Name.Pos.Line
		switch {
		case h.Value.Value == "":
			c.add(h.Value.Pos, msgHeaderEmpty(name))
		case strings.IndexFunc(h.Value.Value, isControl) >= 0:
			c.add(h.Value.Pos, msgHeaderValue(name, headerValueNL))
		}
	}
}

// urlProblem explains why Ignition would refuse to fetch u, or returns "".
func urlProblem(u string) string {
	if strings.IndexFunc(u, isSpaceOrControl) >= 0 {
		return urlWhySpace
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return parseProblem(u)
	}
	switch parsed.Scheme {
	case "http", "https", "tftp", "s3", "gs":
		if parsed.Host == "" {
			return urlWhyHost
		}
	case "data":
	default:
		return urlWhyScheme(parsed.Scheme)
	}
	r := types.Resource{Source: &u}.Validate(path.New("json"))
	if r.IsFatal() {
		return r.Entries[0].Message
	}
	return ""
}

// parseProblem explains a URL that does not parse from its masked form, since the parser's reason may quote the password.
func parseProblem(u string) string {
	_, err := url.Parse(MaskURLs(u))
	var uerr *url.Error
	if !errors.As(err, &uerr) {
		return urlWhyUserinfo
	}
	return uerr.Err.Error()
}

func isControl(r rune) bool { return unicode.IsControl(r) }

func isSpaceOrControl(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// retired finds the retirement of a code that is no longer a warning, or nil.
func retired(code Code) *retirement {
	for i := range retirements {
		if retirements[i].Code == code {
			return &retirements[i]
		}
	}
	return nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
