"use client";
export * from "./core/index.js";
export * from "./react/index.js";
// Types only: next-auth's Session with the kit's fields, for apps that never import ./server.
export type {} from "./sessionTypes.js";
