import { expect, Page, Browser, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { createHmac } from "crypto";
import * as fs from "node:fs";

export const PASSWORD = "helder-demo";

/**
 * axe-core runs inside the page, so a page without JavaScript is checked as a copy: the same
 * server-rendered HTML (scripts removed, styles kept via <base>) in a script-enabled page.
 */
export async function noAxeViolations(page: Page, browser: Browser, info: TestInfo) {
  let target = page;
  if (info.project.use.javaScriptEnabled === false) {
    const base = new URL(page.url()).origin;
    const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, "").replace("<head>", `<head><base href="${base}/">`);
    const ctx = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
    target = await ctx.newPage();
    await target.setContent(html, { waitUntil: "load" });
  }
  const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  if (target !== page) await target.context().close();
}

/** With JavaScript the form must be hydrated before we type, or the browser would post it itself. */
export async function ready(page: Page, project: string) {
  if (project.endsWith("-js")) {
    await page.locator('[data-hydrated="true"]').waitFor();
  }
}

export async function logIn(page: Page, project: string, username: string, password = PASSWORD) {
  await page.goto("/inloggen");
  await ready(page, project);
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

/** A full-page screenshot named after the page and the project. */
export async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
}

/** Logs in (with the second step for professionals) and waits until Helder has left the log-in pages. */
export async function signIn(page: Page, project: string, username: string) {
  await logIn(page, project, username);
  await expect(page).not.toHaveURL(/\/inloggen$/);
  if (/\/inloggen\/code/.test(page.url())) await secondStep(page, username);
  await expect(page).not.toHaveURL(/\/inloggen/);
}

/** The demo professionals' shared TOTP key (see backend::demo::DEMO_TOTP_SECRET). */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

function base32Decode(s: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const c of s.replace(/=+$/, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/** RFC 6238 code for a 30-second step (HMAC-SHA1, 6 digits). */
export function totp(step: number, secret = DEMO_TOTP_SECRET): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const hash = createHmac("sha1", base32Decode(secret)).update(msg).digest();
  const offset = hash[19] & 0x0f;
  const value = (hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

/**
 * The second log-in step of a professional. A code works once; several runs log in as the
 * same demo professional, so when this step's code is used, the next step's (also accepted)
 * is tried, and otherwise we wait for a fresh step.
 */
/**
 * The TOTP time step this log-in of `username` may use. A code works once per account, and
 * wrong codes count towards the throttle, so log-ins of one professional in parallel workers
 * (three projects) each claim their own step through a file shared by the workers of this run:
 * the current one, or the next still unclaimed (the server accepts one step ahead).
 */
function claimStep(username: string): number {
  const run = (process.env.E2E_PORT ?? process.env.BASE_URL ?? "local").replace(/\W/g, "");
  const file = `${process.env.TMPDIR ?? "/tmp"}/helder-e2e-totp-${run}-${username}`;
  const lock = `${file}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (i > 500) throw new Error(`the step lock ${lock} is stuck`);
      Atomics.wait(pause, 0, 0, 20);
    }
  }
  try {
    const last = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : -1;
    const step = Math.max(Math.floor(Date.now() / 30000), last + 1);
    fs.writeFileSync(file, String(step));
    return step;
  } finally {
    fs.rmdirSync(lock);
  }
}

export async function secondStep(page: Page, username: string) {
  const step = claimStep(username);
  // More than one step ahead: wait until the claimed step is at most the next one.
  const wait = (step - 1) * 30000 - Date.now() + 200;
  if (wait > 0) await page.waitForTimeout(wait);
  await page.getByLabel("Code van 6 cijfers").fill(totp(step));
  await page.getByRole("button", { name: "Verder" }).click();
  await page.waitForLoadState();
  if (/\/inloggen\/code/.test(page.url())) throw new Error(`the code of step ${step} for ${username} was refused`);
}

/** The last text message Helder "sent" to `phone` (scripts/test runs the server with
 * HELDER_SMS=log:<file> and passes the file as E2E_SMS_LOG; no real SMS gateway yet). */
export function lastSmsTo(phone: string): string {
  const file = process.env.E2E_SMS_LOG;
  if (!file) throw new Error("E2E_SMS_LOG is not set (scripts/test sets it)");
  const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n") : [];
  const mine = lines.filter((l) => l).map((l) => JSON.parse(l) as { to: string; text: string }).filter((m) => m.to === phone);
  if (mine.length === 0) throw new Error(`no text message to ${phone}`);
  return mine[mine.length - 1].text;
}

/** A second browser context with the project's settings (another person on another phone). */
export async function otherPerson(browser: Browser, page: Page, info: TestInfo): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: page.viewportSize(),
    javaScriptEnabled: info.project.use.javaScriptEnabled,
    baseURL: info.project.use.baseURL,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
  });
  return ctx.newPage();
}
