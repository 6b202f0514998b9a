import { test, expect } from "@playwright/test";
import { readFileSync } from "fs";
import { signIn, noAxeViolations, shot } from "./helpers";

// An analyst of SAVE reads the organisation's figures: filters, sees the chart and the
// hidden cells, and downloads the table as CSV. Phone with and without JavaScript, desktop.

test("an analyst filters the figures, sees what is hidden, and downloads the CSV", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "analist");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wat vinden gezinnen van de samenwerking?");
  await expect(page.getByText(/Cijfers uit de feedback van gezinnen over SAVE Jeugdbescherming/)).toBeVisible();
  await expect(page.getByRole("img", { name: "Gemiddeld totaal per periode (0 tot 40)" })).toBeVisible();
  const periods = page.getByRole("table", { name: "Cijfers per periode" });
  await expect(periods.getByRole("row")).toHaveCount(13);
  await expect(page.getByRole("table", { name: "Cijfers per team" })).toContainText("Team Utrecht-Noord");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "insights");

  // The young people of the smallest team are too few: hidden, and said so.
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Team Amersfoort" });
  await page.getByLabel("Wie", { exact: true }).selectOption({ label: "Jongeren" });
  await page.getByRole("button", { name: "Toon cijfers" }).click();
  await expect(page).toHaveURL(/groep=young_person/);
  await expect(page.getByLabel("Wie", { exact: true })).toHaveValue("young_person");
  await expect(periods.locator("tr.suppressed").first()).toContainText("te weinig reacties");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "insights-hidden");

  // Per quarter, for all teams: the CSV holds exactly the rows of the table.
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Allemaal" });
  await page.getByLabel("Wie", { exact: true }).selectOption({ label: "Allemaal" });
  await page.getByLabel("Per", { exact: true }).selectOption({ label: "kwartaal" });
  await page.getByRole("button", { name: "Toon cijfers" }).click();
  await expect(page).toHaveURL(/per=kwartaal/);
  const rows = await periods.locator("tbody tr").count();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download deze tabel (CSV)" }).click(),
  ]);
  const csv = readFileSync(await download.path()!, "utf-8").trim().split("\n");
  expect(csv[0]).toMatch(/^periode,toon,reacties_afgerond/);
  expect(csv.length - 1).toBe(rows);
  expect(csv.join("\n")).not.toMatch(/Sanne|Jansen|Bakker/);
});

// The chart labels every period that fits, never overlapping and never cut off, and on a
// desktop uses the width it has; the wide tables scroll inside their own box with the first
// column kept in view, and the page itself never scrolls sideways (390 px and 1280 px).
test("the chart's labels never overlap and the tables can be read whole", async ({ page }, info) => {
  await signIn(page, info.project.name, "analist");
  const chart = page.getByRole("img", { name: "Gemiddeld totaal per periode (0 tot 40)" });
  await expect(chart).toBeVisible();
  const svg = (await chart.boundingBox())!;
  const labels = chart.locator("text.x-label");
  const n = await labels.count();
  expect(n).toBeGreaterThanOrEqual(4);
  const boxes = [];
  for (let i = 0; i < n; i++) boxes.push((await labels.nth(i).boundingBox())!);
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(svg.x - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(svg.x + svg.width + 0.5);
  }
  for (let i = 1; i < n; i++) expect(boxes[i].x).toBeGreaterThan(boxes[i - 1].x + boxes[i - 1].width);
  // The latest period is always labelled.
  await expect(labels.last()).toHaveText(/\d{4}-\d{2}/);
  // The axis does not start at 0, and the page says so.
  await expect(page.getByText(/De schaal loopt van \d+ tot 40 punten/)).toBeVisible();
  const card = (await page.locator("section", { has: chart }).boundingBox())!;
  expect(svg.width).toBeGreaterThan(0.85 * card.width);

  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const wrap = page.getByRole("region", { name: "Cijfers per periode" });
  const table = page.getByRole("table", { name: "Cijfers per periode" });
  const box = (await wrap.boundingBox())!;
  const headers = table.locator("thead th");
  for (let i = 0; i < (await headers.count()); i++) {
    const th = headers.nth(i);
    await th.scrollIntoViewIfNeeded();
    const b = (await wrap.boundingBox())!;
    const h = (await th.boundingBox())!;
    expect(h.x).toBeGreaterThanOrEqual(b.x - 1);
    expect(h.x + h.width).toBeLessThanOrEqual(b.x + b.width + 1);
    // Its text is whole: nothing cut off inside the cell.
    expect(await th.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  }
  await wrap.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const first = (await table.locator("tbody th").first().boundingBox())!;
  expect(first.x).toBeGreaterThanOrEqual(box.x - 1);
  expect(first.x).toBeLessThan(box.x + 8);
});
