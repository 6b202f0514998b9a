import { test, expect, Page } from "@playwright/test";
import { readFileSync } from "fs";
import { noAxeViolations, otherPerson, shot, signIn } from "./helpers";

// The family's dossier, walked through by a parent and by a young person of 14, at every
// project (phone with and without JavaScript, desktop), in Dutch and in English.

const RAAD = "Beschermingsonderzoek (concept)";

/** The sections of the family's dossier: nav link text and the page's h1, per language. */
const SECTIONS = {
  nl: [
    { link: "Waar sta ik nu?", h1: "Waar sta ik nu?", name: "waar-sta-ik" },
    { link: "Wie zijn er betrokken?", h1: "Wie zijn er betrokken?", name: "wie-betrokken" },
    { link: "Rapporten", h1: "Wat staat er in de rapporten?", name: "rapporten" },
    { link: "Mijn rechten", h1: "Mijn rechten", name: "mijn-rechten" },
    { link: "Mijn dossier", h1: "Mijn dossier", name: "mijn-dossier" },
  ],
  en: [
    { link: "Where am I now?", h1: "Where am I now?", name: "where-am-i" },
    { link: "Who is involved?", h1: "Who is involved?", name: "involved" },
    { link: "Reports", h1: "What do the reports say?", name: "reports" },
    { link: "My rights", h1: "My rights", name: "rights" },
    { link: "My file", h1: "My file", name: "my-file" },
  ],
};

async function section(page: Page, link: string, h1: string) {
  await page.getByRole("navigation", { name: /Onderdelen van (uw|je) dossier|Parts of your file/ }).getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
}

for (const who of [
  { user: "sanne", label: "parent", child: false },
  { user: "noor", label: "young-person", child: true },
]) {
  test(`a ${who.label} walks through the whole dossier in Dutch and English`, async ({ page, browser }, info) => {
    // Sixteen pages, each checked with axe and photographed.
    test.setTimeout(180_000);
    await signIn(page, info.project.name, who.user);
    await expect(page).toHaveURL(/\/waar-sta-ik$/);
    for (const lang of ["nl", "en"] as const) {
      if (lang === "en") await page.getByRole("button", { name: "English" }).click();
      for (const s of SECTIONS[lang]) {
        await section(page, s.link, s.h1);
        await noAxeViolations(page, browser, info);
        await shot(page, info, `${who.label}-${lang}-${s.name}`);
      }
      // One report, statement by statement.
      await section(page, SECTIONS[lang][2].link, SECTIONS[lang][2].h1);
      await page.getByRole("link", { name: RAAD }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(RAAD);
      // Who reviewed it before it was sent (the demo's gedragsdeskundige).
      await expect(page.locator("article.report > header")).toContainText(
        lang === "nl" ? "Willem de Groot (gedragsdeskundige) heeft dit rapport nagelezen" : "Willem de Groot (behavioural expert) reviewed this report",
      );
      await expect(page.locator("li.statement").first()).toBeVisible();
      await noAxeViolations(page, browser, info);
      await shot(page, info, `${who.label}-${lang}-report`);
      // The print view and the access log, from "my file".
      await section(page, SECTIONS[lang][4].link, SECTIONS[lang][4].h1);
      await page.getByRole("link", { name: lang === "nl" ? "Nette versie om af te drukken" : "Clean version to print" }).click();
      await expect(page.locator("article.print li.statement").first()).toBeVisible();
      await noAxeViolations(page, browser, info);
      await shot(page, info, `${who.label}-${lang}-print`);
    }
    // Back to Dutch for the other tests of this browser context.
    await page.getByRole("button", { name: "Nederlands" }).click();
    if (who.child) {
      await section(page, "Waar sta ik nu?", "Waar sta ik nu?");
      await expect(page.getByText("Wat kun jij nu doen?")).toBeVisible();
    }
  });
}

test("'dit klopt niet' keeps what was typed, then files a request with its deadline", async ({ page, browser }, info) => {
  const mine = `Ik kwam niet te laat (${info.project.name}).`;
  await signIn(page, info.project.name, "sanne");
  await page.goto("/rapporten");
  await page.getByRole("link", { name: RAAD }).click();
  const statement = page.locator("li.statement", { hasText: "De raadsonderzoeker sprak moeder" });
  await statement.getByText("Dit klopt niet", { exact: true }).click();
  await statement.getByLabel("Er staat iets dat niet waar is").check();
  await statement.getByLabel(/Hoe moet het er volgens u staan/).fill(mine);
  await statement.getByRole("button", { name: "Verzoek versturen" }).click();
  // Back with the message next to the empty field, and nothing lost.
  const again = page.locator("li.statement", { hasText: "De raadsonderzoeker sprak moeder" });
  await expect(again.getByText("Vul dit in.")).toBeVisible();
  await expect(again.getByLabel(/Hoe moet het er volgens u staan/)).toHaveValue(mine);
  await expect(again.getByLabel("Er staat iets dat niet waar is")).toBeChecked();
  await expect(again.getByLabel("Wat klopt er niet, en waarom?")).toHaveAttribute("aria-invalid", "true");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "correction-error");
  await again.getByLabel("Wat klopt er niet, en waarom?").fill(`Ik was op tijd. ${mine}`);
  await again.getByRole("button", { name: "Verzoek versturen" }).click();
  await expect(page.getByRole("status")).toHaveText("Uw verzoek is verstuurd. U ziet hieronder wat ermee gebeurt.");
  const filed = page.locator(".correction", { hasText: mine });
  await expect(filed.getByText("Verstuurd, nog niet bekeken")).toBeVisible();
  await expect(filed.getByText(/Beslissing uiterlijk .* \(nog \d+ dagen\)/)).toBeVisible();
  await shot(page, info, "correction-filed");
});

test("a young person adds their own side, which stays next to the statement", async ({ page, browser }, info) => {
  const side = `Ik ben moe door mijn bijbaan, niet door thuis (${info.project.name}).`;
  await signIn(page, info.project.name, "noor");
  await page.goto("/rapporten");
  await page.getByRole("link", { name: RAAD }).click();
  const statement = page.locator("li.statement", { hasText: "De mentor van Noor vertelt" });
  await statement.getByText("Mijn kant", { exact: true }).click();
  // A young person is addressed with "je".
  await statement.getByLabel("Hoe zie jij het zelf?").fill(side);
  await statement.getByRole("button", { name: "Mijn kant toevoegen" }).click();
  await expect(page.getByRole("status")).toHaveText("Jouw kant staat nu in het dossier.");
  await expect(page.locator("blockquote.own-view", { hasText: side })).toContainText("Jouw kant");
  await noAxeViolations(page, browser, info);
});

test("a young person says she has finished responding to a report in its reaction period", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "lisa");
  await page.goto("/rapporten");
  await page.getByRole("link", { name: RAAD }).click();
  const card = page.locator("#klaar");
  await expect(card.getByRole("heading", { name: "Klaar met reageren?" })).toBeVisible();
  // The three browser projects share the demo: whoever comes first says it, the others find it said.
  const button = card.getByRole("button", { name: "Ik ben klaar met reageren" });
  if (await button.count()) {
    await expect(card).toContainText("Heb je niets meer toe te voegen aan dit rapport?");
    await button.click();
  }
  await expect(page.locator("#klaar")).toContainText("gezegd dat je klaar bent met reageren");
  await expect(page.locator("#klaar").getByRole("button")).toHaveCount(0);
  await noAxeViolations(page, browser, info);
  await shot(page, info, "reaction-closed");
});

test("a parent shares the dossier with a vertrouwenspersoon, who can read it, and stops", async ({ page, browser }, info) => {
  // Each project picks its own end date, so parallel runs do not touch each other's share.
  const days = { "phone-js": 20, "phone-nojs": 21, "desktop-js": 22 }[info.project.name] ?? 23;
  const until = new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
  await signIn(page, info.project.name, "sanne");
  await page.goto("/mijn-dossier");
  await page.getByLabel(/Helder-naam van uw vertrouwenspersoon/).fill("yvonne");
  await page.getByLabel("vertrouwenspersoon", { exact: true }).check();
  await page.getByLabel("Delen tot en met").fill(until);
  await page.getByRole("button", { name: "Delen", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Uw dossier is gedeeld.");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "share");

  const yvonne = await otherPerson(browser, page, info);
  await signIn(yvonne, info.project.name, "yvonne");
  await expect(yvonne.getByRole("heading", { level: 1 })).toHaveText("Met mij gedeeld");
  await yvonne.getByRole("link", { name: "Familie Jansen-Yilmaz" }).click();
  await expect(yvonne.locator("#now-title")).toHaveText("Onderzoek van de Raad");
  await yvonne.getByRole("link", { name: "Rapporten" }).click();
  await yvonne.getByRole("link", { name: RAAD }).click();
  await expect(yvonne.getByRole("button", { name: "Dit klopt" })).toHaveCount(0);
  await noAxeViolations(yvonne, browser, info);
  await yvonne.context().close();

  await page.goto("/mijn-dossier");
  const longDate = new Date(`${until}T12:00:00`).toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
  const row = page.locator("ul.shares li", { hasText: "Yvonne Mulder" }).filter({ hasText: longDate });
  await row.first().getByRole("button", { name: "Stoppen met delen" }).click();
  await expect(page.getByRole("status")).toHaveText("U deelt uw dossier niet meer met deze persoon.");
});

test("the dossier downloads as one file", async ({ page }, info) => {
  await signIn(page, info.project.name, "sanne");
  await page.goto("/mijn-dossier");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Alles downloaden (bestand)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^helder-dossier-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(readFileSync(await file.path(), "utf8"));
  expect(json.case_reference).toBe("2026-0412");
  expect(json.reports.length).toBe(2);
});

test("a young person of 16 decides whether a parent reads her part", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "lisa");
  await page.goto("/mijn-dossier");
  await expect(page.getByRole("heading", { name: "Mogen je ouders jouw deel lezen?" })).toBeVisible();
  await noAxeViolations(page, browser, info);
  const button = page.getByRole("button", { name: /Mehmet Yilmaz/ });
  const giving = /toestemming geven/.test((await button.textContent()) ?? "");
  await button.click();
  await expect(page.getByRole("status")).toHaveText(giving ? "Je hebt toestemming gegeven." : "Je hebt je toestemming ingetrokken.");
});
