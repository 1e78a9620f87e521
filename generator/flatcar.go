package generator

import (
	"slices"
	"strings"

	"github.com/coreos/ignition/v2/butane/config/common"
	flatcar1_0 "github.com/coreos/ignition/v2/butane/config/flatcar/v1_0"
	flatcar1_1 "github.com/coreos/ignition/v2/butane/config/flatcar/v1_1"
	v3_3 "github.com/coreos/ignition/v2/config/v3_3"
	v3_4 "github.com/coreos/ignition/v2/config/v3_4"
	"github.com/coreos/vcontext/report"
	"gopkg.in/yaml.v3"
)

// This file is the one home of what sysext-ign knows about Flatcar and its Butane: adding a built-in, an
// official extension or a Butane version is one row here plus its fixture.

// Allowed values, in the order error messages list them.
var (
	arches = []string{"x86-64", "arm64"}
	// archAliases are other spellings of arches, as Go, Debian or uname -m write them, in the order of the alias.
	archAliases    = []archAlias{{"aarch64", "arm64"}, {"amd64", "x86-64"}, {"x86_64", "x86-64"}}
	disableMethods = []string{"link", "directory"}
	updateActions  = []string{"reboot", "refresh", "none"}
	// restartTypes are the unit types systemctl restart applies to; a device, scope or slice cannot be restarted.
	restartTypes = []string{"service", "socket", "target", "timer", "path", "mount", "automount", "swap"}
	// updateTimers are the names of systemd-sysupdate's timer: from 262 on the first is an alias of the second,
	// and a preset or mask naming only the alias does not reach the unit.
	updateTimers = []string{"systemd-sysupdate.timer", "systemd-sysupdate-update.timer"}
	// notifySysextSocket is systemd 262's socket through which systemd-sysupdate has systemd-sysext refresh after every
	// install, enabled by upstream's presets; it would merge an update that should wait for a reboot, and masking it
	// where the unit does not exist (257 and older) does nothing.
	notifySysextSocket = "systemd-sysupdate-notify-sysext.socket"
	// updateServices are the names of the service the drop-in runs in, which it cannot restart from inside.
	updateServices = []string{"systemd-sysupdate.service", "systemd-sysupdate-update.service"}
)

// archAlias is another spelling of one of arches.
type archAlias struct{ alias, arch string }

// aliasOf gives the architecture an alias stands for.
func aliasOf(alias string) (string, bool) {
	for _, a := range archAliases {
		if a.alias == alias {
			return a.arch, true
		}
	}
	return "", false
}

// archNames are every spelling arch: accepts, the bakery's first.
func archNames() []string {
	out := slices.Clone(arches)
	for _, a := range archAliases {
		out = append(out, a.alias)
	}
	return out
}

// spellingsOf lists every spelling arch: accepts for the architecture arch.
func spellingsOf(arch string) []string {
	out := []string{arch}
	for _, a := range archAliases {
		if a.arch == arch {
			out = append(out, a.alias)
		}
	}
	return out
}

// aliasesDoc says how the other spellings of arches are read, for the docs of arch.
func aliasesDoc() string {
	var out []string
	for _, a := range archAliases {
		out = append(out, "`"+a.alias+"` is read as `"+a.arch+"`")
	}
	return strings.Join(out, ", ")
}

const (
	// maxNameLength bounds an image name and a series, which become parts of file names.
	maxNameLength        = 64
	defaultButaneVersion = "1.0.0"
	defaultArch          = "x86-64"
	defaultBakeryURL     = "https://extensions.flatcar.org/extensions"
	defaultDisableMethod = "link"
	defaultUpdateAction  = "reboot"
	// extensionsDir is where the update layout keeps each extension's images, one folder per name.
	extensionsDir = "/opt/extensions/"
)

// reservedPrefixes start the names of images Flatcar ships or downloads itself, which an extension may not take.
var reservedPrefixes = []string{"flatcar-", "oem-"}

// officialExtension is one of Flatcar's own optional extensions, which the OS downloads for its own release
// for each name in /etc/flatcar/enabled-sysext.conf, failing the boot when it cannot.
type officialExtension struct {
	Name   string
	Since  string   // the first Flatcar release that ships it
	Arches []string // the architectures Flatcar builds it for, spelled as arch: is
}

// x86Only is the architectures of an extension Flatcar builds for amd64 alone.
var x86Only = []string{"x86-64"}

// officialExtensions are the names flatcar/scripts' build_library/extra_sysexts.sh builds, each with the first
// release tag whose list has it; NVIDIA's drivers are the six listed, for amd64 only ("don't build nvidia-drivers on ARM").
var officialExtensions = []officialExtension{
	{"zfs", "3913.0.0", arches},
	{"podman", "3975.0.0", arches},
	{"python", "4012.0.0", arches},
	{"incus", "4344.0.0", arches},
	{"nvidia-drivers-535", "4344.0.0", x86Only},
	{"nvidia-drivers-535-open", "4344.0.0", x86Only},
	{"nvidia-drivers-550", "4344.0.0", x86Only},
	{"nvidia-drivers-550-open", "4344.0.0", x86Only},
	{"nvidia-drivers-570", "4344.0.0", x86Only},
	{"nvidia-drivers-570-open", "4344.0.0", x86Only},
	{"overlaybd", "4426.0.0", arches},
}

// nvidiaPrefix starts every NVIDIA driver extension's name; Flatcar builds only the ones in the table.
const nvidiaPrefix = "nvidia-drivers-"

// bakeryImages are well-known sysext-bakery images, which users put in flatcar_extensions by mistake; the bakery
// adds images over time, so this list may lag it.
var bakeryImages = []string{"bird", "chrony", "cilium", "cloud-hypervisor", "coder", "consul", "crio", "dataplaneapi",
	"docker-buildx", "docker-compose", "falco", "haproxy", "ig", "k3s", "kata-containers", "keepalived", "kubernetes",
	"llamaedge", "nebula", "nerdctl", "nomad", "nvidia-runtime", "ollama", "opkssh", "rke2", "scx", "tailscale", "vault",
	"wasmcloud", "wasmedge", "wasmtime"}

// reservedDirs hold what sysext-ign, systemd-sysupdate or Flatcar itself write, so a local update source may not lie in
// one: its images would mix with theirs, or Ignition could not create it (/usr is read-only).
var reservedDirs = []string{"/etc/extensions", "/opt/extensions", "/etc/sysupdate.d", "/etc/systemd", "/etc/flatcar", "/usr"}

// sysextDirs are the other folders systemd-sysext merges images from, where each version sysupdate keeps would
// be merged under its own name.
var sysextDirs = []string{"/run/extensions", "/var/lib/extensions", "/usr/lib/extensions", "/usr/local/lib/extensions", "/.extra/sysext"}

// volatileDirs are where a directory Ignition creates does not last, or is not root's alone; first match wins.
var volatileDirs = []struct{ dir, why string }{
	{"/tmp", "a tmpfs on Flatcar, which hides the directory Ignition created, and where any user could make the directory again and drop an image that systemd-sysupdate installs as root"},
	{"/var/tmp", "which any user may write, so anyone could make the directory again and drop an image that systemd-sysupdate installs as root"},
	{"/run", "a tmpfs, which hides the directory Ignition created and starts empty at every boot"},
	{"/dev/shm", "a tmpfs any user may write, which hides the directory Ignition created"},
	{"/dev", "a devtmpfs, which hides the directory Ignition created"},
	{"/proc", "a kernel filesystem, which hides the directory Ignition created"},
	{"/sys", "a kernel filesystem, which hides the directory Ignition created"},
}

// volatileDirNames lists volatileDirs' directories, for the docs.
func volatileDirNames() []string {
	out := make([]string, len(volatileDirs))
	for i, v := range volatileDirs {
		out[i] = v.dir
	}
	return out
}

// rootLinks are Flatcar's links at the top of its root filesystem, so that a path through one is judged by where it leads.
var rootLinks = []struct{ link, target string }{
	// baselayout links /bin, /sbin, /lib and /lib64 into /usr (its symlink-usr layout), /var/run and /var/lock into
	// /run, and /usr/tmp to /var/tmp; no link lies under another, so their order does not matter.
	{"/bin", "/usr/bin"}, {"/sbin", "/usr/sbin"}, {"/lib", "/usr/lib"},
	{"/lib64", "/usr/lib64"}, {"/var/run", "/run"}, {"/var/lock", "/run/lock"}, {"/usr/tmp", "/var/tmp"}}

// builtin is something Flatcar ships in /usr that disable: can turn off.
type builtin struct {
	name      string // as written in disable:
	link      mask   // what disable_method: link writes
	directory mask   // what disable_method: directory writes
	reserved  bool   // an extension may not take the name, as it would replace the built-in's image
	runtime   string // the extension name that would be merged beside it: lint builtin-still-merged warns, and flatcar_extensions refuses the name
}

// mask is what the disable_method named method writes to turn the built-in off.
func (b *builtin) mask(method string) mask {
	if method == "directory" {
		return b.directory
	}
	return b.link
}

// mask is one Butane entry that turns a built-in off.
type mask struct {
	kind maskKind
	path string
}

type maskKind int

const (
	maskLink maskKind = iota // a link to /dev/null, which systemd-sysext skips
	maskDir                  // an empty directory, which systemd-sysext skips only where no link of the same name is read first
	maskFile                 // an empty file, which shadows a generator in /usr
)

// builtins are in the order their masks are written, so that the config does not depend on the spec's order.
var builtins = []builtin{
	// A built-in sysext image is turned off as Flatcar documents it: a /dev/null link NAME.raw in /etc/extensions
	// today, a directory NAME there before.
	{name: "docker-flatcar", reserved: true, runtime: "docker",
		link:      mask{maskLink, "/etc/extensions/docker-flatcar.raw"},
		directory: mask{maskDir, "/etc/extensions/docker-flatcar"}},
	{name: "containerd-flatcar", reserved: true, runtime: "containerd",
		link:      mask{maskLink, "/etc/extensions/containerd-flatcar.raw"},
		directory: mask{maskDir, "/etc/extensions/containerd-flatcar"}},
	{name: "torcx-generator",
		link:      mask{maskFile, "/etc/systemd/system-generators/torcx-generator"},
		directory: mask{maskFile, "/etc/systemd/system-generators/torcx-generator"}},
}

// runtimes lists the extension names that would be merged beside a built-in, which flatcar_extensions refuses.
func runtimes() []string {
	var out []string
	for _, b := range builtins {
		if b.runtime != "" {
			out = append(out, b.runtime)
		}
	}
	return out
}

// reservedNames lists the built-ins whose names an extension may not take.
func reservedNames() []string {
	var out []string
	for _, b := range builtins {
		if b.reserved {
			out = append(out, b.name)
		}
	}
	return out
}

// reservedName tells whether an extension may not take name, as it would replace one of Flatcar's own images.
func reservedName(name string) bool {
	if contains(reservedNames(), name) {
		return true
	}
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func builtinNames() []string {
	names := make([]string, len(builtins))
	for i, b := range builtins {
		names[i] = b.name
	}
	return names
}

// builtinNamed finds the built-in that disable: names, if any.
func builtinNamed(name string) *builtin {
	for i := range builtins {
		if builtins[i].name == name {
			return &builtins[i]
		}
	}
	return nil
}

// builtinFor finds the built-in an extension named runtime would be merged beside, if any.
func builtinFor(runtime string) *builtin {
	for i := range builtins {
		if builtins[i].runtime != "" && builtins[i].runtime == runtime {
			return &builtins[i]
		}
	}
	return nil
}

// butaneRelease is one version of Butane's flatcar variant that sysext-ign writes and checks.
type butaneRelease struct {
	version   string
	ignition  string                                              // the Ignition spec version it translates to
	bytes     butaneTranslator                                    // translates a plain Butane file, as the butane CLI does
	decode    func(n *yaml.Node) (cfg any, err error)             // decodes a tree into a pointer to the variant's Config
	translate func(cfg any) (ign any, r report.Report, err error) // translates what decode gave, validating as the butane CLI does
	parse     func(ign []byte, cfg any) (report.Report, error)    // the versioned Ignition parser, the final gate on the JSON
}

// butaneTranslator is the signature every flatcar variant package exports for Butane bytes.
type butaneTranslator func([]byte, common.TranslateBytesOptions) ([]byte, report.Report, error)

var butaneReleases = []butaneRelease{
	{"1.0.0", "3.3.0", flatcar1_0.ToIgn3_3Bytes, decodeAs[flatcar1_0.Config],
		func(cfg any) (any, report.Report, error) { return translateAs(cfg, flatcar1_0.Config.ToIgn3_3) },
		func(ign []byte, cfg any) (report.Report, error) { return gate(ign, cfg, v3_3.Parse) }},
	{"1.1.0", "3.4.0", flatcar1_1.ToIgn3_4Bytes, decodeAs[flatcar1_1.Config],
		func(cfg any) (any, report.Report, error) { return translateAs(cfg, flatcar1_1.Config.ToIgn3_4) },
		func(ign []byte, cfg any) (report.Report, error) { return gate(ign, cfg, v3_4.Parse) }},
}

// butaneVersionsDoc says which Ignition each Butane version gives, for the docs of butane_version.
func butaneVersionsDoc() string {
	out := make([]string, len(butaneReleases))
	for i, r := range butaneReleases {
		out[i] = "`" + r.version + "` gives Ignition " + r.ignition
	}
	return strings.Join(out, ", ")
}

func butaneVersions() []string {
	out := make([]string, len(butaneReleases))
	for i, r := range butaneReleases {
		out[i] = r.version
	}
	return out
}

// releaseOf finds the row of a Butane version, or nil for one sysext-ign does not support.
func releaseOf(version string) *butaneRelease {
	for i := range butaneReleases {
		if butaneReleases[i].version == version {
			return &butaneReleases[i]
		}
	}
	return nil
}

// decodeAs decodes a Butane tree into a variant's Config, as the butane CLI decodes a file's text.
func decodeAs[C any](n *yaml.Node) (any, error) {
	var c C
	if err := n.Decode(&c); err != nil {
		return nil, err
	}
	return &c, nil
}

// translateAs translates the Config decodeAs gave, with the validation the butane CLI runs; the report's
// findings have paths into the tree but no positions.
func translateAs[C, I any](cfg any, to func(C, common.TranslateOptions) (I, report.Report, error)) (any, report.Report, error) {
	inlineAsData(cfg)
	ign, r, err := to(*cfg.(*C), common.TranslateOptions{})
	return ign, r, err
}

// gate runs a versioned parser on ign unless ign decodes back to cfg, which Butane has already validated, so that a
// large config is not validated twice.
func gate[T any](ign []byte, cfg any, parse func([]byte) (T, report.Report, error)) (report.Report, error) {
	// The parser decodes the JSON, then runs Ignition's validation (version, semantics, duplicates) and looks for
	// unused keys. Butane has already run that same validation on cfg and found nothing, and JSON marshalled from
	// Ignition's own types has no keys those types do not know (TestGateKeys), so when the JSON decodes back into a
	// value equal to cfg, parsing it would repeat the same checks on an equal value.
	if decodesTo[T](ign, cfg) {
		return report.Report{}, nil
	}
	_, r, err := parse(ign)
	return r, err
}
