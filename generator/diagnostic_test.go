package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sysext-ign/sysext-ign/internal/golden"
)

// sampleProblems builds one message of every kind the generator reports, for the golden list of messages.
func sampleProblems() []problem {
	return []problem{
		msgTooLarge(specFile), msgTooLarge(butaneFile), msgNotUTF8(specFile), msgNotUTF8(butaneFile),
		msgBadChar(1), msgEmpty(specFile), msgEmpty(butaneFile), msgManyDocuments(specFile), msgManyDocuments(butaneFile),
		msgYAML("yaml: did not find expected node content"), msgTabIndent, msgAlias, msgMergeKey, msgComplexKey,
		msgNotMapping(specFile, "a list"), msgNotMapping(butaneFile, "a list"), msgNothing,
		msgWantMapping("headers", "a list"), msgWantList("disable", "a string"), msgWantString("name", "a number"),
		msgDuplicateKey("arch", 1), msgUnknownKey("colour", "the spec", "", keysOf(specFields.Get())),
		msgUnknownKey("arhc", "the spec", "arch", keysOf(specFields.Get())), msgNotAllowed("arch", "i386", arches),
		msgNotAllowed("disable item", "docker-flatacr", builtinNames()), msgButaneVersion("Butane version", "1.2.0-experimental"),
		msgUnknownCode("no-such-code"), msgNotSilenceable("unknown-key"),
		msgNameMissing, msgNameInvalid("a/b"), msgNameRaw, msgNameReserved, msgNameDuplicate("a", 2),
		msgNeedSourceOrVers, msgVersionEmpty, msgVersionChars, msgVersionURL, msgTooManyExtensions(500),
		msgDisableDuplicate("torcx-generator", 1), msgLintDirectoryMask("docker-flatcar"),
		msgURL("source", "ftp://h/a.raw", urlWhyScheme("ftp")), msgURL("source", "http://u:p@/a", urlWhyHost),
		msgFolderQuery("bakery_url", "https://h/x?t=1"), msgHashForm, msgHashAlgo("md5"), msgHashLength("sha256", 64, 3),
		msgHeaderName("a b"), msgHeaderValue("X-A", headerValueNL), msgHeaderEmpty("X-A"), msgHeaderDuplicate("x-a", 3),
		msgHeadersScheme("s3"), msgTooManyHeaders(5),
		msgUpdateType("a list"), msgUpdateNeedsVersion, msgUpdateNeedsSource, msgSeriesChars,
		msgFolderURL(bakeryFolder, "mirror/ext", bakeryFolder.whyScheme("")), msgFolderURL(updateFolder, "ftp://h/a/", updateFolder.whyScheme("ftp")),
		msgRestartNeedsRefresh("none"), msgUnitName("consul"), msgRestartSysupdate("systemd-sysupdate.service"), msgUpdateDirInvalid("/var/../x"),
		msgUpdateDirIsTarget(`"/lib/x" (/usr/lib/x on Flatcar)`, "/usr"),
		msgUpdateDirMerged(`"/var/lib/extensions/a"`, "/var/lib/extensions"), msgUpdateDirVolatile(`"/tmp/a"`, volatileDirs[0].dir, volatileDirs[0].why),
		msgPathTooLong(pathBound("local update source", strings.Repeat("/a", MaxPathComponents+1))), msgUpdateTimerUnused, msgLintBakeryBare("wasmtime"),
		msgWantBool("verify", "a string"),
		msgVerifyNeedsKeyring, msgVerifyBakery, msgVerifyLocal, msgKeyringUnused, msgKeyring("keys.asc", keyringWhyArmor("the armored block on line 9 is a PGP SIGNATURE, not a PGP PUBLIC KEY BLOCK")),
		msgKeyring("keys.asc", keyringWhyParse), msgKeyring("keys.asc", keyringWhyEmpty), msgKeyring("keys.asc", keyringWhyPrivate),
		msgKeyring("keys.asc", keyringWhyKeyParse(2, "openpgp: invalid data: user ID self-signature invalid")),
		msgKeyring("keys.asc", keyringWhyVersion("key 1")), msgKeyring("keys.asc", keyringWhyAlgorithm("a subkey of key 1", 27)),
		msgKeyring("keys.asc", keyringWhyKey("key 3", 0x0123456789abcdef, "is an RSA key of 16384 bits; use one of 1024 to 8192 bits")),
		msgKeyring("keys.asc", keyringWhyKeys()), msgKeyring("keys.asc", keyringWhyWork()),
		msgKeyringExpired("keys.asc", "key 0123456789ABCDEF0123456789ABCDEF01234567", "2020-01-02"),
		msgKeyringRevoked("keys.asc", "signing subkey 0123456789ABCDEF0123456789ABCDEF01234567 of key 76543210FEDCBA9876543210FEDCBA9876543210"),
		msgOfficialBuiltin("docker", "docker-flatcar"), msgOfficialOptOut("-podman"), msgOfficialInvalid("a/b"),
		msgOfficialUnknownName("podmann", "podman"), msgOfficialUnknownName("tailscal", ""), msgOfficialBakery("kubernetes"),
		msgOfficialNvidia("nvidia-drivers-580"),
		msgOfficialArch("nvidia-drivers-570", "arm64", x86Only), msgOfficialSinceInvalid("4459"),
		msgOfficialSinceMismatch("zfs", "4000.0.0", "3913.0.0"), msgOfficialUnlisted("newthing", "4600.0.0"),
		msgOfficialNameMissing, msgWantOfficial("a list"), msgOfficialDuplicate("zfs", 1),
		msgLatestUnresolved, msgRetired(retirements[0]), msgRetired(retirements[1]),
		msgLintBothRuntimes("docker", "docker-flatcar"), msgLintNoHash("http"), msgLintDeadURL,
		msgLintVersionedName("docker-28.0.4"), msgLintSeries("v1.33", "v1.32.2"), msgLintUpdateHeaders, msgLintUpdateCA,
		msgLintUpdateArch("arm64", "x86-64"),
		msgTooManyFiles(101), msgIncludeEntries("extra.bu"), msgButaneEntries(), msgListedTwice("CA file", "a.pem", 1),
		msgCannotRead("CA file", "a.pem", readWhyTotal), msgCANotPEM("a.pem"), msgCAAgain("b.pem", "a.pem"),
		msgIncludeVersion("1.1.0", "1.0.0"), msgIncludeConflictHidden("file", "b.bu"),
		msgIncludeConflict("file", "/etc/x", "b.bu"), msgIncludeSetTwice("passwd.users.core", "b.bu"),
		msgIncludeInside("file", "/etc/x/y", "file", "/etc/x", "b.bu"), msgIncludeContains("directory", "/etc", "file", "/etc/x", "b.bu"),
		msgButaneVariant("fcos"), msgButaneMissing("variant", "flatcar"), msgButaneBadTag("!!int"),
		msgButaneValue(msgButaneWrongType("!!str", []string{"", "int"})), msgButaneReport(true, "path not absolute"),
		msgButaneReport(false, "unused key pathh"), msgButaneReport(true, butaneNoFilesDir), msgButaneReport(true, butaneNoTreesDir),
		msgInternal("Butane", "detail"),
	}
}

// TestMessagesGolden lists every rendered message in one file, so a change of wording shows in review.
func TestMessagesGolden(t *testing.T) {
	var b strings.Builder
	for _, p := range sampleProblems() {
		fmt.Fprintf(&b, "%-26s %s\n", p.code, p.at("spec.yaml", Pos{Line: 7, Col: 5}))
	}
	golden.Check(t, "testdata/messages.golden", []byte(b.String()))
}

// TestKinds keeps codes unique and kebab-case, and every generator kind with a message in the golden list;
// the kinds left over are lock's, which lock's own golden list must cover.
func TestKinds(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[Code]bool{}
	for _, k := range Kinds {
		if !kebab.MatchString(string(k.Code)) || seen[k.Code] {
			t.Errorf("code %q is not kebab-case or is listed twice", k.Code)
		}
		seen[k.Code] = true
	}
	for _, p := range sampleProblems() {
		if _, ok := KindOf(p.code); !ok {
			t.Errorf("message %q has code %q, which is not in Kinds", p.msg, p.code)
		}
	}
}

// TestWarningRendering shows the user-facing shape: warnings end in their code, errors are unchanged.
func TestWarningRendering(t *testing.T) {
	w := msgLintNoHash("http").at("s.yaml", Pos{Line: 7, Col: 5})
	if got, want := w.String(), "s.yaml:7:5: warning: "+w.Message+" [http-without-hash]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e := msgNameRaw.at("s.yaml", Pos{Line: 2, Col: 11})
	if got, want := e.String(), "s.yaml:2:11: error: "+e.Message; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestIgnoreWarnings checks that ignore_warnings silences only the named warnings, also under --strict,
// and refuses unknown codes and codes of errors at the entry naming them.
func TestIgnoreWarnings(t *testing.T) {
	const twoWarnings = "disable: [torcx-generator, torcx-generator]\nextensions:\n  - {name: a, source: 'http://h/a.raw'}\n"
	tests := []struct {
		name, spec string
		strict     bool
		want       []string
	}{
		{"both warn", twoWarnings, false, []string{"s.yaml:1:28 disable-duplicate", "s.yaml:3:23 http-without-hash"}},
		{"one silenced", "ignore_warnings: [http-without-hash]\n" + twoWarnings, false, []string{"s.yaml:2:28 disable-duplicate"}},
		{"silenced under strict", "ignore_warnings: [http-without-hash, disable-duplicate]\n" + twoWarnings, true, []string{}},
		{"strict still fails on the other", "ignore_warnings: [http-without-hash]\n" + twoWarnings, true,
			[]string{"s.yaml:2:28 disable-duplicate (strict)"}},
		{"unknown code", "ignore_warnings: [http-without-hsh]\n" + ok, false, []string{"s.yaml:1:19 unknown-warning-code"}},
		{"error code", "ignore_warnings: [http-without-hash, name-raw]\n" + ok, false, []string{"s.yaml:1:38 not-silenceable"}},
		{"retired codes", "ignore_warnings: [version-latest, official-unknown]\n" + ok, false,
			[]string{"s.yaml:1:19 not-silenceable", "s.yaml:1:35 not-silenceable"}},
		{"not a list", "ignore_warnings: dead-url\n" + ok, false, []string{"s.yaml:1:18 wrong-type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diagnose(tt.spec, Options{Strict: tt.strict}); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// hostileText holds what a file, a library or a server could put into a diagnostic to act on a terminal or editor:
// ESC sequences, line breaks that start a forged line, other C0 and C1 controls, bidi and other format characters.
const hostileText = "\x1b[2J\x1b[31mred\r\nspec.yaml:1:1: error: forged line\x00\a\b\x7f\u0085\u009b31m\u202eevil\u2066\u200b\u2028"

// TestDiagnosticsEscapeOutsideText shows that text of outside origin reaches a rendered diagnostic escaped, whoever
// wrote the message: Butane's unused-key warning quoting an included file's key, and an include path as FILE.
func TestDiagnosticsEscapeOutsideText(t *testing.T) {
	files := map[string]string{
		"key.bu":                    "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      " + strconv.QuoteToASCII(hostileText) + ": 1\n",
		"\x1b[32m\u202ename\r\n.bu": "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/b\n      colour: 1\n",
	}
	spec := "disable: [torcx-generator]\ninclude: [key.bu, " + strconv.QuoteToASCII("\x1b[32m\u202ename\r\n.bu") + "]\n"
	_, rep := Generate("s.yaml", []byte(spec), Options{ReadFile: memFiles(files)})
	if len(rep) != 2 {
		t.Fatalf("want an unused-key warning from each included file, got %v", rep)
	}
	for _, d := range rep {
		line := d.String()
		if i := strings.IndexFunc(line, unsafeRune); i >= 0 {
			t.Errorf("rendered diagnostic holds %U raw: %q", []rune(line[i:])[0], line)
		}
	}
	if got := rep[0].String(); !strings.Contains(got, `\x1b[2J\x1b[31mred\r\nspec.yaml:1:1: error: forged line\x00\x07\x08\x7f\u0085\u009b31m\u202eevil\u2066\u200b\u2028`) {
		t.Errorf("the included key is not shown escaped: %s", got)
	}
	if got := rep[1].String(); !strings.HasPrefix(got, `\x1b[32m\u202ename\r\n.bu:6:7: warning: `) {
		t.Errorf("the include path is not shown escaped as FILE: %s", got)
	}
}

// TestEscapeText keeps printable text, including quotes, backslashes and non-ASCII letters, as it is.
func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		`plain "quoted" C:\path ümlaut 日本`: `plain "quoted" C:\path ümlaut 日本`,
		"a\tb\xffc\u00a0d":                 `a\tb\xffc` + "\u00a0d",
		"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2067\u2068\u2069\ufeff": `\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2067\u2068\u2069\ufeff`,
	} {
		if got := EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}
