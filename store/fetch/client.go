// Package fetch downloads papers from arXiv and Hugging Face, politely, and
// keeps each response as received so that the corpus loaders read fetched
// days and saved files alike.
//
// go-retryablehttp was not used: its backoff cannot be told to wait for a
// lock shared with other processes, and the spacing, retries and
// conditional requests here are a hundred lines that tests drive with a
// fake clock.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ArxivSpacing is the least time between two requests to an arXiv host,
// as arXiv's terms of use ask.
const ArxivSpacing = 3 * time.Second

// maxBody bounds a response: a day's listing or an API page is a few
// megabytes at most, and a server must not fill the memory.
const maxBody = 64 << 20

// Client makes one request at a time, retries what can be retried and
// spaces requests to the hosts that ask for it, across processes.
type Client struct {
	HTTP      *http.Client
	UserAgent string
	// LockDir holds one lock file per spaced host, holding the time of the
	// last request: every papers process on the machine shares it.
	LockDir string
	// Spacing is the least time between requests to a spaced host.
	Spacing time.Duration
	// Attempts is how many times a request is tried in all.
	Attempts int
	// MaxWait is the longest Retry-After that is waited for.
	MaxWait time.Duration
	// Now and Sleep are the clock, replaced in tests.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	mu sync.Mutex // one request at a time within the process
}

// NewClient is a Client with papers' defaults: the User-Agent names
// version and the repository, proxies come from the environment.
func NewClient(version, lockDir string) *Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.Proxy = http.ProxyFromEnvironment
	transport.ResponseHeaderTimeout = 60 * time.Second
	return &Client{
		HTTP:      &http.Client{Transport: transport, Timeout: 3 * time.Minute},
		UserAgent: "papers/" + version + " (+https://github.com/papertui/papers)",
		LockDir:   lockDir,
		Spacing:   ArxivSpacing,
		Attempts:  4,
		MaxWait:   5 * time.Minute,
		Now:       time.Now,
		Sleep:     sleepContext,
	}
}

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Request is one GET.
type Request struct {
	URL string
	// Spaced requests keep Spacing from the previous one to the same host.
	Spaced bool
	// ETag and LastModified, from an earlier response, make the request
	// conditional.
	ETag, LastModified string
}

// Response is a completed GET. NotModified reports a 304: Body is empty.
type Response struct {
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	NotModified  bool
}

// HTTPError is a response that is not a success, after any retries.
type HTTPError struct {
	URL    string
	Status int
	Body   string // the start of the body, cleaned by the caller before printing
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Get performs req, retrying on 429, 5xx and timeouts with exponential
// backoff (2 s, 4 s, 8 s...) or the server's Retry-After.
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	backoff := 2 * time.Second
	var lastErr error
	for attempt := 1; ; attempt++ {
		resp, retryAfter, err := c.once(ctx, req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !retryable(err) || attempt >= max(c.Attempts, 1) {
			return nil, lastErr
		}
		wait := backoff
		if retryAfter > 0 {
			wait = retryAfter
		}
		if wait > c.MaxWait {
			return nil, fmt.Errorf("%w (the server asks to wait %v)", lastErr, wait.Round(time.Second))
		}
		if err := c.Sleep(ctx, wait); err != nil {
			return nil, err
		}
		backoff *= 2
	}
}

// once makes one attempt, holding the host's lock while it runs so that
// no other process talks to the host at the same time.
func (c *Client) once(ctx context.Context, req Request) (*Response, time.Duration, error) {
	if req.Spaced {
		unlock, err := c.awaitTurn(ctx, req.URL)
		if err != nil {
			return nil, 0, err
		}
		defer unlock()
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, 0, err
	}
	hreq.Header.Set("User-Agent", c.UserAgent)
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := c.HTTP.Do(hreq)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, 0, err
	}
	if len(body) > maxBody {
		return nil, 0, fmt.Errorf("GET %s: response larger than %d MiB", req.URL, maxBody>>20)
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &Response{NotModified: true, ETag: req.ETag, LastModified: req.LastModified}, 0, nil
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return &Response{
			Body: body, ContentType: resp.Header.Get("Content-Type"),
			ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		}, 0, nil
	}
	excerpt := body[:min(len(body), 200)]
	return nil, retryAfter(resp.Header.Get("Retry-After"), c.Now()), &HTTPError{URL: req.URL, Status: resp.StatusCode, Body: string(excerpt)}
}

func retryable(err error) bool {
	var he *HTTPError
	if errors.As(err, &he) {
		return he.Status == http.StatusTooManyRequests || he.Status >= 500
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, io.ErrUnexpectedEOF)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// awaitTurn takes the host's lock, waits until Spacing has passed since
// the last request any process made to it, and returns the function that
// records this request and releases the lock.
func (c *Client) awaitTurn(ctx context.Context, rawURL string) (func(), error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(c.LockDir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the lock directory: %w", err)
	}
	path := filepath.Join(c.LockDir, "host-"+strings.NewReplacer(":", "_", "/", "_").Replace(u.Host)+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(ctx, f); err != nil {
		f.Close()
		return nil, err
	}
	release := func() {
		unlockFile(f)
		f.Close()
	}
	var last int64
	if b, err := io.ReadAll(io.LimitReader(f, 64)); err == nil {
		last, _ = strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	}
	if last > 0 {
		wait := time.Unix(0, last).Add(c.Spacing).Sub(c.Now())
		if wait > c.Spacing {
			wait = c.Spacing // a clock set back must not stall fetching
		}
		if err := c.Sleep(ctx, wait); err != nil {
			release()
			return nil, err
		}
	}
	return func() {
		// The time is taken after the response, so the gap is measured
		// from the end of one request to the start of the next.
		stamp := strconv.FormatInt(c.Now().UnixNano(), 10)
		if _, err := f.WriteAt([]byte(stamp+"\n"), 0); err == nil {
			_ = f.Truncate(int64(len(stamp) + 1))
		}
		release()
	}, nil
}
