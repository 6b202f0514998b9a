// Bytes on the wire for a first and a return visit, and Lighthouse's mobile scores, for the
// log-in page (the one island) and a logged-in dossier page. Run by bench/wire.sh, which starts
// the release server and passes its address and a session cookie:
//   node wire.mjs <base-url> <session-cookie-value>
// Debian's Chromium only (CHROME_PATH, default /usr/bin/chromium); nothing is downloaded.
import { chromium } from "playwright-core";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [base, session] = process.argv.slice(2);
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
// The flags this machine needs (no sandbox as root, no background calls to the outside world).
const flags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const pages = [
  { name: "log-in page  ", path: "/inloggen", cookie: false },
  { name: "dossier page ", path: "/waar-sta-ik", cookie: true },
];

// One visit: every response's bytes as they crossed the wire (headers and compressed body,
// `encodedDataLength`), as Chromium's network layer counts them; 0 for what came from cache.
async function visit(page, cdp, url) {
  const bytes = new Map();
  const onFinished = (e) => bytes.set(e.requestId, e.encodedDataLength);
  const urls = new Map();
  const onRequest = (e) => urls.set(e.requestId, e.request.url);
  cdp.on("Network.loadingFinished", onFinished);
  cdp.on("Network.requestWillBeSent", onRequest);
  await page.goto(url, { waitUntil: "networkidle" });
  // The island script loads its WebAssembly when the browser is idle: give it the time.
  await page.waitForTimeout(1500);
  cdp.off("Network.loadingFinished", onFinished);
  cdp.off("Network.requestWillBeSent", onRequest);
  let total = 0;
  const files = [];
  for (const [id, n] of bytes) {
    total += n;
    if (n > 0) files.push(`${new URL(urls.get(id) ?? "x:/?").pathname} ${(n / 1024).toFixed(1)}`);
  }
  return { total, files };
}

const browser = await chromium.launch({ executablePath: chromePath, args: flags });
console.log("bytes on the wire (Chromium, phone 390x844; headers + compressed bodies):");
for (const p of pages) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    deviceScaleFactor: 2,
    extraHTTPHeaders: p.cookie ? { Cookie: `helder_session=${session}` } : {},
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const first = await visit(page, cdp, base + p.path);
  // A return visit: the same browser, a new navigation to the page (not a reload, which would
  // revalidate what the cache holds).
  await page.goto("about:blank");
  const again = await visit(page, cdp, base + p.path);
  console.log(
    `${p.name} first visit ${(first.total / 1024).toFixed(1)} KB (${first.files.join(", ")}); ` +
      `return visit ${(again.total / 1024).toFixed(1)} KB (${again.files.join(", ")})`,
  );
  await context.close();
}
await browser.close();

// Lighthouse, mobile profile (its default: a mid-range phone on slow 4G, simulated), three runs
// per page, the median performance run reported.
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", ...flags],
});
console.log("Lighthouse (mobile profile, median of 3 runs):");
for (const p of pages) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const result = await lighthouse(base + p.path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      extraHeaders: p.cookie ? { Cookie: `helder_session=${session}` } : undefined,
    });
    const lhr = result.lhr;
    const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    runs.push({
      performance: score("performance"),
      accessibility: score("accessibility"),
      practices: score("best-practices"),
      seo: score("seo"),
      lcp: lhr.audits["largest-contentful-paint"].numericValue / 1000,
      fcp: lhr.audits["first-contentful-paint"].numericValue / 1000,
      weight: lhr.audits["total-byte-weight"].numericValue / 1024,
      failed: Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
        .map((a) => a.id),
    });
  }
  runs.sort((a, b) => a.lcp - b.lcp);
  const m = runs[1];
  console.log(
    `${p.name} performance ${m.performance}, accessibility ${m.accessibility}, best practices ${m.practices}, SEO ${m.seo}; ` +
      `LCP ${m.lcp.toFixed(2)} s, FCP ${m.fcp.toFixed(2)} s, ${m.weight.toFixed(1)} KB transferred` +
      (m.failed.length ? `; flagged: ${m.failed.join(", ")}` : ""),
  );
}
await chrome.kill();
