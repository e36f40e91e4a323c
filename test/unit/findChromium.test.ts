import { describe, expect, it } from "vitest";
import { findChromium, HOW_TO_GET_CHROMIUM } from "../support/findChromium.ts";

describe("findChromium", () => {
  it("uses CHROMIUM_PATH when it exists", () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });

  it("stops with one line saying how to get a browser when CHROMIUM_PATH is wrong", () => {
    expect(() => findChromium({ CHROMIUM_PATH: "/nowhere/chromium" })).toThrow(
      `CHROMIUM_PATH=/nowhere/chromium does not exist. ${HOW_TO_GET_CHROMIUM}`,
    );
    expect(HOW_TO_GET_CHROMIUM).not.toContain("\n");
  });
});
