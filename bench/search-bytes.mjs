// What the search page downloads for a query, in a real browser: every
// response's body from a local server, the page, its styles and scripts
// included, and the part that is the search index (assets/search…).
//
//   node bench/search-bytes.mjs SITE_DIR "query one" "query two" …
//
// Prints a Markdown table row per query. Uses tests/browser's npm packages
// and Debian's Chromium (`npm ci` in tests/browser first).
import { launch } from "../tests/browser/lib/browser.mjs";
import { serve } from "../tests/browser/lib/server.mjs";

const [dir, ...queries] = process.argv.slice(2);
if (!dir || queries.length === 0) {
  console.error('usage: node bench/search-bytes.mjs SITE_DIR "query" …');
  process.exit(2);
}
const server = await serve(dir);
const browser = await launch();
try {
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes = new Map();
    page.on("requestfinished", async (request) => {
      sizes.set(new URL(request.url()).pathname, (await request.sizes()).responseBodySize);
    });
    await page.goto(`${server.url}search/index.html?q=${encodeURIComponent(query)}`);
    const status = page.locator("[data-search-status]").filter({ hasText: /for “|Type a more/ });
    await status.waitFor();
    await page.waitForLoadState("networkidle");
    const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    const index = [...sizes].filter(([path]) => path.includes("/assets/search")).reduce((sum, [, size]) => sum + size, 0);
    const files = [...sizes.keys()].filter((path) => path.includes("/assets/search")).length;
    const found = (await status.textContent()).replace(/ for “.*/, "");
    console.log(`| ${query} | ${found} | ${(total / 1024).toFixed(1)} KB | ${(index / 1024).toFixed(1)} KB in ${files} files |`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
