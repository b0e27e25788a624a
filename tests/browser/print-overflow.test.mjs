// The single page on paper: no box wider than the page's content area, on
// any page. Chromium lays out a printed page at the width of the paper less
// its side margins (and evaluates width media queries against it), so the
// page is laid out here under print media in a window of exactly that width,
// read from the stylesheets' `@page` rules (the paper size from page.css,
// the margins from print.css); then every element shown must lie within it,
// and no element may clip what it holds.
//
//   node tests/browser/print-overflow.test.mjs [SITE_DIR]
//
// SITE_DIR (or HANDBOOK_SITE) is a built handbook; without it the bundled
// handbook is built now, as run.mjs does. Every language edition's single
// page (LANG/print/index.html) is checked as well.
import assert from "node:assert/strict";
import { test } from "node:test";

import { servedSite } from "./lib/session.mjs";
import { htmlPages, siteUnderTest } from "./lib/site.mjs";

const site = siteUnderTest(process.argv[2]);
const session = servedSite(site);
const singlePages = htmlPages(site.dir).filter((page) => /^([^/]+\/)?print\/index\.html$/.test(page));

/** The width of the page's content area in CSS pixels, from the `@page` rules without a name. */
function contentWidth() {
  const PAPER_MM = { a3: 297, a4: 210, a5: 148, b4: 250, b5: 176, letter: 215.9, legal: 215.9, ledger: 279.4 };
  const toPx = (length) => {
    const probe = document.createElement("div");
    probe.style.cssText = `position:absolute;visibility:hidden;width:${length}`;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  let size = null;
  let left = null;
  let right = null;
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText !== "") continue;
      size = rule.style.getPropertyValue("size") || size;
      left = rule.style.getPropertyValue("margin-left") || left;
      right = rule.style.getPropertyValue("margin-right") || right;
    }
  }
  if (!size || !left || !right) return { error: `no @page size and side margins found (size ${size}, margins ${left} ${right})` };
  const [first] = size.trim().split(/\s+/);
  const paper = PAPER_MM[first.toLowerCase()] ? toPx(`${PAPER_MM[first.toLowerCase()]}mm`) : toPx(first);
  return { size, left, right, width: paper - toPx(left) - toPx(right) };
}

/** Shown elements that stick out of the content area, outermost first, and elements that clip what they hold. */
function overflowing(width) {
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += `#${element.id}`;
    if (typeof element.className === "string" && element.className.trim()) name += "." + element.className.trim().split(/\s+/).join(".");
    const chapter = element.closest(".print-chapter");
    return chapter ? `${name} in #${chapter.id}` : name;
  };
  // what is clipped to nothing is not on paper (a visually hidden label)
  const shown = (element) => {
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") return false;
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  const outside = (element) => {
    const box = element.getBoundingClientRect();
    return box.right > width + 1 || box.left < -1;
  };
  const wide = [];
  const clipping = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!shown(element)) continue;
    if (outside(element) && !(element.parentElement && shown(element.parentElement) && outside(element.parentElement))) {
      const box = element.getBoundingClientRect();
      wide.push(`${describe(element)} (from ${Math.round(box.left)} to ${Math.round(box.right)} px)`);
    }
    const style = getComputedStyle(element);
    const clips = [style.overflowX, style.overflowY].some((value) => value !== "visible");
    if (clips && element.scrollWidth > element.clientWidth + 1) {
      clipping.push(`${describe(element)} (holds ${element.scrollWidth} px in ${element.clientWidth} px)`);
    }
  }
  return { wide, clipping, pageWidth: document.documentElement.scrollWidth };
}

test("the site has a single page", () => {
  assert.ok(singlePages.includes("print/index.html"), `no print/index.html in ${site.dir}`);
});

for (const single of singlePages) {
  test(`${single}: on paper, every box lies within the page's content area`, async () => {
    const context = await session.browser.newContext({ viewport: { width: 1000, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.emulateMedia({ media: "print" });
      await page.goto(session.server.url + single);
      const area = await page.evaluate(contentWidth);
      assert.ok(!area.error, area.error);
      const width = Math.floor(area.width);
      assert.ok(width > 300 && width < 1000, `a content area ${width} px wide (${area.size}, margins ${area.left} ${area.right})`);
      await page.setViewportSize({ width, height: 1000 });
      const found = await page.evaluate(overflowing, width);
      assert.deepEqual(found.wide, [], `boxes wider than the ${width} px content area`);
      assert.deepEqual(found.clipping, [], "boxes that clip what they hold on paper");
      assert.ok(found.pageWidth <= width + 1, `the page is ${found.pageWidth} px wide on a ${width} px content area`);
    } finally {
      await context.close();
    }
  });
}
