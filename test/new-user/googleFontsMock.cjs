// next/font/google without the network: `next build` fetches create-next-app's Geist fonts from
// Google Fonts, which CI cannot reach. Next's own test hook, NEXT_FONT_GOOGLE_MOCKED_RESPONSES,
// loads this module (Turbopack as JSON) as a map from each Google Fonts CSS URL to its CSS. Turbopack
// still fetches the font files over HTTP: test/new-user serves @fontsource/inter's files on
// NARKIT_FONTS_URL, and both families are served as Inter 400.
const fonts = process.env.NARKIT_FONTS_URL ?? "http://127.0.0.1:9/unset";
const css = (family) =>
  `/* latin */\n@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: 100 900;\n  font-display: swap;\n  src: url(${fonts}/inter-latin-400-normal.woff2) format('woff2');\n  unicode-range: U+0000-00FF;\n}\n`;

module.exports = {
  "https://fonts.googleapis.com/css2?family=Geist:wght@100..900&display=swap": css("Geist"),
  "https://fonts.googleapis.com/css2?family=Geist+Mono:wght@100..900&display=swap": css("Geist Mono"),
};
