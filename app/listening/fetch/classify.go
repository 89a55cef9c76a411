package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"syscall"
)

// Causes set on the request context so a failure can be told apart from a
// caller cancelling: which timer fired, and after how long.
var (
	errOverallTimeout = errors.New("overall timeout")
	errIdleTimeout    = errors.New("idle timeout")
)

// classify turns whatever net/http returned into an *Error. ctx is the
// request's own context, whose cause says which timeout (if any) fired.
func (c *Client) classify(ctx context.Context, u *url.URL, err error) *Error {
	if e, ok := AsError(err); ok {
		return e
	}
	raw := u.String()
	if cause := context.Cause(ctx); cause != nil {
		return c.contextError(raw, cause, err)
	}
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		return &Error{Kind: KindDNS, URL: raw, Err: err, Msg: fmt.Sprintf(
			"could not find the server %s — check the address or your internet connection", dnsName(dnsErr, u))}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &Error{Kind: KindRefused, URL: raw, Err: err, Msg: fmt.Sprintf(
			"the server %s refused the connection — the site may be down; will retry later", u.Host)}
	case isTLSError(err):
		return &Error{Kind: KindTLS, URL: raw, Err: err, Msg: fmt.Sprintf(
			"could not make a secure connection to %s — its security certificate is not valid", u.Hostname())}
	case errors.As(err, &netErr) && netErr.Timeout():
		return c.contextError(raw, errOverallTimeout, err)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET):
		return &Error{Kind: KindNetwork, URL: raw, Err: err, Msg: fmt.Sprintf(
			"the connection to %s was cut off; will retry later", u.Hostname())}
	}
	return &Error{Kind: KindNetwork, URL: raw, Err: err, Msg: fmt.Sprintf(
		"could not reach %s; will retry later", u.Hostname())}
}

// contextError explains a request ended by its context.
func (c *Client) contextError(raw string, cause, err error) *Error {
	if err == nil {
		err = cause
	} else if !errors.Is(err, cause) {
		err = fmt.Errorf("%w (%w)", err, cause)
	}
	switch {
	case errors.Is(cause, errIdleTimeout):
		return &Error{Kind: KindTimeout, URL: raw, Err: err, Msg: fmt.Sprintf(
			"the server stopped sending data (nothing for %s); will retry later", formatDuration(c.opts.IdleTimeout))}
	case errors.Is(cause, errOverallTimeout):
		return &Error{Kind: KindTimeout, URL: raw, Err: err, Msg: fmt.Sprintf(
			"the server took too long to answer (%s)", formatDuration(c.opts.Timeout))}
	case errors.Is(cause, context.DeadlineExceeded):
		// The caller's own deadline: possibly spent waiting for a free slot.
		return &Error{Kind: KindTimeout, URL: raw, Err: err, Msg: "the check ran out of time; will retry later"}
	}
	return &Error{Kind: KindCanceled, URL: raw, Err: err, Msg: "the check was cancelled"}
}

// dnsName is the name that failed to resolve, falling back to the URL's host.
func dnsName(e *net.DNSError, u *url.URL) string {
	if e.Name != "" {
		return e.Name
	}
	return u.Hostname()
}

// isTLSError reports certificate and handshake failures.
func isTLSError(err error) bool {
	var (
		verify    *tls.CertificateVerificationError
		record    tls.RecordHeaderError
		alert     tls.AlertError
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &record) || errors.As(err, &alert) ||
		errors.As(err, &unknownCA) || errors.As(err, &hostname) || errors.As(err, &invalid)
}
