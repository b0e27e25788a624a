// Screenshots of the built handbook for the README (not part of the tests):
//
//   node tests/browser/screenshots.mjs [SITE_DIR]
//
// Writes docs/screenshots/*.png: the home page on a desktop, and a chapter
// on a 375 px phone, in light and dark mode.
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { launch } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { REPO, siteUnderTest } from "./lib/site.mjs";

const SHOTS = [
  { file: "home-1280.png", path: "index.html", width: 1280, height: 900, colorScheme: "light" },
  { file: "chapter-375.png", path: "the-movement/index.html", width: 375, height: 812, colorScheme: "light" },
  { file: "chapter-375-dark.png", path: "the-movement/index.html", width: 375, height: 812, colorScheme: "dark" },
  { file: "chapter-1280.png", path: "our-vision/index.html", width: 1280, height: 1350, colorScheme: "light" },
];

const site = siteUnderTest(process.argv[2]);
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
    await page.screenshot({ path: join(out, shot.file) });
    await context.close();
    console.log(`docs/screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
  await server.close();
  site.cleanup();
}
