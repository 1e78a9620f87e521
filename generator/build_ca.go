package generator

import "gopkg.in/yaml.v3"

// caNode embeds the CA certificates inline; Butane turns them into data URLs, so the node needs no extra download.
func caNode(cas []string) *yaml.Node {
	items := make([]*yaml.Node, len(cas))
	for i, pem := range cas {
		items[i] = mapNode(strNode("inline"), strNode(pem))
	}
	return mapNode(strNode("security"), mapNode(strNode("tls"), mapNode(strNode("certificate_authorities"), seqNode(items))))
}
