// Where the tab is running: inside Teams (teams-js, SSO) or, in local mode only, an ordinary browser
// that signs in with the server's local issuer. Tenant mode has no local issuer, so outside Teams the
// tab says to open it in Teams.
import { app, authentication } from "@microsoft/teams-js";

export type TabTheme = "default" | "dark" | "contrast";

export interface LocalPerson {
  readonly id: string;
  readonly displayName: string;
  readonly upn: string;
}

export interface TabHost {
  readonly inTeams: boolean;
  readonly theme: TabTheme;
  onThemeChange(handler: (theme: TabTheme) => void): void;
  /** A bearer token for the tab API; `fresh` skips any cached one (after a 401). */
  getToken(fresh?: boolean): Promise<string>;
  /** Local mode only: the demo people and who is "signed in". */
  readonly local?: { readonly people: readonly LocalPerson[]; current: LocalPerson; choose(personId: string): void };
}

export class NotInTeamsError extends Error {}

// Outside any frame there is no Teams host to answer, so do not wait the SDK's full timeout.
const TOP_LEVEL_INIT_TIMEOUT_MS = 1500;
const LOCAL_PERSON_KEY = "aup-tab-local-person";

export async function connectToHost(): Promise<TabHost> {
  const teams = await initialiseTeams();
  return teams ?? (await connectLocally());
}

async function initialiseTeams(): Promise<TabHost | undefined> {
  const framed = window.parent !== window.self;
  try {
    const initialised = app.initialize();
    initialised.catch(() => undefined); // if we stop waiting, its later rejection is expected
    await (framed ? initialised : Promise.race([initialised, rejectAfter(TOP_LEVEL_INIT_TIMEOUT_MS)]));
  } catch (error) {
    // Framed means a host page (Teams) embedded us: its failure is a real problem, not "run locally".
    if (framed) throw new Error(`Microsoft Teams did not finish loading the tab (${String(error)}): reload the tab.`, { cause: error });
    return undefined; // a plain browser window: the local path decides what to do
  }
  const context = await app.getContext();
  let theme = asTheme(context.app.theme);
  return {
    inTeams: true,
    get theme() {
      return theme;
    },
    onThemeChange: (handler) =>
      app.registerOnThemeChangeHandler((next) => {
        theme = asTheme(next);
        handler(theme);
      }),
    getToken: () =>
      authentication.getAuthToken().catch((error: unknown) => {
        // teams-js rejects with a bare reason code ("resourceRequiresConsent"); say what to do as well.
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `Teams could not sign you in to this tab (${reason}). Close the tab and open it again; ` +
            "if this keeps happening, tell the school's IT technician.",
          { cause: error },
        );
      }),
  };
}

async function connectLocally(): Promise<TabHost> {
  const response = await fetch("/local-auth/people");
  if (response.status === 404) throw new NotInTeamsError("Open this tab in Microsoft Teams to sign in.");
  if (!response.ok) throw new Error(`The local sign-in service answered ${response.status}.`);
  const { people } = (await response.json()) as { people: LocalPerson[] };
  const first = people[0];
  if (!first) throw new Error("The local sign-in service lists nobody to sign in as.");
  const saved = people.find((p) => p.id === localStorage.getItem(LOCAL_PERSON_KEY));
  const local = {
    people,
    current: saved ?? first,
    choose(personId: string) {
      const person = people.find((p) => p.id === personId);
      if (!person) return;
      local.current = person;
      localStorage.setItem(LOCAL_PERSON_KEY, person.id);
      cached = undefined;
    },
  };
  let cached: { token: string; personId: string; expiresAt: number } | undefined;
  const themes = browserThemes();
  return {
    inTeams: false,
    get theme() {
      return themes.current();
    },
    onThemeChange: themes.onChange,
    local,
    async getToken(fresh = false) {
      if (!fresh && cached && cached.personId === local.current.id && cached.expiresAt > Date.now() + 60_000) return cached.token;
      const issued = await fetch("/local-auth/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ personId: local.current.id }),
      });
      if (!issued.ok) throw new Error(`The local sign-in service answered ${issued.status}.`);
      const { accessToken, expiresIn } = (await issued.json()) as { accessToken: string; expiresIn: number };
      cached = { token: accessToken, personId: local.current.id, expiresAt: Date.now() + expiresIn * 1000 };
      return accessToken;
    },
  };
}

/** Outside Teams: ?theme= wins (for previews), else the browser's dark mode and forced colours. */
function browserThemes(): { current: () => TabTheme; onChange: (handler: (theme: TabTheme) => void) => void } {
  const requested = new URLSearchParams(location.search).get("theme");
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const forced = matchMedia("(forced-colors: active)");
  const current = (): TabTheme => {
    if (requested === "default" || requested === "dark" || requested === "contrast") return requested;
    if (forced.matches) return "contrast";
    return dark.matches ? "dark" : "default";
  };
  return {
    current,
    onChange: (handler) => {
      dark.addEventListener("change", () => handler(current()));
      forced.addEventListener("change", () => handler(current()));
    },
  };
}

function asTheme(value: string | undefined): TabTheme {
  return value === "dark" || value === "contrast" ? value : "default";
}

function rejectAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`No Teams host answered within ${ms} ms`)), ms));
}
