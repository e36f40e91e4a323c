import type { Session } from "next-auth";
import { createContext, useContext } from "react";
import type { SessionScenario } from "../msw/scenarios.js";
import type { SessionBackend } from "../msw/sessionBackend.js";
import { simulateOffline } from "../shared/browserState.js";
import type { StoryClock } from "./clock.js";
import { pageState } from "./pageState.js";

/** Everything a session story controls: the fake backend, the clock and the network. */
export interface SessionLab {
  backend: SessionBackend;
  clock: StoryClock;
  /** The session as a server-rendered page would hand it over (`SessionProvider`'s `session` prop). */
  initialSession: Session | null | undefined;
  /** Takes the browser and the session endpoint offline or back. */
  setOnline(online: boolean): void;
  readonly online: boolean;
  /** The scenario the story runs in. */
  scenario: SessionScenario;
}

/** Who set a story's session up: the addon for the toolbar's pick or `parameters.session`, or one `withSession`. */
export type LabOwner = "toolbar" | "parameters" | symbol;

const { labs, owners } = pageState("labs", () => ({
  labs: new Map<string, SessionLab>(),
  owners: new Map<string, LabOwner>(),
}));

/** The lab of a story, from its `play` context (or any story context). */
export function sessionLab(context: { id: string }): SessionLab {
  const lab = labs.get(context.id);
  if (!lab) {
    throw new Error(
      `No session lab for story "${context.id}": give it parameters.session (the addon) or withSession(...).`,
    );
  }
  return lab;
}

/** Who set story `id`'s session up last (the one whose decorator renders it), if anyone. */
export function labOwner(id: string): LabOwner | undefined {
  return owners.get(id);
}

export function createLab(
  id: string,
  backend: SessionBackend,
  clock: StoryClock,
  initialSession: Session | null | undefined,
  scenario: SessionScenario,
  owner: LabOwner,
) {
  let goOnline: (() => void) | null = null;
  const lab: SessionLab = {
    backend,
    clock,
    initialSession,
    scenario,
    get online() {
      return goOnline === null;
    },
    setOnline(online) {
      if (online === (goOnline === null)) return;
      backend.network = online ? "up" : "down";
      if (online) {
        goOnline?.();
        goOnline = null;
      } else {
        goOnline = simulateOffline();
      }
    },
  };
  labs.set(id, lab);
  owners.set(id, owner);
  return {
    lab,
    dispose() {
      goOnline?.();
      if (labs.get(id) !== lab) return;
      labs.delete(id);
      owners.delete(id);
    },
  };
}

export const LabContext = pageState("labContext", () => createContext<SessionLab | null>(null));

/** The lab of the story being rendered, for panels and custom views. */
export function useSessionLab(): SessionLab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error("useSessionLab must be used inside a story with parameters.session or withSession(...).");
  return lab;
}
