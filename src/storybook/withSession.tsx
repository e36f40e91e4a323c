import type { Decorator, StoryContext } from "@storybook/react";
import type { SessionScenario } from "../msw/scenarios.js";
import { labOwner, sessionLab } from "./lab.js";
import { SessionStory, startSessionStory, type WithSessionOptions } from "./sessionStory.js";
import { pageWorker } from "./worker.js";

export type { WithSessionOptions } from "./sessionStory.js";

/** The part of a story context `withSession` needs: the id, and an MSW worker if one is set up. */
type SessionStoryContext = Pick<StoryContext, "id"> & { msw?: { use: SetupWorkerUse } };
type SetupWorkerUse = Parameters<typeof startSessionStory>[1]["use"];

/**
 * Story annotations that put a story in a session scenario: a fake clock at a fixed instant, a
 * fake backend behind MSW handlers for `/api/auth/*`, and (by default) `RefreshingSessionProvider`
 * around the story. Spread them into a story or meta:
 * `export const Expiring = { ...withSession(scenarios.expiringSoon) }`. With the addon
 * (`addons: ["next-auth-refresh-kit/storybook"]`), `parameters: { session: { scenario } }` does the
 * same and composes with other parameters; the toolbar's scenario, when one is picked, wins.
 */
export function withSession(scenario: SessionScenario, options: WithSessionOptions = {}) {
  const me = Symbol("withSession");
  const decorator: Decorator = (Story, context) =>
    labOwner(context.id) === me ? (
      <SessionStory lab={sessionLab(context)} options={options} syncKey={context.id}>
        <Story />
      </SessionStory>
    ) : (
      <Story />
    );
  return {
    async beforeEach(context: SessionStoryContext) {
      // The toolbar's scenario wins over the story's own.
      if (labOwner(context.id) === "toolbar") return;
      const worker = context.msw ?? (await pageWorker());
      return startSessionStory(context.id, worker, scenario, options, me);
    },
    decorators: [decorator],
  };
}
