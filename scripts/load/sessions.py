#!/usr/bin/env python3
"""Signs in the demo's owner, co-trainer and trainee on a running qualify and prints the pages
each of them opens, one per line: ROLE PATH COOKIE. The paths come from the pages themselves
(the trainee's first module, a cohort, a certificate, a co-trainer of the pool), so the list
follows the demo. Used by scripts/load/pages.sh.

Usage: sessions.py BASE_URL DEMO_OUTPUT_FILE"""

import re
import sys

from demo_accounts import accounts, sign_in

base, demo_out = sys.argv[1:3]
demo_logins = accounts(open(demo_out).read())


def first(opener, path, pattern):
    """The first link on a page that matches, or None."""
    found = re.search(pattern, opener.open(f"{base}{path}").read().decode())
    return found.group(1) if found else None


sessions = {role: sign_in(base, link) for role, _, link in demo_logins}
owner, owner_cookie = sessions["owner"]
trainee, trainee_cookie = sessions["trainee"]
cotrainer_cookie = sessions["co-trainer"][1]
pages = [
    ("trainee", "/learn"),
    ("trainee", first(trainee, "/learn", r'href="(/learn/[^/"]+/modules/[^"]+)"')),
    ("trainee", "/programs/community-manager"),
    ("trainee", "/self-study"),
    ("co-trainer", "/reviews"),
    ("owner", "/dashboard"),
    ("owner", "/people"),
    ("owner", "/people?q=schmidt"),
    ("owner", "/cohorts"),
    ("owner", first(owner, "/cohorts", r'href="(/cohorts/[^"/]+)"')),
    ("owner", "/certificates"),
    ("owner", "/certificates?q=meyer"),
    ("owner", "/grading"),
    ("owner", first(owner, "/grading", r'href="(/grading/cotrainers/[^"/]+)"')),
    ("owner", "/applications"),
    ("owner", "/reports"),
    ("owner", "/mail"),
    ("owner", "/audit"),
]
cookies = {"owner": owner_cookie, "trainee": trainee_cookie, "co-trainer": cotrainer_cookie}
for role, path in pages:
    if path:
        print(role, path, cookies[role])
