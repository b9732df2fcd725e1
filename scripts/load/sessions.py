#!/usr/bin/env python3
"""Signs in the demo's owner, co-trainer and trainee on a running qualify and prints the pages
each of them opens, one per line: ROLE PATH COOKIE. The paths come from the pages themselves
(the trainee's first module, a cohort, a certificate, a co-trainer of the pool), so the list
follows the demo. Used by scripts/load/pages.sh.

Usage: sessions.py BASE_URL DEMO_OUTPUT_FILE"""

import http.cookiejar
import re
import sys
import urllib.request

base, demo_out = sys.argv[1:3]
text = open(demo_out).read()
accounts = re.findall(r"^\s+(owner|co-trainer|trainee)\s+[^<]*<([^>]+)>\s*\n\s+(\S+)", text, re.M)


def sign_in(link):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    link = re.sub(r"^https?://[^/]+", base, link)
    page = opener.open(link).read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data = f"token={token}&csrf_token={csrf}".encode()
    opener.open(urllib.request.Request(f"{base}/sign-in/confirm", data=data))
    cookie = [c for c in jar if "session" in c.name][0]
    return opener, f"{cookie.name}={cookie.value}"


def first(opener, path, pattern):
    """The first link on a page that matches, or None."""
    found = re.search(pattern, opener.open(f"{base}{path}").read().decode())
    return found.group(1) if found else None


sessions = {role: sign_in(link) for role, _, link in accounts}
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
