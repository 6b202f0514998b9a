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
