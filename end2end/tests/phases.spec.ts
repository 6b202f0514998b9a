import { test, expect } from "@playwright/test";
import { noAxeViolations, shot, signIn } from "./helpers";

// Opening a case, recording the next phase, who works on the case and who was asked, on a phone, with and without JavaScript, and on a desktop, as the
// Raad's gedragsdeskundige (no other end-to-end test logs in as him, so no parallel test uses
// up his second-factor codes). A successful step changes the shared demo case for every later
// test, so the step itself is recorded in the integration tests (server/tests/it/phases.rs,
// SQLite and PostgreSQL); here the professional sees the card and the dates, and a post that
// misses the step is answered next to the field with everything typed still there. The same
// holds for the card of who works on the case (changes: server/tests/it/involvements.rs).
test("a professional sees what is due, the next steps and who works on the case; a missing choice keeps what was typed", async ({ page, browser }, info) => {
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

  // Who works on the case: the Raad is responsible now, so its gedragsdeskundige sees the
  // mark buttons and may add someone of any organisation.
  const team = page.locator("#betrokkenen");
  await expect(team.getByRole("heading", { name: "Wie werken aan deze zaak?" })).toBeVisible();
  await expect(team).toContainText("Jeroen Smit");
  await expect(team.getByRole("button", { name: "Maak Willem de Groot vaste contactpersoon" })).toBeVisible();
  await team.getByText("Iemand toevoegen").click();
  await expect(team.getByLabel("Wie voegt u toe?")).toContainText("Anouk de Vries");
  await team.getByLabel("Laatste dag (niet verplicht)").fill("2027-03-01");
  await team.getByRole("button", { name: "Toevoegen", exact: true }).click();
  await expect(page.locator("#team-person-error")).toHaveText("Kies wie u toevoegt.");
  await expect(page.locator("#team-role-error")).toHaveText("Kies een rol.");
  await expect(page.getByLabel("Laatste dag (niet verplicht)")).toHaveValue("2027-03-01");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "case-team");

  // Who was asked: the demo's informants, and a form that misses the consent keeps its text.
  const asked = page.locator("#gevraagd");
  await expect(asked.getByRole("heading", { name: "Wie is er gevraagd?" })).toBeVisible();
  await expect(asked).toContainText("Mentor van Noor (Utrecht College)");
  await asked.getByText("Iemand vastleggen die u heeft gevraagd").click();
  await asked.getByLabel("Naam of rol").fill("Logopedist van Daan");
  await asked.getByLabel("Waarover ging het gesprek?").fill("Hoe Daan praat en luistert");
  await asked.getByRole("button", { name: "Vastleggen", exact: true }).click();
  await expect(page.locator("#asked-consent-error")).toHaveText("Kies of u toestemming had.");
  await expect(page.locator("#asked-relation-error")).toHaveText(/.+/);
  await expect(page.getByLabel("Naam of rol")).toHaveValue("Logopedist van Daan");
  await expect(page.getByLabel("Waarover ging het gesprek?")).toHaveValue("Hoe Daan praat en luistert");
  await noAxeViolations(page, browser, info);

  // The family's addresses and numbers: the demo's new address of the mother, hidden from
  // the father, with the reason. A number that is not one is refused at the field and kept.
  const family = page.locator("#gezin");
  await expect(family).toContainText("Lindelaan 4, 3512 AB Utrecht");
  await expect(family).toContainText("Verborgen voor Mehmet Yilmaz. Reden:");
  await family.getByText("Adres of telefoonnummer vastleggen").click();
  await family.getByLabel("Van wie?").selectOption({ label: "Noor Yilmaz" });
  await family.getByLabel("Wat legt u vast?").selectOption("phone");
  await family.getByLabel("Adres, nummer of e-mailadres").fill("06 123");
  await family.getByRole("button", { name: "Vastleggen", exact: true }).click();
  await expect(page.locator("#contact-value-error")).toContainText("Dit is geen telefoonnummer.");
  await expect(page.locator("#contact-value")).toHaveValue("06 123");
  await expect(page.locator("#contact-kind")).toHaveValue("phone");
  await noAxeViolations(page, browser, info);
  await page.locator("#contact-value").fill("06 44455566");
  await page.locator("#gezin").getByRole("button", { name: "Vastleggen", exact: true }).click();
  await expect(page.locator("#gezin .notice")).toHaveText("Het is vastgelegd.");
  await expect(page.locator("#gezin")).toContainText("06 44455566");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "family-contacts");

  // Opening a case: a form that misses the reporter and the child's birth date keeps the rest.
  await page.goto("/");
  await page.getByRole("link", { name: "Een nieuwe zaak openen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Een zaak openen");
  await page.getByLabel("Hoe wil het gezin genoemd worden?").fill("Familie De Boer");
  await page.getByLabel("Zaaknummer van uw organisatie").fill("R-2026-0099");
  await page.getByLabel("Voornaam").fill("Tim");
  await page.getByLabel("Achternaam").fill("de Boer");
  await page.getByLabel("Wie is dit in het gezin?").selectOption("child");
  await page.getByRole("button", { name: "Zaak openen" }).click();
  await expect(page.locator("#open-member-birth-error")).toHaveText("Vul de geboortedatum van het kind in.");
  await expect(page.locator("#open-reporter-kind-error")).toHaveText("Kies wie de zorg heeft gemeld.");
  await expect(page.getByLabel("Hoe wil het gezin genoemd worden?")).toHaveValue("Familie De Boer");
  await expect(page.getByLabel("Voornaam")).toHaveValue("Tim");
  await expect(page.getByLabel("Wie is dit in het gezin?")).toHaveValue("child");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "open-case");
});

// Writing a report statement by statement, as the same professional (one log-in for the file).
// The report stays a concept here (sending it would change what every family test reads); the
// integration tests (server/tests/it/writing.rs) send it, make it final and read it as the family.
test("a report is refused for sending until each statement has its source, and says which", async ({ page, browser }, info) => {
  await signIn(page, info.project.name, "willem");
  await page.getByRole("link", { name: "Familie Jansen-Yilmaz" }).click();
  await page.goto(page.url().replace(/#.*$/, "") + "/rapporten");
  const card = page.locator("#nieuw-rapport");
  await card.getByText("Een rapport beginnen").click();
  await card.getByRole("button", { name: "Rapport beginnen" }).click();
  await expect(page.locator("#new-report-kind-error")).toHaveText("Kies wat voor rapport het is.");
  await page.getByLabel("Soort rapport").selectOption("raadsrapport");
  const title = `Verslag van het onderzoek (${info.project.name})`;
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Rapport beginnen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".writing .status")).toContainText("Concept");
  // The author is not offered a review of his own report.
  await expect(page.locator("#nakijken")).toContainText("Nog niet nagelezen");
  await expect(page.locator("#nakijken").getByRole("button")).toHaveCount(0);

  // A fact without its date and observer is saved as a draft, with what it still needs.
  const add = page.locator("#nieuwe-uitspraak");
  await add.getByLabel(/^Zelf gezien/).check();
  const text = "Er werd door school gezegd dat Noor vaak moe is.";
  await add.getByLabel("Wat staat er?").fill(text);
  await add.getByRole("button", { name: "Uitspraak opslaan" }).click();
  const first = page.locator(".writing-list > li").first();
  await expect(first).toContainText(text);
  await expect(first.locator(".missing")).toContainText("de datum waarop het gezien of besloten is");
  await expect(first.locator(".missing")).toContainText("wie het heeft gezien");
  await expect(first.locator(".hints")).toContainText("Lijdende vorm");

  // Sending is refused, with the reason; the date typed stays.
  const send = page.locator("#publiceren");
  await send.getByRole("button", { name: "Versturen voor reactie" }).click();
  await expect(page.locator("#publiceren .form-error")).toContainText("niet elke uitspraak heeft wat nodig is");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "writing-refused");

  // The fact gets its date and observer: nothing is missing any more.
  await first.getByText("Uitspraak wijzigen").click();
  await first.getByLabel("Datum").fill("2026-11-02");
  await first.getByLabel("Wie heeft het gezien?").selectOption({ label: "Willem de Groot" });
  await first.getByRole("button", { name: "Wijziging opslaan" }).click();
  await expect(page.locator(".writing-list > li").first().locator(".missing")).toHaveCount(0);
  await expect(page.locator("#publiceren")).toContainText("Alle uitspraken hebben wat ze nodig hebben");
  await noAxeViolations(page, browser, info);
});
