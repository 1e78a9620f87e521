package lock

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/sysext-ign/sysext-ign/generator"
)

const (
	tries        = 3       // attempts per URL, for timeouts, 429 and 5xx answers
	maxSumsBytes = 8 << 20 // a SHA256SUMS list is kilobytes; this bounds what a wrong URL can cost
	timeout      = 30 * time.Second
	maxRedirects = 10
)

// Client fetches checksum lists; the network is touched here and nowhere else in sysext-ign.
type Client struct {
	HTTP    *http.Client
	Backoff time.Duration // wait before the second try, doubled before each later one
}

// NewClient gives a client with a per-try timeout that keeps spec headers on the server they were written for.
func NewClient() *Client {
	return &Client{
		HTTP:    &http.Client{Timeout: timeout, CheckRedirect: keepHeadersOnOrigin},
		Backoff: time.Second,
	}
}

// trusting gives a copy of c that also trusts the spec's CAs, as Ignition will on the node.
func (c *Client) trusting(cas []string) *Client {
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	for _, pem := range cas {
		pool.AppendCertsFromPEM([]byte(pem))
	}
	base, ok := c.HTTP.Transport.(*http.Transport)
	if !ok || base == nil {
		base = http.DefaultTransport.(*http.Transport)
	}
	t := base.Clone()
	t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	hc := *c.HTTP
	hc.Transport = t
	out := *c
	out.HTTP = &hc
	return &out
}

// get fetches url, retrying only what may pass on a later try; a 404 fails at once.
func (c *Client) get(u string, headers []generator.Header) ([]byte, error) {
	wait := c.Backoff
	for try := 1; ; try++ {
		body, retry, err := c.once(u, headers)
		if err == nil || !retry {
			return body, err
		}
		if try == tries {
			return nil, errors.New(whyTries(err.Error(), tries))
		}
		time.Sleep(wait)
		wait *= 2
	}
}

func (c *Client) once(u string, headers []generator.Header) (body []byte, retry bool, err error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", "sysext-ign")
	for _, h := range headers {
		req.Header.Set(h.Name.Value, h.Value.Value)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, true, transportError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests, errors.New(whyStatus(resp.StatusCode))
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxSumsBytes+1))
	switch {
	case err != nil:
		return nil, true, transportError(err)
	case len(body) > maxSumsBytes:
		return nil, false, errors.New(whyTooLarge)
	}
	return body, false, nil
}

// transportError drops net/http's "Get URL:" prefix, since every message already names the URL.
func transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return errors.New(whyTimeout)
		}
		return ue.Err
	}
	return err
}

// keepHeadersOnOrigin follows redirects but sends the spec's headers, which are secrets, only to the server they were written for.
func keepHeadersOnOrigin(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return errors.New("stopped after 10 redirects")
	}
	if !sameOrigin(req.URL, via[0].URL) {
		req.Header = http.Header{"User-Agent": {"sysext-ign"}}
	}
	return nil
}

func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && a.Host == b.Host
}

// shown is a URL safe to print: its userinfo is masked.
func shown(u string) string { return generator.MaskURLs(u) }
