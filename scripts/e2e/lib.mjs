// Shared by the browser walk and the screenshot script: a demo installation of qualify on a
// free port, and signing in through the link the demo prints.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Fills a fresh database with the demo and starts the server; returns its base URL, the
// sign-in links by role, and a function that stops it.
export async function demoServer(binary, extraEnv = {}) {
  const data = mkdtempSync(join(tmpdir(), "qualify-e2e-"));
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
    ...extraEnv,
  };
  const demo = execFileSync(binary, ["demo"], { env, encoding: "utf8" });
  const links = Object.fromEntries(
    [...demo.matchAll(/^\s+(owner|co-trainer|trainee)\s+[^\n]*\n\s+(http\S+)/gm)].map((m) => [m[1], m[2]]),
  );
  const server = spawn(binary, ["serve"], { env, stdio: "inherit" });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, links, env, stop: () => server.kill("SIGTERM") };
}

// Signs in with a demo link in a new browser context and sets the profile's language; returns
// the page and where the sign-in landed.
export async function signInAs(browser, link, lang, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ locale: lang, viewport, acceptDownloads: true, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(link);
  await Promise.all([page.waitForNavigation(), page.locator("form[action='/sign-in/confirm'] button").click()]);
  const landed = new URL(page.url()).pathname;
  await page.goto(new URL("/me", link).href);
  await page.selectOption("#language", lang);
  await Promise.all([page.waitForNavigation(), page.locator("form[action='/me'] button[type=submit]").click()]);
  return { page, landed };
}
