"""The host the site answers for, and the address it gives in links and redirects.

A request names its host in a header the client writes. Izde builds absolute URLs from it (the
OpenSearch description, a redirect), so an unchecked one lets anyone make the site hand out
links to another site, and a malformed one (`..`, a 64-letter label) broke URL building itself.
`HostGuard` sits in front of the app: a host that is not a host name answers 400 before the app
sees it, and with a public URL (`izde serve --public-url`) any host but the public one does
too, and every link and redirect is built from the public URL, scheme and path included. Behind
a proxy (`--trusted-proxy`) Werkzeug's ProxyFix first takes the client's address, scheme and
host from the proxy's X-Forwarded-* headers, so cookies are Secure behind HTTPS.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from werkzeug.middleware.proxy_fix import ProxyFix

# A DNS label: letters, digits and inner hyphens, 1 to 63 of them (an IPv4 address is four).
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(
    rf"(?:(?:{_LABEL}\.)*{_LABEL}\.?|\[[0-9a-f:.]{{2,45}}\])(?::(?P<port>[0-9]{{1,5}}))?",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": "80", "https": "443"}
HEALTH = "/api/health"

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def valid_host(host: str) -> bool:
    """Whether a Host header is a host name or address, with an optional port."""
    match = _HOST.fullmatch(host)
    return match is not None and len(host) <= 260 and int(match["port"] or 0) <= 65535


def normal_host(host: str, scheme: str) -> str:
    """`host` in lower case, without the scheme's default port."""
    host = host.lower().rstrip(".")
    name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    return name if name and port == DEFAULT_PORTS.get(scheme) else host


@dataclass(frozen=True)
class PublicURL:
    """Where readers reach the site: `https://search.library.kz/izde`."""

    scheme: str
    host: str  # with a port unless it is the scheme's default
    path: str  # "" or "/prefix"

    @classmethod
    def parse(cls, url: str) -> PublicURL:
        """Raises ValueError saying what is wrong with `url`."""
        parts = urlsplit(url.strip())
        if parts.scheme not in DEFAULT_PORTS or not parts.netloc:
            raise ValueError("an address such as https://search.example.kz/")
        if parts.query or parts.fragment or "@" in parts.netloc:
            raise ValueError("an address with no user, query or fragment")
        if not valid_host(parts.netloc):
            raise ValueError("an address with a valid host name")
        return cls(parts.scheme, normal_host(parts.netloc, parts.scheme), parts.path.rstrip("/"))

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}{self.path}/"


class HostGuard:
    """WSGI middleware: refuses bad and foreign hosts, and puts the public URL in the request."""

    def __init__(self, app: WSGIApp, public: PublicURL | None) -> None:
        self.app = app
        self.public = public

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if not valid_host(host):
            return _refuse(start_response, "The Host header is not a host name.")
        public = self.public
        if public is not None:
            scheme = environ.get("wsgi.url_scheme", "http")
            # A monitor may ask for the health check by the server's own address.
            foreign = public.host not in (
                normal_host(host, scheme),
                normal_host(host, public.scheme),
            )
            if foreign and environ.get("PATH_INFO") != HEALTH:
                return _refuse(start_response, f"This site answers at {public} only.")
            environ["HTTP_HOST"] = public.host
            environ["wsgi.url_scheme"] = public.scheme
            # The proxy may pass the public path on, or strip it.
            path = environ.get("PATH_INFO", "")
            if public.path and (path == public.path or path.startswith(public.path + "/")):
                environ["PATH_INFO"] = path[len(public.path) :]
            environ["SCRIPT_NAME"] = public.path
        return self.app(environ, start_response)


def _refuse(start_response: Callable, message: str) -> list[bytes]:
    """A plain 400: built without the app, its templates or the request's host."""
    body = f"400 Bad Request: {message}\n".encode()
    start_response(
        "400 Bad Request",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
    return [body]


def guarded(app: WSGIApp, public_url: str | None, trusted_proxy: bool) -> WSGIApp:
    """`app` behind the host guard, and behind ProxyFix when a proxy in front is trusted (one
    proxy: the last X-Forwarded-For, -Proto, -Host, -Port and -Prefix it adds count)."""
    public = PublicURL.parse(public_url) if public_url else None
    wrapped: WSGIApp = HostGuard(app, public)
    if trusted_proxy:
        wrapped = ProxyFix(wrapped, x_for=1, x_proto=1, x_host=1, x_port=1, x_prefix=1)
    return wrapped
