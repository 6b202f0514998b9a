import { expect, Page, Browser, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

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

/** Logs in and waits until Helder has left the log-in page (the session is set). */
export async function signIn(page: Page, project: string, username: string) {
  await logIn(page, project, username);
  await expect(page).not.toHaveURL(/\/inloggen/);
}
