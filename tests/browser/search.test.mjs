// Search in a real browser, on the bundled handbook: from a web server and
// from disk, with the keyboard, announced to screen readers, and without
// JavaScript; ranked as a reader would want on real queries. Then on a
// generated handbook of 1,000 chapters: what a query downloads stays under
// 150 KB, and search still works from disk.
//
//   node tests/browser/search.test.mjs [SITE_DIR]
//
// SITE_DIR (or HANDBOOK_SITE) is a built bundled handbook; without it the
// bundled handbook is built now, as run.mjs does. The large handbook is
// made with the release `gen-corpus` (GEN_CORPUS_BIN, default beside the
// handbook binary) and built with the handbook binary.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import { serve } from "./lib/server.mjs";
import { servedSite } from "./lib/session.mjs";
import { binary, siteUnderTest } from "./lib/site.mjs";

const site = siteUnderTest(process.argv[2]);
const session = servedSite(site);

/** A fresh page; script errors and failed requests fail the test that opened it. */
async function newPage({ javaScriptEnabled = true } = {}) {
  const context = await session.browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  // every page links its icon, so no request for /favicon.ico fails either
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  return { page, problems, close: () => context.close() };
}

const status = (page) => page.locator("[data-search-status]");
const results = (page) => page.locator("[data-search-results] a");

test("typing in the header's search and pressing Enter lists the box breathing exercise first", async () => {
  const { page, problems, close } = await newPage();
  try {
    await page.goto(`${session.server.url}welcome/index.html`);
    await page.getByLabel("Search the handbook").fill("box breathing");
    await page.keyboard.press("Enter");
    await page.waitForURL(/search\/index\.html\?q=box\+breathing$/);
    await assertFindsBoxBreathing(page);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test("search works from disk (file://), where pages cannot fetch", async () => {
  const { page, problems, close } = await newPage();
  try {
    const url = pathToFileURL(join(site.dir, "search", "index.html"));
    url.search = "?q=box+breathing";
    await page.goto(url.href);
    await assertFindsBoxBreathing(page);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

async function assertFindsBoxBreathing(page) {
  await assert.doesNotReject(status(page).filter({ hasText: /results? for “box breathing”/ }).waitFor());
  const first = results(page).first();
  assert.equal((await first.textContent()).trim(), "Box breathing");
  const href = await first.getAttribute("href");
  assert.match(href, /^\.\.\/look-after-yourself\/index\.html#.+/);
  // the result leads to the exercise itself
  await first.click();
  const id = decodeURIComponent(href.split("#")[1]);
  assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `no #${id} on the page`);
}

test("results follow typing, and the count is announced in a live region", async () => {
  const { page, problems, close } = await newPage();
  try {
    await page.goto(`${session.server.url}search/index.html`);
    assert.equal(await status(page).getAttribute("role"), "status");
    const field = page.getByLabel("Search the handbook");
    await field.focus();
    await page.keyboard.type("amygdala");
    await status(page).filter({ hasText: "for “amygdala”" }).waitFor();
    assert.ok((await results(page).count()) >= 1);
    await field.fill("zzqx");
    await status(page).filter({ hasText: "No results for “zzqx”" }).waitFor();
    assert.equal(await page.locator("[data-search-results]").isHidden(), true);
    // the search button is next in the tab order and searches again
    await field.fill("grounding");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Search");
    await page.keyboard.press("Enter");
    await status(page).filter({ hasText: "for “grounding”" }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test("without JavaScript the search page explains and offers the contents and the single page", async () => {
  const { page, close } = await newPage({ javaScriptEnabled: false });
  try {
    await page.goto(`${session.server.url}welcome/index.html`);
    await page.getByLabel("Search the handbook").fill("box breathing");
    await page.keyboard.press("Enter");
    await page.waitForURL(/search\/index\.html/);
    await assert.doesNotReject(page.getByRole("heading", { name: "Search needs JavaScript" }).waitFor());
    assert.equal(await page.locator("[data-search-form]").isHidden(), true, "a search form that cannot work is shown");
    assert.equal(await page.getByRole("link", { name: "Browse the contents" }).count(), 1);
    assert.equal(await page.getByRole("link", { name: "Open the whole handbook on one page" }).count(), 1);
  } finally {
    await close();
  }
});

/** The headings of the results listed, in order. */
const headings = async (page) => (await results(page).allTextContents()).map((text) => text.trim());

/** Opens the search page with `query` and waits for the count to be announced. */
async function searchFor(page, base, query) {
  await page.goto(`${base}search/index.html?q=${encodeURIComponent(query)}`);
  await status(page).filter({ hasText: `for “${query}”` }).waitFor();
}

test("real queries of the handbook find the section about them first", async () => {
  const { page, problems, close } = await newPage();
  try {
    for (const [query, first] of [
      ["breathing", "Box breathing"],
      ["amygdala", /Amygdala/],
      ["pillars of a trauma-informed system", "Ten pillars of a trauma-informed system"],
      // stemmed: "regulating" finds "regulate", and so does "regulation"
      ["regulating", "Tips on how to regulate your own nervous system"],
      ["regulation", "Tips on how to regulate your own nervous system"],
    ]) {
      await searchFor(page, session.server.url, query);
      const found = await headings(page);
      if (first instanceof RegExp) assert.match(found[0], first, query);
      else assert.equal(found[0], first, `${query}: ${found.join(" / ")}`);
    }
    // the words found are marked, in their other forms too
    await searchFor(page, session.server.url, "regulating");
    const marks = await page.locator("[data-search-results] li").first().locator("mark").allTextContents();
    assert.deepEqual(marks, ["regulate"]);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test("more results are a key press away, and focus moves to the first of them", async () => {
  const { page, problems, close } = await newPage();
  try {
    await searchFor(page, session.server.url, "trauma");
    const count = Number((await status(page).textContent()).match(/^(\d+) results/)[1]);
    assert.ok(count > 10, `${count} results`);
    assert.equal(await results(page).count(), 10);
    const more = page.getByRole("button", { name: "Show more results" });
    await more.focus();
    await page.keyboard.press("Enter");
    await page.locator("[data-search-results] li").nth(10).waitFor();
    assert.equal(await results(page).count(), Math.min(20, count));
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), (await headings(page))[10]);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

describe("a generated handbook of 1,000 chapters", () => {
  const large = { parent: undefined, dir: undefined };
  before(() => {
    const handbook = binary();
    const gen = process.env.GEN_CORPUS_BIN || join(dirname(handbook), "gen-corpus");
    if (!existsSync(gen)) throw new Error(`no gen-corpus at ${gen}: cargo build --release -p handbook-bench, or set GEN_CORPUS_BIN`);
    large.parent = mkdtempSync(join(tmpdir(), "handbook-search-"));
    large.dir = join(large.parent, "site");
    execFileSync(gen, ["--chapters", "1000", "--out", join(large.parent, "source")], { stdio: "ignore" });
    execFileSync(handbook, ["build", "--source", join(large.parent, "source"), "--out", large.dir], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  });
  after(() => {
    if (large.parent) rmSync(large.parent, { recursive: true, force: true });
  });

  test("a query downloads under 150 KB, page and all, and finds the sections it names", async () => {
    const server = await serve(large.dir);
    const { page, problems, close } = await newPage();
    try {
      const files = new Map();
      page.on("requestfinished", async (request) => {
        files.set(new URL(request.url()).pathname, (await request.sizes()).responseBodySize);
      });
      for (const query of ["compassionate leadership", "strengthening"]) {
        files.clear();
        await searchFor(page, server.url, query);
        await page.waitForLoadState("networkidle");
        const total = [...files.values()].reduce((sum, size) => sum + size, 0);
        const index = [...files].filter(([path]) => path.includes("/assets/search")).reduce((sum, [, size]) => sum + size, 0);
        console.log(`# "${query}": ${files.size} files, ${total} bytes, of which the index ${index}`);
        assert.ok(total < 150 * 1024, `${total} bytes for “${query}”: ${[...files].join(" ")}`);
        // the index's root and at least one word shard and one section shard
        assert.ok([...files.keys()].some((path) => /\/assets\/search\/w\d+\./.test(path)));
        assert.ok([...files.keys()].some((path) => /\/assets\/search\/f\d+\./.test(path)));
      }
      // each generated heading is a verb, an adjective and a noun: the first
      // results have the query's words (or their stems) in their heading
      await searchFor(page, server.url, "compassionate leadership");
      for (const heading of (await headings(page)).slice(0, 3)) assert.match(heading, /\bcompassionate leadership\b/i);
      await searchFor(page, server.url, "strengthening");
      for (const heading of (await headings(page)).slice(0, 3)) assert.match(heading, /\bstrengthen/i);
      assert.deepEqual(problems, []);
    } finally {
      await close();
      await server.close();
    }
  });

  test("search works from disk (file://) on it too", async () => {
    const { page, problems, close } = await newPage();
    try {
      const url = pathToFileURL(join(large.dir, "search", "index.html"));
      url.search = "?q=reflective+practice";
      await page.goto(url.href);
      await status(page).filter({ hasText: /\d+ results for “reflective practice”/ }).waitFor();
      assert.equal(await results(page).count(), 10);
      assert.match((await headings(page))[0], /reflect/i);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
