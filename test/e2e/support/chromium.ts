// How tests start Debian's Chromium: headless, no sandbox (root), and no background traffic to the internet.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Navigations Chromium abandons when the host's network changes under it (an engine adding a bridge or a veth). */
const NETWORK_CHANGED = /ERR_NETWORK_CHANGED/;

/**
 * Runs a navigation (`page.goto`, `page.reload`) again when Chromium gave it up because the host's network changed
 * meanwhile, as happens while containers come and go; any other failure is the test's.
 */
export async function navigate<T>(go: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await go();
    } catch (error) {
      if (attempt >= attempts || !NETWORK_CHANGED.test(String(error))) throw error;
    }
  }
}
