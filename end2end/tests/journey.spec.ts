import { test, expect, Page } from "@playwright/test";
import { lastSmsTo, logIn, noAxeViolations, otherPerson, shot, signIn } from "./helpers";

// The whole journey of issue 15, on a phone with and without JavaScript and on a desktop: a
// Veilig Thuis professional opens a case for a new family, invites the mother and writes a
// report; the mother activates her account, reacts to the report and says she is done; the
// professional makes the report final early and records the next phase, which the mother then
// reads on "Waar sta ik nu?". Each project makes its own family, mother and report (the three
// projects share one server and database), so nothing here touches the demo's families.

/** The month names of nl.ftl (month_1 … month_12). */
const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

/** A day as Helder writes it ("3 maart 2027"), from the value of a date field (YYYY-MM-DD). */
function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The case id in a case page's address. */
function caseIdOf(page: Page): string {
  return new URL(page.url()).pathname.split("/")[2];
}

test("a new family's case goes from opening through a report the mother reacts to, to the next phase she reads", async ({ page, browser }, info) => {
  // Two log-ins, some twenty pages, and a professional's second step that may wait for a
  // fresh 30-second code while the other projects use the same account.
  test.setTimeout(300_000);
  const project = info.project.name;
  // Unique per project, and per run (a second run on the same database finds no duplicates).
  const tag = `${project}-${Date.now().toString(36).slice(-5)}`;
  const surname = `Bos-${tag}`;
  const mother = `Mila ${surname}`;
  const child = `Sam ${surname}`;
  const phone = `06987654${String(["phone-js", "phone-nojs", "desktop-js"].indexOf(project) + 1).padStart(2, "0")}`;
  const username = `moeder-${tag}`;
  const password = `Zonnebloem-Fiets-2026!${project}`;
  const asked = { who: "Juf Anna", relation: "school" };
  const informantLabel = `${asked.who} (${asked.relation})`;
  const title = `Verslag van Veilig Thuis (${tag})`;
  // No word of app/data/jargon.txt in what is matched later: those become links.
  const statementText = "De juf van Sam vertelt dat Sam vaak zonder ontbijt op school komt.";
  const seenText = "Sam zat rustig te tekenen toen ik op bezoek kwam.";
  const born = new Date();
  born.setFullYear(born.getFullYear() - 8);
  const birth = born.toISOString().slice(0, 10);

  // ---- The professional opens the case, with the mother as its first member. ----
  await signIn(page, project, "fatima");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn zaken");
  await page.getByRole("link", { name: "Een nieuwe zaak openen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Een zaak openen");
  await page.getByLabel("Hoe wil het gezin genoemd worden?").fill(`Familie ${surname}`);
  await page.getByLabel("Zaaknummer van uw organisatie").fill(`VT-${tag}`);
  // Veilig Thuis leads the safety assessment (reference data: phases.lead_org_kind = 'vt').
  await page.getByLabel("In welke fase begint de zaak?").selectOption({ label: "Veiligheidsbeoordeling" });
  await page.getByLabel("Voornaam").fill("Mila");
  await page.getByLabel("Achternaam").fill(surname);
  await page.getByLabel("Wie is dit in het gezin?").selectOption({ label: "moeder" });
  await page.getByLabel("Heeft ouderlijk gezag").check();
  await page.getByLabel("Een professional (bijvoorbeeld school of huisarts)").check();
  await page.getByLabel("Wie is de melder?").fill("De huisarts van Sam");
  await page.getByRole("button", { name: "Zaak openen" }).click();
  await expect(page).toHaveURL(/\/zaken\/[0-9a-f-]{36}$/);
  const caseId = caseIdOf(page);
  await expect(page.locator("#now-title")).toHaveText("Veiligheidsbeoordeling");
  const family = page.locator("#gezin");
  await expect(family).toContainText(mother);

  // A child under 12: a member of the family without an account of its own.
  await family.getByText("Een gezinslid toevoegen").click();
  await family.getByLabel("Voornaam").fill("Sam");
  await family.getByLabel("Achternaam").fill(surname);
  await family.getByLabel("Wie is dit in het gezin?").selectOption({ label: "kind" });
  await family.getByLabel("Geboortedatum").fill(birth);
  await family.getByRole("button", { name: "Gezinslid toevoegen", exact: true }).click();
  await expect(family.getByRole("status")).toHaveText("Het gezinslid is toegevoegd.");
  await expect(family.locator("li", { hasText: child })).toContainText("Jonger dan 12: geen eigen account");

  // The mother is invited: half the code in the letter, the other half by text message.
  await family.getByLabel(`Mobiel nummer van ${mother}`).fill(phone);
  await family.getByRole("button", { name: `${mother} uitnodigen` }).click();
  const letter = page.locator(".enrol.letter");
  await expect(letter).toContainText(`Beste ${mother},`);
  await expect(letter).toContainText("nodigt u uit voor Helder");
  await expect(letter.locator("code")).toHaveText(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]$/);
  const half = (await letter.locator("code").textContent()) ?? "";
  const other = lastSmsTo(phone).match(/[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]/)?.[0] ?? "";
  expect(other).not.toBe("");
  await expect(family.locator("li", { hasText: mother }).first()).toContainText("Uitgenodigd, nog niet geactiveerd");

  // Who was asked: the teacher, about the child, with the family's consent.
  const askedCard = page.locator("#gevraagd");
  await askedCard.getByText("Iemand vastleggen die u heeft gevraagd").click();
  await askedCard.getByLabel("Naam of rol").fill(asked.who);
  await askedCard.getByLabel("Relatie tot het gezin").fill(asked.relation);
  await askedCard.getByLabel("Waarover ging het gesprek?").fill("Hoe het met Sam gaat op school");
  await askedCard.getByLabel("Over wie ging het?").selectOption({ label: child });
  await askedCard.getByLabel("Met toestemming van het gezin", { exact: true }).check();
  await askedCard.getByRole("button", { name: "Vastleggen", exact: true }).click();
  await expect(askedCard.getByRole("status")).toHaveText('Vastgelegd. Het gezin ziet dit bij "Wie zijn er betrokken?", behalve als het is afgeschermd.');
  await expect(askedCard.locator("ul.informants")).toContainText(asked.who);
  await noAxeViolations(page, browser, info);
  await shot(page, info, "journey-case");

  // ---- A report of the kind Veilig Thuis writes. ----
  await page.goto(`/zaken/${caseId}/rapporten`);
  const newReport = page.locator("#nieuw-rapport");
  await newReport.getByText("Een rapport beginnen").click();
  await newReport.getByLabel("Soort rapport").selectOption({ label: "Verslag van Veilig Thuis" });
  await newReport.getByLabel("Titel", { exact: true }).fill(title);
  await newReport.getByRole("button", { name: "Rapport beginnen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page).toHaveURL(/\/rapporten\/[0-9a-f-]{36}\/schrijven/);
  const reportId = new URL(page.url()).pathname.split("/")[4];
  await expect(page.locator(".writing .status")).toHaveText("Concept: de familie ziet dit rapport nog niet.");

  // What someone else said needs who said it, even in a draft: the message is at the field,
  // and what was typed stays.
  const add = page.locator("#nieuwe-uitspraak");
  await add.getByLabel(/^Wat iemand anders zegt/).check();
  await add.getByLabel("Wat staat er?").fill(statementText);
  await add.getByRole("button", { name: "Uitspraak opslaan" }).click();
  await expect(page.locator("#nieuwe-uitspraak")).toContainText("Kies wie het heeft verteld.");
  await expect(page.locator("#nieuwe-uitspraak").getByLabel("Wat staat er?")).toHaveValue(statementText);
  await page.locator("#nieuwe-uitspraak").getByLabel("Wie heeft het verteld?").selectOption({ label: informantLabel });
  await page.locator("#nieuwe-uitspraak").getByRole("button", { name: "Uitspraak opslaan" }).click();
  await expect(page.locator("article.writing header").getByRole("status")).toHaveText("De uitspraak is opgeslagen.");
  const first = page.locator(".writing-list > li").first();
  await expect(first).toContainText(statementText);
  await expect(first).toContainText(`Verteld door ${informantLabel}`);

  // What the professional saw herself, without the day or who saw it: kept as a draft, with
  // what it still needs.
  await page.locator("#nieuwe-uitspraak").getByLabel(/^Zelf gezien/).check();
  await page.locator("#nieuwe-uitspraak").getByLabel("Wat staat er?").fill(seenText);
  await page.locator("#nieuwe-uitspraak").getByRole("button", { name: "Uitspraak opslaan" }).click();
  const second = page.locator(".writing-list > li").nth(1);
  await expect(second).toContainText(seenText);
  await expect(second.locator(".missing")).toContainText("de datum waarop het gezien of besloten is");
  await expect(second.locator(".missing")).toContainText("wie het heeft gezien");

  // Sending is refused; the reason is at the form and next to the statement.
  const send = page.locator("#publiceren");
  const until = await send.getByLabel("De familie kan reageren tot en met").inputValue();
  expect(until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // The date field starts at the earliest day allowed.
  await expect(send).toContainText(`op zijn vroegst ${longDate(until)}`);
  await send.getByRole("button", { name: "Versturen voor reactie" }).click();
  await expect(page.locator("#publiceren .form-error")).toContainText("Versturen kan nog niet: niet elke uitspraak heeft wat nodig is.");
  await expect(page.locator(".writing-list > li").nth(1).locator(".missing")).toContainText("wie het heeft gezien");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "journey-writing-refused");

  // The observation gets its day and observer; then the report goes to the family.
  const seen = page.locator(".writing-list > li").nth(1);
  await seen.getByText("Uitspraak wijzigen").click();
  await seen.getByLabel("Datum").fill(new Date().toISOString().slice(0, 10));
  await seen.getByLabel("Wie heeft het gezien?").selectOption({ label: "Fatima El Amrani" });
  await seen.getByRole("button", { name: "Wijziging opslaan" }).click();
  await expect(page.locator(".writing-list .missing")).toHaveCount(0);
  await expect(send).toContainText("Alle uitspraken hebben wat ze nodig hebben");
  await expect(send.getByLabel("De familie kan reageren tot en met")).toHaveValue(until);
  await send.getByRole("button", { name: "Versturen voor reactie" }).click();
  await expect(page.locator("#publiceren").getByRole("status")).toHaveText("Het rapport is verstuurd. De familie kan het nu lezen en reageren.");
  await expect(page.locator(".writing .status")).toContainText(`De familie kan reageren tot en met ${longDate(until)}`);
  // The mother is the one the report is for (the child under 12 does not read it).
  await expect(page.locator("#publiceren")).toContainText(`${mother}: nog niet`);
  await expect(page.locator("#publiceren")).not.toContainText(child);

  // ---- The mother, on her own phone or computer. ----
  const mila = await otherPerson(browser, page, info);
  // Both halves of the code, her own username and password; then she logs in.
  await mila.goto("/activeren");
  await mila.getByLabel("Activeringscode").fill(half);
  await mila.getByLabel("Code uit de sms").fill(other);
  await mila.getByLabel("Kies een gebruikersnaam").fill(username);
  await mila.getByLabel("Nieuw wachtwoord", { exact: true }).fill(password);
  await mila.getByLabel("Nieuw wachtwoord nog een keer").fill(password);
  await mila.getByRole("button", { name: "Account activeren" }).click();
  await expect(mila).toHaveURL(/\/inloggen$/);
  await expect(mila.getByRole("status")).toHaveText("Uw account is klaar. Log nu in met uw gebruikersnaam en wachtwoord.");
  await logIn(mila, project, username, password);
  await expect(mila).toHaveURL(/\/waar-sta-ik$/);
  await expect(mila.locator("#now-title")).toHaveText("Veiligheidsbeoordeling");

  // The report, with the teacher as the source and the date she may react until.
  await mila.goto("/rapporten");
  await mila.getByRole("link", { name: title }).click();
  await expect(mila.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(mila.locator("article.report > header .status")).toContainText(`U kunt reageren tot en met ${longDate(until)}`);
  const statement = mila.locator("li.statement", { hasText: statementText });
  await expect(statement).toContainText(`Bron: ${informantLabel}`);

  // "Dit klopt niet": a request to correct the statement, with its deadline.
  const reason = `Sam eet elke ochtend thuis voordat hij gaat (${tag}).`;
  await statement.getByText("Dit klopt niet", { exact: true }).click();
  await statement.getByLabel("Er staat iets dat niet waar is").check();
  await statement.getByLabel("Wat klopt er niet, en waarom?").fill(reason);
  await statement.getByLabel(/Hoe moet het er volgens u staan/).fill("De juf van Sam vertelt dat Sam soms moe is.");
  await statement.getByRole("button", { name: "Verzoek versturen" }).click();
  await expect(mila.getByRole("status")).toHaveText("Uw verzoek is verstuurd. U ziet hieronder wat ermee gebeurt.");
  const filed = mila.locator(".correction", { hasText: reason });
  await expect(filed.getByText("Verstuurd, nog niet bekeken")).toBeVisible();
  await expect(filed.getByText(/Beslissing uiterlijk .* \(nog \d+ dagen\)/)).toBeVisible();

  // "Mijn kant": her own view, next to the statement.
  const side = `Sam krijgt elke dag een boterham mee naar school (${tag}).`;
  await statement.getByText("Mijn kant", { exact: true }).click();
  await statement.getByLabel("Hoe ziet u het zelf?").fill(side);
  await statement.getByRole("button", { name: "Mijn kant toevoegen" }).click();
  await expect(mila.getByRole("status")).toHaveText("Uw kant staat nu in het dossier.");
  await expect(mila.locator("blockquote.own-view", { hasText: side })).toContainText("Uw kant");

  // She has nothing more to add.
  const done = mila.locator("#klaar");
  await expect(done.getByRole("heading", { name: "Klaar met reageren?" })).toBeVisible();
  await expect(done).toContainText("Hebt u niets meer toe te voegen aan dit rapport?");
  await done.getByRole("button", { name: "Ik ben klaar met reageren" }).click();
  await expect(mila.locator("#klaar").getByRole("status")).toHaveText("U hebt gezegd dat u klaar bent met reageren.");
  await expect(mila.locator("#klaar")).toContainText("Om een verbetering vragen kan nog steeds.");
  await expect(mila.locator("#klaar").getByRole("button")).toHaveCount(0);
  await noAxeViolations(mila, browser, info);
  await shot(mila, info, "journey-mother-report");

  // ---- The professional makes the report final before the period ends. ----
  await page.goto(`/zaken/${caseId}/rapporten/${reportId}`);
  await expect(page.locator("blockquote.own-view", { hasText: side })).toBeVisible();
  await page.getByRole("link", { name: "Verder schrijven" }).click();
  await expect(page).toHaveURL(new RegExp(`/zaken/${caseId}/rapporten/${reportId}/schrijven$`));
  const publish = page.locator("#publiceren");
  await expect(publish).toContainText(`${mother}: klaar sinds`);
  await publish.getByRole("button", { name: "Definitief maken" }).click();
  await expect(page.locator("#publiceren").getByRole("status")).toHaveText("Het rapport is definitief. De reacties van de familie horen erbij.");
  await expect(page.locator("#publiceren")).toContainText("Dit rapport is definitief.");
  await expect(page.locator(".writing .status")).toHaveText("Definitief");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "journey-finalised");

  // ---- The next phase: Veilig Thuis investigates (10 weeks by its rule). ----
  await page.goto(`/zaken/${caseId}`);
  const next = page.locator("#volgende-stap");
  await expect(next).toContainText('Deze zaak is nu in de fase "Veiligheidsbeoordeling"');
  await next.getByText("Een volgende stap vastleggen").click();
  const option = (await next.locator("label", { hasText: "Onderzoek van Veilig Thuis" }).textContent()) ?? "";
  const due = option.match(/loopt volgens de regel tot (\d{1,2} [a-z]+ \d{4})/)?.[1] ?? "";
  expect(due).not.toBe("");
  await next.getByLabel(/^Onderzoek van Veilig Thuis/).check();
  await next.getByLabel("Wat is er besloten?").fill("Veilig Thuis zoekt verder uit hoe het thuis met Sam gaat.");
  await next.getByRole("button", { name: "Stap vastleggen" }).click();
  await expect(page.locator("#volgende-stap").getByRole("status")).toHaveText('De volgende stap is vastgelegd. Het gezin ziet de nieuwe fase in "Waar sta ik nu?".');
  await expect(page.locator("#now-title")).toHaveText("Onderzoek van Veilig Thuis");
  await noAxeViolations(page, browser, info);
  await shot(page, info, "journey-next-phase");

  // ---- The mother reads where she stands now, and until when. ----
  await mila.goto("/waar-sta-ik");
  await expect(mila.getByRole("heading", { level: 1 })).toHaveText("Waar sta ik nu?");
  await expect(mila.locator("#now-title")).toHaveText("Onderzoek van Veilig Thuis");
  const now = mila.locator("section.now");
  await expect(now).toContainText("Meestal klaar");
  await expect(now.locator(".deadline")).toContainText(`Meestal is dit klaar rond ${due}`);
  await expect(mila.locator("ol.route li.done", { hasText: "Veiligheidsbeoordeling" })).toBeVisible();
  await noAxeViolations(mila, browser, info);
  await shot(mila, info, "journey-mother-where");
  await mila.context().close();
});
