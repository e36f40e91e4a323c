import type { Meta, StoryObj } from "@storybook/react-vite";
import { signOut } from "next-auth/react";
import {
  SESSION_STATUSES,
  type SessionStatus,
  SessionStatusBadge,
  SessionStatusBadgeView,
} from "next-auth-refresh-kit";
import { scenarios } from "next-auth-refresh-kit/msw";
import { sessionLab, withSession } from "next-auth-refresh-kit/storybook";
import { useState } from "react";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";

const meta = {
  title: "Components/SessionStatusBadge",
  component: SessionStatusBadge,
  // Every story here is also a visual baseline (npm run test:visual).
  tags: ["autodocs", "visual"],
  args: { onSignIn: fn(), size: "md", countdown: "expiring" },
  argTypes: {
    size: { control: "inline-radio", options: ["sm", "md"] },
    countdown: { control: "inline-radio", options: ["expiring", "always", "never"] },
  },
} satisfies Meta<typeof SessionStatusBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const MIN = 60_000;
const noPanel = { panel: false } as const;

// A docs page renders its stories together on one MSW worker, whose handlers the last story sets.
// The docs page therefore shows AllStates, which needs no session;
// each state's own story is in the sidebar.
const notInDocs = { parameters: { docs: { disable: true } } };

/** Waits for the badge to show `state`, and checks its text is not colour alone. */
async function expectBadge(canvasElement: HTMLElement, state: SessionStatus, text: string) {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvasElement.querySelector(".narkit-badge")).toHaveAttribute("data-state", state));
  await expect(canvas.getByRole("status")).toHaveTextContent(text);
}

export const Loading: Story = {
  ...notInDocs,
  ...withSession({ ...scenarios.active, network: "stalled" }, noPanel),
  play: ({ canvasElement }) => expectBadge(canvasElement, "loading", "Checking session"),
};

export const Unauthenticated: Story = {
  ...notInDocs,
  ...withSession(scenarios.unauthenticated, noPanel),
  play: async ({ canvasElement }) => {
    await expectBadge(canvasElement, "unauthenticated", "Signed out");
    // Signed out, the badge offers sign-in (next-auth's signIn(), or the badge's onSignIn).
    await expect(within(canvasElement).getByRole("button")).toHaveTextContent(/^Sign in$/);
  },
};

export const Active: Story = {
  ...notInDocs,
  ...withSession(scenarios.active, noPanel),
  play: async ({ canvasElement }) => {
    await expectBadge(canvasElement, "active", "Signed in");
    // No countdown while active unless asked for.
    await expect(canvasElement.querySelector("time")).toBeNull();
  },
};

export const ActiveWithCountdown: Story = {
  ...notInDocs,
  ...withSession(scenarios.active, noPanel),
  args: { countdown: "always" },
  play: async ({ canvasElement }) => {
    await expectBadge(canvasElement, "active", "Signed in");
    await expect(canvasElement.querySelector("time")).toHaveTextContent("1:00:00");
  },
};

export const Expiring: Story = {
  ...notInDocs,
  ...withSession(scenarios.expiringSoon, noPanel),
  play: async ({ canvasElement }) => {
    await expectBadge(canvasElement, "expiring", "Expiring soon");
    const time = canvasElement.querySelector("time");
    await expect(time).toHaveTextContent("5:00");
    await expect(time).toHaveAttribute("datetime", "PT300S");
  },
};

export const Refreshing: Story = {
  ...notInDocs,
  ...withSession(scenarios.refreshRotates, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { backend, clock } = sessionLab(context);
    await expectBadge(canvasElement, "active", "Signed in");
    // The fetch at the server's refresh time (10 min before expiry) goes out and gets no answer yet.
    backend.network = "stalled";
    await clock.advance(10 * MIN);
    await expectBadge(canvasElement, "refreshing", "Refreshing");
  },
};

export const Expired: Story = {
  ...notInDocs,
  // Past the access token's expiry with no fetch under way. The session client fetches a due
  // session itself (see ServerRenderedPastExpiry), so a page shows this only until its catch-up
  // fetch: a follower tab whose leader is frozen, say. Shown here through the badge's view.
  render: (args) => <SessionStatusBadgeView {...args} status="expired" />,
  play: async ({ canvasElement, args }) => {
    await expectBadge(canvasElement, "expired", "Session expired");
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Sign in again" }));
    await expect(args.onSignIn).toHaveBeenCalledOnce();
  },
};

export const ServerRenderedPastExpiry: Story = {
  ...notInDocs,
  // A user back the next morning: the page was rendered with a token that ran out a minute ago.
  // The client fetches at once on mount and shows "Refreshing" until the answer: never "expired",
  // never a sign-in button for a session the server is about to refresh.
  ...withSession({ ...scenarios.refreshRotates, expiresInSeconds: -60, serverRendered: true }, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const badge = () => canvasElement.querySelector(".narkit-badge");
    const seen = [badge()?.getAttribute("data-state")];
    const observer = new MutationObserver(() => seen.push(badge()?.getAttribute("data-state")));
    observer.observe(canvasElement, { subtree: true, attributes: true, childList: true });
    await expectBadge(canvasElement, "active", "Signed in");
    observer.disconnect();
    await expect(sessionLab(context).backend.count("refresh")).toBe(1);
    await expect(seen).not.toContain("expired");
    await expect(seen[0]).toBe("refreshing");
  },
};

export const Reconnecting: Story = {
  ...notInDocs,
  ...withSession(scenarios.refreshRotates, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { backend, clock } = sessionLab(context);
    await expectBadge(canvasElement, "active", "Signed in");
    // The browser is online but the session server does not answer (a deploy, a proxy restart):
    // the session is kept, shown as reconnecting, never as signed out.
    backend.network = "down";
    await clock.advance(10 * MIN);
    await expectBadge(canvasElement, "reconnecting", "Reconnecting");
    await expect(within(canvasElement).queryByRole("button")).toBeNull();
  },
};

export const RefreshAccessTokenError: Story = {
  ...notInDocs,
  // Signed in inside the refresh window: the first session fetch refreshes, and the upstream says invalid_grant.
  ...withSession({ ...scenarios.refreshFails, expiresInSeconds: 5 * 60 }, noPanel),
  play: async ({ canvasElement, args }) => {
    await expectBadge(canvasElement, "error", "Session ended");
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Sign in again" }));
    await expect(args.onSignIn).toHaveBeenCalledOnce();
  },
};

export const Ending: Story = {
  ...notInDocs,
  // The refresh token dies 6 minutes in, an absolute lifetime that no refresh moves (Okta, Spotify;
  // Keycloak's SSO Session Max): 5 minutes before, the badge says so and counts down to the end.
  ...withSession(scenarios.sessionEnding, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { clock } = sessionLab(context);
    await expectBadge(canvasElement, "active", "Signed in");
    await clock.advance(MIN);
    await expectBadge(canvasElement, "ending", "Session ending");
    const countdown = canvasElement.querySelector(".narkit-badge__countdown");
    await expect(countdown).toHaveTextContent("expires in 5:00");
    await expect(countdown?.querySelector("time")).toHaveAttribute("datetime", "PT300S");
    // Not a reason to sign in yet: the session still works until its end.
    await expect(within(canvasElement).queryByRole("button")).toBeNull();
  },
};

export const EndedAtRefreshTokenEnd: Story = {
  ...notInDocs,
  // At the end the session is over, shown as a dead grant is, and no refresh is tried past it.
  ...withSession(scenarios.sessionEnding, noPanel),
  play: async ({ canvasElement, args, ...context }) => {
    const { backend, clock } = sessionLab(context);
    await expectBadge(canvasElement, "active", "Signed in");
    await clock.advance(5 * MIN);
    await expectBadge(canvasElement, "ending", "Session ending");
    const refreshes = backend.count("refresh");
    await clock.advance(MIN);
    await expectBadge(canvasElement, "error", "Session ended");
    // The server said so at the fetch it asked for at the end, with no call upstream.
    await waitFor(() => expect(backend.lastServed?.session?.error).toBe("RefreshAccessTokenError"));
    await expect(backend.count("refresh")).toBe(refreshes);
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Sign in again" }));
    await expect(args.onSignIn).toHaveBeenCalledOnce();
  },
};

export const EndedByProvider: Story = {
  ...notInDocs,
  // The identity provider ends the session (back-channel logout) 30 s in: the badge shows it at the
  // session's next fetch, here the refresh of a 2-minute token.
  ...withSession(scenarios.backChannelLogout, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { backend, clock } = sessionLab(context);
    await expectBadge(canvasElement, "active", "Signed in");
    await clock.advance(2 * MIN);
    await expectBadge(canvasElement, "error", "Session ended");
    await expect(backend.count("backchannel-logout")).toBe(1);
    // Ended, not refreshed: the refresh token was never used again.
    await expect(backend.count("refresh")).toBe(0);
  },
};

/**
 * The badge's own sign-out (offerSignOut), through next-auth's signOut() as the default does, but
 * showing where it sends the browser instead of going there.
 */
function SignOutDemo(props: Parameters<typeof SessionStatusBadge>[0]) {
  const [url, setUrl] = useState<string | null>(null);
  return (
    // The preview's font throughout (a visual baseline draws no machine's own fonts).
    <div style={{ display: "grid", gap: 8, justifyItems: "start", font: "14px Inter" }}>
      <SessionStatusBadge
        {...props}
        offerSignOut
        onSignOut={async () => setUrl((await signOut({ redirect: false })).url)}
      />
      {url && (
        <p>
          The browser goes to{" "}
          <code data-testid="destination" style={{ font: "inherit" }}>
            {new URL(url).origin + new URL(url).pathname}
          </code>
          {new URL(url).searchParams.has("id_token_hint") && " with id_token_hint"}
        </p>
      )}
    </div>
  );
}

/** Signs out with the badge's button; the badge shows signed out and the browser's destination is the provider's. */
async function signOutToProvider(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await expectBadge(canvasElement, "active", "Signed in");
  const badge = canvasElement.querySelector(".narkit-badge") as HTMLElement;
  await userEvent.click(within(badge).getByRole("button", { name: "Sign out" }));
  await expectBadge(canvasElement, "unauthenticated", "Signed out");
  await expect(await canvas.findByTestId("destination")).toHaveTextContent("https://idp.example.test/logout");
  await expect(canvas.getByText(/with id_token_hint/)).toBeInTheDocument();
}

export const SignedOutAtProvider: Story = {
  ...notInDocs,
  // Sign-out through signOutAtProvider: the refresh token is revoked at the provider, and the
  // browser is sent to its end-session endpoint, so the next "Sign in" asks for a password again.
  ...withSession(scenarios.signOutAtProvider, noPanel),
  render: (args) => <SignOutDemo {...args} />,
  play: async ({ canvasElement, ...context }) => {
    await signOutToProvider(canvasElement);
    const { backend } = sessionLab(context);
    await expect(backend.events.filter((e) => e.type.startsWith("revoke")).map((e) => e.type)).toEqual(["revoke"]);
  },
};

export const SignedOutRevocationDown: Story = {
  ...notInDocs,
  // The provider's revocation endpoint answers 503: signed out here all the same, and still sent
  // to the end-session endpoint. The refresh token stays valid at the provider until it expires.
  ...withSession(scenarios.revocationDown, noPanel),
  render: (args) => <SignOutDemo {...args} />,
  play: async ({ canvasElement, ...context }) => {
    await signOutToProvider(canvasElement);
    const { backend } = sessionLab(context);
    await expect(backend.events.find((e) => e.type === "revoke-failed")?.detail).toBe("HTTP 503");
  },
};

export const Offline: Story = {
  ...notInDocs,
  ...withSession(scenarios.networkDown, noPanel),
  play: ({ canvasElement }) => expectBadge(canvasElement, "offline", "Offline"),
};

export const Translated: Story = {
  ...notInDocs,
  ...withSession(scenarios.expiringSoon, noPanel),
  args: { labels: { expiring: "Läuft bald ab", expiresIn: "läuft ab in" }, size: "sm" },
  play: async ({ canvasElement }) => {
    await expectBadge(canvasElement, "expiring", "Läuft bald ab");
    await expect(canvasElement.querySelector(".narkit-badge")).toHaveAttribute("data-size", "sm");
    await expect(canvasElement.querySelector(".narkit-badge__countdown")).toHaveTextContent("läuft ab in 5:00");
  },
};

/** Every status side by side in both sizes, light and dark: the visual-regression view. */
export const AllStates: Story = {
  // The view shows a countdown where it is given one: here, where the badge shows it by default.
  argTypes: { countdown: { table: { disable: true } } },
  render: ({ countdown: _, ...viewArgs }) => (
    <div style={{ display: "grid", gap: 16 }}>
      {(["light", "dark"] as const).map((theme) => (
        <div
          key={theme}
          data-theme={theme}
          style={{ display: "grid", gap: 8, padding: 12, background: theme === "dark" ? "#0d1117" : "#ffffff" }}
        >
          {/* The third row offers sign-out (offerSignOut). */}
          {(
            [
              ["md", false],
              ["sm", false],
              ["md", true],
            ] as const
          ).map(([size, offerSignOut]) => (
            <div key={`${size}${offerSignOut}`} style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
              {SESSION_STATUSES.map((status) => (
                <SessionStatusBadgeView
                  key={status}
                  {...viewArgs}
                  size={size}
                  offerSignOut={offerSignOut}
                  status={status}
                  secondsLeft={status === "expiring" ? 272 : status === "ending" ? 183 : null}
                />
              ))}
            </div>
          ))}
        </div>
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    const badges = [...canvasElement.querySelectorAll(".narkit-badge")];
    await expect(badges).toHaveLength(SESSION_STATUSES.length * 6);
    const firstRow = badges.slice(0, SESSION_STATUSES.length);
    await expect(firstRow.map((b) => b.getAttribute("data-state"))).toEqual([...SESSION_STATUSES]);
    // A sign-in action exactly where there is no session: signed out, or the session is over.
    const badge = (status: SessionStatus) => firstRow[SESSION_STATUSES.indexOf(status)] as HTMLElement;
    await expect(within(badge("unauthenticated")).getByRole("button")).toHaveTextContent(/^Sign in$/);
    await expect(within(badge("expired")).getByRole("button")).toHaveTextContent("Sign in again");
    await expect(within(badge("error")).getByRole("button")).toHaveTextContent("Sign in again");
    await expect(within(badge("active")).queryByRole("button")).toBeNull();
    await expect(within(badge("ending")).queryByRole("button")).toBeNull();
    // Offered, sign-out is there wherever the session works; sign-in keeps its places.
    const offering = badges.slice(2 * SESSION_STATUSES.length, 3 * SESSION_STATUSES.length);
    const signOutIn = offering.filter((b) => within(b as HTMLElement).queryByRole("button", { name: "Sign out" }));
    await expect(signOutIn.map((b) => b.getAttribute("data-state"))).toEqual([
      "active",
      "expiring",
      "ending",
      "refreshing",
      "offline",
      "reconnecting",
    ]);
  },
};
