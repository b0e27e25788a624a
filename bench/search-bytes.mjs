// What the search page downloads for a query, in a real browser: every
// response's body from a local server, the page, its styles and scripts
// included, and the part that is the search index (assets/search…).
//
//   node bench/search-bytes.mjs SITE_DIR "query one" "query two" …
//
// Prints a Markdown table row per query. Uses tests/browser's npm packages
// and Debian's Chromium (`npm ci` in tests/browser first).
import { printQueryBytes } from "./lib/query-bytes.mjs";

const [dir, ...queries] = process.argv.slice(2);
if (!dir || queries.length === 0) {
  console.error('usage: node bench/search-bytes.mjs SITE_DIR "query" …');
  process.exit(2);
}
await printQueryBytes(dir, queries, "/assets/search", async (page, url, query) => {
  await page.goto(`${url}search/index.html?q=${encodeURIComponent(query)}`);
  const status = page.locator("[data-search-status]").filter({ hasText: /for “|Type a more/ });
  await status.waitFor();
  await page.waitForLoadState("networkidle");
  return (await status.textContent()).replace(/ for “.*/, "");
});
