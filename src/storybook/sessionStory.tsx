import type { SetupWorker } from "msw/browser";
import type { ReactNode } from "react";
import { allHandlers, sessionHandlers } from "../msw/handlers.js";
import { type ScenarioName, type SessionScenario, scenarios } from "../msw/scenarios.js";
import { createSessionBackend } from "../msw/sessionBackend.js";
import {
  RefreshingSessionProvider,
  type RefreshingSessionProviderProps,
  SessionEnvironmentContext,
} from "../react/index.js";
import { SessionReporter } from "./addon/SessionReporter.js";
import { ClockPanel } from "./ClockPanel.js";
import { installStoryClock, STORY_START } from "./clock.js";
import { createLab, LabContext, type LabOwner, type SessionLab } from "./lab.js";

/** How a story runs in its session: `withSession`'s options, and `parameters.session` with the addon. */
export interface WithSessionOptions {
  /** The instant the story starts at, epoch ms. Default `STORY_START` (2026-01-15T09:00:00Z). */
  start?: number;
  /**
   * Wrap the story in `RefreshingSessionProvider` (default `true`), with these props, or not at
   * all (`false`) for stories that render their own provider.
   */
  provider?: boolean | Omit<RefreshingSessionProviderProps, "children">;
  /**
   * Show the clock control panel above the story, in the canvas. Default `false`: the addon's
   * "Session" panel has the same controls outside the canvas, so screenshots stay clean.
   */
  panel?: boolean;
  /** Hand the provider the session a server-rendered page would, so it starts without a fetch. Default: the scenario's `serverRendered`. */
  serverRendered?: boolean;
}

/** `parameters.session` (the addon): a scenario, by name or as an object, and how the story runs in it. */
export interface SessionParameters extends Omit<WithSessionOptions, "provider"> {
  /** As `withSession`'s, or the provider's props built from the story's args (a playground's timing controls). */
  provider?:
    | WithSessionOptions["provider"]
    | ((args: Record<string, unknown>) => Omit<RefreshingSessionProviderProps, "children">);
  /**
   * A scenario, by name or as an object, or built from the story's args (a playground: changing
   * an arg starts the session over in the new scenario).
   */
  scenario?: SessionScenario | ScenarioName | ((args: Record<string, unknown>) => SessionScenario);
  /** `false` turns the addon off for a story (and the toolbar's scenario with it). */
  disable?: boolean;
}

/** A scenario from its name (the toolbar's value) or as given; throws on an unknown name. */
export function scenarioOf(scenario: SessionScenario | string): SessionScenario {
  if (typeof scenario !== "string") return scenario;
  const found = (scenarios as Record<string, SessionScenario>)[scenario];
  if (!found) throw new Error(`Unknown session scenario "${scenario}": one of ${Object.keys(scenarios).join(", ")}.`);
  return found;
}

/**
 * Puts story `id` in `scenario`: the story clock at `options.start`, the scenario's fake backend
 * behind the page's MSW worker, and the story's lab, owned by `owner` (the last to set up wins:
 * a story's own `withSession` over its meta's). Returns the teardown.
 */
export function startSessionStory(
  id: string,
  worker: Pick<SetupWorker, "use"> & Partial<Pick<SetupWorker, "resetHandlers">>,
  scenario: SessionScenario,
  options: WithSessionOptions,
  owner: LabOwner,
): () => void {
  const clock = installStoryClock(options.start ?? STORY_START);
  const backend = createSessionBackend(scenario);
  worker.use(...allHandlers(sessionHandlers(backend)));
  const serverRendered = options.serverRendered ?? scenario.serverRendered ?? scenario.network === "down";
  const initial = serverRendered ? backend.renderSession() : undefined;
  const { lab, dispose } = createLab(id, backend, clock, initial, scenario, owner);
  if (scenario.network === "down") lab.setOnline(false);
  return () => {
    dispose();
    clock.uninstall();
    // The next story starts from the worker's own handlers, not this story's piled on them.
    worker.resetHandlers?.();
  };
}

/** A story in its session: the lab in context, and (unless `provider: false`) the kit's provider. */
export function SessionStory({
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
  const { provider = true, panel = false } = options;
  const reporter = <SessionReporter lab={lab} storyId={syncKey} />;
  const props = provider === true || provider === false ? {} : provider;
  const initial = lab.initialSession === undefined ? {} : { session: lab.initialSession };
  // The story clock reaches every provider and badge below, the story's own ones included.
  return (
    <LabContext.Provider value={lab}>
      <SessionEnvironmentContext.Provider value={lab.clock.environment}>
        {provider === false ? (
          <>
            {reporter}
            {children}
          </>
        ) : (
          // A new lab (Storybook runs beforeEach again when args change): a new client for its backend.
          <RefreshingSessionProvider key={labKey(lab)} syncKey={syncKey} {...initial} {...props}>
            {reporter}
            {panel && <ClockPanel />}
            {children}
          </RefreshingSessionProvider>
        )}
      </SessionEnvironmentContext.Provider>
    </LabContext.Provider>
  );
}

const labKeys = new WeakMap<SessionLab, number>();
let labCount = 0;
const labKey = (lab: SessionLab) => {
  let key = labKeys.get(lab);
  if (key === undefined) {
    labCount += 1;
    key = labCount;
    labKeys.set(lab, key);
  }
  return key;
};
