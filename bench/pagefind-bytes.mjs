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

import { launch } from "../tests/browser/lib/browser.mjs";
import { serve } from "../tests/browser/lib/server.mjs";

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
    await page.goto(`${server.url}pagefind-search.html`);
    await page.locator(".pagefind-ui__search-input").fill(query);
    await page.locator(".pagefind-ui__message").filter({ hasText: /result/ }).waitFor();
    await page.locator(".pagefind-ui__result").first().waitFor();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    const index = [...sizes].filter(([path]) => path.includes("/pagefind/")).reduce((sum, [, size]) => sum + size, 0);
    const files = [...sizes.keys()].filter((path) => path.includes("/pagefind/")).length;
    const found = await page.locator(".pagefind-ui__message").textContent();
    console.log(`| ${query} | ${found} | ${(total / 1024).toFixed(1)} KB | ${(index / 1024).toFixed(1)} KB in ${files} files |`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
