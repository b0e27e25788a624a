// The real-browser test suite of a built handbook: accessibility (axe-core),
// keyboard, structure, reflow, print and HTML validity, on every page.
//
//   node tests/browser/run.mjs [SITE_DIR]
//
// Without SITE_DIR (or HANDBOOK_SITE), builds the bundled handbook
// (HANDBOOK_SOURCE, default handbook/) with the release binary into a temp
// folder. Uses Debian's Chromium (CHROMIUM, default /usr/bin/chromium) and
// the machine's Java for the Nu HTML Checker.
//
// A fork's theme passes as long as it keeps the hooks these checks look for:
// a skip link first in the page, `button[data-print]` for print buttons, and
// on the single page `.print-cover`, `.print-contents` (with one
// `[data-page-for]` per chapter) and one `.print-chapter` per chapter.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import * as checks from "./lib/checks.mjs";
import { servedSite } from "./lib/session.mjs";
import { htmlPages, siteUnderTest } from "./lib/site.mjs";
import { validate } from "./lib/vnu.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [1280, 375];
const SCHEMES = ["light", "dark"];
const CONCURRENCY = 2;

const site = siteUnderTest(process.argv[2]);
const pages = htmlPages(site.dir);
const printPage = pages.find((page) => page === "print/index.html");

const session = servedSite(site);
const contexts = new Map();

/** One browser context per viewport and colour scheme, shared by its tests. */
async function contextFor(width, colorScheme) {
  const key = `${width} ${colorScheme}`;
  if (!contexts.has(key)) {
    const context = await session.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    // Count calls to window.print: no page may print itself on load.
    await context.addInitScript(() => {
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls += 1;
      };
    });
    contexts.set(key, context);
  }
  return contexts.get(key);
}

/**
 * Opens `path` of the site in a new tab; records console errors (CSP
 * violations among them), failed requests and requests to other hosts.
 */
async function open(path, { width = 1280, colorScheme = "light", url } = {}) {
  const context = await contextFor(width, colorScheme);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("request", (request) => {
    const requested = request.url();
    if (!requested.startsWith(session.server.url) && !requested.startsWith("file:") && !requested.startsWith("data:")) {
      problems.push(`request to another host: ${requested}`);
    }
  });
  const response = await page.goto(url || session.server.url + path);
  if (!url && path !== "404.html") assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
  return { page, problems };
}

async function withPage(path, options, body) {
  const { page, problems } = await open(path, options);
  try {
    await body(page, problems);
  } finally {
    await page.close();
  }
}

function formatViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `      ${node.target.join(" ")}\n        ${node.failureSummary.replace(/\n/g, "\n        ")}`)
        .join("\n");
      const more = violation.nodes.length > 5 ? `\n      ...and ${violation.nodes.length - 5} more` : "";
      return `  ${violation.id} (${violation.impact}): ${violation.help}\n${nodes}${more}`;
    })
    .join("\n");
}

test("the site has pages to test, the single print page among them", () => {
  assert.ok(pages.includes("index.html"), `no index.html in ${site.dir}`);
  assert.ok(printPage, "no print/index.html");
  assert.ok(pages.length >= 4, `only ${pages.length} pages`);
});

describe("axe-core finds no WCAG 2.2 AA violation", { concurrency: CONCURRENCY }, () => {
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      for (const path of pages) {
        test(`${path} at ${width} px, ${colorScheme}`, async () => {
          await withPage(path, { width, colorScheme }, async (page) => {
            await page.evaluate(AXE_SOURCE);
            const results = await page.evaluate(
              (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
              AXE_TAGS,
            );
            assert.equal(results.violations.length, 0, `\n${formatViolations(results.violations)}`);
          });
        });
      }
    }
  }
});

describe("every page is a well-formed, keyboard-usable document", { concurrency: CONCURRENCY }, () => {
  for (const path of pages) {
    test(`${path}: title, lang, one h1, one main, headings in order`, async () => {
      await withPage(path, {}, async (page, problems) => {
        const facts = await page.evaluate(checks.structure);
        assert.ok(facts.title, "no <title>");
        assert.ok(facts.lang, "no lang on <html>");
        assert.equal(facts.h1, 1, "there must be exactly one h1");
        assert.equal(facts.main, 1, "there must be exactly one main");
        assert.equal(facts.headings[0]?.level, 1, `the first heading is not the h1: ${facts.headings[0]?.text}`);
        facts.headings.reduce((previous, heading) => {
          assert.ok(heading.level <= previous.level + 1, `h${heading.level} "${heading.text}" follows h${previous.level} "${previous.text}": a level is skipped`);
          return heading;
        });
        assert.deepEqual(problems, [], "the page logged errors or reached elsewhere");
      });
    });

    test(`${path}: the first Tab lands on the skip link, which moves focus to its target`, async () => {
      await withPage(path, {}, async (page) => {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(checks.focusedSkipLink);
        assert.equal(focused.tag, "a", `the first Tab focused <${focused.tag}>`);
        assert.match(focused.text, /skip/i, `the first Tab focused "${focused.text}", not a skip link`);
        assert.ok(focused.targetExists, `the skip link's target ${focused.href} does not exist`);
        assert.ok(focused.visible, "the skip link is not visible when focused");
        await page.keyboard.press("Enter");
        assert.ok(await page.evaluate(checks.focusIsOnTarget, focused.href), "activating the skip link did not move focus to its target");
      });
    });

    test(`${path}: every focusable element shows that it has focus`, async () => {
      await withPage(path, {}, async (page) => {
        const seen = [];
        for (let step = 0; step < 400; step += 1) {
          await page.keyboard.press("Tab");
          const indicator = await page.evaluate(checks.focusIndicator);
          if (indicator === null || (step > 0 && /skip/i.test(indicator.text) && indicator.tag === "a")) break;
          seen.push(indicator);
        }
        assert.ok(seen.length > 1, "Tab reached nothing");
        const invisible = seen.filter((indicator) => !indicator.visible).map((indicator) => `<${indicator.tag}> "${indicator.text}"`);
        assert.deepEqual(invisible, [], "focused without a visible indicator");
      });
    });

    test(`${path}: no horizontal scrolling at 320 px, nor at 200% text size`, async () => {
      await withPage(path, { width: 320 }, async (page) => {
        assert.deepEqual(await page.evaluate(checks.horizontalOverflow), [], "at 320 px the page scrolls sideways");
      });
      await withPage(path, {}, async (page) => {
        // Text-only zoom: the root font size doubled at 1280 px.
        await page.evaluate(() => {
          document.documentElement.style.fontSize = "200%";
        });
        assert.deepEqual(await page.evaluate(checks.horizontalOverflow), [], "at 200% text the page scrolls sideways");
      });
    });
  }
});

describe("printing", { concurrency: CONCURRENCY }, () => {
  for (const path of pages) {
    test(`${path}: prints black on white, without navigation, search or buttons, with link addresses`, async () => {
      // Dark mode on screen must not reach paper.
      await withPage(path, { colorScheme: "dark" }, async (page) => {
        await page.emulateMedia({ media: "print" });
        const state = await page.evaluate(checks.printState);
        assert.deepEqual(state.screenOnly, [], "shown on paper but only useful on screen");
        assert.equal(state.colour, "rgb(0, 0, 0)", "printed text is not black");
        assert.ok(state.background.every((colour) => colour === "rgb(255, 255, 255)"), `printed background is not white: ${state.background}`);
        assert.deepEqual(state.externalWithoutAddress, [], "external links whose address is not printed");
      });
    });

    test(`${path}: never prints itself; its print button prints when pressed`, async () => {
      await withPage(path, {}, async (page) => {
        await page.waitForTimeout(100);
        assert.equal(await page.evaluate(() => window.__printCalls), 0, "window.print() was called on load");
        const buttons = page.locator("button[data-print]");
        if ((await buttons.count()) > 0) {
          await buttons.first().click();
          assert.equal(await page.evaluate(() => window.__printCalls), 1, "the print button did not print");
        }
      });
    });
  }

  test("chapter pages offer a visible Print this section button", async () => {
    const chapter = pages.find((page) => page !== printPage && page !== "index.html" && page.endsWith("/index.html") && !page.startsWith("accessibility/"));
    await withPage(chapter, {}, async (page) => {
      await assert.doesNotReject(page.getByRole("button", { name: /print this section/i }).waitFor({ state: "visible", timeout: 2000 }), `no visible "Print this section" button on ${chapter}`);
    });
  });

  test("the single page: cover, contents with page number slots, every chapter on a new page", async () => {
    await withPage(printPage, {}, async (page) => {
      await page.emulateMedia({ media: "print" });
      const breaks = await page.evaluate(checks.printBreaks);
      assert.ok(breaks.chapters.length > 0, "no .print-chapter sections");
      assert.equal(breaks.coverBreakAfter, "page", "the cover does not end its page");
      assert.equal(breaks.contentsLinks, breaks.chapters.length, "the contents list does not link every chapter");
      assert.equal(breaks.pageNumberSlots, breaks.chapters.length, "the contents list lacks a data-page-for slot per chapter");
      const notOnNewPage = breaks.chapters.filter((chapter) => chapter.breakBefore !== "page").map((chapter) => chapter.id);
      assert.deepEqual(notOnNewPage, [], "chapters that do not start a new page");
    });
  });
});

describe("the HTML of every page is valid (Nu HTML Checker)", () => {
  let errors;
  before(() => {
    errors = validate(site.dir, pages);
  });
  for (const path of pages) {
    test(path, () => {
      assert.deepEqual(errors[path], [], `\n  ${(errors[path] || []).join("\n  ")}`);
    });
  }
});

describe("the site works opened from disk", () => {
  test("index.html by file:// loads its styles and scripts, and its links lead to styled chapters", async () => {
    const home = pathToFileURL(join(site.dir, "index.html")).href;
    await withPage("index.html", { url: home }, async (page, problems) => {
      const loaded = await page.evaluate(checks.assetsLoaded);
      assert.ok(loaded.stylesheets.length > 0, "no stylesheets");
      assert.deepEqual(loaded.stylesheets.filter((sheet) => !sheet.loaded), [], "stylesheets that did not load from disk");
      const link = page.locator("main a[href$='/index.html']:not([href^='http'])").first();
      await link.click();
      await page.waitForLoadState("load");
      assert.ok(page.url().startsWith("file:"), `left the disk: ${page.url()}`);
      const chapter = await page.evaluate(checks.assetsLoaded);
      assert.equal(chapter.h1, 1, `${page.url()} has no h1`);
      assert.deepEqual(chapter.stylesheets.filter((sheet) => !sheet.loaded), [], `stylesheets of ${page.url()} that did not load`);
      assert.deepEqual(problems, [], "errors or failed requests from disk");
    });
  });
});
