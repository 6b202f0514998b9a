import { test, expect } from "@playwright/test";
import { noAxeViolations, shot, signIn } from "./helpers";

// The import API's clients, as an organisation administrator manages them in /beheer: a key
// shown once, working at once for its own organisation, dead at once when revoked.
test("an administrator makes an API client, sees its key once and revokes it", async ({ page, browser }, info) => {
  const name = `Zaaksysteem ${info.project.name}`;
  await signIn(page, info.project.name, "beheer");
  await page.goto("/beheer#koppelingen");
  const card = page.locator("#koppelingen");
  await card.getByLabel("Naam van de koppeling").fill(name);
  await card.getByRole("button", { name: "Koppeling maken" }).click();
  // Nothing chosen: the message sits at the choice, the name is kept.
  await expect(page.locator("#f-read-error")).toHaveText("Kies wat de koppeling mag.");
  await expect(card.getByLabel("Naam van de koppeling")).toHaveValue(name);
  await noAxeViolations(page, browser, info);
  await card.getByLabel("Zaken teruglezen").check();
  await card.getByRole("button", { name: "Koppeling maken" }).click();
  const key = (await card.locator(".enrol code").textContent()) ?? "";
  expect(key).toMatch(/^helder_[A-Za-z0-9]{20,}$/);
  await expect(card.getByText(name, { exact: true })).toBeVisible();
  await noAxeViolations(page, browser, info);
  await shot(page, info, "admin-api-clients");

  // The key reads (a case that is not there is a 404 problem, not a refusal of the key) ...
  const ask = () =>
    page.request.get("/api/v1/zaken/BESTAAT-NIET", { headers: { Authorization: `Bearer ${key}` } });
  let r = await ask();
  expect(r.status()).toBe(404);
  expect(r.headers()["content-type"]).toContain("application/problem+json");
  expect(r.headers()["api-version"]).toBe("1.2.0");
  // ... and the key is never shown again.
  // (A real load: going to the same address with only another #fragment would not reload.)
  await page.goto("/beheer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Medewerkers");
  await expect(page.getByText(key)).toHaveCount(0);

  await card.getByRole("button", { name: `Koppeling ${name} intrekken` }).click();
  await expect(card.getByText("De koppeling is ingetrokken. Haar sleutel werkt niet meer.")).toBeVisible();
  r = await ask();
  expect(r.status()).toBe(401);
  expect((await r.json()).type).toBe("/api-beschrijving#sleutel");
});

test("the API reference explains every call and every refusal, readable on a phone", async ({ page, browser }, info) => {
  await page.goto("/api-beschrijving");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("De import-API van Helder");
  await expect(page.getByRole("heading", { name: "PUT /api/v1/zaken/{identificatie}", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "PUT /api/v1/zaken/{identificatie}/rapporten/{id}" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "GET /api/v1/zaken/{identificatie}/reacties" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "PUT /api/v1/zaken/{identificatie}/statussen/{id}" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "PUT /api/v1/zaken/{identificatie}/rollen/{id}" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "PUT /api/v1/zaken/{identificatie}/contacten/{id}" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /api/v1/bundels" })).toBeVisible();
  await page.goto("/api-beschrijving#sleutel");
  await expect(page.locator("#sleutel")).toBeVisible();
  await noAxeViolations(page, browser, info);
  await shot(page, info, "api-reference");
});
