// The Nu HTML Checker (npm vnu-jar, installed without its Java download),
// run once over every page with the machine's Java.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** Errors per page: { "welcome/index.html": ["line 3: message", ...] }. */
export function validate(dir, pages) {
  const jar = String(require("vnu-jar"));
  const java = process.env.JAVA || "java";
  const result = spawnSync(
    java,
    ["-jar", jar, "--format", "json", "--errors-only", ...pages.map((page) => join(dir, page))],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw new Error(`cannot run ${java}: ${result.error.message} (install a Java runtime: apt-get install default-jre-headless)`);
  let report;
  try {
    report = JSON.parse(result.stderr || result.stdout);
  } catch {
    throw new Error(`the Nu HTML Checker did not answer with JSON (exit ${result.status}):\n${result.stderr}`);
  }
  const errors = Object.fromEntries(pages.map((page) => [page, []]));
  for (const message of report.messages) {
    if (message.type === "info") continue;
    const page = message.url ? relative(dir, fileURLToPath(message.url)).split(sep).join("/") : "(unknown)";
    (errors[page] ||= []).push(`line ${message.lastLine ?? "?"}: ${message.message}${message.extract ? `\n      ${message.extract.trim()}` : ""}`);
  }
  return errors;
}
