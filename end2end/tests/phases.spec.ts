import { test, expect } from "@playwright/test";
import { noAxeViolations, shot, signIn } from "./helpers";

// Recording the next phase on a phone, with and without JavaScript, and on a desktop, as the
// Raad's gedragsdeskundige (no other end-to-end test logs in as him, so no parallel test uses
// up his second-factor codes). A successful step changes the shared demo case for every later
// test, so the step itself is recorded in the integration tests (server/tests/it/phases.rs,
// SQLite and PostgreSQL); here the professional sees the card and the dates, and a post that
// misses the step is answered next to the field with everything typed still there.
test("a professional sees what is due and the next steps; a missing choice keeps what was typed", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "willem");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn zaken");
  await expect(page.locator(".cases .due").first()).toContainText(/tot \d+ \w+ \d{4}/);
  await page.getByRole("link", { name: "Familie Jansen-Yilmaz" }).click();
  const card = page.locator("#volgende-stap");
  await expect(card.getByRole("heading", { name: "Volgende stap vastleggen" })).toBeVisible();
  await expect(card).toContainText('Deze zaak is nu in de fase "Onderzoek van de Raad"');
  await card.getByText("Een volgende stap vastleggen").click();
  await expect(card.getByRole("radio")).toHaveCount(2);
  const decision = "De Raad vraagt de kinderrechter om een ondertoezichtstelling.";
  await card.getByLabel("Wat is er besloten?").fill(decision);
  await card.getByRole("button", { name: "Stap vastleggen" }).click();
  await expect(page.locator("#phase-to-error")).toHaveText("Kies de stap die nu komt.");
  await expect(page.getByLabel("Wat is er besloten?")).toHaveValue(decision);
  await noAxeViolations(page, browser, info);
  await shot(page, info, "next-phase");
});
