"use client";
export * from "./core/index.ts";
export * from "./react/index.ts";
