import { test, expect, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { signIn, noAxeViolations } from "./helpers";

// Issue 20: a 14-year-old on a small phone. Noor is addressed with "je" on the screens that
// have youth wording, sees De Kindertelefoon, can tap every 0-10 score, and "Snel weg" takes
// her off the page with and without JavaScript.

const NEUTRAL = "https://www.buienradar.nl/";

test.use({ viewport: { width: 320, height: 640 } });

/** The page's visible text, without the language button. */
async function visibleText(page: Page): Promise<string> {
  return page.locator("body").innerText();
}

/** "u" or "uw" as a whole word (the formal "you"). */
function formalYou(text: string): string[] {
  return text.match(/(?<![\p{L}\p{N}])(u|uw|U|Uw)(?![\p{L}\p{N}])/gu) ?? [];
}

/** The chain's words a family often does not know (app/data/jargon.txt). */
const JARGON = readFileSync(`${__dirname}/../../app/data/jargon.txt`, "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

/**
 * Jargon in the page's own words that is not a link to its explanation on /woorden.
 * Text someone wrote (a report's statements, a reaction: `dir="auto"`) is theirs, not ours.
 */
async function unexplainedJargon(page: Page): Promise<string[]> {
  return page.evaluate((words) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (el.closest('[dir="auto"], a[href^="/woorden#"], script, style, [hidden]')) continue;
      const text = (n.textContent ?? "").toLowerCase();
      for (const w of words) {
        const at = text.indexOf(w);
        if (at < 0) continue;
        const before = text[at - 1] ?? " ";
        const after = text[at + w.length] ?? " ";
        if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) found.push(`${w} in "${text.trim().slice(0, 80)}"`);
      }
    }
    return found;
  }, JARGON);
}

/** Serve the neutral site locally: the test must not depend on the internet. */
async function fakeNeutralSite(page: Page) {
  await page.route(`${NEUTRAL}**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Weer</title><h1>Het weer</h1>" }),
  );
}

test("a 14-year-old reads her dossier with 'je' at 320 px", async ({ page }, info) => {
  await signIn(page, info.project.name, "noor");
  for (const path of ["/waar-sta-ik", "/wie-betrokken", "/mijn-rechten", "/feedback", "/rapporten", "/mijn-dossier", "/wie-keek-mee", "/wachtwoord"]) {
    await page.goto(path);
    const text = await visibleText(page);
    expect(formalYou(text), `${path} says "u" to a young person`).toEqual([]);
    // Nothing makes the page wider than the phone (a wide table scrolls in its own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} is wider than 320 px`).toBeLessThanOrEqual(320);
    expect(text, `${path} says "je"`).toMatch(/(?<![\p{L}])(je|jij|jou|jouw)(?![\p{L}])/iu);
    expect(await unexplainedJargon(page), `${path}: jargon without its explanation`).toEqual([]);
  }
  // A job title the family meets in letters links to what it means.
  await page.goto("/wie-betrokken");
  const title = page.locator('a.term[href="/woorden#w-raadsonderzoeker"]').first();
  await expect(title).toHaveText("raadsonderzoeker");
  await title.click();
  await expect(page.locator("#w-raadsonderzoeker")).toBeInViewport();
  // One report, read statement by statement.
  await page.goto("/rapporten");
  await page.locator("main a[href^='/rapporten/']").first().click();
  await expect(page).toHaveURL(/\/rapporten\/[0-9a-f-]+$/);
  const report = await visibleText(page);
  expect(formalYou(report), "a report says \"u\" to a young person").toEqual([]);
  expect(report).toMatch(/(?<![\p{L}])(je|jij|jou|jouw)(?![\p{L}])/iu);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "a report is wider than 320 px").toBeLessThanOrEqual(320);
  expect(await unexplainedJargon(page), "a report: jargon without its explanation").toEqual([]);
  // The youth wording of the praatplaat and an honest date (a norm, not a missed deadline).
  await page.goto("/waar-sta-ik");
  await expect(page.getByText("Wat kun jij nu doen?")).toBeVisible();
  await expect(page.getByText("Meestal klaar")).toBeVisible();
  await expect(page.getByText(/Dit had .* klaar moeten zijn/)).toHaveCount(0);
  await expect(page.getByText(/nog 1 dagen/)).toHaveCount(0);
  // A possible next step says who decides it.
  await expect(page.getByText("Alleen de rechter beslist dat.").first()).toBeVisible();
  // De Kindertelefoon next to 112 and Veilig Thuis.
  await expect(page.locator('.crisis a[href="tel:08000432"]')).toBeVisible();
  await expect(page.locator('.crisis a[href="tel:112"]')).toBeVisible();
  // The shared-phone note works without a script: a <details> that opens.
  await page.getByText("Gedeelde telefoon?").click();
  await expect(page.getByText(/Log uit als je klaar bent/)).toBeVisible();
});

test("a parent is not shown De Kindertelefoon", async ({ page }, info) => {
  await signIn(page, info.project.name, "sanne");
  await page.goto("/waar-sta-ik");
  await expect(page.locator('.crisis a[href="tel:08000432"]')).toHaveCount(0);
  await expect(page.locator("a.quick-exit")).toBeVisible();
});

test("every 0-10 score is a comfortable target at 320 px", async ({ page }, info) => {
  await signIn(page, info.project.name, "noor");
  await page.goto("/feedback");
  const form = page.locator("section.feedback").first();
  const summary = form.locator("summary");
  if ((await form.locator("details").getAttribute("open")) === null) await summary.click();
  const labels = form.locator("fieldset.scale").first().locator(".option label");
  await expect(labels).toHaveCount(11);
  for (let i = 0; i < 11; i++) {
    const box = (await labels.nth(i).boundingBox())!;
    const big = Math.max(box.width, box.height);
    const small = Math.min(box.width, box.height);
    expect(big, `score ${i}`).toBeGreaterThanOrEqual(44);
    expect(small, `score ${i}`).toBeGreaterThanOrEqual(24);
    const spills = await labels.nth(i).evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(spills, `"${i}" spills out of its box`).toBe(false);
  }
});

test("Snel weg leaves the page, with and without JavaScript", async ({ page }, info) => {
  await fakeNeutralSite(page);
  await signIn(page, info.project.name, "noor");
  await page.goto("/waar-sta-ik");
  await page.goto("/mijn-rechten");
  const exit = page.locator("a.quick-exit");
  await expect(exit).toHaveAttribute("href", NEUTRAL);
  await expect(exit).toHaveAttribute("rel", /noreferrer/);
  const before = await page.evaluate(() => history.length);
  await exit.click();
  await expect(page).toHaveURL(NEUTRAL);
  await expect(page.getByRole("heading", { name: "Het weer" })).toBeVisible();
  if (info.project.use.javaScriptEnabled !== false) {
    // The page was replaced, not added to: Back does not return to "Mijn rechten".
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack();
    expect(page.url()).not.toContain("/mijn-rechten");
  }
});

test("every page links to plain explanations of the chain's words", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "noor");
  await page.getByRole("link", { name: "Wat betekent dit woord?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wat betekent dit woord?");
  await expect(page.locator("#w-ondertoezichtstelling")).toHaveText("Ondertoezichtstelling (OTS)");
  await expect(page.locator("#w-geschillenregeling + dd")).toContainText("Daarvoor is een advocaat nodig.");
  expect(formalYou(await visibleText(page))).toEqual([]);
  await noAxeViolations(page, browser, info);
});
