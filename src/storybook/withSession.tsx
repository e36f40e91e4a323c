import type { Decorator, StoryContext } from "@storybook/react";
import type { RequestHandler } from "msw";
import type { ReactNode } from "react";
import { allHandlers, sessionHandlers } from "../msw/handlers.js";
import type { SessionScenario } from "../msw/scenarios.js";
import { createSessionBackend } from "../msw/sessionBackend.js";
import { RefreshingSessionProvider, type RefreshingSessionProviderProps } from "../react/index.js";
import { ClockPanel } from "./ClockPanel.js";
import { installStoryClock, STORY_START } from "./clock.js";
import { createLab, LabContext, type SessionLab, sessionLab } from "./lab.js";

/** Options of `withSession`. */
export interface WithSessionOptions {
  /** The instant the story starts at, epoch ms. Default `STORY_START` (2026-01-15T09:00:00Z). */
  start?: number;
  /**
   * Wrap the story in `RefreshingSessionProvider` (default `true`), with these props, or not at
   * all (`false`) for stories that render their own provider.
   */
  provider?: boolean | Omit<RefreshingSessionProviderProps, "children">;
  /** Show the clock control panel above the story. Default `true`; turn off for screenshots. */
  panel?: boolean;
  /** Hand the provider the session a server-rendered page would, so it starts without a fetch. Default: the scenario's `serverRendered`. */
  serverRendered?: boolean;
}

/** The part of a story context `withSession` needs: the id, and the MSW worker from msw-storybook-addon. */
type SessionStoryContext = Pick<StoryContext, "id"> & { msw?: { use(...handlers: RequestHandler[]): void } };

/**
 * Story annotations that put a story in a session scenario: a fake clock at a fixed instant,
 * a fake backend behind MSW handlers for `/api/auth/*`, and (by default) `RefreshingSessionProvider`
 * with a clock panel around the story. Spread them into a story or meta:
 * `export const Expiring = { ...withSession(scenarios.expiringSoon) }`. Needs msw-storybook-addon.
 */
export function withSession(scenario: SessionScenario, options: WithSessionOptions = {}) {
  const decorator: Decorator = (Story, context) => (
    <SessionStory lab={sessionLab(context)} options={options} syncKey={context.id}>
      <Story />
    </SessionStory>
  );
  return {
    beforeEach(context: SessionStoryContext) {
      if (!context.msw) throw new Error("withSession needs msw-storybook-addon in .storybook/preview.");
      const clock = installStoryClock(options.start ?? STORY_START);
      const backend = createSessionBackend(scenario);
      context.msw.use(...allHandlers(sessionHandlers(backend)));
      const serverRendered = options.serverRendered ?? scenario.serverRendered ?? scenario.network === "down";
      const initialSession = serverRendered ? backend.renderSession() : undefined;
      const { lab, dispose } = createLab(context.id, backend, clock, initialSession);
      if (scenario.network === "down") lab.setOnline(false);
      return () => {
        dispose();
        clock.uninstall();
      };
    },
    decorators: [decorator],
  };
}

function SessionStory({
  lab,
  options,
  syncKey,
  children,
}: {
  lab: SessionLab;
  options: WithSessionOptions;
  /** The story's id: stories rendered together (a docs page) never share a leader or a session. */
  syncKey: string;
  children: ReactNode;
}) {
  const { provider = true, panel = true } = options;
  if (provider === false) return <LabContext.Provider value={lab}>{children}</LabContext.Provider>;
  const props = provider === true ? {} : provider;
  const initial = lab.initialSession === undefined ? {} : { session: lab.initialSession };
  return (
    <LabContext.Provider value={lab}>
      <RefreshingSessionProvider syncKey={syncKey} {...initial} {...props}>
        {panel && <ClockPanel />}
        {children}
      </RefreshingSessionProvider>
    </LabContext.Provider>
  );
}
