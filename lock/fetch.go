package lock

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/sysext-ign/sysext-ign/generator"
)

const (
	tries        = 3       // attempts per URL, for what may pass on a later try
	maxSumsBytes = 8 << 20 // a SHA256SUMS list is kilobytes; this bounds what a wrong URL can cost
	timeout      = 30 * time.Second
	maxRedirects = 10
	parallel     = 4 // requests at once: enough to overlap slow answers, few enough to be gentle with one mirror
)

// DefaultDeadline bounds a whole run, however many lists and tries it needs.
const DefaultDeadline = 2 * time.Minute

// Client fetches checksum lists and asks for the URLs the node fetches; the network is touched here and nowhere else in sysext-ign.
type Client struct {
	HTTP     *http.Client
	Backoff  time.Duration // wait before the second try, doubled before each later one
	Deadline time.Duration // for the whole run; zero means none
}

// NewClient gives a client with a per-try timeout and an overall deadline that keeps spec headers on the server they were written for.
func NewClient() *Client {
	return &Client{
		HTTP:     &http.Client{Timeout: timeout, CheckRedirect: keepHeadersOnOrigin},
		Backoff:  time.Second,
		Deadline: DefaultDeadline,
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

// get fetches url, retrying only what may pass on a later try; a 404 or an untrusted certificate fails at once.
func (c *Client) get(ctx context.Context, u string, headers []generator.Header) ([]byte, error) {
	return c.retrying(ctx, func() ([]byte, bool, error) { return c.once(ctx, fetchBody, u, headers) })
}

// probe tells whether u answers a download: a HEAD request, or a one-byte ranged GET from a server that refuses HEAD,
// so lock proves an image is there without fetching it.
func (c *Client) probe(ctx context.Context, u string, headers []generator.Header) error {
	_, err := c.retrying(ctx, func() ([]byte, bool, error) { return c.once(ctx, askHead, u, headers) })
	if errors.Is(err, errHeadRefused) {
		_, err = c.retrying(ctx, func() ([]byte, bool, error) { return c.once(ctx, askFirstByte, u, headers) })
	}
	return err
}

// retrying makes attempts until one passes, fails for good, or the tries or the run's deadline run out.
func (c *Client) retrying(ctx context.Context, attempt func() ([]byte, bool, error)) ([]byte, error) {
	wait := c.Backoff
	for try := 1; ; try++ {
		body, retry, err := attempt()
		switch {
		case ctx.Err() != nil:
			return nil, errors.New(whyDeadline(c.Deadline))
		case err == nil || !retry:
			return body, err
		case try == tries:
			return nil, errors.New(whyTries(err.Error(), tries))
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, errors.New(whyDeadline(c.Deadline))
		}
		wait *= 2
	}
}

// request is what one request asks of a URL.
type request int

const (
	fetchBody    request = iota // GET, keeping the body
	askHead                     // HEAD: is it there?
	askFirstByte                // GET of the first byte only, for servers that refuse HEAD
)

// errHeadRefused is a server's refusal of HEAD itself, which a ranged GET may still get past.
var errHeadRefused = errors.New("HEAD refused")

// headRefusal tells the answers servers give to a HEAD they do not serve: a presigned URL signs the method, so it answers 403.
func headRefusal(status int) bool {
	switch status {
	case http.StatusBadRequest, http.StatusForbidden, http.StatusMethodNotAllowed, http.StatusNotImplemented:
		return true
	}
	return false
}

// once makes one request of kind r: only fetchBody reads the body, the others only the answer's status.
func (c *Client) once(ctx context.Context, r request, u string, headers []generator.Header) (body []byte, retry bool, err error) {
	method := http.MethodGet
	if r == askHead {
		method = http.MethodHead
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", "sysext-ign")
	for _, h := range headers {
		req.Header.Set(h.Name.Value, h.Value.Value)
	}
	if r == askFirstByte {
		req.Header.Set("Range", "bytes=0-0")
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, retryable(err), c.transportError(err)
	}
	defer resp.Body.Close()
	switch {
	case r == askHead && headRefusal(resp.StatusCode):
		return nil, false, errHeadRefused
	case r == fetchBody && resp.StatusCode == http.StatusOK, r != fetchBody && answered(resp.StatusCode):
	default:
		return nil, resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests, errors.New(whyStatus(resp.StatusCode))
	}
	if r != fetchBody {
		return nil, false, nil
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxSumsBytes+1))
	switch {
	case err != nil:
		return nil, retryable(err), c.transportError(err)
	case len(body) > maxSumsBytes:
		return nil, false, errors.New(whyTooLarge)
	}
	return body, false, nil
}

// answered tells the statuses with which a download would go ahead: Ignition takes 200 and 204, and a ranged GET may get 206.
func answered(code int) bool {
	return code == http.StatusOK || code == http.StatusNoContent || code == http.StatusPartialContent
}

// transportError drops net/http's "Get URL:" prefix, since every message already names the URL.
func (c *Client) transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return errors.New(whyTimeout(c.HTTP.Timeout))
		}
		return ue.Err
	}
	if os.IsTimeout(err) {
		return errors.New(whyTimeout(c.HTTP.Timeout))
	}
	return err
}

// retryable tells a failure that may pass on a later try (a timeout, a dropped or refused connection) from one
// that cannot: a redirect lock refuses, an untrusted certificate, a name that does not resolve, a TLS mismatch.
func retryable(err error) bool {
	var (
		refused refusedRedirect
		verify  *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		dns     *net.DNSError
		op      *net.OpError
	)
	switch {
	case os.IsTimeout(err):
		return true
	case errors.As(err, &refused), errors.As(err, &verify), errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid):
		return false
	case errors.As(err, &dns):
		return dns.IsTemporary || dns.IsTimeout
	}
	return errors.As(err, &op) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// refusedRedirect is a redirect lock will not follow; trying again would meet it again.
type refusedRedirect string

func (r refusedRedirect) Error() string { return string(r) }

// keepHeadersOnOrigin follows redirects to http and https only, and sends the spec's headers, which are secrets,
// only to the server they were written for.
func keepHeadersOnOrigin(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return refusedRedirect(whyRedirectLoop)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return refusedRedirect(whyRedirectScheme(req.URL.Scheme))
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
