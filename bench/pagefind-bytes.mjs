// What Pagefind's search downloads for a query, to compare with
// bench/search-bytes.mjs: a built site indexed by Pagefind (`npx pagefind
// --site DIR`, npm package `pagefind`), a page with Pagefind's default UI
// added to it, a query typed, every response's body counted.
//
//   node bench/pagefind-bytes.mjs SITE_DIR "query one" "query two" …
//
// Pagefind fetches its index (WebAssembly and chunks), so this needs a web
// server: from a folder opened on disk it finds nothing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { printQueryBytes } from "./lib/query-bytes.mjs";

const [dir, ...queries] = process.argv.slice(2);
if (!dir || queries.length === 0) {
  console.error('usage: node bench/pagefind-bytes.mjs SITE_DIR "query" …');
  process.exit(2);
}
writeFileSync(
  join(dir, "pagefind-search.html"),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>new PagefindUI({ element: "#search", showSubResults: true });</script></body></html>`,
);
await printQueryBytes(dir, queries, "/pagefind/", async (page, url, query) => {
  await page.goto(`${url}pagefind-search.html`);
  await page.locator(".pagefind-ui__search-input").fill(query);
  await page.locator(".pagefind-ui__message").filter({ hasText: /result/ }).waitFor();
  await page.locator(".pagefind-ui__result").first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  return page.locator(".pagefind-ui__message").textContent();
});
