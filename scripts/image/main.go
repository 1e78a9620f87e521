// Command image writes the release's container image, the one the Containerfile describes, as an OCI
// image layout in a tar file whose bytes depend only on its inputs, so that building a release twice
// gives identical image archives and no container engine or base image is needed to make them.
//
//	go run ./scripts/image -mtime UNIX_SECONDS -arch amd64|arm64 -ref NAME:TAG -bin BINARY -ca BUNDLE OUT.oci.tar
//
// The image has one layer: BINARY at /usr/local/bin/sysext-ign (mode 0755), the PEM bundle BUNDLE at
// /etc/ssl/certs/ca-certificates.crt (0644) and an empty /work, all owned by 0:0 and stamped with -mtime.
// Its config runs the binary as user 65532:65532 in /work. The index names the image -ref, which
// podman load reads; a manifest.json beside it, as docker save writes one, gives docker load the same
// image under the same name.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "image: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("image", flag.ContinueOnError)
	mtime := fs.Int64("mtime", -1, "timestamp of every file and of the image, in seconds since the epoch (SOURCE_DATE_EPOCH)")
	arch := fs.String("arch", "", "the image's architecture, as Go names it: amd64 or arm64")
	ref := fs.String("ref", "", "the image's name and tag, such as sysext-ign:1.2.3")
	bin := fs.String("bin", "", "the linux sysext-ign binary for -arch")
	ca := fs.String("ca", "", "the PEM bundle of CA certificates")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *mtime < 0 || *ref == "" || *bin == "" || *ca == "" || fs.NArg() != 1 {
		return errors.New("usage: image -mtime UNIX_SECONDS -arch amd64|arm64 -ref NAME:TAG -bin BINARY -ca BUNDLE OUT.oci.tar")
	}
	p, ok := platforms[*arch]
	if !ok {
		return fmt.Errorf("-arch %q: want amd64 or arm64", *arch)
	}
	binary, err := readFile(*bin)
	if err != nil {
		return err
	}
	bundle, err := readFile(*ca)
	if err != nil {
		return err
	}
	img := image{platform: p, ref: *ref, created: time.Unix(*mtime, 0).UTC(), binary: binary, bundle: bundle}
	return write(fs.Arg(0), img)
}

// readFile reads a regular file whole; the image holds files, never a device or a directory.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	b := make([]byte, st.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// write creates out, removing it again if anything fails, so that no partial image is left to be released.
func write(out string, img image) (err error) {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}()
	return img.writeLayout(f)
}
