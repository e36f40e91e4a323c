export { simulateHidden, simulateOffline } from "./browserState.ts";
export { ClockPanel } from "./ClockPanel.tsx";
export { installStoryClock, STORY_START, type StoryClock } from "./clock.ts";
export { type SessionLab, sessionLab, useSessionLab } from "./lab.ts";
export { until } from "./until.ts";
export { type WithSessionOptions, withSession } from "./withSession.tsx";
