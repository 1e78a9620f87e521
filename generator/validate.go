package generator

import (
	"reflect"

	"github.com/clarketm/json"
)

// encodeIgnition marshals cfg, the config transpile returned, and passes the JSON through the final gate, the
// versioned Ignition parser, so that no config is written that Ignition would refuse at first boot.
func encodeIgnition(cfg any, butaneVersion string, pretty bool) ([]byte, string) {
	ign, err := marshalJSON(cfg, pretty)
	if err != nil {
		return nil, err.Error()
	}
	release := releaseOf(butaneVersion)
	if release == nil {
		return nil, "unsupported Butane version " + butaneVersion
	}
	r, err := release.parse(ign, cfg) // accepted only with no report entries
	if err != nil || r.IsFatal() {
		return nil, describe(r, err)
	}
	return ign, ""
}

// decodesTo tells whether ign decodes into a value equal to cfg, with clarketm/json, which marshalled ign and so has
// a warm type cache where encoding/json in a fresh process would first spend a third of a millisecond on Ignition's types.
func decodesTo[T any](ign []byte, cfg any) bool {
	var back T
	// The parser's encoding/json decodes the same: Ignition's types are plain structs with no decoding methods of
	// their own (TestGateKeys).
	return json.Unmarshal(ign, &back) == nil && reflect.DeepEqual(back, cfg)
}
