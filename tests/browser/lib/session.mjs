// A site served and a browser open for the tests of one file: started before
// them, closed after them, and the site removed if it was built for them.
import { after, before } from "node:test";

import { launch } from "./browser.mjs";
import { serve } from "./server.mjs";

/** { server, browser }, set once the file's tests start. */
export function servedSite(site) {
  const session = { server: undefined, browser: undefined };
  before(async () => {
    session.server = await serve(site.dir);
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
    site.cleanup();
  });
  return session;
}
