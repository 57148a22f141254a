// Serves the built tab at /tab/ with headers that let only Teams and Microsoft 365 frame it.
import fs from "node:fs";
import path from "node:path";
import express from "express";

/**
 * The hosts Microsoft lists for tab frame-ancestors (learn.microsoft.com, "Prerequisites" for tabs):
 * Teams, the Microsoft 365 app and Outlook, old and new (*.cloud.microsoft) domains.
 */
export const TEAMS_FRAME_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft365.com",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook-sdf.office.com",
  "https://outlook-sdf.office365.com",
  "https://outlook.live.com",
] as const;

export function tabContentSecurityPolicy(mode: "local" | "tenant"): string {
  // Locally the tab is opened directly in a browser (or framed by our own pages), so 'self' too.
  const ancestors = mode === "local" ? ["'self'", ...TEAMS_FRAME_ANCESTORS] : [...TEAMS_FRAME_ANCESTORS];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // teams-js fetches its list of valid Teams host domains from Microsoft's CDN.
    "connect-src 'self' https://res.cdn.office.net",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors.join(" ")}`,
  ].join("; ");
}

export const TAB_BUNDLE_FILE = "build/tab.js";

export function tabStaticRouter(publicDir: string, mode: "local" | "tenant", log: { info(message: string): void }): express.Router {
  if (!fs.existsSync(path.join(publicDir, TAB_BUNDLE_FILE))) {
    log.info(`The tab is not built yet (${path.join(publicDir, TAB_BUNDLE_FILE)} is missing): run npm run build.`);
  }
  const csp = tabContentSecurityPolicy(mode);
  const router = express.Router();
  router.use(
    express.static(publicDir, {
      index: "index.html",
      setHeaders: (res) => {
        res.setHeader("Content-Security-Policy", csp);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        // The bundle name is fixed, so revalidate rather than cache stale code after a deploy.
        res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  return router;
}
