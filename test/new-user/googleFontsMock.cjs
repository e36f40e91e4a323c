// next/font/google without the network: `next build` fetches create-next-app's Geist fonts from
// Google Fonts, which CI cannot reach. Next's own test hook, NEXT_FONT_GOOGLE_MOCKED_RESPONSES,
// loads this module as a map from each Google Fonts CSS URL to its CSS (a font file URL that starts
// with "/" is read from disk): every family is served as Inter 400 from @fontsource/inter.
const { join } = require("node:path");

const file = join(__dirname, "../../node_modules/@fontsource/inter/files/inter-latin-400-normal.woff2");
const css = (url) => {
  const family = new URL(url).searchParams.get("family")?.split(":")[0].replace(/\+/g, " ") ?? "Inter";
  return `/* latin */\n@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: 400;\n  font-display: swap;\n  src: url(${file}) format('woff2');\n  unicode-range: U+0000-00FF;\n}\n`;
};

module.exports = new Proxy(
  {},
  { get: (_, url) => (typeof url === "string" && url.startsWith("https://") ? css(url) : undefined) },
);
