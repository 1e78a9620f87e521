package generator

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"net/url"
	"reflect"
	"sync"

	baseutil "github.com/coreos/ignition/v2/butane/base/util"
)

// inlineAsData gives each inline file, append and CA of a decoded Butane config the data URL and compression that
// Butane's translation would give it, byte for byte, so that one reset gzip compressor serves them all where Butane
// allocates a new one, most of a megabyte of fresh pages, for each.
func inlineAsData(cfg any) {
	c := reflect.ValueOf(cfg).Elem()
	files := c.FieldByName("Storage").FieldByName("Files")
	for i := range files.Len() {
		asData(files.Index(i).FieldByName("Contents"))
		appends := files.Index(i).FieldByName("Append")
		for j := range appends.Len() {
			asData(appends.Index(j))
		}
	}
	// Resources under ignition.config are left to Butane, which validates an inline config there.
	cas := c.FieldByName("Ignition").FieldByName("Security").FieldByName("TLS").FieldByName("CertificateAuthorities")
	for i := range cas.Len() {
		asData(cas.Index(i))
	}
}

// asData rewrites one Butane Resource whose only source is inline and whose compression is unset, as Butane's
// translateResource would translate it; any other resource is Butane's to translate, errors included.
func asData(res reflect.Value) {
	inline, source, local, compression := res.FieldByName("Inline"), res.FieldByName("Source"), res.FieldByName("Local"), res.FieldByName("Compression")
	if inline.IsNil() || !source.IsNil() || !local.IsNil() || !compression.IsNil() && compression.Elem().String() != "" {
		return
	}
	uri, how := butaneDataURL([]byte(inline.Elem().String()))
	source.Set(reflect.ValueOf(&uri))
	compression.Set(reflect.ValueOf(&how))
	inline.SetZero()
}

// butaneDataURL is baseutil.MakeDataURL for contents with no compression set: the shortest of URL-escaped, base64, and
// base64 of gzip at the best level (counting the compression field's "gzip"), with a compressor that is reused.
func butaneDataURL(contents []byte) (uri, compression string) {
	uri, _, err := baseutil.MakeDataURL(contents, nil, false)
	if err != nil {
		panic("sysext-ign: Butane's data URL without compression failed: " + err.Error()) // it only escapes and encodes
	}
	opaque := uri[len("data:"):]
	zw := compressors.Get().(*compressor)
	defer compressors.Put(zw)
	zw.buf.Reset()
	zw.w.Reset(&zw.buf)
	zw.w.Write(contents) // writes to a bytes.Buffer do not fail
	zw.w.Close()
	if gz := ";base64," + base64.StdEncoding.EncodeToString(zw.buf.Bytes()); len(gz)+len("gzip") < len(opaque) {
		return (&url.URL{Scheme: "data", Opaque: gz}).String(), "gzip"
	}
	return uri, ""
}

// compressor is a gzip writer at the level Butane uses, with its output buffer.
type compressor struct {
	w   *gzip.Writer
	buf bytes.Buffer
}

// compressors hold the writers butaneDataURL resets rather than allocates; a run needs one, a concurrent caller more.
var compressors = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestCompression) // a valid level never fails
	return &compressor{w: w}
}}
