package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path"
	"slices"
	"strings"
	"time"
)

// What the Containerfile's final stage makes; TestImageMatchesContainerfile keeps the two in step.
const (
	binaryPath = "/usr/local/bin/sysext-ign"
	bundlePath = "/etc/ssl/certs/ca-certificates.crt"
	user       = "65532:65532"
	workDir    = "/work"
)

// The media types of the OCI image specification, v1, by which container engines tell each blob's role.
const (
	mediaIndex    = "application/vnd.oci.image.index.v1+json"
	mediaManifest = "application/vnd.oci.image.manifest.v1+json"
	mediaConfig   = "application/vnd.oci.image.config.v1+json"
	mediaLayer    = "application/vnd.oci.image.layer.v1.tar+gzip"
)

// platform is where an image runs, in the OCI specification's names, so that an engine picks the image for its machine.
type platform struct {
	Architecture string `json:"architecture"`
	OS           string `json:"os"`
	Variant      string `json:"variant,omitempty"`
}

// platforms are the release's linux targets; arm64 carries variant v8, as container engines record it.
var platforms = map[string]platform{
	"amd64": {Architecture: "amd64", OS: "linux"},
	"arm64": {Architecture: "arm64", OS: "linux", Variant: "v8"},
}

// image is everything the archive's bytes depend on.
type image struct {
	platform
	ref            string
	created        time.Time
	binary, bundle []byte
}

type descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	Platform    *platform         `json:"platform,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

type runConfig struct {
	User       string   `json:"User"`
	Entrypoint []string `json:"Entrypoint"`
	WorkingDir string   `json:"WorkingDir"`
}

type imageConfig struct {
	Created string `json:"created"`
	platform
	Config runConfig `json:"config"`
	RootFS struct {
		Type    string   `json:"type"`
		DiffIDs []string `json:"diff_ids"`
	} `json:"rootfs"`
}

type manifest struct {
	SchemaVersion int          `json:"schemaVersion"`
	MediaType     string       `json:"mediaType"`
	Config        descriptor   `json:"config"`
	Layers        []descriptor `json:"layers"`
}

type index struct {
	SchemaVersion int          `json:"schemaVersion"`
	MediaType     string       `json:"mediaType"`
	Manifests     []descriptor `json:"manifests"`
}

// dockerManifest is an entry of the manifest.json that docker load reads, beside the OCI layout, as docker save
// writes it since Docker 25.
type dockerManifest struct {
	Config   string   `json:"Config"`
	RepoTags []string `json:"RepoTags"`
	Layers   []string `json:"Layers"`
}

// file is one entry of a tar stream; a name ending in / is a directory.
type file struct {
	name string
	mode int64
	body []byte
}

// writeLayout writes the OCI image layout (oci-layout, index.json and blobs/sha256/) as a tar stream, the form
// podman load and docker load read.
func (img image) writeLayout(w io.Writer) error {
	layerTar, err := tarball(img.rootfs(), img.created)
	if err != nil {
		return err
	}
	layer, err := gzipped(layerTar)
	if err != nil {
		return err
	}
	cfg := imageConfig{Created: img.created.Format(time.RFC3339), platform: img.platform,
		Config: runConfig{User: user, Entrypoint: []string{binaryPath}, WorkingDir: workDir}}
	cfg.RootFS.Type = "layers"
	cfg.RootFS.DiffIDs = []string{digest(layerTar)}
	blobs := map[string][]byte{}
	cfgDesc, err := blob(blobs, mediaConfig, cfg)
	if err != nil {
		return err
	}
	layerDesc := descriptor{MediaType: mediaLayer, Digest: digest(layer), Size: int64(len(layer))}
	blobs[layerDesc.Digest] = layer
	manDesc, err := blob(blobs, mediaManifest, manifest{SchemaVersion: 2, MediaType: mediaManifest, Config: cfgDesc, Layers: []descriptor{layerDesc}})
	if err != nil {
		return err
	}
	manDesc.Platform = &img.platform
	manDesc.Annotations = map[string]string{"org.opencontainers.image.ref.name": img.ref}
	idx, err := json.Marshal(index{SchemaVersion: 2, MediaType: mediaIndex, Manifests: []descriptor{manDesc}})
	if err != nil {
		return err
	}
	legacy, err := json.Marshal([]dockerManifest{{Config: blobPath(cfgDesc), RepoTags: []string{img.ref}, Layers: []string{blobPath(layerDesc)}}})
	if err != nil {
		return err
	}
	files := []file{
		{name: "blobs/", mode: 0o755}, {name: "blobs/sha256/", mode: 0o755},
		{name: "index.json", mode: 0o644, body: idx},
		{name: "manifest.json", mode: 0o644, body: legacy},
		{name: "oci-layout", mode: 0o644, body: []byte(`{"imageLayoutVersion":"1.0.0"}`)},
	}
	for d, b := range blobs {
		files = append(files, file{name: blobPath(descriptor{Digest: d}), mode: 0o644, body: b})
	}
	out, err := tarball(files, img.created)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// rootfs lists the layer's files with every parent directory, as the Containerfile's COPY and WORKDIR make them.
func (img image) rootfs() []file {
	files := []file{
		{name: binaryPath[1:], mode: 0o755, body: img.binary},
		{name: bundlePath[1:], mode: 0o644, body: img.bundle},
		{name: workDir[1:] + "/", mode: 0o755},
	}
	dirs := map[string]bool{}
	for _, f := range files {
		for d := path.Dir(path.Clean(f.name)); d != "."; d = path.Dir(d) {
			dirs[d+"/"] = true
		}
	}
	for d := range dirs {
		files = append(files, file{name: d, mode: 0o755})
	}
	return files
}

// blob marshals v and stores it under its digest, since the layout finds every blob by what it holds.
func blob(blobs map[string][]byte, mediaType string, v any) (descriptor, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return descriptor{}, err
	}
	d := descriptor{MediaType: mediaType, Digest: digest(b), Size: int64(len(b))}
	blobs[d.Digest] = b
	return d, nil
}

// blobPath is where the layout keeps the blob d describes, which manifest.json names for docker load too.
func blobPath(d descriptor) string { return "blobs/sha256/" + strings.TrimPrefix(d.Digest, "sha256:") }

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// tarball writes files sorted by name, owned by 0:0 with no user or group names, all stamped with mtime, so that the
// same files give the same bytes on any machine.
func tarball(files []file, mtime time.Time) ([]byte, error) {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: f.name, Mode: f.mode, Size: int64(len(f.body)), ModTime: mtime, Format: tar.FormatUSTAR}
		if f.name[len(f.name)-1] == '/' {
			hdr.Typeflag, hdr.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.body); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// gzipped compresses b in a gzip stream whose header carries no name and no time, so that its bytes depend on b alone.
func gzipped(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := gz.Write(b); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
