package generator

import "github.com/sysext-ign/sysext-ign/templates"

// officials writes /etc/flatcar/enabled-sysext.conf, which Flatcar reads to fetch its own extensions.
func (doc *document) officials(items []Official) {
	if len(items) == 0 {
		return
	}
	list := make([]string, 0, len(items))
	releases := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, o := range items {
		if !seen[o.Name.Value] {
			seen[o.Name.Value] = true
			list = append(list, o.Name.Value)
			releases = append(releases, sinceOf(o))
		}
	}
	oldest := newestRelease(releases)
	doc.files = append(doc.files, inlineFile("/etc/flatcar/enabled-sysext.conf", templates.EnabledFile(templates.Enabled{Names: list, MinRelease: oldest})))
}
