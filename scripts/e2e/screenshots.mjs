// Screenshots of the main pages of each role, in German and English, from the demo, into
// docs/screenshots/ (1280 px wide, one screen high; two phone-sized ones).
// Usage: node scripts/e2e/screenshots.mjs [QUALIFY_BINARY]

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { root, demoServer, signInAs } from "./lib.mjs";

const binary = process.argv[2] ?? join(root, "target", "debug", "qualify");
const out = join(root, "docs", "screenshots");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
async function shot(page, name) {
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}
for (const lang of ["de", "en"]) {
  // Sign-in links work once: a fresh demo per language.
  const { base, links, stop } = await demoServer(binary, { QUALIFY_ORGANIZATION: "Muster AG" });
  try {
    const anonymous = await (await browser.newContext({ locale: lang, viewport: { width: 1280, height: 800 } })).newPage();
    await anonymous.goto(`${base}/`);
    await shot(anonymous, `program-${lang}`);

    const { page: trainee } = await signInAs(browser, links.trainee, lang);
    await trainee.goto(`${base}/learn`);
    await shot(trainee, `trainee-learning-${lang}`);
    const assignment = await trainee.locator("a[href*='/assignments/']").first().getAttribute("href");
    await trainee.goto(`${base}${assignment}`);
    await shot(trainee, `trainee-assignment-${lang}`);
    await trainee.goto(`${base}/self-study`);
    await Promise.all([trainee.waitForNavigation(), trainee.locator("form[action$='/enroll'] button").first().click()]);
    await shot(trainee, `self-study-program-${lang}`);
    const lesson = await trainee.locator("ol.timeline a[href*='/lessons/']").first().getAttribute("href");
    await trainee.goto(`${base}${lesson}`);
    await shot(trainee, `self-study-lesson-${lang}`);
    await trainee.setViewportSize({ width: 375, height: 800 });
    await trainee.locator("#check").scrollIntoViewIfNeeded();
    await shot(trainee, `self-study-check-phone-${lang}`);
    await trainee.setViewportSize({ width: 1280, height: 800 });
    const graded = trainee.locator(".feedback .criterion").first();
    if (await graded.count()) {
      await graded.evaluate((el) => el.closest("article").scrollIntoView());
      await shot(trainee, `trainee-feedback-${lang}`);
    }

    const { page: coach } = await signInAs(browser, links["co-trainer"], lang);
    await coach.goto(`${base}/reviews`);
    await shot(coach, `cotrainer-queue-${lang}`);
    const reviews = coach.locator("a[href^='/reviews/']");
    const review = (await reviews.count()) > 0 ? await reviews.first().getAttribute("href") : null;
    if (review) {
      await coach.goto(`${base}${review}`);
      await shot(coach, `cotrainer-review-${lang}`);
    }

    const { page: owner } = await signInAs(browser, links.owner, lang);
    for (const [path, name] of [["/dashboard", "dashboard"], ["/cohorts", "cohorts"], ["/grading", "grading"]]) {
      await owner.goto(`${base}${path}`);
      await shot(owner, `owner-${name}-${lang}`);
    }
    // A live session starting in five minutes: the trainee's page with its check-in, the
    // owner's check-in code.
    const inFive = new Date(Date.now() + 5 * 60 * 1000);
    const local = (d) => d.toISOString().slice(0, 16);
    await owner.goto(`${base}/events/new`);
    await owner.fill("#title_de", "Community-Call im Dezember");
    await owner.fill("#title_en", "December community call");
    await owner.fill("#description_de", "Offener Austausch für alle, die eine Community betreiben: Fragen, Erfolge, Stolpersteine.");
    await owner.fill("#description_en", "An open exchange for everyone who runs a community: questions, successes, stumbling blocks.");
    await owner.fill("#starts_at", local(inFive));
    await owner.fill("#ends_at", local(new Date(inFive.getTime() + 60 * 60 * 1000)));
    await owner.selectOption("#time_zone", "UTC");
    await owner.fill("#join_url", "https://meet.example.com/community-call");
    await owner.fill("#capacity", "40");
    await Promise.all([owner.waitForNavigation(), owner.click("form[action='/events'] button[type=submit]")]);
    const session = new URL(owner.url()).pathname;
    await trainee.goto(`${base}${session}`);
    await Promise.all([trainee.waitForNavigation(), trainee.click(`form[action='${session}/register'] button`)]);
    await shot(trainee, `live-session-${lang}`);
    await owner.goto(`${base}${session}/code`);
    await shot(owner, `live-session-code-${lang}`);

    await trainee.setViewportSize({ width: 375, height: 740 });
    await trainee.goto(`${base}/learn`);
    await shot(trainee, `phone-learning-${lang}`);
    await trainee.locator(".nav-small > summary").click();
    await shot(trainee, `phone-menu-${lang}`);
  } finally {
    stop();
  }
}
await browser.close();
