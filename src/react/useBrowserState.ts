"use client";
import { useSyncExternalStore } from "react";
import { isOnline, isVisible, onWake } from "./browser.js";

const serverValue = () => true;

/** `navigator.onLine`, re-rendering the moment the network comes or goes. */
export function useOnline(): boolean {
  return useSyncExternalStore(onWake, isOnline, serverValue);
}

/** Whether the tab is visible, re-rendering the moment it is shown or hidden. */
export function useVisible(): boolean {
  return useSyncExternalStore(onWake, isVisible, serverValue);
}
