// `handbook serve`'s live script in a real browser: reload keeping the
// scroll position, the problems overlay (a modal alert dialog that takes and
// gives back focus, closes with Escape or its button, and passes axe-core in
// light and dark), its removal on repair, and a stylesheet swapped without a
// reload. tests/serve.rs checks the server; this checks what only a browser can.
//
//   node tests/browser/serve.test.mjs
//
// Serves a copy of tests/fixtures/live with HANDBOOK_BIN (default: the
// release binary in CARGO_TARGET_DIR or target/).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";

import { launch } from "./lib/browser.mjs";
import { REPO } from "./lib/site.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const BINARY =
  process.env.HANDBOOK_BIN || join(resolve(REPO, process.env.CARGO_TARGET_DIR || "target"), "release", "handbook");

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/**
 * Serves a fresh copy of the live fixture (with a fork theme holding one
 * stylesheet, and a long chapter to scroll) and opens `path` in a new page.
 * Script errors fail the test; the server stops when it ends.
 */
async function serving(path, body) {
  const temp = mkdtempSync(join(tmpdir(), "handbook-serve-"));
  const root = join(temp, "handbook");
  cpSync(join(REPO, "tests/fixtures/live"), root, { recursive: true });
  mkdirSync(join(root, "themes/brand/static"), { recursive: true });
  writeFileSync(join(root, "themes/brand/static/brand.css"), "body { outline: 0px solid red; }\n");
  appendFileSync(join(root, "handbook.yaml"), "theme: brand\n");
  const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} with some words to fill the page.`);
  appendFileSync(join(root, "chapters/02-basics.md"), `\n${filler.join("\n\n")}\n`);

  const server = spawn(BINARY, ["serve", "--port", "0", "--source", root], { stdio: ["ignore", "pipe", "ignore"] });
  // listening at once, before any await: a server that fails exits quickly
  const address = new Promise((found, failed) => {
    let output = "";
    server.on("error", failed);
    server.on("exit", (code) => failed(new Error(`${BINARY} serve exited (${code}): ${output}`)));
    server.stdout.on("data", (data) => {
      output += data;
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) found(match[0]);
    });
  });
  const context = await browser.newContext({ viewport: { width: 800, height: 500 } });
  try {
    const url = await address;
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(`script error: ${error.message}`));
    // every page links its icon, so no request for /favicon.ico fails either
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console error: ${message.text()}`);
    });
    // edits wait for the page's live-reload stream: the server answers it
    // once it has subscribed the page to builds, and a build before that
    // reaches the page only as a new version, which reloads it
    const connected = page.waitForResponse((response) => response.url().endsWith("/__handbook/events"));
    await page.goto(url + path);
    await connected;
    const file = (relative) => join(root, relative);
    const edit = (relative, from, to) => {
      const text = readFileSync(file(relative), "utf8");
      assert.ok(text.includes(from), `${relative} has no ${from}`);
      writeFileSync(file(relative), text.replace(from, to));
    };
    await body({ page, edit, file });
    assert.deepEqual(errors, [], "the page logged errors (CSP violations among them)");
  } finally {
    await context.close();
    server.kill("SIGINT");
    rmSync(temp, { recursive: true, force: true });
  }
}

const overlay = (page) => page.locator("#handbook-problems");

test("a saved body edit reloads the page at the same scroll position", async () => {
  await serving("basics/", async ({ page, edit }) => {
    await page.evaluate(() => window.scrollTo(0, 1200));
    await page.waitForFunction(() => window.scrollY === 1200);
    const reloaded = page.waitForEvent("load");
    edit("chapters/02-basics.md", "Start here.", "Start right here.");
    await reloaded;
    assert.ok((await page.content()).includes("Start right here."), "the new text is shown");
    await page.waitForFunction(() => window.scrollY === 1200, null, { timeout: 5000 });
  });
});

test("a broken save opens the problems as a modal alert dialog that passes axe, over the last good page", async () => {
  await serving("basics/", async ({ page, edit }) => {
    await page.focus("a.skip-link");
    edit("chapters/02-basics.md", "title: The basics", "titel: The basics");
    await overlay(page).waitFor({ state: "visible" });
    const facts = await page.evaluate(() => {
      const dialog = document.getElementById("handbook-problems");
      return {
        modal: dialog.matches(":modal"),
        role: dialog.getAttribute("role"),
        name: document.getElementById(dialog.getAttribute("aria-labelledby"))?.textContent,
        focused: document.activeElement.className,
        text: dialog.textContent,
      };
    });
    assert.ok(facts.modal, "the overlay is modal");
    assert.equal(facts.role, "alertdialog");
    assert.equal(facts.name, "The handbook has 1 problem");
    assert.equal(facts.focused, "handbook-problems__close", "focus moved to its close button");
    for (const expected of ["02-basics.md:2", "titel: The basics", "did you mean `title`?"]) {
      assert.ok(facts.text.includes(expected), `the overlay shows ${expected}`);
    }
    assert.ok((await page.content()).includes("Start here."), "the last good page stays underneath");

    // over the DevTools protocol: the page's CSP stays enforced for the live script
    await page.evaluate(AXE_SOURCE);
    for (const colorScheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme });
      const violations = await page.evaluate(
        async (tags) =>
          (await window.axe.run(document.getElementById("handbook-problems"), { runOnly: tags })).violations.map(
            (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`,
          ),
        AXE_TAGS,
      );
      assert.deepEqual(violations, [], `axe-core in ${colorScheme}`);
    }
  });
});

test("Escape and the close button put the overlay away and give focus back; a repair removes it", async () => {
  await serving("basics/", async ({ page, edit }) => {
    await page.focus("a.skip-link");
    edit("chapters/02-basics.md", "title: The basics", "titel: The basics");
    await overlay(page).waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await overlay(page).waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link", "focus went back");

    // a page loaded while the build is broken carries the overlay and opens it
    await page.reload();
    await overlay(page).waitFor({ state: "visible" });
    assert.ok(await overlay(page).evaluate((dialog) => dialog.matches(":modal")), "opened as a modal");
    await page.click(".handbook-problems__close");
    await overlay(page).waitFor({ state: "detached" });

    // a new problem shows it again; the repair takes it away
    edit("chapters/02-basics.md", "titel: The basics", "tittle: The basics");
    await overlay(page).waitFor({ state: "visible" });
    edit("chapters/02-basics.md", "tittle: The basics", "title: The basics");
    await overlay(page).waitFor({ state: "detached" });
  });
});

test("a stylesheet-only change is swapped in without reloading the page", async () => {
  await serving("basics/", async ({ page, file }) => {
    let navigated = false;
    page.on("framenavigated", () => {
      navigated = true;
    });
    writeFileSync(file("themes/brand/static/brand.css"), "body { outline: 3px solid red; }\n");
    await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === "3px");
    await page.waitForFunction(() => document.querySelectorAll('link[href*="brand."]').length === 1);
    assert.equal(navigated, false, "the page was not reloaded");
    const href = await page.locator('link[href*="brand."]').getAttribute("href");
    assert.match(href, /^\.\.\/assets\/brand\.[0-9a-f]+\.css$/, "the new link is relative, as the page's own");
  });
});
