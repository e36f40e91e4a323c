"use client";
// next-auth-refresh-kit/devtools: the session's devtools for a running app, in an entry of its own
// so the root entry carries none of it.
export { SessionDevtools, type SessionDevtoolsProps } from "./SessionDevtools.js";
export { type DevtoolsTheme, SessionDevtoolsPanel, type SessionDevtoolsPanelProps } from "./SessionDevtoolsPanel.js";
