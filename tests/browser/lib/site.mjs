// The site under test: a built output folder given by HANDBOOK_SITE (or the
// first argument), or the bundled handbook built now with the release binary.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function binary() {
  if (process.env.HANDBOOK_BIN) return process.env.HANDBOOK_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(REPO, "target");
  return join(resolve(REPO, target), "release", "handbook");
}

/** { dir, cleanup } of the site to test. */
export function siteUnderTest(argument) {
  const given = argument || process.env.HANDBOOK_SITE;
  if (given) {
    const dir = resolve(given);
    if (!existsSync(join(dir, "index.html"))) throw new Error(`${dir} has no index.html: is it a built handbook?`);
    return { dir, cleanup: () => {} };
  }
  const bin = binary();
  if (!existsSync(bin)) throw new Error(`no handbook binary at ${bin}: run \`cargo build --release\` first, or set HANDBOOK_BIN`);
  const parent = mkdtempSync(join(tmpdir(), "handbook-browser-"));
  const dir = join(parent, "site");
  const source = resolve(REPO, process.env.HANDBOOK_SOURCE || "handbook");
  execFileSync(bin, ["build", "--source", source, "--out", dir], { stdio: ["ignore", "ignore", "inherit"] });
  return { dir, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Every HTML page of a built site, as paths relative to its root ("welcome/index.html"). */
export function htmlPages(dir) {
  const pages = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".html")) pages.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return pages.sort();
}
