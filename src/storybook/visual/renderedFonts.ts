// Which fonts Chromium actually drew an element's text with, asked of the browser itself (CDP's
// CSS.getPlatformFontsForNode), not guessed from computed `font-family`: a declared font that is
// missing a glyph, or a control that does not inherit the page's font, falls back to whatever
// the machine has, and only the renderer knows which.
import { cdp } from "vitest/browser";

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  contentDocument?: DomNode;
  shadowRoots?: DomNode[];
}

interface PlatformFont {
  familyName: string;
  postScriptName?: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** A run of text and the platform fonts that drew it. */
export interface RenderedText {
  text: string;
  element: string;
  fonts: PlatformFont[];
}

const MARK = "data-rendered-fonts";

/** The text under `root` (its own and its descendants', iframes excluded), with the fonts that drew each run. */
export async function renderedFonts(root: Element): Promise<RenderedText[]> {
  // `send` is typed by the Playwright provider's augmentation, which an app's types may not load.
  const session = cdp() as unknown as { send(method: string, params?: object): Promise<unknown> };
  const mark = String(Math.random()).slice(2);
  root.setAttribute(MARK, mark);
  try {
    await session.send("DOM.enable");
    await session.send("CSS.enable");
    // pierce: the test runs inside Vitest's iframe, which the page's document tree holds.
    const { root: document } = (await session.send("DOM.getDocument", { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    const marked = find(document, (node) => attribute(node, MARK) === mark);
    if (!marked) throw new Error("renderedFonts: the element is not in the page's document tree");
    const runs: RenderedText[] = [];
    for (const element of withText(marked)) {
      const { fonts } = (await session.send("CSS.getPlatformFontsForNode", { nodeId: element.nodeId })) as {
        fonts: PlatformFont[];
      };
      runs.push({ text: ownText(element), element: element.nodeName.toLowerCase(), fonts });
    }
    return runs;
  } finally {
    root.removeAttribute(MARK);
  }
}

/**
 * Every run of text under `root` that was drawn, even in part, with a font other than `family`
 * loaded by the page (a web font): `[]` when the page's font drew it all. A face's own name may
 * carry its weight ("Inter Medium"), so the family matches by prefix; a system font never passes.
 */
export async function textNotIn(family: string, root: Element): Promise<string[]> {
  const runs = await renderedFonts(root);
  return runs.flatMap(({ text, element, fonts }) =>
    fonts
      .filter((font) => font.glyphCount > 0 && (!font.familyName.startsWith(family) || !font.isCustomFont))
      .map((font) => `<${element}> "${text}": ${font.glyphCount} glyph(s) in ${font.familyName}`),
  );
}

function find(node: DomNode, match: (node: DomNode) => boolean): DomNode | undefined {
  if (match(node)) return node;
  for (const child of childrenOf(node)) {
    const found = find(child, match);
    if (found) return found;
  }
  return undefined;
}

function* withText(node: DomNode): Generator<DomNode> {
  if (node.nodeType === 1 && ownText(node) !== "") yield node;
  // A story's own iframe is another page: not its text, and not drawn in this screenshot's DOM.
  for (const child of node.children ?? []) yield* withText(child);
  for (const shadow of node.shadowRoots ?? []) yield* withText(shadow);
}

function childrenOf(node: DomNode): DomNode[] {
  return [
    ...(node.children ?? []),
    ...(node.shadowRoots ?? []),
    ...(node.contentDocument ? [node.contentDocument] : []),
  ];
}

function ownText(node: DomNode): string {
  return (node.children ?? [])
    .filter((child) => child.nodeType === 3)
    .map((child) => child.nodeValue.trim())
    .join(" ")
    .trim();
}

function attribute(node: DomNode, name: string): string | undefined {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}
