package lock

import (
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/internal/golden"
)

// TestMessagesGolden lists lock's rendered messages, so a change of wording shows in review, and checks that
// lock's list and the generator's together cover every code in generator.Kinds exactly once.
func TestMessagesGolden(t *testing.T) {
	samples := []problem{
		msgHashWithLatest, msgLatestOwnSource, msgNotLockable, msgNotLockableDir,
		msgFetch("https://h/SHA256SUMS", whyStatus(404)), msgNoLine("a-1-x86-64.raw", "https://h/SHA256SUMS"),
		msgNoMatch("a-*-x86-64.raw", "https://h/SHA256SUMS"), msgBadSums("https://h/SHA256SUMS", whyLine(3)),
		msgSignatureMissing("https://h/SHA256SUMS.gpg", whyStatus(404)),
		msgSignatureInvalid("https://h/SHA256SUMS.gpg", "openpgp: signature made by unknown entity"),
		msgSplice("a comment moved", []Change{{Name: "a", Version: "1", Hash: "sha256-00"}}),
		msgFetchList("https://h/a/SHA256SUMS", whyStatus(401), true), msgUpdateListUnreachable("https://h/a/SHA256SUMS", whyStatus(404)),
		msgImageUnreachable("https://h/a-1-x86-64.raw", whyStatus(404)), msgNotPinned, msgNotPinnedLatest, msgNotPinnedByHand,
		msgHashNotListed("https://h/a/SHA256SUMS", "a-1-x86-64.raw", "sha256-"+hexB),
		msgPinnedInvalid(generator.Report{generator.NewDiagnostic("spec.yaml", generator.Pos{}, "too-large", "spec is larger than the 1 MiB limit; split it or remove what is not needed")}),
	}
	var b strings.Builder
	for _, p := range samples {
		fmt.Fprintf(&b, "%-26s %s\n", p.code, p.at("spec.yaml", generator.Pos{Line: 7, Col: 5}))
	}
	golden.Check(t, "testdata/messages.golden", []byte(b.String()))
	generatorList, err := os.ReadFile("../generator/testdata/messages.golden")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[generator.Code]bool{}
	first := regexp.MustCompile(`(?m)^(\S+) `)
	for _, m := range first.FindAllStringSubmatch(string(generatorList)+b.String(), -1) {
		listed[generator.Code(m[1])] = true
	}
	var missing []generator.Code
	for _, k := range generator.Kinds {
		if !listed[k.Code] {
			missing = append(missing, k.Code)
		}
		delete(listed, k.Code)
	}
	if len(missing) > 0 || len(listed) > 0 {
		t.Errorf("golden lists miss codes %q and list codes not in Kinds %v", missing, slices.Collect(maps.Keys(listed)))
	}
}
