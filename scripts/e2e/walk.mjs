// End-to-end walk through a real qualify in headless Chromium, once in German and once in
// English: a trainee hands in an assignment, the co-trainer it was allocated to grades it, the
// owner exports the certification register, and anyone checks a certificate on the public
// verify page. With QUALIFY_E2E_OIDC_ISSUER set (the URL of an oidc-provider-mock that
// .ci/run starts), a new person also signs in through the identity provider and signs out
// again. Every page visited is checked with axe-core: no serious or critical violations.
// Each role lands on its own page after signing in (owner: dashboard, co-trainer with open
// reviews: review queue, trainee: learning page), and each role's main pages are checked at
// 375 and 1280 px: axe-core, the navigation marks the current page (aria-current), and the
// page never scrolls sideways (only a table's own box may). The owner plans a live session,
// the trainee registers and checks in with the code the owner shows.
// Usage: node walk.mjs QUALIFY_BINARY   (run by .ci/run)

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const binary = process.argv[2] ?? join(root, "target", "debug", "qualify");
const axeSource = readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
const checked = new Set();
let failures = 0;

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  checked.add(what);
  for (const v of bad) {
    failures++;
    console.error(`axe ${v.impact} on ${what}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }
}

async function visit(page, url, what) {
  const resp = await page.goto(url);
  if (!resp || resp.status() >= 400) throw new Error(`${what}: ${url} answered ${resp && resp.status()}`);
  await axe(page, what);
}

// Whether the page scrolls sideways (an element reaches past the window's right edge and is
// not inside a box that scrolls itself), and how many navigation links mark it as current.
async function layout(page, what, width, wantCurrent) {
  const r = await page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 1;
    const inOwnBox = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(style.overflowX)) return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll("*")].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right > edge && !inOwnBox(el);
    });
    return {
      sideways: document.documentElement.scrollWidth > edge && wide.length > 0,
      wide: wide.slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      current: document.querySelectorAll("header nav [aria-current=page], header nav summary.current").length,
    };
  });
  checked.add(`${what} at ${width} px`);
  if (r.sideways) {
    failures++;
    console.error(`${what} scrolls sideways at ${width} px: ${r.wide.join(", ")}`);
  }
  if (wantCurrent && r.current === 0) {
    failures++;
    console.error(`${what}: no navigation link is marked aria-current at ${width} px`);
  }
}

// Each page at a phone's and a laptop's width: axe-core, no sideways scrolling, the current
// page marked in the navigation.
async function atBothWidths(page, pages, lang) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [path, what, inNav] of pages) {
      await visit(page, new URL(path, page.url()).href, `${what} (${lang}, ${width} px)`);
      await layout(page, `${what} (${lang})`, width, inNav);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function signIn(browser, link, lang, landing) {
  const context = await browser.newContext({ locale: lang, acceptDownloads: true, bypassCSP: true });
  const page = await context.newPage();
  await visit(page, link, "sign-in confirmation");
  await Promise.all([page.waitForNavigation(), page.locator("form[action='/sign-in/confirm'] button").click()]);
  const landed = new URL(page.url()).pathname;
  if (landing && landed !== landing) {
    failures++;
    console.error(`signed in and landed on ${landed}, not ${landing}`);
  }
  // The profile decides the language of a signed-in person.
  await visit(page, new URL("/me", link).href, "profile");
  await page.selectOption("#language", lang);
  await Promise.all([page.waitForNavigation(), page.locator("form[action='/me'] button[type=submit]").click()]);
  return page;
}

const oidcIssuer = process.env.QUALIFY_E2E_OIDC_ISSUER;

// A new person signs in through the identity provider: the button on the sign-in page, the
// provider's form, back to the profile; then signs out and is offered the provider's sign-out.
async function singleSignOn(browser, base, lang) {
  const sub = `e2e-${lang}-${Date.now()}`;
  const email = `${sub}@example.com`;
  const name = lang === "de" ? "Greta Sommer" : "Grace Summers";
  const put = await fetch(`${oidcIssuer}/users/${sub}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, email_verified: true, name, locale: lang }),
  });
  if (put.status !== 204) throw new Error(`the provider did not store the person: ${put.status}`);
  const context = await browser.newContext({ locale: lang, bypassCSP: true });
  const page = await context.newPage();
  await visit(page, `${base}/sign-in`, `sign-in page with single sign-on (${lang})`);
  await Promise.all([page.waitForNavigation(), page.locator("#sso-sign-in").click()]);
  if (!page.url().startsWith(oidcIssuer)) throw new Error(`not at the provider: ${page.url()}`);
  await page.fill("input[name=sub]", sub);
  // A new person is enrolled nowhere yet: they land on their (empty) learning page.
  await Promise.all([page.waitForURL(`${base}/learn`), page.locator("form button[type=submit]").first().click()]);
  await axe(page, `learning page after single sign-on (${lang})`);
  await visit(page, `${base}/me`, `profile after single sign-on (${lang})`);
  if (!(await page.content()).includes(name)) throw new Error(`the profile does not show ${name}`);
  // Sign out from the account menu in the header: in the bar, or in the menu on screens up to
  // 1280 px.
  const nav = (await page.locator(".nav-wide").isVisible()) ? ".nav-wide" : ".nav-small";
  if (nav === ".nav-small") await page.locator(".nav-small > summary").click();
  await page.locator(`${nav} .account > summary`).click();
  await Promise.all([page.waitForURL(`${base}/signed-out`), page.locator(`${nav} form[action='/sign-out'] button`).click()]);
  await axe(page, `signed-out page (${lang})`);
  if ((await page.locator("#provider-sign-out").count()) !== 1) throw new Error("no provider sign-out offered");
  await context.close();
  console.log(`ok (${lang}): signed in through the identity provider as ${email} and out again`);
}

// Self-study: enroll with one click, the first lesson's video loads with captions in both
// languages, a wrong attempt at its check fails and shows the explanations, then every lesson
// is passed and marked done, and the self-study certificate verifies on the public page.
async function selfStudy(page, anonymous, base, lang) {
  await visit(page, `${base}/self-study`, `self-study catalog (${lang})`);
  await Promise.all([page.waitForNavigation(), page.locator("form[action$='/enroll'] button").first().click()]);
  await axe(page, `self-study program page (${lang})`);
  const lessons = await page.locator("ol.timeline a[href*='/lessons/']").evaluateAll((as) => as.map((a) => a.href));
  if (lessons.length < 6) throw new Error(`only ${lessons.length} lessons listed`);
  let certificate = null;
  for (const [i, href] of lessons.entries()) {
    await visit(page, href, `self-study lesson (${lang})`);
    if (i === 0) {
      const media = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const v = document.querySelector("video");
            if (!v) return resolve({ error: "no video element" });
            const done = () => resolve({ duration: v.duration, tracks: v.textTracks.length });
            if (v.readyState >= 1) return done();
            v.addEventListener("loadedmetadata", done);
            v.addEventListener("error", () => resolve({ error: `video error ${v.error && v.error.code}` }));
            setTimeout(() => resolve({ error: "no metadata within 10 s" }), 10000);
          }),
      );
      if (media.error || !(media.duration > 1) || media.tracks !== 2) throw new Error(`the lesson video does not play: ${JSON.stringify(media)}`);
    }
    // First answer of every question: on the first lesson that is wrong somewhere.
    const fieldsets = page.locator("#check fieldset");
    const count = await fieldsets.count();
    for (let q = 0; q < count; q++) await fieldsets.nth(q).locator("input").first().check();
    await Promise.all([page.waitForNavigation(), page.locator("#check button[type=submit]").click()]);
    await axe(page, `knowledge check result (${lang})`);
    // The result names the correct answers: choose exactly those.
    const right = await page.locator("li.question-result").evaluateAll((qs) =>
      qs.map((q) => [...q.querySelectorAll("li.answer-correct .answer-text")].map((a) => a.textContent.trim())),
    );
    for (let q = 0; q < count; q++) {
      const labels = fieldsets.nth(q).locator("label.choice");
      for (let a = 0; a < (await labels.count()); a++) {
        const label = labels.nth(a);
        const wanted = right[q].includes((await label.innerText()).trim());
        const input = label.locator("input");
        if (wanted) await input.check();
        else if ((await input.getAttribute("type")) === "checkbox") await input.uncheck();
      }
    }
    await Promise.all([page.waitForNavigation(), page.locator("#check button[type=submit]").click()]);
    if ((await page.locator("#check p.notice[role=status]").count()) === 0) throw new Error(`lesson ${i + 1}: the check did not pass`);
    const done = page.locator("form[action$='/done'] button");
    if ((await done.count()) > 0) await Promise.all([page.waitForNavigation(), done.click()]);
    const link = page.locator("a[href^='/certificates/']");
    if ((await link.count()) > 0) certificate = await link.first().getAttribute("href");
  }
  if (!certificate) throw new Error("no self-study certificate after the last lesson");
  await visit(page, `${base}${certificate}`, `self-study certificate (${lang})`);
  const verify = await page.locator("a[href*='/verify/']").first().getAttribute("href");
  await visit(anonymous, verify, `self-study certificate verified (${lang})`);
  const kind = lang === "de" ? "Zertifikat über das Selbststudium" : "Self-study certificate";
  if (!(await anonymous.locator("main").innerText()).includes(kind)) throw new Error("the verify page does not name the self-study certificate");
  console.log(`ok (${lang}): self-study of ${lessons.length} lessons with a video, failed and passed checks, certificate verified`);
  return new URL(lessons[0]).pathname;
}

// The owner plans an open live session starting in five minutes (check-in is open from a
// quarter of an hour before), the trainee registers, the owner shows the check-in code, and
// the trainee checks in with it; the session page is checked at both widths for both.
async function liveSession(owner, trainee, base, lang) {
  const inFive = new Date(Date.now() + 5 * 60 * 1000);
  const local = (d) => d.toISOString().slice(0, 16);
  await visit(owner, `${base}/events/new`, `new live session (${lang})`);
  await owner.fill("#title_de", "Community-Call");
  await owner.fill("#title_en", "Community call");
  await owner.fill("#starts_at", local(inFive));
  await owner.fill("#ends_at", local(new Date(inFive.getTime() + 60 * 60 * 1000)));
  await owner.selectOption("#time_zone", "UTC");
  await owner.fill("#join_url", "https://meet.example.com/community-call");
  await owner.fill("#capacity", "20");
  await Promise.all([owner.waitForNavigation(), owner.click("form[action='/events'] button[type=submit]")]);
  const session = new URL(owner.url()).pathname;
  if (!/^\/events\/[0-9a-f-]{36}$/.test(session)) throw new Error(`planning the session landed on ${owner.url()}`);
  await axe(owner, `live session, owner (${lang})`);

  await visit(trainee, `${base}/events`, `live sessions (${lang})`);
  await visit(trainee, `${base}${session}`, `live session (${lang})`);
  await Promise.all([trainee.waitForNavigation(), trainee.click(`form[action='${session}/register'] button`)]);
  await axe(trainee, `live session after registering (${lang})`);

  await visit(owner, `${base}${session}/code`, `check-in code (${lang})`);
  const code = (await owner.locator(".check-in-code").innerText()).replace(/\D/g, "");
  if (code.length !== 6 || (await owner.locator(".check-in-qr svg").count()) !== 1) throw new Error("no check-in code shown");
  await trainee.fill("#code", code);
  await Promise.all([trainee.waitForNavigation(), trainee.click(`form[action='${session}/check-in'] button`)]);
  await axe(trainee, `live session after checking in (${lang})`);
  const checked = lang === "de" ? "eingecheckt" : "checked in";
  if (!(await trainee.locator("main").innerText()).includes(checked)) throw new Error("the check-in was not confirmed");
  await atBothWidths(trainee, [["/events", "live sessions", true], [session, "live session", true]], lang);
  await atBothWidths(owner, [[session, "live session, owner", true], [`${session}/code`, "check-in code", true]], lang);
  return session;
}

// The review allocated last (the work the walk just handed in) and the demo co-trainer's
// address, read from the walk's database.
function newestAllocation(db) {
  const script = `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute("SELECT id FROM reviews WHERE state = 'allocated' ORDER BY allocated_at DESC LIMIT 1").fetchone()
p = c.execute("SELECT email FROM people WHERE email LIKE 'carla.neumann%' LIMIT 1").fetchone()
print(r[0], p[0])`;
  return execFileSync("python3", ["-c", script, db], { encoding: "utf8" }).trim().split(" ");
}

async function walk(browser, lang) {
  const data = mkdtempSync(join(tmpdir(), `qualify-e2e-${lang}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    QUALIFY_DATABASE_URL: `sqlite://${join(data, "e2e.db")}`,
    QUALIFY_DATA_DIR: data,
    QUALIFY_BIND: `127.0.0.1:${port}`,
    QUALIFY_BASE_URL: base,
    QUALIFY_CONTENT_DIR: join(root, "course_content"),
    QUALIFY_LOG: "warn",
    ...(oidcIssuer
      ? {
          QUALIFY_OIDC_ISSUER: oidcIssuer,
          QUALIFY_OIDC_CLIENT_ID: "qualify-e2e",
          QUALIFY_OIDC_CLIENT_SECRET: "e2e-client-secret",
          QUALIFY_OIDC_LABEL: lang === "de" ? "Mit dem Firmenkonto anmelden" : "Sign in with the company account",
        }
      : {}),
  };
  const demo = execFileSync(binary, ["demo"], { env, encoding: "utf8" });
  const links = Object.fromEntries(
    [...demo.matchAll(/^\s+(owner|co-trainer|trainee)\s+[^\n]*\n\s+(http\S+)/gm)].map((m) => [m[1], m[2]]),
  );
  const server = spawn(binary, ["serve"], { env, stdio: "inherit" });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    const anonymous = await (await browser.newContext({ locale: lang, bypassCSP: true })).newPage();
    await visit(anonymous, `${base}/`, `program page (${lang})`);

    // The trainee hands in the first assignment that is open for work.
    const trainee = await signIn(browser, links.trainee, lang, "/learn");
    await visit(trainee, `${base}/learn`, `trainee dashboard (${lang})`);
    const assignments = await trainee.locator("a[href*='/assignments/']").evaluateAll((as) => as.map((a) => a.href));
    let handedIn = null;
    for (const href of assignments) {
      await visit(trainee, href, `assignment page (${lang})`);
      if ((await trainee.locator("button[value=submit]").count()) === 0) continue;
      await trainee.fill("#body", lang === "de" ? "## Zweck\nUnsere Community verbindet den Einkauf." : "## Purpose\nOur community connects purchasing.");
      await Promise.all([trainee.waitForNavigation(), trainee.click("button[value=submit]")]);
      await axe(trainee, `assignment after submitting (${lang})`);
      handedIn = href;
      break;
    }
    if (!handedIn) throw new Error("no assignment open for work");

    const lesson = await selfStudy(trainee, anonymous, base, lang);
    await atBothWidths(trainee, [["/self-study", "self-study catalog", true], [lesson, "self-study lesson", true]], lang);

    // The co-trainer grades what waits in the queue with the rubric. The allocation rule may
    // give the work just handed in to another co-trainer of the demo's pool; then the owner
    // hands it to this one on the review's page, as an owner would.
    // Where the co-trainer lands depends on whether work waits (the integration tests cover it).
    const coach = await signIn(browser, links["co-trainer"], lang, null);
    await visit(coach, `${base}/reviews`, `review queue (${lang})`);
    let reviews = await coach.locator("a[href^='/reviews/']").evaluateAll((as) => as.map((a) => a.href));
    let ownerPage = null;
    if (reviews.length === 0) {
      const [reviewId, coachEmail] = newestAllocation(join(data, "e2e.db"));
      const owner = await signIn(browser, links.owner, lang, "/dashboard");
      ownerPage = owner;
      await visit(owner, `${base}/reviews/${reviewId}`, `review page, owner (${lang})`);
      await owner.fill("#to", coachEmail);
      await Promise.all([owner.waitForNavigation(), owner.locator(`form[action$='/reassign'] button`).click()]);
      await visit(coach, `${base}/reviews`, `review queue (${lang})`);
      reviews = await coach.locator("a[href^='/reviews/']").evaluateAll((as) => as.map((a) => a.href));
    }
    if (reviews.length === 0) throw new Error("the co-trainer has nothing to grade");
    await visit(coach, reviews[0], `review page (${lang})`);
    const criteria = await coach.locator("input[type=radio][name^='level__']").evaluateAll((rs) => [...new Set(rs.map((r) => r.name))]);
    for (const name of criteria) await coach.locator(`input[name='${name}']`).last().check();
    await coach.fill("#feedback", lang === "de" ? "Klarer Zweck, gut begründet." : "A clear purpose, well argued.");
    await coach.locator("input[name=decision][value=passed]").check();
    await Promise.all([coach.waitForNavigation(), coach.click("button[value=submit]")]);
    await axe(coach, `review after submitting (${lang})`);

    // The owner looks at the dashboard and exports the register.
    const owner = ownerPage ?? (await signIn(browser, links.owner, lang, "/dashboard"));
    await visit(owner, `${base}/dashboard`, `dashboard (${lang})`);
    await visit(owner, `${base}/reports?report=certificates`, `reports (${lang})`);
    const [download] = await Promise.all([owner.waitForEvent("download"), owner.click("a[href*='format=xlsx']")]);
    const file = await download.path();
    if (!file || readFileSync(file).subarray(0, 2).toString() !== "PK") throw new Error("the register is not an XLSX file");
    const verifyUrl = (await owner.locator("td").filter({ hasText: "/verify/" }).first().textContent()).trim();
    const code = verifyUrl.split("/").pop();

    // Anyone can verify the certificate.
    await visit(anonymous, verifyUrl, `verify page (${lang})`);
    const text = await anonymous.locator("main").innerText();
    const expected = lang === "de" ? /gültig|abgelaufen|ersetzt/i : /valid|expired|superseded/i;
    if (!expected.test(text)) throw new Error(`the verify page does not say the status: ${text.slice(0, 200)}`);
    console.log(`ok (${lang}): handed in ${handedIn.split("/").pop()}, graded, exported the register, verified ${code}`);

    // Each role's main pages at a phone's and a laptop's width.
    await atBothWidths(anonymous, [["/", "program page", true], ["/sign-in", "sign-in page", false], ["/verify", "verify form", false]], lang);
    await atBothWidths(trainee, [["/learn", "learning page", true], [handedIn, "assignment page", true], ["/me", "profile", false]], lang);
    await atBothWidths(coach, [["/reviews", "review queue", true], [reviews[0], "review page", true]], lang);
    await atBothWidths(
      owner,
      ["/dashboard", "/cohorts", "/people", "/grading", "/certificates", "/reports", "/reports/impact", "/mail", "/audit", "/applications"].map((p) => [p, `owner ${p}`, true]),
      lang,
    );
    const session = await liveSession(owner, trainee, base, lang);
    console.log(`ok (${lang}): planned ${session}, registered and checked in with the code`);
    if (oidcIssuer) await singleSignOn(browser, base, lang);
    else console.log("single sign-on not walked: QUALIFY_E2E_OIDC_ISSUER is not set (see .ci/run)");
  } finally {
    server.kill("SIGTERM");
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
try {
  for (const lang of ["de", "en"]) await walk(browser, lang);
} finally {
  await browser.close();
}
console.log(`axe checked ${checked.size} kinds of page; ${failures} serious or critical violations`);
process.exit(failures === 0 ? 0 : 1);
