// Serves the built tab at /tab/ with headers that let only Teams and Microsoft 365 frame it. The bundle has a
// content-hashed name (scripts/build-tab.ts), so it is cached for a year and sent precompressed; index.html,
// which names the current bundle, is revalidated on every load so a deploy reaches people at once.
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

/** Written by the build beside the bundle: which hashed file is the tab's code now. */
export const TAB_MANIFEST_FILE = "build/manifest.json";

export interface TabManifest {
  /** The bundle's file name in build/, e.g. "tab-5GQ3ZKXM.js". */
  readonly bundle: string;
}

/** What index.html names, replaced by the hashed bundle's path when the page is served. */
const BUNDLE_PLACEHOLDER = 'src="build/tab.js"';
const A_YEAR_MS = 365 * 24 * 3600 * 1000;
/** Best first; each is a file the build wrote beside the bundle. */
const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

export function tabStaticRouter(publicDir: string, mode: "local" | "tenant", log: { info(message: string): void }): express.Router {
  const manifestPath = path.join(publicDir, TAB_MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) log.info(`The tab is not built yet (${manifestPath} is missing): run npm run build.`);
  // Read when asked rather than once: a rebuild (npm run build:tab) then shows without a restart.
  const currentBundle = (): string | undefined => {
    try {
      return (JSON.parse(fs.readFileSync(manifestPath, "utf8")) as TabManifest).bundle;
    } catch {
      return undefined; // not built: the page says so below
    }
  };
  const csp = tabContentSecurityPolicy(mode);
  const common = (res: express.Response): void => {
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  };
  const router = express.Router();

  router.get(["/", "/index.html"], (_req, res) => {
    common(res);
    res.setHeader("Cache-Control", "no-cache");
    const bundle = currentBundle();
    if (!bundle) {
      res.status(503).type("text/plain").send("The tab is not built yet: run npm run build, then reload.");
      return;
    }
    const html = fs.readFileSync(path.join(publicDir, "index.html"), "utf8");
    res.type("html").send(html.replace(BUNDLE_PLACEHOLDER, `src="build/${bundle}"`));
  });

  router.get("/build/:file", (req, res, next) => {
    const bundle = currentBundle();
    if (req.params.file !== bundle) return next(); // the map and licence files: served as they are below
    common(res);
    res.setHeader("Vary", "Accept-Encoding");
    // The smallest the browser accepts (browsers list gzip first at equal weight; "br;q=0" refuses br).
    const variant = PRECOMPRESSED.find((p) => req.acceptsEncodings(p.encoding) === p.encoding);
    res.sendFile(path.join(publicDir, "build", bundle + (variant?.suffix ?? "")), {
      maxAge: A_YEAR_MS,
      immutable: true,
      acceptRanges: false,
      headers: { "Content-Type": "text/javascript; charset=utf-8", ...(variant ? { "Content-Encoding": variant.encoding } : {}) },
    });
  });

  router.use(
    express.static(publicDir, {
      index: false,
      setHeaders: (res) => {
        common(res);
        // tab.css keeps a fixed name: revalidate rather than cache stale styles after a deploy.
        res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  return router;
}
