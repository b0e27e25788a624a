// Ace by DAISY on EPUBs made by `handbook epub`: the EPUB Accessibility
// checks (its metadata among them) and axe-core on every document of the
// book, in Debian's Chromium (CHROMIUM, default /usr/bin/chromium) driven by
// the puppeteer Ace brings, which never downloads a browser here.
//
//   node tests/ace/run.mjs BOOK.epub [MORE.epub...]
//
// Fails when Ace reports anything, or did not check every XHTML document of
// the book (listed with `unzip -Z1`).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ACE = join(HERE, "node_modules", ".bin", "ace-cli");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const books = process.argv.slice(2).map((book) => resolve(book));

test("there are books to check, Ace and Chromium to check them with", () => {
  assert.ok(books.length > 0, "give the EPUB files to check");
  assert.ok(existsSync(ACE), `no Ace at ${ACE}: run \`npm ci --ignore-scripts\` in tests/ace`);
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM`);
});

function describeAssertion(assertion) {
  const test = assertion["earl:test"];
  const where = (assertion["earl:result"]?.["earl:pointer"]?.css || []).slice(0, 3).join(", ");
  return `${test["dct:title"]} (${test["earl:impact"]}): ${test["dct:description"]}${where ? ` at ${where}` : ""}`;
}

for (const book of books) {
  test(`Ace finds nothing to report in ${basename(book)}`, () => {
    const out = mkdtempSync(join(tmpdir(), "handbook-ace-"));
    try {
      execFileSync(ACE, ["--force", "--silent", "--outdir", out, book], {
        env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: CHROMIUM, PUPPETEER_SKIP_DOWNLOAD: "1" },
        stdio: ["ignore", "inherit", "inherit"],
        timeout: 300_000,
      });
      const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
      const problems = report.assertions.flatMap((subject) =>
        subject.assertions.map((assertion) => `${subject["earl:testSubject"].url}: ${describeAssertion(assertion)}`),
      );
      assert.deepEqual(problems, [], `Ace reported:\n${problems.join("\n")}`);
      assert.equal(report["earl:result"]["earl:outcome"], "pass");

      const documents = execFileSync("unzip", ["-Z1", book], { encoding: "utf8" })
        .split("\n")
        .filter((path) => path.endsWith(".xhtml"))
        .map((path) => path.replace(/^EPUB\//, ""));
      const checked = new Set(report.assertions.map((subject) => subject["earl:testSubject"].url));
      const unchecked = documents.filter((document) => !checked.has(document));
      assert.ok(documents.length >= 3, `only ${documents.length} documents in ${book}`);
      assert.deepEqual(unchecked, [], "Ace did not check these documents");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}
