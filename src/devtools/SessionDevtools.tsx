"use client";
import { type CSSProperties, useEffect, useId, useRef, useState } from "react";
import { useSessionStatus } from "../react/index.js";
import { DEVTOOLS_CSS } from "./devtoolsStyles.js";
import { DEVTOOLS_TITLE, DevtoolsPanel, type SessionDevtoolsPanelProps } from "./SessionDevtoolsPanel.js";
import { useMounted } from "./useMounted.js";
import { useOfflineSimulation } from "./useOfflineSimulation.js";
import { useSessionDevtools } from "./useSessionDevtools.js";

/** Props of `SessionDevtools`. */
export interface SessionDevtoolsProps extends SessionDevtoolsPanelProps {
  /** Open the panel at once. Default false: only the corner button shows. */
  initialIsOpen?: boolean;
  /** The corner. Default `bottom-right`. */
  position?: "bottom-right" | "bottom-left" | "top-right" | "top-left";
}

/**
 * The session's devtools for a running app: a corner button with the session's status opens a
 * panel with the timeline, this tab's role, the other tabs, a log of the last 100 events, and
 * actions (fetch now, offline in this tab, copy a diagnostic report without tokens). Mount it
 * once, inside the provider. Renders nothing in a production build unless `force` is set.
 */
export function SessionDevtools(props: SessionDevtoolsProps) {
  if (process.env.NODE_ENV === "production" && !props.force) return null;
  return <CornerDevtools {...props} />;
}

function CornerDevtools({
  initialIsOpen = false,
  position = "bottom-right",
  theme = "system",
  syncKey = "/api/auth",
  title = DEVTOOLS_TITLE,
}: SessionDevtoolsProps) {
  const [isOpen, setOpen] = useState(initialIsOpen);
  const open = useMounted() && isOpen;
  const offline = useOfflineSimulation();
  // Recording from mount, whether the panel is open or not.
  const record = useSessionDevtools(syncKey, offline.active);
  const { status } = useSessionStatus();
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  // Focus follows the panel: into it when the button opened it (not when it opens with the page),
  // back to the button when closed.
  const focusOnOpen = useRef(false);
  useEffect(() => {
    if (open && focusOnOpen.current) document.getElementById(panelId)?.focus();
    focusOnOpen.current = false;
  }, [open, panelId]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const [vertical, horizontal] = position.split("-") as ["top" | "bottom", "left" | "right"];
  const corner: CSSProperties = { [vertical]: 12, [horizontal]: 12 };
  // The button at the corner itself, the panel towards the middle; in the same order for the keyboard.
  const button = (
    <button
      ref={toggle}
      type="button"
      className="narkit-devtools-toggle"
      data-theme={theme === "system" ? undefined : theme}
      aria-expanded={open}
      aria-controls={open ? panelId : undefined}
      onClick={() => {
        if (open) return close();
        focusOnOpen.current = true;
        setOpen(true);
      }}
    >
      {`Session: ${status}`}
    </button>
  );
  return (
    <div className="narkit-devtools-corner" data-position={position} style={corner}>
      <style>{DEVTOOLS_CSS}</style>
      {vertical === "top" && button}
      {open && (
        <DevtoolsPanel
          id={panelId}
          record={record}
          theme={theme}
          title={title}
          simulatedOffline={offline.on}
          onSimulateOffline={offline.set}
          onClose={close}
        />
      )}
      {vertical === "bottom" && button}
    </div>
  );
}
