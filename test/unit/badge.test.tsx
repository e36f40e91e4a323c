import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatCountdown, SESSION_STATUSES, SessionStatusBadgeView } from "../../src/index.ts";

describe("formatCountdown", () => {
  it.each([
    [0, "0:00"],
    [5, "0:05"],
    [272, "4:32"],
    [3599, "59:59"],
    [3600, "1:00:00"],
    [3661, "1:01:01"],
    [30 * 86_400, "720:00:00"],
    [4.9, "0:04"],
    [-3, "0:00"],
  ])("%d s is %s", (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text);
  });
});

describe("SessionStatusBadgeView", () => {
  const render = (props: Parameters<typeof SessionStatusBadgeView>[0]) =>
    renderToStaticMarkup(<SessionStatusBadgeView {...props} />);

  it("shows a countdown exactly when it is given seconds", () => {
    expect(render({ status: "expiring", secondsLeft: 272 })).toContain('<time dateTime="PT272S">4:32</time>');
    expect(render({ status: "expiring" })).not.toContain("<time");
    expect(render({ status: "expiring", secondsLeft: null })).not.toContain("<time");
  });

  it("offers sign-in exactly where there is no session: signed out, expired, ended", () => {
    const withButton = SESSION_STATUSES.filter((status) => render({ status }).includes("<button"));
    expect(withButton).toEqual(["unauthenticated", "expired", "error"]);
    expect(render({ status: "unauthenticated" })).toContain(">Sign in</button>");
    expect(render({ status: "error" })).toContain(">Sign in again</button>");
    expect(render({ status: "unauthenticated", labels: { signInSignedOut: "Anmelden" } })).toContain(
      ">Anmelden</button>",
    );
  });

  it("offers sign-out, when asked, wherever there is a session and no sign-in is offered", () => {
    const signOutIn = SESSION_STATUSES.filter((status) =>
      render({ status, offerSignOut: true }).includes(">Sign out<"),
    );
    expect(signOutIn).toEqual(["active", "expiring", "ending", "refreshing", "offline", "reconnecting"]);
    // Where the session is over the badge offers sign-in, never both.
    expect(render({ status: "error", offerSignOut: true })).toContain(">Sign in again</button>");
    expect(render({ status: "active" })).not.toContain("<button");
    expect(render({ status: "active", offerSignOut: true, labels: { signOut: "Abmelden" } })).toContain(
      ">Abmelden</button>",
    );
  });

  it("keeps the status in the live region and merges labels and className", () => {
    const html = render({ status: "active", labels: { active: "Angemeldet" }, className: "mine", size: "sm" });
    expect(html).toContain('class="narkit-badge mine" data-state="active" data-size="sm"');
    expect(html).toContain('role="status" aria-live="polite">Angemeldet</span>');
  });
});
