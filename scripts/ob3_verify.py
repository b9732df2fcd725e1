#!/usr/bin/env python3
"""Checks a qualify credential with an independent Open Badges 3.0 implementation.

openbadgeslib (PyPI, pinned in .ci/run) verifies the compact JWT credential with the issuer's
Ed25519 key from the JWKS (picked by the token's kid), checks its revocation status list (a
signed credential of its own, verified with the same key) and, given baked badges (PNG or SVG,
by their file names), reads the credential back out of each.

    python3 scripts/ob3_verify.py SERVER TOKEN_FILE [IMAGE_FILE ...]

SERVER is the address of the running service. URLs in the credential name the issuer's public
base URL; the downloader fetches their path from SERVER instead, so a test server on a loopback
port answers for them. Prints one JSON object: {"verified": bool, "error": str|null,
"images_match": [bool, ...]} (whether each image holds exactly the token); exits 0 when it
could check at all.
"""

import base64
import json
import sys
import urllib.parse
import urllib.request

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from openbadgeslib.ob3.verifier import OB3Verifier, OB3VerificationError


def fetcher(server):
    """A downloader for openbadgeslib that reads every URL's path from the test server."""

    def download(url):
        parts = urllib.parse.urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query else "")
        with urllib.request.urlopen(server.rstrip("/") + path, timeout=30) as resp:
            return resp.read()

    return download


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key(server, token):
    """The Ed25519 key the JWKS publishes under the token's kid."""
    header = json.loads(b64url(token.split(".")[0]))
    jwks = json.loads(fetcher(server)("/.well-known/jwks.json"))
    for key in jwks["keys"]:
        if key.get("kid") == header.get("kid"):
            return Ed25519PublicKey.from_public_bytes(b64url(key["x"]))
    raise SystemExit("no key in the JWKS for kid %r" % header.get("kid"))


def main():
    server, token_file = sys.argv[1], sys.argv[2]
    token = open(token_file, encoding="utf-8").read().strip()
    result = {"verified": False, "error": None, "images_match": []}
    try:
        OB3Verifier(public_key(server, token)).verify(
            token, check_status=True, download=fetcher(server))
        result["verified"] = True
    except OB3VerificationError as exc:
        result["error"] = str(exc)
    for name in sys.argv[3:]:
        with open(name, "rb") as image:
            data = image.read()
        if name.endswith(".svg"):
            baked = OB3Verifier.extract_token_from_svg(data)
        else:
            baked = OB3Verifier.extract_token_from_png(data)
        result["images_match"].append(baked == token)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
