import { test, expect } from "@playwright/test";
import { logIn, noAxeViolations, ready, signIn } from "./helpers";

test("a wrong password shows a clear Dutch message and keeps the username", async ({ page, browser }, info) => {
  await logIn(page, info.project.name, "sanne", "niet-het-goede");
  await expect(page.getByRole("alert")).toContainText("De gebruikersnaam of het wachtwoord klopt niet");
  await expect(page.getByLabel("Gebruikersnaam")).toHaveValue("sanne");
  await expect(page).not.toHaveURL(/__err/);
  await noAxeViolations(page, browser, info);
  await page.screenshot({ path: info.outputPath(`login-error-${info.project.name}.png`), fullPage: true });
});

test("empty fields get a message next to each field", async ({ page, browser }, info) => {
  await page.goto("/inloggen");
  await ready(page, info.project.name);
  await page.getByLabel("Gebruikersnaam").fill("sanne");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.locator("#f-password-error")).toHaveText("Vul uw wachtwoord in.");
  await expect(page.getByLabel("Gebruikersnaam")).toHaveValue("sanne");
  await expect(page.getByLabel("Wachtwoord")).toHaveAttribute("aria-invalid", "true");
});

test("a parent logs in and sees where the family stands", async ({ page, browser }, info) => {
  await logIn(page, info.project.name, "sanne");
  await expect(page).toHaveURL(/\/waar-sta-ik$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Waar sta ik nu?");
  await expect(page.locator("#now-title")).toHaveText("Onderzoek van de Raad");
  await expect(page.getByText(/Veilig Thuis Utrecht kijkt nog mee tot/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Bel 112" })).toHaveAttribute("href", "tel:112");
  await expect(page.getByRole("link", { name: /0800-2000/ })).toBeVisible();
  await noAxeViolations(page, browser, info);
  await page.screenshot({ path: info.outputPath(`waar-sta-ik-${info.project.name}.png`), fullPage: true });
});

test("the page reads in English after switching language", async ({ page, browser }, info) => {
  await logIn(page, info.project.name, "noor");
  await expect(page).toHaveURL(/\/waar-sta-ik$/);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Where am I now?");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await noAxeViolations(page, browser, info);
});

test("someone else's case looks exactly like a missing page", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "anouk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn zaken");
  await expect(page.getByRole("link", { name: "Familie Bakker" })).toBeVisible();
  await expect(page.getByText("Familie Jansen-Yilmaz")).toHaveCount(0);
  const missing = await page.goto("/zaken/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await noAxeViolations(page, browser, info);
});

test("logging out is confirmed and ends the session", async ({ page }, info) => {
  await logIn(page, info.project.name, "mehmet");
  await expect(page).toHaveURL(/\/waar-sta-ik$/);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole("status")).toHaveText(/U bent uitgelogd\./);
  await page.goto("/waar-sta-ik");
  await expect(page).toHaveURL(/\/inloggen$/);
});

test("a user sees where they are logged in", async ({ page, browser }, info) => {
  await logIn(page, info.project.name, "lisa");
  await expect(page).toHaveURL(/\/waar-sta-ik$/);
  await page.getByRole("link", { name: "Waar ben ik ingelogd?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Waar ben je ingelogd?");
  await expect(page.getByText("Dit apparaat")).toBeVisible();
  await noAxeViolations(page, browser, info);
});
