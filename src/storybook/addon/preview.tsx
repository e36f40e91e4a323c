// The addon's preview half (`next-auth-refresh-kit/storybook/preview`, loaded by Storybook when
// `addons` lists "next-auth-refresh-kit/storybook"). For every story: the page's one MSW worker,
// with `parameters.msw.handlers` applied and unmocked requests failing. For a story with
// `parameters.session` (or any story, once the toolbar picks a scenario): the story clock, the
// scenario's fake backend behind the worker, and the kit's provider around the story.
import type { Decorator, StoryContext } from "@storybook/react";
import { type SessionScenario, scenarios } from "../../msw/scenarios.js";
import { labOwner, sessionLab } from "../lab.js";
import {
  type SessionParameters,
  SessionStory,
  scenarioOf,
  startSessionStory,
  type WithSessionOptions,
} from "../sessionStory.js";
import { type MswParameters, mswHandlersOf, pageWorker } from "../worker.js";
import { GLOBAL_KEY, PARAM_KEY } from "./constants.js";

type Context = Pick<StoryContext, "id" | "parameters" | "globals" | "args">;

/** The session a story runs in: the toolbar's scenario first, else `parameters.session`'s; `null` for none. */
export function storySession(context: Context): {
  parameters: SessionParameters;
  scenario: SessionScenario;
  owner: "toolbar" | "parameters";
} | null {
  const parameters = (context.parameters[PARAM_KEY] ?? {}) as SessionParameters;
  if (parameters.disable) return null;
  const picked = context.globals[GLOBAL_KEY];
  if (typeof picked === "string" && picked !== "") {
    return { parameters, scenario: scenarioOf(picked), owner: "toolbar" };
  }
  const { scenario } = parameters;
  if (scenario === undefined) return null;
  // Built from the args: Storybook runs beforeEach again when they change, so the session starts over.
  return {
    parameters,
    scenario: typeof scenario === "function" ? scenario(context.args) : scenarioOf(scenario),
    owner: "parameters",
  };
}

export const globalTypes = {
  [GLOBAL_KEY]: {
    description: "The session scenario, for any story (the story's own when none is picked)",
    toolbar: {
      title: "Session",
      icon: "user",
      dynamicTitle: true,
      items: [
        { value: "", title: "Story's own session" },
        ...Object.values(scenarios).map(({ name, description }) => ({
          value: name,
          title: name,
          right: description.split(/[.:]/)[0],
        })),
      ],
    },
  },
};

export const initialGlobals = { [GLOBAL_KEY]: "" };

export async function beforeEach(context: Context & { msw?: unknown }) {
  const worker = await pageWorker();
  Object.assign(context, { msw: worker });
  const session = storySession(context);
  const stop = session
    ? startSessionStory(
        context.id,
        worker,
        session.scenario,
        optionsOf(session.parameters, context.args),
        session.owner,
      )
    : undefined;
  // The story's own handlers go first, so they can replace a group of the session's.
  worker.use(...mswHandlersOf(context.parameters as { msw?: MswParameters }));
  return () => {
    stop?.();
    worker.resetHandlers();
  };
}

// Renders the session beforeEach set up (its lab holds the scenario): only the options are read here.
const withStorySession: Decorator = (Story, context) => {
  const owner = labOwner(context.id);
  if (owner !== "toolbar" && owner !== "parameters") return <Story />;
  const parameters = (context.parameters[PARAM_KEY] ?? {}) as SessionParameters;
  return (
    <SessionStory lab={sessionLab(context)} options={optionsOf(parameters, context.args)} syncKey={context.id}>
      <Story />
    </SessionStory>
  );
};

/** The story's session options, its provider's props built from its args where they are a function. */
function optionsOf({ provider, ...rest }: SessionParameters, args: Record<string, unknown>): WithSessionOptions {
  if (provider === undefined) return rest;
  return { ...rest, provider: typeof provider === "function" ? provider(args) : provider };
}

export const decorators = [withStorySession];
