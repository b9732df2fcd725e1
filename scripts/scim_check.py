#!/usr/bin/env python3
"""Runs PyPI's scim2-tester against a qualify SCIM endpoint.

Usage: scim_check.py BASE_URL TOKEN   (BASE_URL without /scim/v2)

Prints every check with its status and reason; exits 1 when any check reports an error or a
critical problem (deviations from recommendations are printed, not failed).
"""
import sys

import httpx2
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server


def main() -> int:
    base, token = sys.argv[1], sys.argv[2]
    http = httpx2.Client(
        base_url=base.rstrip("/") + "/scim/v2",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    results = check_server(SyncSCIMClient(http))
    failed = 0
    for r in results:
        bad = r.status in (Status.ERROR, Status.CRITICAL)
        failed += bad
        print(f"{r.status.name:<10} {r.title}: {r.reason or ''}")
    print(f"{len(results)} checks, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
