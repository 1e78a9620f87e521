package generator

import (
	"reflect"

	"github.com/clarketm/json"
)

// encodeIgnition marshals cfg, the config transpile returned, and passes the JSON through the final gate:
// the versioned Ignition parser must accept it with no report entries.
//
// The parser decodes the JSON, then runs Ignition's validation (version, semantics, duplicates) and looks for
// unused keys. Butane has already run that same validation on cfg and found nothing, and JSON marshalled from
// Ignition's own types has no keys those types do not know (TestGateKeys). So when the JSON decodes back into
// a value equal to cfg, parsing it would repeat the same checks on an equal value, and it is skipped; when it
// does not, the parser runs. This keeps a large config from being validated twice.
func encodeIgnition(cfg any, butaneVersion string, pretty bool) ([]byte, string) {
	ign, err := marshalJSON(cfg, pretty)
	if err != nil {
		return nil, err.Error()
	}
	release := releaseOf(butaneVersion)
	if release == nil {
		return nil, "unsupported Butane version " + butaneVersion
	}
	r, err := release.parse(ign, cfg)
	if err != nil || r.IsFatal() {
		return nil, describe(r, err)
	}
	return ign, ""
}

// decodesTo tells whether ign decodes into a value equal to cfg. It decodes with clarketm/json, the copy of
// encoding/json that marshalled ign, whose type cache is warm by now: in a fresh process encoding/json would
// first spend a third of a millisecond reflecting on Ignition's types. The parser's encoding/json decodes the
// same: Ignition's types are plain structs with no decoding methods of their own (TestGateKeys).
func decodesTo[T any](ign []byte, cfg any) bool {
	var back T
	return json.Unmarshal(ign, &back) == nil && reflect.DeepEqual(back, cfg)
}
