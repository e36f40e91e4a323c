// Links and anchors in Markdown, as GitHub renders them: for the docs' link check
// (test/unit/docs.test.ts).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a Markdown text: its headings' slugs, a repeated one numbered as GitHub does. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, heading = ""] of withoutFences(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/** The text without fenced code blocks, where a heading or a link is only an example. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, "");
}

/** The text without code, fenced or inline. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, "");
}

/** Every relative link of `file` (`path`, `path#anchor`, `#anchor`) that does not resolve. */
export function brokenLinks(
  file: string,
  markdown: string,
  read = (path: string) => readFileSync(path, "utf8"),
  exists = existsSync,
) {
  const broken: string[] = [];
  for (const [, target = ""] of withoutCode(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
    const [path = "", anchor] = target.split("#");
    const resolved = path === "" ? file : normalize(join(dirname(file), decodeURIComponent(path)));
    if (!exists(resolved)) {
      broken.push(`${file}: ${target} (no ${resolved})`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith(".md") && !anchors(read(resolved)).has(anchor)) {
      broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
    }
  }
  return broken;
}
