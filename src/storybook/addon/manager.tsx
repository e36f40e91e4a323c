// The addon's manager half (`next-auth-refresh-kit/storybook/manager`, loaded by Storybook when
// `addons` lists "next-auth-refresh-kit/storybook"): the "Session" panel.
// Storybook's manager builder compiles this repo's own entry with the classic JSX transform
// (React.createElement); the published build uses the automatic one.
// biome-ignore lint/correctness/noUnusedImports: used by the classic JSX transform
import React from "react";
import { addons, types } from "storybook/manager-api";
import { ADDON_ID, PANEL_ID } from "./constants.js";
import { SessionPanel } from "./SessionPanel.js";

addons.register(ADDON_ID, () => {
  addons.add(PANEL_ID, {
    type: types.PANEL,
    title: "Session",
    match: ({ viewMode }) => viewMode === "story",
    // A plain scrolling box: Storybook 10.6's AddonPanel fails to render in a built Storybook
    // ("reading 'tab'", addon-a11y's panel too), and the panel needs nothing else from it.
    render: ({ active }) =>
      active ? <div style={{ height: "100%", overflow: "auto" }}>{<SessionPanel />}</div> : null,
  });
});
