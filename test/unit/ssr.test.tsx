import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RefreshingSessionProvider, SessionStatusBadge } from "../../src/index.ts";

describe("server rendering (no window, no document)", () => {
  it("renders the provider and the badge as loading without touching browser globals", () => {
    expect(typeof window).toBe("undefined");
    const html = renderToString(
      <RefreshingSessionProvider>
        <SessionStatusBadge />
      </RefreshingSessionProvider>,
    );
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('role="status"');
  });

  it("renders a server-provided session as active", () => {
    const session = { expires: "2030-01-01T00:00:00.000Z", accessTokenExpires: Date.now() / 1000 + 3600 };
    const html = renderToString(
      <RefreshingSessionProvider session={session}>
        <SessionStatusBadge />
      </RefreshingSessionProvider>,
    );
    expect(html).toContain('data-state="active"');
  });
});
