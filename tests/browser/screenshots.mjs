// Screenshots of the built handbook for the README (not part of the tests):
//
//   node tests/browser/screenshots.mjs [SITE_DIR]
//   node tests/browser/screenshots.mjs --rtl
//
// Writes docs/screenshots/*.png: the home page on a desktop, and a chapter
// on a 375 px phone, in light and dark mode. With --rtl, builds the
// language editions of tests/fixtures/editions and writes rtl-chapter.png:
// the Arabic edition's chapter with its vision wheel, right to left (it needs
// fonts for Arabic: Debian's fonts-noto-core).
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { launch } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { REPO, siteUnderTest } from "./lib/site.mjs";

const rtl = process.argv[2] === "--rtl";
const BUNDLED = [
  { file: "home-1280.png", path: "index.html", width: 1280, height: 900, colorScheme: "light" },
  { file: "chapter-375.png", path: "the-movement/index.html", width: 375, height: 812, colorScheme: "light" },
  { file: "chapter-375-dark.png", path: "the-movement/index.html", width: 375, height: 812, colorScheme: "dark" },
  { file: "chapter-1280.png", path: "our-vision/index.html", width: 1280, height: 1350, colorScheme: "light" },
];
const RIGHT_TO_LEFT = [
  { file: "rtl-chapter.png", path: "ar/our-vision/index.html", width: 1280, height: 1250, colorScheme: "light" },
];
const SHOTS = rtl ? RIGHT_TO_LEFT : BUNDLED;

if (rtl) process.env.HANDBOOK_SOURCE = "tests/fixtures/editions";
const site = siteUnderTest(rtl ? undefined : process.argv[2]);
const out = join(REPO, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const server = await serve(site.dir);
const browser = await launch();
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      deviceScaleFactor: shot.width < 600 ? 2 : 1,
      colorScheme: shot.colorScheme,
    });
    const page = await context.newPage();
    await page.goto(server.url + shot.path);
    // every font the page uses drawn before the picture is taken
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(out, shot.file) });
    await context.close();
    console.log(`docs/screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
  await server.close();
  site.cleanup();
}
