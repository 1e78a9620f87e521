package generator

import "github.com/sysext-ign/sysext-ign/templates"

// officials writes /etc/flatcar/enabled-sysext.conf, which Flatcar reads to fetch its own extensions.
func (doc *document) officials(names []Str) {
	if len(names) == 0 {
		return
	}
	list := make([]string, 0, len(names))
	releases := make([]string, 0, len(names))
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n.Value] {
			seen[n.Value] = true
			list = append(list, n.Value)
			releases = append(releases, firstRelease(n.Value))
		}
	}
	oldest := newestRelease(releases)
	doc.files = append(doc.files, inlineFile("/etc/flatcar/enabled-sysext.conf", templates.EnabledFile(templates.Enabled{Names: list, MinRelease: oldest})))
}
