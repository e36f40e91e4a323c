"use client";
import { useEffect, useRef, useState } from "react";
import { simulateOfflineTab } from "./simulateOfflineTab.js";

/** The devtools' "Offline in this tab" switch; the tab comes back online when the devtools unmount. */
export function useOfflineSimulation() {
  const [on, setOn] = useState(false);
  const undo = useRef<(() => void) | null>(null);
  useEffect(() => () => undo.current?.(), []);
  return {
    on,
    /** Read when an event fires. */
    active: () => undo.current !== null,
    set(offline: boolean) {
      if (offline === (undo.current !== null)) return;
      if (offline) undo.current = simulateOfflineTab();
      else {
        const back = undo.current;
        undo.current = null;
        back?.();
      }
      setOn(offline);
    },
  };
}
