// What a person sees of the badge: its computed colours, for the tests that check it is styled in
// an app as Next builds it (light and dark).
import type { Locator } from "playwright";

/** The badge's background, border, icon and text colours as computed in the page. */
export function badgeStyle(badge: Locator) {
  return badge.evaluate((element) => {
    const own = getComputedStyle(element);
    const icon = getComputedStyle(element.querySelector(".narkit-badge__status") as Element, "::before");
    return { background: own.backgroundColor, border: own.borderTopColor, icon: icon.borderTopColor, color: own.color };
  });
}

/** Relative luminance (0 black to 1 white) of a computed `rgb()`/`rgba()` or `color(srgb …)` colour; NaN otherwise. */
export function luminance(color: string): number {
  const scale = color.startsWith("color(srgb") ? 1 : 255;
  const [r, g, b] = (color.replace("color(srgb", "").match(/[\d.]+/g) ?? []).map((n) => Number(n) / scale);
  if (r === undefined || g === undefined || b === undefined) return Number.NaN;
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
