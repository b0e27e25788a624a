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
//
// A handbook with language editions (pages under /LANG/) gets every check on
// every edition's pages, and those of "language editions" below: `lang` and
// `dir`, the alternates and the language switcher, text left in another
// language marked with it, and the layout mirrored right to left.
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
// the folders of the other language editions (cy/, ar/…), each with its own single page
const editionFolders = new Set(pages.filter((page) => /^[^/]+\/print\/index\.html$/.test(page)).map((page) => page.split("/")[0]));
const printPages = pages.filter((page) => page === printPage || editionFolders.has(page.split("/")[0]) && page.endsWith("/print/index.html"));
const hasEditions = /hreflang/.test(readFileSync(join(site.dir, "index.html"), "utf8"));

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
        assert.ok(focused.targetExists, `the first Tab focused "${focused.text}" (${focused.href}), not a link within the page`);
        assert.ok(focused.toMain, `the first Tab focused "${focused.text}" (${focused.href}), not a skip link to the main content`);
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
          if (indicator === null || (step > 0 && indicator.first)) break;
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
    // a chapter of the handbook's own language: its folder is at the root
    const chapter = pages.find((page) => /^[^/]+\/index\.html$/.test(page) && !editionFolders.has(page.split("/")[0]) && !printPages.includes(page) && !/^(accessibility|search)\//.test(page));
    await withPage(chapter, {}, async (page) => {
      const lang = await page.evaluate(() => document.documentElement.lang);
      // the button's words are the theme's English ones only in English
      const button = lang.startsWith("en") ? page.getByRole("button", { name: /print this section/i }) : page.locator("main button[data-print]");
      await assert.doesNotReject(button.first().waitFor({ state: "visible", timeout: 2000 }), `no visible "Print this section" button on ${chapter}`);
    });
  });

  for (const single of printPages) {
    test(`${single}: cover, contents with page number slots, every chapter on a new page`, async () => {
      await withPage(single, {}, async (page) => {
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
  }
});

/** Languages written right to left, by their primary subtag. */
const RIGHT_TO_LEFT = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi"]);
const directionOf = (lang) => (RIGHT_TO_LEFT.has(lang.split("-")[0].toLowerCase()) ? "rtl" : "ltr");

describe("language editions", { skip: !hasEditions && "the handbook has one language" }, () => {
  // What every page says of its editions, read once: its alternates are checked against each other's.
  const facts = new Map();
  const pathOf = (url) => {
    const path = decodeURIComponent(new URL(url).pathname.slice(1));
    return path === "" || path.endsWith("/") ? `${path}index.html` : path;
  };
  before(async () => {
    for (const path of pages) {
      await withPage(path, {}, async (page) => {
        facts.set(path, await page.evaluate(checks.editionFacts));
      });
    }
  });

  test("every edition has its pages: the same pages under each edition's folder", () => {
    assert.ok(editionFolders.size > 0, "no edition folder (LANG/print/index.html) in a handbook whose pages name alternates");
    const own = pages.filter((page) => !editionFolders.has(page.split("/")[0]));
    for (const folder of editionFolders) {
      const missing = own.filter((page) => !pages.includes(`${folder}/${page}`));
      assert.deepEqual(missing, [], `pages of the handbook's own language missing from ${folder}/`);
    }
  });

  for (const path of pages) {
    test(`${path}: lang and dir on <html>, and every fragment marked with a lang laid out in its direction`, () => {
      const page = facts.get(path);
      assert.ok(page.lang, "no lang on <html>");
      assert.equal(page.dir, directionOf(page.lang), `<html lang=${page.lang}> needs dir=${directionOf(page.lang)}`);
      const self = page.alternates.find((alternate) => pathOf(alternate.url) === path);
      assert.ok(self, "no <link rel=alternate hreflang> for the page itself");
      assert.equal(page.lang, self.hreflang, "<html lang> is not the hreflang the page names itself with");
      const folder = path.split("/")[0];
      if (editionFolders.has(folder)) assert.equal(page.lang.split("-")[0], folder.split("-")[0], `a page under ${folder}/ in another language`);
      const wrong = page.marked
        .filter((element) => element.direction !== directionOf(element.lang))
        .map((element) => `<${element.tag} lang=${element.lang}> is laid out ${element.direction}`);
      assert.deepEqual(wrong, [], "fragments whose direction is not their language's");
    });

    test(`${path}: an alternate for each edition, each an existing page that names this one back`, () => {
      const page = facts.get(path);
      const home = facts.get("index.html");
      assert.deepEqual(
        page.alternates.map((alternate) => alternate.hreflang).sort(),
        home.alternates.map((alternate) => alternate.hreflang).sort(),
        "the editions named differ from the home page's",
      );
      assert.equal(new Set(page.alternates.map((alternate) => alternate.hreflang)).size, page.alternates.length, "an edition named twice");
      for (const alternate of page.alternates) {
        const other = facts.get(pathOf(alternate.url));
        assert.ok(other, `the alternate ${alternate.hreflang} (${alternate.url}) is not a page of the site`);
        assert.equal(other.lang, alternate.hreflang, `the alternate ${pathOf(alternate.url)} is in ${other.lang}, not ${alternate.hreflang}`);
        assert.ok(
          other.alternates.some((back) => pathOf(back.url) === path),
          `${pathOf(alternate.url)} does not name ${path} among its alternates`,
        );
      }
    });

    test(`${path}: a language switcher links to this page in each other edition, with lang and hreflang`, { skip: printPages.includes(path) && "the single page has no site header" }, () => {
      const page = facts.get(path);
      assert.ok(page.switcher.length > 0, "no language switcher (links with hreflang)");
      const others = page.alternates.filter((alternate) => pathOf(alternate.url) !== path);
      assert.deepEqual(
        page.switcher.map((link) => `${link.hreflang} ${pathOf(link.url)}`).sort(),
        others.map((alternate) => `${alternate.hreflang} ${pathOf(alternate.url)}`).sort(),
        "the switcher's links are not the other editions' versions of this page",
      );
      for (const link of page.switcher) {
        assert.equal(link.lang, link.hreflang, `the link to ${link.hreflang} ("${link.text}") is not marked lang=${link.hreflang}`);
        assert.ok(link.text, `the link to ${link.hreflang} has no name`);
      }
      assert.ok(page.current, "the switcher does not mark the edition shown (aria-current)");
      assert.equal(page.current.lang, page.lang, "the edition marked current is not the page's language");
    });

    // An edition shows what is not yet translated in the handbook's own
    // language: the same words as on the page of the handbook's own language.
    test(`${path}: text left in the handbook's own language is marked with its lang and direction`, { skip: !editionFolders.has(path.split("/")[0]) && "a page of the handbook's own language" }, () => {
      const page = facts.get(path);
      const unmarked = [];
      for (const alternate of page.alternates) {
        const other = facts.get(pathOf(alternate.url));
        if (!other || editionFolders.has(pathOf(alternate.url).split("/")[0])) continue;
        const languageOf = new Map(other.texts.map((text) => [text.text, text]));
        for (const text of page.texts) {
          const original = languageOf.get(text.text);
          if (!original || original.lang.split("-")[0] === text.lang.split("-")[0]) continue;
          unmarked.push(`"${text.text.slice(0, 50)}" is marked ${text.lang || "with no lang"}, but is ${original.lang} on ${pathOf(alternate.url)}`);
        }
        for (const text of page.texts) {
          const original = languageOf.get(text.text);
          if (original && text.direction !== directionOf(original.lang)) {
            unmarked.push(`"${text.text.slice(0, 50)}" (${original.lang}) is laid out ${text.direction}`);
          }
        }
      }
      assert.deepEqual(unmarked, [], "text in another language without its lang or direction");
    });

    test(`${path}: laid out in its direction at 1280 px, nothing past either edge at 375 px`, async () => {
      await withPage(path, {}, async (page) => {
        await page.keyboard.press("Tab");
        const layout = await page.evaluate(checks.directionLayout);
        const rtl = layout.direction === "rtl";
        const start = rtl ? "right" : "left";
        // the skip link's words start at the start side
        assert.ok(layout.focused?.box, "the first Tab focused nothing with text");
        const skipAtStart = rtl ? layout.focused.box.left > layout.width / 2 : layout.focused.box.right < layout.width / 2;
        assert.ok(skipAtStart, `the skip link's text (${layout.focused.box.left} to ${layout.focused.box.right} px) is not on the ${start}`);
        // the heading starts at the start side of its own direction (unless centred):
        // an untranslated chapter's, marked left to right, stays on the left
        if (layout.h1?.text && layout.h1.align !== "center") {
          const ownRtl = layout.h1.direction === "rtl";
          const gap = ownRtl ? layout.h1.box.right - layout.h1.text.right : layout.h1.text.left - layout.h1.box.left;
          assert.ok(gap <= 2, `the h1's text (${layout.h1.direction}) starts ${gap} px away from its box's ${ownRtl ? "right" : "left"} edge`);
        }
        // the contents beside the main content, on the start side
        if (layout.nav && layout.main && layout.nav.top < layout.main.bottom && layout.main.top < layout.nav.bottom) {
          const navAtStart = rtl ? layout.nav.left >= layout.main.right - 1 : layout.nav.right <= layout.main.left + 1;
          assert.ok(navAtStart, `the navigation beside <main> is not on its ${start} (nav ${layout.nav.left}-${layout.nav.right}, main ${layout.main.left}-${layout.main.right})`);
        }
        // "previous" on the start side, "next" on the end side
        if (layout.prev && layout.next && layout.prev.top < layout.next.bottom && layout.next.top < layout.prev.bottom) {
          const ordered = rtl ? layout.prev.left >= layout.next.right : layout.prev.right <= layout.next.left;
          assert.ok(ordered, `"previous" is not on the ${start} of "next"`);
        } else if (layout.pagination) {
          const middle = (layout.pagination.left + layout.pagination.right) / 2;
          const centre = (box) => (box.left + box.right) / 2;
          if (layout.prev) assert.ok(rtl ? centre(layout.prev) > middle : centre(layout.prev) < middle, `"previous" is not on the ${start}`);
          if (layout.next) assert.ok(rtl ? centre(layout.next) < middle : centre(layout.next) > middle, `"next" is not on the ${rtl ? "left" : "right"}`);
        }
        await page.setViewportSize({ width: 375, height: 900 });
        assert.deepEqual(await page.evaluate(checks.beyondTheEdges), [], "at 375 px, drawn past an edge of the window");
      });
    });
  }
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
