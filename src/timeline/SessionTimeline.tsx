// biome-ignore lint/correctness/noUnusedImports: the classic JSX transform (vite.lib.config.ts): this file also runs in Storybook's manager, on its React
import React from "react";
import { dateTime, type TimelineInput, timelineMarks } from "./timelineMarks.js";

// Good and bad news in the colours of the badge's accents; the rest grey.
const GREEN = "#1a7f37";
const RED = "#cf222e";
const AMBER = "#bf8700";
const BLUE = "#0969da";
const ORANGE = "#bc4c00";
const EVENT_COLOURS: Record<string, string> = {
  refresh: GREEN,
  rotate: GREEN,
  signin: GREEN,
  "signed-in": GREEN,
  error: RED,
  "network-error": RED,
  failed: RED,
  signout: RED,
  "signed-out": RED,
  offline: RED,
  retry: AMBER,
  retrying: AMBER,
  lead: BLUE,
};
const WIDTH = 600;

/**
 * The session on one axis, as an SVG: the server's refresh window shaded from the next fetch to
 * expiry, events as dots, now as a line, with a text equivalent for screen readers. Storybook's
 * Session panel and `SessionDevtools` both draw it.
 */
export function SessionTimeline({ session }: { session: TimelineInput }) {
  const { window, marks, from, to } = timelineMarks(session);
  const at = (x: number) => 20 + x * (WIDTH - 40);
  const poll = marks.find((mark) => mark.kind === "poll");
  const expiry = marks.find((mark) => mark.kind === "expiry");
  const crowded = poll !== undefined && expiry !== undefined && Math.abs(at(expiry.x) - at(poll.x)) < 60;
  const summary = marks
    .filter((mark) => mark.kind !== "event")
    .map((mark) => `${mark.label} ${dateTime(mark.at)}`)
    .join(", ");
  return (
    <svg role="img" viewBox={`0 0 ${WIDTH} 90`} width="100%" style={{ maxWidth: WIDTH, display: "block" }}>
      <title>Session timeline</title>
      <desc>{`From ${dateTime(from)} to ${dateTime(to)} UTC: ${summary}.`}</desc>
      {window && (
        <rect
          data-mark="window"
          x={at(window.x1)}
          y={30}
          width={at(window.x2) - at(window.x1)}
          height={20}
          fill="#bf870033"
        >
          <title>The server's refresh window: from the next fetch to expiry</title>
        </rect>
      )}
      <line x1={20} y1={40} x2={WIDTH - 20} y2={40} stroke="currentColor" strokeWidth={1.5} />
      {marks.map((mark, index) => {
        const x = at(mark.x);
        if (mark.kind === "event") {
          return (
            <circle
              // Two events of one type can share an instant; the marks keep their order.
              // biome-ignore lint/suspicious/noArrayIndexKey: marks are in the log's order
              key={`${mark.type}-${mark.at}-${index}`}
              data-mark={`event-${mark.type}`}
              cx={x}
              cy={40}
              r={4}
              fill={EVENT_COLOURS[mark.type ?? ""] ?? "#6e7781"}
            >
              <title>{`${mark.label} at ${dateTime(mark.at)}`}</title>
            </circle>
          );
        }
        const colour =
          mark.kind === "expiry" ? RED : mark.kind === "poll" ? BLUE : mark.kind === "end" ? ORANGE : "currentColor";
        const now = mark.kind === "now";
        // The poll's and expiry's labels, when close, lean away from each other; the end's leans in
        // from the right edge.
        const anchor =
          (crowded && mark.kind === "poll") || (mark.kind === "end" && mark.x > 0.9)
            ? "end"
            : crowded && mark.kind === "expiry"
              ? "start"
              : "middle";
        return (
          <g key={mark.kind} data-mark={mark.kind}>
            <line x1={x} y1={now ? 18 : 26} x2={x} y2={54} stroke={colour} strokeWidth={now ? 2 : 1.5} />
            <text x={x} y={now ? 12 : 70} textAnchor={anchor} fontSize={11} fill={colour}>
              {mark.label}
            </text>
            {!now && (
              <text x={x} y={84} textAnchor={anchor} fontSize={10} fill={colour}>
                {dateTime(mark.at).slice(11, 16)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
