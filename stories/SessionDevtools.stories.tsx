import type { Meta, StoryObj } from "@storybook/react-vite";
import { SessionProvider } from "next-auth/react";
import { SessionStatusBadge } from "next-auth-refresh-kit";
import { SessionDevtools, SessionDevtoolsPanel } from "next-auth-refresh-kit/devtools";
import { scenarios } from "next-auth-refresh-kit/msw";
import { sessionLab, withSession } from "next-auth-refresh-kit/storybook";
import { expect, spyOn, userEvent, waitFor, within } from "storybook/test";

/** The panel in the page's flow, light above dark: one recording each, of the same session. */
function LightAndDark() {
  return (
    <div style={{ display: "grid", gap: 12, justifyItems: "start" }}>
      {(["light", "dark"] as const).map((theme) => (
        <div key={theme} data-theme={theme} style={{ padding: 8, background: theme === "dark" ? "#0d1117" : "#fff" }}>
          <SessionDevtoolsPanel force theme={theme} title={`Session devtools (${theme})`} />
        </div>
      ))}
    </div>
  );
}

const meta = {
  title: "Components/SessionDevtools",
  component: SessionDevtoolsPanel,
  // Every session state of the panel, light and dark, is a visual baseline (npm run test:visual).
  tags: ["autodocs", "visual"],
  render: () => <LightAndDark />,
} satisfies Meta<typeof SessionDevtoolsPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

const MIN = 60_000;
// A published Storybook is a production build: the panels show there because every story passes
// `force`, and the session client tells why it fetches (and fetches now) in development builds only.
const REPORTED = process.env.NODE_ENV !== "production";
/** The log's line for a fetch that started for `reason`. */
const fetched = (reason: string) => `fetch: ${REPORTED ? reason : "reason reported in development builds"}`;
const noPanel = { panel: false } as const;
// A docs page renders its stories on one MSW worker, whose handlers the last story sets: each
// story is in the sidebar, the docs page lists the props.
const notInDocs = { parameters: { docs: { disable: true } } };

// Each session answer waits 100 ms (real time): this tab's Web Lock, granted within a
// millisecond or two, comes first, so the log's first lines keep one order in every baseline.
const leadFirst = { sessionDelayMs: 100 } as const;

/** Both panels (light and dark) show `status`. */
async function expectStatus(canvasElement: HTMLElement, status: string) {
  await waitFor(() => {
    const shown = [...canvasElement.querySelectorAll('[data-testid="devtools-status"]')].map((el) => el.textContent);
    expect(shown).toEqual([status, status]);
  });
}

/** Both panels show this tab leading: its lock may be granted after the session arrives. */
async function expectLeader(canvasElement: HTMLElement) {
  await waitFor(() => expect(within(canvasElement).getAllByText(/^leader since/)).toHaveLength(2));
}

/** The events both panels logged, newest first, as `type: detail`; the same in both. */
function logOf(canvasElement: HTMLElement): string[] {
  const [light, dark] = [...canvasElement.querySelectorAll('ol[aria-label="Session events"]')].map((list) =>
    [...list.querySelectorAll("li")].map((item) => item.textContent?.replace(/^\d\d:\d\d:\d\d /, "") ?? ""),
  );
  expect(dark).toEqual(light);
  return light ?? [];
}

export const AfterOneRefresh: Story = {
  ...notInDocs,
  ...withSession({ ...scenarios.refreshRotates, ...leadFirst }, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expectStatus(canvasElement, "active");
    await expectLeader(canvasElement);
    // The server said: fetch again at its refresh time, 10 min before expiry.
    await clock.advance(10 * MIN);
    await waitFor(() => expect(backend.count("rotate")).toBe(1));
    await waitFor(() =>
      expect(logOf(canvasElement).slice(0, 2)).toEqual([
        "refresh: expires 2026-01-15 10:10:00 (+50 min 0 s)",
        fetched("scheduled"),
      ]),
    );
    await expect(logOf(canvasElement).at(-1)).toBe(fetched("start"));
    const canvas = within(canvasElement);
    await expect(canvas.getAllByText("leader since 09:00:00")).toHaveLength(2);
    // The timeline: the refresh as a dot, the next poll and expiry of the new token.
    const timeline = canvas.getAllByRole("img", { name: "Session timeline" })[0];
    await expect(timeline?.querySelector('[data-mark="event-refresh"]')).not.toBeNull();
    await expect(timeline?.querySelector("desc")).toHaveTextContent("next poll 2026-01-15 10:00:00");
    await expect(timeline?.querySelector("desc")).toHaveTextContent("expiry 2026-01-15 10:10:00");
  },
};

export const Loading: Story = {
  ...notInDocs,
  ...withSession({ ...scenarios.active, network: "stalled" }, noPanel),
  play: async ({ canvasElement }) => {
    await expectStatus(canvasElement, "loading");
    await waitFor(() => expect(logOf(canvasElement)).toContain(fetched("start")));
  },
};

export const Unauthenticated: Story = {
  ...notInDocs,
  ...withSession(scenarios.unauthenticated, noPanel),
  play: async ({ canvasElement }) => {
    await expectStatus(canvasElement, "unauthenticated");
    // Found signed out: no sign-out happened, and nothing is planned.
    await expect(logOf(canvasElement)).toEqual([
      "session: none, signed out",
      "lead: this tab fetches for all",
      fetched("start"),
    ]);
    await expect(within(canvasElement).getAllByText("none (idle)")).toHaveLength(2);
  },
};

export const Expiring: Story = {
  ...notInDocs,
  // The authorization server is unreachable: the server keeps the session and retries.
  ...withSession({ ...scenarios.expiringSoon, ...leadFirst }, noPanel),
  play: async ({ canvasElement }) => {
    await expectStatus(canvasElement, "expiring");
    await waitFor(() => expect(logOf(canvasElement)[0]).toBe("retrying: RefreshAccessTokenRetrying"));
  },
};

export const Ending: Story = {
  ...notInDocs,
  // The refresh token dies 6 minutes in: the panel names the end and draws it on the timeline.
  ...withSession({ ...scenarios.sessionEnding, ...leadFirst }, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { clock } = sessionLab(context);
    await expectStatus(canvasElement, "active");
    await clock.advance(MIN);
    await expectStatus(canvasElement, "ending");
    await expect(within(canvasElement).getAllByText("Session ends")).toHaveLength(2);
    await expect(canvasElement.querySelectorAll('[data-mark="end"]')).toHaveLength(2);
  },
};

export const Refreshing: Story = {
  ...notInDocs,
  ...withSession({ ...scenarios.refreshRotates, ...leadFirst }, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { backend, clock } = sessionLab(context);
    await expectStatus(canvasElement, "active");
    await expectLeader(canvasElement);
    backend.network = "stalled";
    await clock.advance(10 * MIN);
    await expectStatus(canvasElement, "refreshing");
    await expect(logOf(canvasElement)[0]).toBe(fetched("scheduled"));
  },
};

export const Reconnecting: Story = {
  ...notInDocs,
  ...withSession({ ...scenarios.refreshRotates, ...leadFirst }, noPanel),
  play: async ({ canvasElement, ...context }) => {
    const { backend, clock } = sessionLab(context);
    await expectStatus(canvasElement, "active");
    await expectLeader(canvasElement);
    // The session server does not answer: the fetch fails, and the leader retries on a backoff.
    backend.network = "down";
    await clock.advance(10 * MIN);
    await expectStatus(canvasElement, "reconnecting");
    await waitFor(() =>
      expect(logOf(canvasElement).slice(0, 2)).toEqual([
        REPORTED ? "failed: network" : "failed: 1 in a row",
        fetched("scheduled"),
      ]),
    );
    const canvas = within(canvasElement);
    await expect(canvas.getAllByText("Retry")).toHaveLength(2);
    await expect(canvas.getAllByRole("img", { name: "Session timeline" })[0]?.querySelector("desc")).toHaveTextContent(
      "retry 2026-01-15 09:10:05",
    );
  },
};

export const Offline: Story = {
  ...notInDocs,
  ...withSession({ ...scenarios.refreshRotates, ...leadFirst }, noPanel),
  play: async ({ canvasElement, ...context }) => {
    await expectStatus(canvasElement, "active");
    sessionLab(context).setOnline(false);
    await expectStatus(canvasElement, "offline");
    await expect(logOf(canvasElement)[0]).toBe("offline");
  },
};

export const RefreshAccessTokenError: Story = {
  ...notInDocs,
  // Signed in inside the refresh window: the first fetch refreshes, and the upstream says invalid_grant.
  ...withSession({ ...scenarios.refreshFails, expiresInSeconds: 5 * 60, ...leadFirst }, noPanel),
  play: async ({ canvasElement }) => {
    await expectStatus(canvasElement, "error");
    await waitFor(() => expect(logOf(canvasElement)[0]).toBe("error: RefreshAccessTokenError"));
  },
};

export const ExpiredUnderNextAuthsProvider: Story = {
  ...notInDocs,
  // next-auth's own SessionProvider, without the kit's client: a server-rendered session whose
  // access token ran out a minute ago, and nothing fetches it. The panel reads what the provider has.
  ...withSession({ ...scenarios.refreshRotates, expiresInSeconds: -60, serverRendered: true }, { provider: false }),
  render: (_, context) => (
    <SessionProvider session={sessionLab(context).backend.renderSession()} refetchOnWindowFocus={false}>
      <LightAndDark />
    </SessionProvider>
  ),
  play: async ({ canvasElement }) => {
    await expectStatus(canvasElement, "expired");
    const fetchNow = within(canvasElement).getAllByRole("button", { name: "Fetch now" });
    // Fetch now asks the kit's session client, which next-auth's provider does not have.
    await expect(fetchNow.every((button) => (button as HTMLButtonElement).disabled)).toBe(true);
  },
};

/** The corner button, as an app mounts it: the keyboard opens and closes it, and its actions work. */
export const CornerButton: Story = {
  ...notInDocs,
  tags: ["!visual"],
  ...withSession({ ...scenarios.refreshRotates, ...leadFirst }, noPanel),
  render: () => (
    <div style={{ minHeight: 640 }}>
      <SessionStatusBadge />
      <SessionDevtools force position="bottom-left" />
    </div>
  ),
  play: async ({ canvasElement, ...context }) => {
    const { backend } = sessionLab(context);
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole("button", { name: "Session: active" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    toggle.focus();
    await userEvent.keyboard("{Enter}");
    const panel = await canvas.findByRole("region", { name: "Session devtools" });
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(panel).toHaveFocus();

    // Offline in this tab: the browser reports no network here, and the badge says so.
    await userEvent.click(canvas.getByRole("button", { name: "Offline in this tab" }));
    await waitFor(() => expect(canvasElement.querySelector(".narkit-badge")).toHaveAttribute("data-state", "offline"));
    await expect(canvas.getByRole("button", { name: "Offline in this tab" })).toHaveAttribute("aria-pressed", "true");
    await expect(canvas.getByTestId("devtools-role")).toHaveTextContent("offline (simulated)");
    await userEvent.click(canvas.getByRole("button", { name: "Offline in this tab" }));
    await waitFor(() => expect(canvasElement.querySelector(".narkit-badge")).toHaveAttribute("data-state", "active"));

    // Fetch now: one session fetch, its reason logged; a production build cannot ask the client.
    const fetchNow = canvas.getByRole("button", { name: "Fetch now" });
    if (REPORTED) {
      const polls = backend.count("poll");
      await userEvent.click(fetchNow);
      await waitFor(() => expect(backend.count("poll")).toBe(polls + 1));
      await waitFor(() =>
        expect(canvas.getByRole("list", { name: "Session events" })).toHaveTextContent("fetch: devtools"),
      );
    } else {
      await expect(fetchNow).toBeDisabled();
      await expect(fetchNow).toHaveAttribute("title", "Needs the kit's provider in a development build");
    }

    // The report, as the clipboard receives it: JSON, and no token, name or address in it.
    const writeText = spyOn(navigator.clipboard, "writeText").mockResolvedValue();
    await userEvent.click(canvas.getByRole("button", { name: "Copy report" }));
    await waitFor(() => expect(canvasElement.querySelector(".narkit-dt-message")).toHaveTextContent(/^Report copied/));
    const json = String(writeText.mock.calls[0]?.[0]);
    writeText.mockRestore();
    await expect(JSON.parse(json)).toMatchObject({ session: { authStatus: "authenticated", status: "active" } });
    await expect(json).not.toMatch(/fake-access|fake-refresh|ada@example|Ada Lovelace/);
    // Where the clipboard is refused (an insecure origin), the report is shown to copy by hand.
    const refused = spyOn(navigator.clipboard, "writeText").mockRejectedValue(new DOMException("", "NotAllowedError"));
    await userEvent.click(canvas.getByRole("button", { name: "Copy report" }));
    const shown = await canvas.findByRole("textbox", { name: "Diagnostic report" });
    refused.mockRestore();
    await expect(JSON.parse((shown as HTMLTextAreaElement).value).session.status).toBe("active");

    // Escape closes it and gives the focus back to the button.
    panel.focus();
    await userEvent.keyboard("{Escape}");
    await expect(canvas.queryByRole("region", { name: "Session devtools" })).toBeNull();
    await expect(toggle).toHaveFocus();
  },
};

/** Open from the start: the panel shows, and the focus stays where the page put it. */
export const InitiallyOpen: Story = {
  ...notInDocs,
  tags: ["!visual"],
  ...withSession({ ...scenarios.refreshRotates, ...leadFirst }, noPanel),
  render: () => (
    <div style={{ minHeight: 640 }}>
      <SessionDevtools force initialIsOpen position="top-left" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const panel = await canvas.findByRole("region", { name: "Session devtools" });
    await waitFor(() => expect(within(panel).getByTestId("devtools-status")).toHaveTextContent("active"));
    await expect(panel.contains(document.activeElement)).toBe(false);
    await expect(canvas.getByRole("button", { name: "Session: active" })).toHaveAttribute("aria-expanded", "true");
  },
};
