// Browser check of `handbook serve`'s live script, in real Chromium: reload
// keeping the scroll position, the problems overlay (modal alertdialog, focus
// moved in and given back, Escape and the close button, axe-core clean in
// light and dark), its removal on repair, and a stylesheet swapped without a
// reload. The Rust tests in tests/serve.rs check the server side; this checks
// what only a browser can.
//
//   cargo build
//   npm install --prefix /tmp/hb-browser playwright-core axe-core   (no browser download)
//   NODE_PATH=/tmp/hb-browser/node_modules node tests/browser/serve-live.js
//
// HANDBOOK_BIN overrides the binary (default target/debug/handbook, or
// $CARGO_TARGET_DIR/debug/handbook); CHROMIUM the browser (/usr/bin/chromium).
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const os = require('os');

function copy(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name), b = path.join(to, e.name);
    e.isDirectory() ? copy(a, b) : fs.copyFileSync(a, b);
  }
}
const sleep = (ms) => new Promise(r => setTimeout(r, ms));
function assert(cond, msg) { if (!cond) { throw new Error('FAILED: ' + msg); } console.log('ok -', msg); }

(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'servepw-'));
  const root = path.join(tmp, 'handbook');
  copy(path.join(__dirname, '..', 'fixtures', 'live'), root);
  fs.mkdirSync(path.join(root, 'themes/brand/static'), { recursive: true });
  fs.writeFileSync(path.join(root, 'themes/brand/static/brand.css'), 'body { outline: 0px solid red; }\n');
  fs.appendFileSync(path.join(root, 'handbook.yaml'), 'theme: brand\n');
  // a long chapter so there is something to scroll
  const basics = path.join(root, 'chapters/02-basics.md');
  let text = fs.readFileSync(basics, 'utf8');
  text += '\n' + Array.from({ length: 60 }, (_, i) => `Paragraph ${i} with some words to fill the page.`).join('\n\n') + '\n';
  fs.writeFileSync(basics, text);

  const binary = process.env.HANDBOOK_BIN || path.join(process.env.CARGO_TARGET_DIR || path.join(__dirname, '..', '..', 'target'), 'debug', 'handbook');
  const server = spawn(binary, ['serve', '--port', '0', '--source', root]);
  const url = await new Promise((resolve) => {
    server.stdout.on('data', (d) => { const m = String(d).match(/http:\/\/127\.0\.0\.1:\d+\//); if (m) resolve(m[0]); });
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const context = await browser.newContext({ viewport: { width: 800, height: 500 } });
    const page = await context.newPage();
    const errors = [];
    // (the browser's own request for /favicon.ico is a 404: not a script error)
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url + 'basics/');
    await page.evaluate(() => window.scrollTo(0, 1200));
    await sleep(300);
    const y0 = await page.evaluate(() => window.scrollY);
    // body edit -> reload with scroll kept
    const nav = page.waitForNavigation();
    fs.writeFileSync(basics, fs.readFileSync(basics, 'utf8').replace('Start here.', 'Start right here.'));
    await nav;
    await page.waitForLoadState('load');
    await sleep(200);
    assert((await page.content()).includes('Start right here.'), 'the page reloaded with the new content');
    const y1 = await page.evaluate(() => window.scrollY);
    assert(Math.abs(y1 - y0) < 2, `scroll position kept across the reload (${y0} -> ${y1})`);

    // focus something, then break the build
    await page.focus('a.skip-link');
    fs.writeFileSync(basics, fs.readFileSync(basics, 'utf8').replace('title: The basics', 'titel: The basics'));
    await page.waitForSelector('#handbook-problems', { state: 'visible' });
    const info = await page.evaluate(() => {
      const d = document.getElementById('handbook-problems');
      return { modal: d.matches(':modal'), role: d.getAttribute('role'), active: document.activeElement.className, text: d.textContent };
    });
    assert(info.modal, 'the overlay is a modal dialog');
    assert(info.role === 'alertdialog', 'with the alertdialog role');
    assert(info.active === 'handbook-problems__close', 'focus moved to its close button');
    assert(info.text.includes('did you mean `title`?'), 'it lists the problem with its hint');
    assert((await page.content()).includes('Start right here.'), 'the last good page stays underneath');

    // evaluated over the DevTools protocol, so the page's CSP stays enforced for the live script
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const violations = await page.evaluate(async () => (await axe.run(document.getElementById('handbook-problems'), { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] })).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' ')));
      assert(violations.length === 0, `axe finds no violations in the overlay (${colorScheme}): ${JSON.stringify(violations)}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await page.keyboard.press('Escape');
    await page.waitForSelector('#handbook-problems', { state: 'detached' });
    const back = await page.evaluate(() => document.activeElement.className);
    assert(back === 'skip-link', 'Escape closes it and focus goes back where it was');

    // reload while still broken: the overlay is served in the page and opened
    await page.reload();
    await page.waitForSelector('#handbook-problems', { state: 'visible' });
    assert(await page.evaluate(() => document.getElementById('handbook-problems').matches(':modal')), 'a page loaded while broken opens the overlay modally');
    await page.click('.handbook-problems__close');
    await page.waitForSelector('#handbook-problems', { state: 'detached' });
    assert(true, 'the close button closes it');

    // break it differently -> shown again; repair -> removed
    fs.writeFileSync(basics, fs.readFileSync(basics, 'utf8').replace('titel: The basics', 'tittle: The basics'));
    await page.waitForSelector('#handbook-problems', { state: 'visible' });
    assert(true, 'a new problem shows the overlay again');
    fs.writeFileSync(basics, fs.readFileSync(basics, 'utf8').replace('tittle: The basics', 'title: The basics'));
    await page.waitForSelector('#handbook-problems', { state: 'detached' });
    assert(true, 'the repair removes it');

    // stylesheet only: swapped without a reload
    let navigated = false;
    page.on('framenavigated', () => { navigated = true; });
    const before = await page.evaluate(() => getComputedStyle(document.body).outlineWidth);
    fs.writeFileSync(path.join(root, 'themes/brand/static/brand.css'), 'body { outline: 3px solid red; }\n');
    await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === '3px');
    await sleep(300);
    const links = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.getAttribute('href')));
    assert(!navigated, `the stylesheet was swapped without a reload (outline ${before} -> 3px)`);
    assert(links.filter(h => h.includes('brand.')).length === 1, 'the old stylesheet link is gone: ' + links.join(' '));
    assert(errors.length === 0, 'no script errors: ' + errors.join('; '));
  } finally {
    await browser.close();
    server.kill('SIGINT');
  }
})().catch((e) => { console.error(e.message); process.exitCode = 1; });
