"use client";
import { useEffect, useState } from "react";
import { electLeader } from "./leadership.js";

/** Whether this tab leads the tabs that share `key` (see `electLeader`); `false` until elected. */
export function useLeadership(key: string): boolean {
  const [leading, setLeading] = useState(false);
  useEffect(() => {
    let active = true;
    const stop = electLeader(key, (value) => {
      if (active) setLeading(value);
    });
    return () => {
      active = false;
      stop();
    };
  }, [key]);
  return leading;
}
