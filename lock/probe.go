package lock

import (
	"context"
	"net/url"

	"github.com/sysext-ign/sysext-ign/generator"
)

// probe is one URL the node will fetch, asked once however many extensions share it.
type probe struct {
	url     string
	headers []generator.Header
	client  *Client
	err     error
}

// probeUse is one extension's need of a probe, and the message that says what fails when it does not answer.
type probeUse struct {
	at    generator.Pos
	probe *probe
	msg   func(url, why string) problem
}

// probeAll proves every URL the node will fetch answers, asked as the program that fetches it will ask, so that no
// first boot or update fails on a URL lock could have tried.
func (lk *locker) probeAll(ctx context.Context, exts, read []generator.Lockable) {
	probes := map[string]*probe{}
	ask := func(u string, headers []generator.Header, c *Client) *probe {
		key := rules{headers: headers, sysupdate: c == lk.client}.key(u)
		if probes[key] == nil {
			probes[key] = &probe{url: u, headers: headers, client: c}
		}
		return probes[key]
	}
	var uses []probeUse
	// exts are the extensions as they will be written, read the extensions as the spec has them now, where problems
	// are reported.
	for i, l := range exts {
		at := read[i].Pos
		if lk.failed[at] {
			continue
		}
		// Each image as Ignition downloads it at first boot, and each update list and its signature, where the run has
		// not read them already, as systemd-sysupdate reads them.
		if l.Version.Value != generator.Latest && fetchedOverHTTP(l.ImageURL) {
			uses = append(uses, probeUse{at, ask(l.ImageURL, l.Headers, lk.ignition), msgImageUnreachable})
		}
		if l.ListURL == "" || lk.lists[updateRules(l).key(l.ListURL)] != nil {
			continue
		}
		uses = append(uses, probeUse{at, ask(l.ListURL, nil, lk.client), msgUpdateListUnreachable})
		if verifies(l) {
			uses = append(uses, probeUse{at, ask(l.ListURL+".gpg", nil, lk.client), msgSignatureMissing})
		}
	}
	jobs := make([]func(), 0, len(probes))
	for _, p := range probes {
		jobs = append(jobs, func() { p.err = p.client.probe(ctx, p.url, p.headers) })
	}
	inParallel(jobs)
	for _, u := range uses {
		if u.probe.err != nil {
			lk.add(u.at, u.msg(shown(u.probe.url), u.probe.err.Error()))
		}
	}
}

// fetchedOverHTTP tells the image URLs lock can ask as Ignition will; data: holds the image itself.
func fetchedOverHTTP(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https")
}
