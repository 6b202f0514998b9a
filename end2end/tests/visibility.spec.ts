import { test, expect } from "@playwright/test";
import { signIn, noAxeViolations, shot } from "./helpers";

// Who sees what inside a family, as the readers with the least right to see: the father
// without parental authority and the 14-year-old, on a phone (with and without JavaScript)
// and on a desktop.

const RAAD = "Beschermingsonderzoek (concept)";
const VT = "Verslag onderzoek Veilig Thuis";

test("the father without parental authority reads the important information only", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "mehmet");
  await expect(page).toHaveURL(/\/waar-sta-ik$/);
  await expect(page.locator("#now-title")).toHaveText("Onderzoek van de Raad");

  await page.goto("/wie-betrokken");
  await expect(page.getByText("Jeroen Smit").first()).toBeVisible();
  await expect(page.getByText(/Mentor van/)).toHaveCount(0);
  // The mother's new address is hidden from him.
  await expect(page.getByText(/Lindelaan/)).toHaveCount(0);
  await noAxeViolations(page, browser, info);
  await shot(page, info, "father-involved");

  await page.goto("/rapporten");
  await expect(page.getByRole("link", { name: VT })).toBeVisible();
  await expect(page.getByRole("link", { name: RAAD })).toHaveCount(0);
  await page.getByRole("link", { name: VT }).click();
  await expect(page.getByText(/Veilig Thuis vraagt de Raad voor de Kinderbescherming/)).toBeVisible();
  await expect(page.getByText(/Veilig Thuis was op huisbezoek/)).toHaveCount(0);
  await expect(page.locator("li.statement .seq")).toHaveText(["1"]);
  await noAxeViolations(page, browser, info);
  await shot(page, info, "father-report");

  const hidden = await page.goto("/mijn-dossier/afdrukken");
  expect(hidden?.status()).toBe(200);
  await expect(page.getByText(/Veilig Thuis was op huisbezoek/)).toHaveCount(0);
  await expect(page.getByText(/Mentor van Lisa/)).toHaveCount(0);
});

test("the 14-year-old reads her own part and the family's, not her sisters'", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "noor");
  await page.goto("/wie-betrokken");
  await expect(page.getByText("Mentor van Noor (Utrecht College)")).toBeVisible();
  await expect(page.getByText(/Mentor van Lisa/)).toHaveCount(0);
  await expect(page.getByText(/Huisarts van het gezin/)).toHaveCount(0);
  // Her mother's address (hidden from her father only), in words for her.
  await expect(page.getByRole("heading", { name: "Adressen en telefoonnummers van je gezin" })).toBeVisible();
  await expect(page.getByText("Lindelaan 4, 3512 AB Utrecht")).toBeVisible();
  await noAxeViolations(page, browser, info);
  await shot(page, info, "young-involved");

  await page.goto("/rapporten");
  await page.getByRole("link", { name: RAAD }).click();
  await expect(page.getByText(/Noor zegt dat ze bij haar moeder wil blijven wonen/)).toBeVisible();
  await expect(page.getByText(/Lisa wilde niet met de raadsonderzoeker praten/)).toHaveCount(0);
  // Numbered as she sees them: 1, 2, 3 … without gaps.
  const numbers = (await page.locator("li.statement .seq").allTextContents()).map(Number);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  await noAxeViolations(page, browser, info);
  await shot(page, info, "young-report");

  // Nor, with the family's own doings shown, what her sister did.
  await page.goto("/wie-keek-mee?zelf=ja");
  await expect(page.locator("li.access-group", { hasText: "Jij zelf" }).first()).toBeVisible();
  await expect(page.locator("li.access-group", { hasText: "Lisa Jansen" })).toHaveCount(0);
});
