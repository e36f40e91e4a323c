/**
 * The devtools' own styles, rendered with them (an app imports nothing else), scoped to their
 * classes. Light and dark follow the page's color-scheme through the system colours Canvas and
 * CanvasText, as the badge's do; `theme` sets one with `data-theme`. Text uses the page's font.
 */
export const DEVTOOLS_CSS = `
.narkit-devtools, .narkit-devtools-toggle {
  --narkit-dt-surface: Canvas;
  --narkit-dt-text: CanvasText;
  --narkit-dt-muted: color-mix(in srgb, var(--narkit-dt-text) 62%, var(--narkit-dt-surface));
  --narkit-dt-line: color-mix(in srgb, var(--narkit-dt-text) 22%, var(--narkit-dt-surface));
  --narkit-dt-accent: color-mix(in srgb, #1f6feb 80%, var(--narkit-dt-text));
  color-scheme: light dark;
  color: var(--narkit-dt-text);
  font-size: 12px;
  line-height: 1.45;
  font-variant-numeric: tabular-nums;
}
.narkit-devtools[data-theme="light"], .narkit-devtools-toggle[data-theme="light"] { color-scheme: light; }
.narkit-devtools[data-theme="dark"], .narkit-devtools-toggle[data-theme="dark"] { color-scheme: dark; }
.narkit-devtools {
  box-sizing: border-box;
  width: min(460px, calc(100vw - 24px));
  display: grid;
  gap: 8px;
  padding: 12px;
  background: var(--narkit-dt-surface);
  border: 1px solid var(--narkit-dt-line);
  border-radius: 8px;
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
}
.narkit-devtools:focus { outline: none; }
.narkit-devtools:focus-visible, .narkit-devtools :focus-visible {
  outline: 2px solid var(--narkit-dt-accent);
  outline-offset: 1px;
}
.narkit-devtools header { display: flex; align-items: baseline; gap: 8px; }
.narkit-devtools h2 { font-size: 13px; font-weight: 600; margin: 0; }
.narkit-devtools h3 { font-size: 12px; font-weight: 600; margin: 0; }
.narkit-devtools header .narkit-dt-now { margin-left: auto; color: var(--narkit-dt-muted); }
.narkit-devtools dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
.narkit-devtools dt { color: var(--narkit-dt-muted); }
.narkit-devtools dd { margin: 0; }
.narkit-devtools ul { margin: 0; padding: 0; list-style: none; }
.narkit-devtools fieldset { display: flex; flex-wrap: wrap; gap: 6px; border: 0; margin: 0; padding: 0; }
.narkit-devtools .narkit-dt-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.narkit-devtools button, .narkit-devtools-toggle {
  font: inherit;
  color: var(--narkit-dt-text);
  background: color-mix(in srgb, var(--narkit-dt-text) 6%, var(--narkit-dt-surface));
  border: 1px solid var(--narkit-dt-line);
  border-radius: 6px;
  padding: 3px 8px;
  cursor: pointer;
}
.narkit-devtools button[aria-pressed="true"] {
  background: color-mix(in srgb, var(--narkit-dt-accent) 18%, var(--narkit-dt-surface));
  border-color: var(--narkit-dt-accent);
}
.narkit-devtools button:disabled { cursor: not-allowed; color: var(--narkit-dt-muted); }
.narkit-devtools .narkit-dt-message { margin: 0; min-height: 1.45em; color: var(--narkit-dt-muted); }
.narkit-devtools ol {
  margin: 0;
  padding: 0 0 0 4px;
  list-style: none;
  max-height: 180px;
  overflow: auto;
  border-top: 1px solid var(--narkit-dt-line);
}
.narkit-devtools ol li { padding: 1px 0; }
.narkit-devtools ol time { color: var(--narkit-dt-muted); margin-right: 2px; }
.narkit-devtools textarea { font: inherit; width: 100%; box-sizing: border-box; height: 120px; }
.narkit-devtools-corner { position: fixed; z-index: 2147483000; display: grid; gap: 8px; justify-items: end; }
.narkit-devtools-corner[data-position$="left"] { justify-items: start; }
.narkit-devtools-toggle { border-radius: 999px; padding: 4px 10px; font-weight: 500; }
`;
