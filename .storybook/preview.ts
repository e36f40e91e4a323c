import type { Preview } from "@storybook/react-vite";
import "@fontsource/inter/latin-400.css";
import "@fontsource/inter/latin-500.css";
import "../src/react/styles.css";
import "./preview.css";
import { isCommonAssetRequest } from "msw";
import { createPreviewAnnotations } from "msw-storybook-addon/preview";

// Any request a story makes outside the page's own assets must be mocked: an unhandled
// /api/auth/* call or a request to another origin is an error, never a trip to a real network.
async function startWorker() {
  const { setupWorker } = await import("msw/browser");
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      const url = new URL(request.url);
      const ownAsset = url.origin === location.origin && !url.pathname.startsWith("/api/");
      if (ownAsset || isCommonAssetRequest(request)) return;
      print.error();
    },
  });
  return worker;
}

const preview: Preview = {
  ...createPreviewAnnotations(startWorker),
  parameters: {
    a11y: { test: "error" },
    controls: { expanded: true },
  },
};

export default preview;
