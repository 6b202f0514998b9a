import { test, expect, type Page, type Response } from "@playwright/test";
import { logIn } from "./helpers";

// Light on the wire: a page without an island loads no WebAssembly and no script of the app;
// the built files come back compressed and may be kept for a year; pages come back compressed
// and are never stored. Phone with and without JavaScript, and desktop.

/** Every response the page received while `go` ran. */
async function responses(page: Page, go: () => Promise<unknown>): Promise<Response[]> {
  const seen: Response[] = [];
  const on = (r: Response) => seen.push(r);
  page.on("response", on);
  await go();
  await page.waitForLoadState("networkidle");
  page.off("response", on);
  return seen;
}

async function expectBuiltFile(r: Response) {
  const h = await r.allHeaders();
  expect(r.url(), "a built file's name carries its hash").toMatch(/\/pkg\/helder\.[A-Za-z0-9_-]{22}\.(css|js|wasm)$/);
  expect(h["content-encoding"], `${r.url()} compressed`).toMatch(/^(br|gzip)$/);
  expect(h["cache-control"], `${r.url()} kept for a year`).toBe("public, max-age=31536000, immutable");
}

test("a page without islands loads no WebAssembly; files and pages come back compressed", async ({ page }, info) => {
  const p = info.project.name;
  // The log-in page holds the one island: it preloads the WebAssembly (fetched with or without
  // JavaScript) and, with JavaScript, loads the script that hydrates the form.
  const login = await responses(page, () => page.goto("/inloggen"));
  if (p.endsWith("-js")) await page.locator('[data-hydrated="true"]').waitFor();
  const wasm = login.filter((r) => r.url().endsWith(".wasm"));
  expect(wasm).toHaveLength(1);
  await expectBuiltFile(wasm[0]);
  const js = login.filter((r) => /\/pkg\/.*\.js$/.test(r.url()));
  if (p.endsWith("-js")) {
    expect(js).toHaveLength(1);
    await expectBuiltFile(js[0]);
  }
  const css = login.filter((r) => r.url().endsWith(".css"));
  expect(css).toHaveLength(1);
  await expectBuiltFile(css[0]);

  // The mother logs in and opens her dossier pages: none of them loads the app's script.
  await logIn(page, p, "sanne");
  await expect(page).toHaveURL(/\/waar-sta-ik$/);
  for (const path of ["/waar-sta-ik", "/rapporten", "/mijn-dossier", "/wie-keek-mee"]) {
    const seen = await responses(page, () => page.goto(path));
    const app = seen.filter((r) => /\.(wasm|js)$/.test(new URL(r.url()).pathname) && r.url().includes("/pkg/"));
    expect(app.map((r) => r.url()), `${path} loads no WebAssembly or app script`).toEqual([]);
    expect(await page.locator('link[rel="modulepreload"], link[as="fetch"]').count(), `${path} preloads nothing`).toBe(0);
    const doc = seen.find((r) => r.request().resourceType() === "document");
    expect(doc, `${path} answered`).toBeTruthy();
    const h = await doc!.allHeaders();
    expect(doc!.status()).toBe(200);
    expect(h["content-encoding"], `${path} compressed`).toMatch(/^(br|gzip)$/);
    expect(h["cache-control"], `${path} never stored`).toBe("no-store");
    expect(h["vary"] ?? "", `${path} varies by encoding`).toMatch(/accept-encoding/i);
  }
  // The page says what it is to a search engine or a link preview.
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /dossier/);
});
