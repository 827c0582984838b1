#!/usr/bin/env python3
"""A stand-in for the Flash control plane's environment hub, for RlEnv's tests and hub benchmark.

The hub is a hosted service; this is the only way to test a client against it here. It answers the routes
`rlenv publish ... freesolo://` uses as freesolo-co/flash (Apache-2.0) answers them, re-implemented from reading
that code (commit 0c508de72, 2026-08-22), not copied:

- POST /v1/envs   flash/server/routes/envs.py publish_env: the bearer key (platform/deps.py require_key,
                  platform/auth.py authenticate), the project's organization (domain/projects.py
                  require_project_access_slug), the body checks of domain/envs.py validate_publish_inputs (types,
                  the base64 length bound, strict base64, 64 MiB decoded), the tar checks of _safe_extract
                  (gzip through the stream bound, tarfile in stream mode, metadata headers skipped, '..' and
                  escaping paths, top-level .git/.github/source, links, special files, 5,000 members, 256 MiB),
                  the token scan of envs/package/direct_tokens.py, _github_publish's environment.py and
                  "no files" checks, the commit (identical content makes none; GitHub refuses a file over
                  100 MiB), and the 502 when the project association cannot be recorded. Same statuses, same
                  `detail` texts.
- GET /v1/me      routes/meta.py me.

Why Python: the route is Python, and its checks lean on Python's own tarfile, gzip and base64 semantics (stream
mode, what counts as a metadata header, b64decode(validate=True)); running those same libraries is the most
faithful stand-in there is, and python3 is already a test dependency.

Usage:
  flash_hub_standin.py serve --config CONFIG.json [--host 127.0.0.1] [--port 0]
      prints "listening PORT" once it accepts connections. CONFIG holds:
        keys:      {"KEY": {"org_slug": "acme", "org_id": "org-1"}}
        projects:  {"UUID": {"org_id": "org-1", "slug": "proj"}}
        association_failures: N   the first N publishes that reach the association answer 502
        drop_after: BYTES         on POST /v1/envs, read that much of the body, then reset the connection
        redirect_to: URL          answer every request 307 to URL + path (to prove nothing follows with the key)
        answer: {"status": S, "body": TEXT}   answer every POST /v1/envs with this, after reading the body
  flash_hub_standin.py extract ARTIFACT DEST
      runs publish_package's checks and extraction on a .tar.gz; prints {"ok": true, "files": [...]} or
      {"ok": false, "status": S, "detail": TEXT} and exits 0 or 1.
  GET /_standin/state answers what the stand-in saw: requests (with whether Authorization was sent), publishes,
  commits per environment id, and the files each environment id holds.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import socket
import struct
import sys
import tarfile
import tempfile
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIB = 1024 * 1024
UPLOAD_LIMIT = 64 * MIB
CONTENT_LIMIT = 256 * MIB
MEMBER_LIMIT = 5000
SCAN_LIMIT = 200_000
STREAM_LIMIT = CONTENT_LIMIT + MEMBER_LIMIT * 1024 + MIB
ENCODED_LIMIT = ((UPLOAD_LIMIT + 2) // 3) * 4 + 3
GITHUB_FILE_LIMIT = 100 * MIB
BLOCKED_TOP_LEVEL = frozenset({".git", ".github", "source"})
METADATA_TYPES = frozenset({tarfile.XHDTYPE, tarfile.XGLTYPE, tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK})
NAMESPACE = re.compile(r"[a-z0-9][a-z0-9._-]*")

UNAUTHORIZED = "invalid or missing API key; log in with `flash login` using your freesolo API key"
ASSOCIATION = (
    "environment package may already be uploaded, but its project association could not be "
    "recorded; retry the same publish to repair the association"
)
TOO_LARGE_COMPRESSED = "env package upload is too large (limit 64 MB compressed)"
TOO_LARGE_UNCOMPRESSED = "env package is too large uncompressed (limit 256 MB)"


class Refusal(Exception):
    def __init__(self, detail, status=400):
        super().__init__(detail)
        self.detail = detail
        self.status = status


# ---- body and package checks (domain/envs.py) -------------------------------------------------------------

def decode_package(package_b64, name):
    """validate_publish_inputs: types first, then the encoded bound, strict base64, emptiness, the decoded bound."""
    if not isinstance(name, str):
        raise Refusal("env name must be a string")
    if not isinstance(package_b64, str):
        raise Refusal("env package must be a base64 string")
    if not name:
        raise Refusal("missing env name")
    if len(package_b64) > ENCODED_LIMIT:
        raise Refusal(TOO_LARGE_COMPRESSED, 413)
    try:
        data = base64.b64decode(package_b64, validate=True)
    except Exception:
        raise Refusal("env package is not valid base64") from None
    if not data:
        raise Refusal("empty env package")
    if len(data) > UPLOAD_LIMIT:
        raise Refusal(TOO_LARGE_COMPRESSED, 413)
    return data


class BoundedReader:
    """The decompressed stream, headers included, may not run past STREAM_LIMIT (limits.py LimitedArchiveReader)."""

    def __init__(self, raw):
        self._raw = raw
        self._left = STREAM_LIMIT

    def read(self, size=-1):
        want = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        chunk = self._raw.read(want)
        self._left -= len(chunk)
        if self._left < 0:
            raise Refusal(TOO_LARGE_UNCOMPRESSED)
        return chunk


def segments_of(name):
    """limits.py tar_member_segments: '\\' is a separator, empty and '.' segments vanish, '..' is unsafe."""
    parts = []
    for part in name.replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            raise Refusal(f"unsafe path in env package: {name!r}")
        parts.append(part)
    return parts


def extract_package(data, dest):
    """_safe_extract: one pass over the tar stream, each member checked before it is written."""
    root = dest.resolve()
    try:
        reader = BoundedReader(gzip.GzipFile(fileobj=io.BytesIO(data)))
        with tarfile.open(fileobj=reader, mode="r|") as tar:
            scanned = members = total = 0
            for member in tar:
                scanned += 1
                if scanned > SCAN_LIMIT:
                    raise Refusal(f"env package has too many entries to scan (limit {SCAN_LIMIT})")
                if member.type in METADATA_TYPES:
                    continue
                parts = segments_of(member.name)
                if not parts:
                    continue
                relative = "/".join(parts)
                target = (dest / relative).resolve()
                if target != root and root not in target.parents:
                    raise Refusal(f"unsafe path in env package: {member.name!r}")
                if parts[0] in BLOCKED_TOP_LEVEL:
                    raise Refusal("env packages must not contain repo-control or source top-level paths")
                if member.islnk() or member.issym():
                    raise Refusal(f"links are not allowed in env packages: {member.name!r}")
                if not (member.isreg() or member.isdir()):
                    raise Refusal(
                        "only regular files and directories are allowed in env packages, "
                        f"but {member.name!r} is a special file"
                    )
                members += 1
                if members > MEMBER_LIMIT:
                    raise Refusal(f"env package has too many members (limit {MEMBER_LIMIT})")
                total += max(0, member.size)
                if total > CONTENT_LIMIT:
                    raise Refusal(TOO_LARGE_UNCOMPRESSED)
                member.name = relative
                if sys.version_info >= (3, 12) or hasattr(tarfile, "fully_trusted_filter"):
                    tar.extract(member, dest, filter="fully_trusted")
                else:
                    tar.extract(member, dest)
    except tarfile.TarError as exc:
        raise Refusal(f"env package is not a valid .tar.gz archive: {exc}") from exc
    except OSError as exc:
        raise Refusal(f"env package could not be extracted: {exc}") from exc


# ---- direct access tokens (envs/package/direct_tokens.py) -----------------------------------------------

URLSAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
ALNUM = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
TOKEN_SHAPES = {b"fslo_": (URLSAFE, 45), b"hf_": (ALNUM, 34), b"pit_": (ALNUM, 64)}
PREFIXES = re.compile(rb"fslo_|hf_|pit_")
PLACEHOLDERS = frozenset(
    {b"exampletoken", b"notarealtoken", b"placeholdertoken", b"replacemewithtoken", b"testtoken",
     b"yourapitokenhere", b"yourtokenhere"}
)


def placeholder(body):
    folded = body.lower().replace(b"_", b"").replace(b"-", b"")
    if folded in PLACEHOLDERS:
        return True
    return bool(folded) and folded[:1] in (b"0", b"x") and len(set(folded)) == 1


def holds_token(data):
    """No url-safe byte before the prefix, exactly the body length of its class, no url-safe byte after."""
    for match in PREFIXES.finditer(data):
        start = match.start()
        if start > 0 and data[start - 1] in URLSAFE:
            continue
        allowed, length = TOKEN_SHAPES[match.group(0)]
        body = data[match.end():match.end() + length]
        if len(body) != length or any(b not in allowed for b in body):
            continue
        after = match.end() + length
        if after < len(data) and data[after] in URLSAFE:
            continue
        if not placeholder(body):
            return True
    return False


def scan_tokens(root):
    """Every regular file, never following a link; anything else fails closed as the hub's scan does."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames:
            if os.path.islink(os.path.join(dirpath, name)):
                raise Refusal("env package could not be scanned safely")
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                raise Refusal("env package could not be scanned safely")
            with open(path, "rb") as handle:
                if holds_token(handle.read()):
                    raise Refusal("env package contains a direct access token; remove it before publishing")


# ---- names (flash/schema normalize_env_name_segment, envs.py publish_slug_for_name) ----------------------

def name_segment(value):
    segment = re.sub(r"[^a-z0-9._-]+", "-", str(value or "").lower()).strip("-")
    if segment in {"", ".", ".."} or not re.search(r"[a-z0-9]", segment):
        return None
    return segment


def slug_for(name, org_slug, project_slug):
    raw = str(name or "").strip()
    if "/" not in raw:
        return f"{org_slug}/{project_slug}/{name_segment(raw) or 'env'}"
    parts = [part.strip() for part in raw.split("/")]
    if len(parts) != 3 or not all(parts):
        raise Refusal("env name with namespace must be 'namespace/project/name'")
    if not NAMESPACE.fullmatch(parts[0]):
        raise Refusal("env namespace must match [a-z0-9][a-z0-9._-]*")
    clean = name_segment(parts[2]) or "env"
    if parts[0] != org_slug:
        raise Refusal(
            f"env namespace must match your Freesolo org namespace ({org_slug}/...); got {parts[0]}/{parts[1]}/{clean}",
            403,
        )
    if parts[1] != project_slug:
        raise Refusal(
            "env project segment must match the project you are publishing to "
            f"({org_slug}/{project_slug}/...); got {parts[0]}/{parts[1]}/{clean}",
            403,
        )
    return f"{org_slug}/{project_slug}/{clean}"


def check_package(data, dest, slug=lambda: None):
    """publish_package up to the commit: extraction, the token scan, the destination (_github_publish resolves it
    before it looks at the files), environment.py at the root and at least one file."""
    extract_package(data, dest)
    scan_tokens(dest)
    destination = slug()
    if not (dest / "environment.py").is_file():
        raise Refusal("env package must contain environment.py")
    if not any(path.is_file() for path in dest.rglob("*")):
        raise Refusal("env package contains no files")
    return destination


def tree_digest(root):
    listing = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        listing.append((path.relative_to(root).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()))
    return listing


# ---- the server --------------------------------------------------------------------------------------------

class Hub:
    def __init__(self, config, store):
        self.keys = config.get("keys", {})
        self.projects = config.get("projects", {})
        self.association_failures = int(config.get("association_failures", 0))
        self.drop_after = config.get("drop_after")
        self.redirect_to = config.get("redirect_to")
        self.answer = config.get("answer")
        self.store = store
        self.lock = threading.Lock()
        self.requests = []
        self.publishes = 0
        self.commits = {}

    def state(self):
        with self.lock:
            files = {}
            for slug in self.commits:
                root = self.store / slug
                files[slug] = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*")) if p.is_file()]
            return {"requests": list(self.requests), "publishes": self.publishes, "commits": dict(self.commits), "files": files}

    def commit(self, source, slug):
        """Copy into the hub's checkout; identical content makes no commit (git diff --cached --quiet)."""
        for path in source.rglob("*"):
            if path.is_file() and path.stat().st_size > GITHUB_FILE_LIMIT:
                raise Refusal(
                    f"Freesolo environment upload failed during `git push origin HEAD:main`: remote: error: File "
                    f"{slug}/{path.relative_to(source).as_posix()} is {path.stat().st_size / MIB:.2f} MB; this exceeds "
                    "GitHub's file size limit of 100.00 MB",
                    502,
                )
        with self.lock:
            target = self.store / slug
            before = tree_digest(target) if target.is_dir() else None
            if before == tree_digest(source):
                return
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source, target)
            self.commits[slug] = self.commits.get(slug, 0) + 1

    def authenticate(self, header):
        if not header or not header.startswith("Bearer "):
            return None
        identity = self.keys.get(header.removeprefix("Bearer ").strip())
        return identity if identity and identity.get("org_slug") else None

    def project(self, raw, identity):
        """require_project_access_slug: a canonical UUID, in the key's organization, with a slug."""
        try:
            value = raw.strip()
            if not value:
                raise Refusal("project is required and must be nonblank")
            project_id = str(uuid.UUID(value))
        except ValueError:
            raise Refusal("project must be a valid UUID") from None
        project = self.projects.get(project_id)
        if project is None or project.get("org_id") != identity.get("org_id"):
            raise Refusal(f"project {project_id!r} does not belong to the authenticated organization", 403)
        return project_id, project["slug"]

    def publish(self, payload, identity):
        raw_project = payload.get("project_id")
        if not isinstance(raw_project, str):
            raise Refusal("project_id is required and must be a string")
        _, project_slug = self.project(raw_project, identity)
        package = payload.get("package_b64")
        name = payload.get("name")
        data = decode_package("" if package is None else package, "" if name is None else name)
        with tempfile.TemporaryDirectory(prefix="standin-publish-") as tmp:
            dest = Path(tmp)
            slug = check_package(data, dest, lambda: slug_for(name, identity["org_slug"], project_slug))
            self.commit(dest, slug)
        with self.lock:
            self.publishes += 1
            if self.association_failures > 0:
                self.association_failures -= 1
                raise Refusal(ASSOCIATION, 502)
        return {"id": slug}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "flash-standin"

    def log_message(self, *args):
        pass

    def _send(self, status, payload, headers=None):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _record(self, received=None):
        with self.server.hub.lock:
            self.server.hub.requests.append({
                "method": self.command,
                "path": self.path,
                "authorization": self.headers.get("Authorization") is not None,
                "contentLength": self.headers.get("Content-Length"),
                "received": received,
            })

    def _redirected(self):
        target = self.server.hub.redirect_to
        if not target:
            return False
        self._drain()
        self._record()
        self._send(307, {"detail": "moved"}, {"Location": target.rstrip("/") + self.path})
        return True

    def _drain(self):
        length = int(self.headers.get("Content-Length") or 0)
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 20))
            if not chunk:
                break
            length -= len(chunk)

    def do_GET(self):
        hub = self.server.hub
        if self.path == "/_standin/state":
            self._send(200, hub.state())
            return
        if self._redirected():
            return
        self._record()
        if self.path == "/v1/me":
            identity = hub.authenticate(self.headers.get("Authorization"))
            if identity is None:
                self._send(401, {"detail": UNAUTHORIZED})
                return
            self._send(200, {"kind": "freesolo_api_key", "key_prefix": "fslo_xxxx", **identity})
            return
        self._send(405 if self.path == "/v1/envs" else 404, {"detail": "Method Not Allowed" if self.path == "/v1/envs" else "Not Found"})

    def do_POST(self):
        hub = self.server.hub
        if self._redirected():
            return
        if self.path != "/v1/envs":
            self._drain()
            self._record()
            self._send(404, {"detail": "Not Found"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if hub.drop_after is not None:
            got = len(self.rfile.read(min(length, int(hub.drop_after))))
            self._record(got)
            # A reset, not a polite close: what a proxy or a crashed worker does mid-upload.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        body = self.rfile.read(length)
        self._record(len(body))
        if hub.answer is not None:
            self._send(int(hub.answer["status"]), hub.answer["body"].encode())
            return
        # FastAPI parses the JSON body before the key dependency runs, and checks the body's type after it.
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        payload = None
        if content_type == "application/json" or content_type.endswith("+json"):
            try:
                payload = json.loads(body) if body else None
            except ValueError as exc:
                self._send(422, {"detail": [{"type": "json_invalid", "loc": ["body", getattr(exc, "pos", 0)], "msg": "JSON decode error", "input": {}, "ctx": {"error": str(exc)}}]})
                return
        identity = hub.authenticate(self.headers.get("Authorization"))
        if identity is None:
            self._send(401, {"detail": UNAUTHORIZED})
            return
        if not isinstance(payload, dict):
            kind = "missing" if payload is None and not body else "dict_type"
            message = "Field required" if kind == "missing" else "Input should be a valid dictionary"
            self._send(422, {"detail": [{"type": kind, "loc": ["body"], "msg": message, "input": None}]})
            return
        try:
            self._send(200, hub.publish(payload, identity))
        except Refusal as refusal:
            self._send(refusal.status, {"detail": refusal.detail})


def serve(args):
    config = json.loads(Path(args.config).read_text()) if args.config else {}
    store = Path(tempfile.mkdtemp(prefix="standin-hub-"))
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    server.hub = Hub(config, store)
    print(f"listening {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(store, ignore_errors=True)


def extract(args):
    data = Path(args.artifact).read_bytes()
    dest = Path(args.dest)
    dest.mkdir(parents=True, exist_ok=True)
    try:
        if len(data) > UPLOAD_LIMIT:
            raise Refusal(TOO_LARGE_COMPRESSED, 413)
        if not data:
            raise Refusal("empty env package")
        check_package(data, dest)
    except Refusal as refusal:
        print(json.dumps({"ok": False, "status": refusal.status, "detail": refusal.detail}))
        return 1
    files = [p.relative_to(dest).as_posix() for p in sorted(dest.rglob("*")) if p.is_file()]
    print(json.dumps({"ok": True, "files": files}))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve")
    run.add_argument("--config")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=0)
    unpack = commands.add_parser("extract")
    unpack.add_argument("artifact")
    unpack.add_argument("dest")
    args = parser.parse_args()
    if args.command == "serve":
        serve(args)
        return 0
    return extract(args)


if __name__ == "__main__":
    sys.exit(main())
