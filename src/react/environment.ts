"use client";
import { createContext } from "react";
import { MAX_TIMER_DELAY_MS } from "../core/constants.js";
import { isOnline, isVisible } from "./browser.js";
import type { SessionClientState } from "./sessionClientState.js";

/**
 * The time and browser facts the kit's client side runs on, injected rather than read from
 * globals (as TanStack Query's `timeoutManager` and `onlineManager`, or auth0-spa-js's
 * `nowProvider`): a story's fake clock or a test's fakes replace them; the defaults are the
 * browser's own, read at call time.
 */
export interface SessionEnvironment {
  /** Epoch ms. */
  now(): number;
  /** Calls `callback` once after `delayMs` (clamped to what a timer holds); returns the cancel. */
  setTimer(callback: () => void, delayMs: number): () => void;
  /** Told of each session client that starts, with its state reader; returns the undo (a story clock waits for them). */
  track?(state: () => SessionClientState): () => void;
  /** False only when the browser reports no network. */
  online(): boolean;
  /** False while the tab is hidden. */
  visible(): boolean;
  /** The Web Locks API, if any: without it every tab leads. */
  locks(): LockManager | undefined;
  /** A channel to the app's other tabs, if any: without one each tab keeps its own session. */
  channel(name: string): BroadcastChannel | null;
}

/** The browser's clock and `setTimeout`, read at call time. */
export const browserEnvironment: SessionEnvironment = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const id = setTimeout(callback, Math.min(Math.max(delayMs, 0), MAX_TIMER_DELAY_MS));
    return () => clearTimeout(id);
  },
  online: isOnline,
  visible: isVisible,
  locks: () => globalThis.navigator?.locks,
  channel: (name) => (typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(name)),
};

/** The environment of the providers and badges below it: `browserEnvironment` unless a story or test gives one. */
export const SessionEnvironmentContext = createContext<SessionEnvironment>(browserEnvironment);
