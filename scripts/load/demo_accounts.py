"""The demo's accounts as `qualify demo` prints them, and signing one in through its link:
shared by prepare.py and sessions.py."""

import http.cookiejar
import re
import urllib.request


def accounts(demo_output):
    """(role, email, sign-in link) for the owner, co-trainer and trainee the demo printed."""
    return re.findall(r"^\s+(owner|co-trainer|trainee)\s+[^<]*<([^>]+)>\s*\n\s+(\S+)", demo_output, re.M)


def sign_in(base, link):
    """Follows a sign-in link on `base` and confirms it; returns the opener and the cookie."""
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
