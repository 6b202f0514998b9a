import { test, expect } from "@playwright/test";
import { otherPerson, signIn, noAxeViolations, shot } from "./helpers";

// The STEM-style feedback loop, in every project (phone with and without JavaScript, desktop):
// the Raad's professional records a contact, the mother gives feedback about it, the
// professional sees the flag, replies and marks it discussed, and the mother reads the reply.
// Then one correction request is granted and one declined, and the mother sees the result.

const RAAD = "Beschermingsonderzoek (concept)";

test("feedback after a contact reaches the professional, who answers; corrections are decided", async ({ page, browser }, info) => {
  // One log-in of the professional (a second-factor code works once; runs share the account).
  test.setTimeout(180_000);
  const p = info.project.name;
  // Each project records its own contact, at a time of its own yesterday (in Amsterdam), so
  // that it lies in the past whenever the suite runs, also just after midnight.
  const minute = { "phone-js": "01", "phone-nojs": "02", "desktop-js": "03" }[p] ?? "04";
  const time = `12:${minute}`;
  const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Europe/Amsterdam" });
  const comment = `Ik wil vaker horen wat er gebeurt (${p}).`;

  // The professional records the contact.
  await signIn(page, p, "jeroen");
  await page.getByRole("link", { name: "Familie Jansen-Yilmaz" }).click();
  await page.getByRole("link", { name: "Contacten en feedback" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contacten en feedback");
  await page.getByText("Contact vastleggen", { exact: true }).first().click();
  await page.getByLabel("Gesprek", { exact: true }).check();
  await page.getByLabel("Datum", { exact: true }).fill(yesterday);
  await page.getByLabel("Tijd (mag leeg blijven)").fill(time);
  await page.getByLabel("Waar ging het over?").fill(`Gesprek over de week van de kinderen (${p}).`);
  await page.getByRole("button", { name: "Contact vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het contact is vastgelegd. Het gezin krijgt de vraag hoe het ging.");
  await expect(page.getByText(`Gesprek over de week van de kinderen (${p}).`)).toBeVisible();
  await noAxeViolations(page, browser, info);
  await shot(page, info, "case-contacts");

  // The mother is invited on her first page and gives feedback; a missing scale keeps the rest.
  const sanne = await otherPerson(browser, page, info);
  await signIn(sanne, p, "sanne");
  await expect(sanne.getByRole("complementary", { name: /Hoe ging het contact van/ })).toBeVisible();
  await sanne.getByRole("link", { name: "Feedback geven" }).click();
  await expect(sanne.getByRole("heading", { level: 1 })).toHaveText("Hoe gaat de samenwerking?");
  const form = sanne.locator("section.feedback", { hasText: `om ${time} met Jeroen Smit` });
  const details = form.locator("details");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await form.locator("summary").click();
  }
  await form.getByRole("group", { name: "Voelde u zich gehoord en met respect behandeld?" }).getByLabel("4", { exact: true }).check();
  await form.getByRole("group", { name: "Ging het over wat voor u belangrijk is?" }).getByLabel("5", { exact: true }).check();
  await form.getByRole("group", { name: "Past de manier van werken bij u en uw gezin?" }).getByLabel("6", { exact: true }).check();
  await form.getByLabel("Wat kan beter? (mag leeg blijven)").fill(comment);
  await form.getByRole("button", { name: "Versturen" }).click();
  const again = sanne.locator("section.feedback", { hasText: `om ${time} met Jeroen Smit` });
  await expect(again.getByText("Kies een cijfer van 0 tot 10.")).toBeVisible();
  await expect(again.getByLabel("Wat kan beter? (mag leeg blijven)")).toHaveValue(comment);
  await expect(again.getByRole("group", { name: "Past de manier van werken bij u en uw gezin?" }).getByLabel("6", { exact: true })).toBeChecked();
  await noAxeViolations(sanne, browser, info);
  await shot(sanne, info, "feedback-error");
  await again.getByRole("group", { name: "Hoe was dit contact voor u, alles bij elkaar?" }).getByLabel("5", { exact: true }).check();
  await again.getByRole("button", { name: "Versturen" }).click();
  await expect(sanne.getByRole("status")).toHaveText("Dank u wel. Uw feedback is verstuurd.");
  await expect(sanne.locator("li.given-item", { hasText: comment })).toContainText("Totaal 20 van 40.");
  await expect(sanne.locator("svg.chart:visible")).toBeVisible();

  // The professional sees it flagged at the top, replies and marks it discussed.
  await page.goto("/");
  await expect(page.getByText(/Feedback zonder antwoord: \d+\./)).toBeVisible();
  await page.getByRole("link", { name: "Naar de reacties" }).click();
  const attention = page.locator("section", { has: page.getByRole("heading", { name: "Vraagt aandacht" }) });
  const item = attention.locator("li.inbox-item", { hasText: comment });
  await expect(item).toContainText("Laag cijfer");
  await expect(item).toContainText("Sanne Jansen");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "inbox");
  await item.getByText("Antwoorden", { exact: true }).click();
  const answer = `Goed dat u dit zegt. Ik bel u voortaan elke vrijdag (${p}).`;
  await item.getByLabel("Uw antwoord aan het gezin").fill(answer);
  await item.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(page.getByRole("status")).toHaveText("Uw antwoord is opgeslagen. Het gezin ziet het bij hun feedback.");
  const answered = page.locator("li.inbox-item", { hasText: comment });
  await answered.getByRole("button", { name: "Markeer als besproken" }).click();
  await expect(page.getByRole("status")).toHaveText("Vastgelegd dat het besproken is.");
  await expect(page.locator("li.inbox-item", { hasText: comment })).toContainText("Besproken in een gesprek op");

  // The mother reads the reply.
  await sanne.goto("/feedback");
  const given = sanne.locator("li.given-item", { hasText: comment });
  await expect(given).toContainText(answer);
  await expect(given).toContainText("Besproken in een gesprek op");
  await noAxeViolations(sanne, browser, info);
  await shot(sanne, info, "feedback-answered");

  // Her words stay in Helder unless she says the Raad's own system may have them; she gives
  // that consent and takes it back from the same list.
  await expect(given).toContainText("Deze woorden blijven in Helder.");
  await given.getByRole("button", { name: "Toch delen met de organisatie" }).click();
  await expect(sanne.getByRole("status")).toHaveText("De organisatie mag uw woorden nu ook in haar eigen dossier zetten.");
  const shared = sanne.locator("li.given-item", { hasText: comment });
  await expect(shared).toContainText("De organisatie mag deze woorden in haar eigen dossier zetten.");
  await noAxeViolations(sanne, browser, info);
  await shared.getByRole("button", { name: "Niet meer delen met de organisatie" }).click();
  await expect(sanne.getByRole("status")).toContainText("Uw woorden gaan niet meer naar de organisatie.");
  await expect(sanne.locator("li.given-item", { hasText: comment })).toContainText("Deze woorden blijven in Helder.");

  // Two correction requests on the Raad's report: one will be granted, one declined.
  const grantReason = `Oma vangt de kinderen ook op vrijdag op (${p}).`;
  const declineReason = `Daan was twee keer bij de huisarts, niet drie (${p}).`;
  await sanne.goto("/rapporten");
  await sanne.getByRole("link", { name: RAAD }).click();
  for (const [start, reason] of [["Oma vertelt", grantReason], ["De huisarts vertelt", declineReason]]) {
    const statement = sanne.locator("li.statement", { hasText: start }).first();
    await statement.getByText("Dit klopt niet", { exact: true }).click();
    await statement.getByLabel("Er staat iets dat niet waar is").check();
    await statement.getByLabel("Wat klopt er niet, en waarom?").fill(reason);
    await statement.getByRole("button", { name: "Verzoek versturen" }).click();
    await expect(sanne.getByRole("status")).toHaveText("Uw verzoek is verstuurd. U ziet hieronder wat ermee gebeurt.");
  }

  await page.goto("/inbox");
  const grant = page.locator("li.inbox-item", { hasText: grantReason });
  await expect(grant.getByText(/Beslissing uiterlijk .* \(nog \d+ dagen\)/)).toBeVisible();
  await grant.getByText("Verzoek toekennen", { exact: true }).click();
  const accept = grant.locator("details", { hasText: "Toekennen en zin aanpassen" });
  await accept.getByLabel("Nieuwe tekst van de zin").fill(`Oma vertelt dat zij de kinderen op woensdag en vrijdag opvangt (${p}).`);
  await accept.getByLabel("Uitleg aan het gezin").fill(`U heeft gelijk, de zin is aangepast (${p}).`);
  await accept.getByRole("button", { name: "Toekennen en zin aanpassen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het verzoek is toegekend. De zin is aangepast; de oude tekst staat in de geschiedenis.");
  const refuse = page.locator("li.inbox-item", { hasText: declineReason });
  await refuse.getByText("Verzoek afwijzen", { exact: true }).click();
  const decline = refuse.locator("details", { hasText: "Afwijzen" }).last();
  await decline.getByLabel("Uitleg aan het gezin").fill(`De huisarts noemt drie bezoeken (${p}).`);
  await decline.getByRole("button", { name: "Afwijzen", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Het verzoek is afgewezen. De kant van het gezin staat nu bij de zin.");
  await page.context().close();

  // The mother sees the revised statement with its history, and her view attached.
  await sanne.goto("/rapporten");
  await sanne.getByRole("link", { name: RAAD }).click();
  const granted = sanne.locator(".correction", { hasText: grantReason });
  await expect(granted).toContainText("Verbeterd");
  await expect(granted).toContainText(`U heeft gelijk, de zin is aangepast (${p}).`);
  const revised = sanne.locator("li.statement", { has: sanne.locator(".correction", { hasText: grantReason }) });
  await revised.getByText("Deze zin is veranderd").click();
  await expect(revised.locator(".history")).toContainText(`U heeft gelijk, de zin is aangepast (${p}).`);
  const declined = sanne.locator("li.statement", { has: sanne.locator(".correction", { hasText: declineReason }) });
  await expect(declined.locator(".correction", { hasText: declineReason })).toContainText("Niet verbeterd");
  await expect(declined.locator("blockquote.own-view", { hasText: declineReason })).toBeVisible();
  await noAxeViolations(sanne, browser, info);
  await shot(sanne, info, "corrections-decided");
  await sanne.context().close();
});
