"use client";
export { simulateHidden, simulateOffline } from "../shared/browserState.js";
export { ClockPanel } from "./ClockPanel.js";
export { installStoryClock, STORY_START, type StoryClock } from "./clock.js";
export { type SessionLab, sessionLab, useSessionLab } from "./lab.js";
export { until } from "./until.js";
export { type WithSessionOptions, withSession } from "./withSession.js";
