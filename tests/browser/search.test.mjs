// Search in a real browser, on the bundled handbook: from a web server and
// from disk, with the keyboard, announced to screen readers, and without
// JavaScript.
//
//   node tests/browser/search.test.mjs [SITE_DIR]
//
// SITE_DIR (or HANDBOOK_SITE) is a built bundled handbook; without it the
// bundled handbook is built now, as run.mjs does.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { servedSite } from "./lib/session.mjs";
import { siteUnderTest } from "./lib/site.mjs";

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
