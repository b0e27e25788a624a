// What a search page downloads for each query, in a real browser: every
// response's body from a local server, counted once a query has its
// results, and the part of it that is the search index. Shared by
// bench/search-bytes.mjs (this generator's index) and
// bench/pagefind-bytes.mjs (Pagefind's, for comparison).
import { launch } from "../../tests/browser/lib/browser.mjs";
import { serve } from "../../tests/browser/lib/server.mjs";

// Serves `dir`, and for each query runs `search(page, serverUrl, query)`,
// which opens the search, waits for its results and returns the text
// saying how many were found; prints a Markdown table row per query.
// `indexPath` is the part of a URL path that marks a file of the index.
export async function printQueryBytes(dir, queries, indexPath, search) {
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
      const found = await search(page, server.url, query);
      const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
      const inIndex = [...sizes].filter(([path]) => path.includes(indexPath));
      const index = inIndex.reduce((sum, [, size]) => sum + size, 0);
      console.log(
        `| ${query} | ${found} | ${(total / 1024).toFixed(1)} KB | ${(index / 1024).toFixed(1)} KB in ${inIndex.length} files |`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
