// The devtools in a production build: nothing, unless forced. Server-rendered, as a Next layout
// renders them first (no window, no document).
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionDevtools, SessionDevtoolsPanel } from "../../../src/devtools/index.ts";
import { RefreshingSessionProvider } from "../../../src/index.ts";

const session = { expires: "2030-01-01T00:00:00.000Z", accessTokenExpires: Date.now() / 1000 + 3600 };
const render = (children: React.ReactNode) =>
  renderToString(<RefreshingSessionProvider session={session}>{children}</RefreshingSessionProvider>);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("SessionDevtools in a production build", () => {
  it("renders nothing, the corner button or the panel", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(render(<SessionDevtools />)).toBe("");
    expect(render(<SessionDevtoolsPanel />)).toBe("");
    expect(render(<SessionDevtools initialIsOpen />)).toBe("");
  });

  it("renders when forced: the corner button; the panel only in the browser (its times are the browser's)", () => {
    vi.stubEnv("NODE_ENV", "production");
    const html = render(<SessionDevtools force initialIsOpen />);
    expect(html).toContain("Session: active");
    expect(html).not.toContain("Session devtools");
    expect(render(<SessionDevtoolsPanel force />)).toBe("");
  });

  it("in development: the corner button, closed by default, without touching browser globals", () => {
    vi.stubEnv("NODE_ENV", "development");
    const html = render(<SessionDevtools />);
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain("Session: active");
    expect(html).not.toContain("Session devtools");
  });
});
