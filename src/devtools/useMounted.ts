"use client";
import { useEffect, useState } from "react";

/**
 * False on the server and in the first render: the panel shows times of this browser's clock,
 * which a server render could only get wrong (a hydration mismatch), so it renders after mount.
 */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}
