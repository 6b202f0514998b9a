import { test, expect } from "@playwright/test";
import { logIn, noAxeViolations, otherPerson, shot, signIn } from "./helpers";

// "Wie heeft mijn dossier bekeken?": others first, grouped per person and day; the family's
// own doings behind one link; any month through a plain GET form; "Klopt dit niet?" leads to
// the contact details. Phone with and without JavaScript, and desktop; axe on every screen.
test("the access log shows who from outside the family looked, and the family's own on request", async ({ page, browser }, info) => {
  const p = info.project.name;
  // The Raad's researcher opens the family's case: a read from outside the family.
  await signIn(page, p, "jeroen");
  await page.getByRole("link", { name: "Familie Jansen-Yilmaz" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const sanne = await otherPerson(browser, page, info);
  await logIn(sanne, p, "sanne");
  await expect(sanne).toHaveURL(/\/waar-sta-ik$/);
  await sanne.getByRole("link", { name: "Mijn dossier" }).click();
  await sanne.getByRole("link", { name: "Wie heeft mijn dossier bekeken?" }).click();
  await expect(sanne.getByRole("heading", { level: 1 })).toHaveText("Wie heeft mijn dossier bekeken?");
  const jeroen = sanne.locator("li.access-group", { hasText: "Jeroen Smit" }).first();
  await expect(jeroen).toBeVisible();
  await expect(jeroen).toContainText("Raadsonderzoeker, Raad voor de Kinderbescherming");
  await expect(jeroen).toContainText(/keer/);
  await expect(sanne.locator(".access-summary")).toContainText(/^Sinds .*van buiten het gezin/);
  // Her own reads are not on the first screen.
  await expect(sanne.locator("li.access-group", { hasText: "U zelf" })).toHaveCount(0);
  await noAxeViolations(sanne, browser, info);
  await shot(sanne, info, "access-log");

  // One link shows them (this month).
  await sanne.getByRole("link", { name: "Laat ook zien wat uw gezin zelf deed" }).click();
  await expect(sanne).toHaveURL(/zelf=ja/);
  const own = sanne.locator("li.access-group", { hasText: "U zelf" }).first();
  await expect(own).toContainText('"Waar sta ik nu?" bekeken');
  await expect(sanne.locator(".access-summary")).toContainText(/^In /);
  await noAxeViolations(sanne, browser, info);

  // Another month through the form (the select and a button: the same with or without script).
  const months = sanne.getByLabel("Periode");
  const values = await months.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const other = values.find((v) => v !== "" && !sanne.url().includes(v)) ?? values[0];
  await months.selectOption(other);
  await sanne.getByRole("button", { name: "Toon" }).click();
  await expect(sanne).toHaveURL(new RegExp(`maand=${other}`));
  await expect(months).toHaveValue(other);

  // Back to everyone from outside, and "Klopt dit niet?" opens the contact details.
  await sanne.getByRole("link", { name: "Verberg wat uw gezin zelf deed" }).click();
  await sanne.goto("/wie-keek-mee");
  await sanne.locator("li.access-group", { hasText: "Jeroen Smit" }).first().getByRole("link", { name: "Klopt dit niet?" }).click();
  await expect(sanne).toHaveURL(/\/wie-betrokken\?vraag=onbekend$/);
  await expect(sanne.getByRole("status")).toContainText("Ik ken deze persoon niet.");
  await noAxeViolations(sanne, browser, info);
});
