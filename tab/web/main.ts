// The personal tab: connects to Teams (or the local issuer), follows the theme, and shows three pages.
import { TabApi } from "./api-client.js";
import { el } from "./dom.js";
import { connectToHost, NotInTeamsError, type TabHost, type TabTheme } from "./host.js";
import { policiesPage } from "./pages/policies-page.js";
import { recordsPage } from "./pages/records-page.js";
import { ReportPage } from "./pages/report-page.js";
import { HeadteacherApi } from "./pages/headteacher/headteacher-api.js";
import { HeadteacherPages } from "./pages/headteacher/headteacher-pages.js";

type PageName = "report" | "records" | "policies";
const PAGES: readonly PageName[] = ["report", "records", "policies"];

const page = document.getElementById("page") as HTMLElement;
const identity = document.getElementById("identity") as HTMLElement;

function applyTheme(theme: TabTheme): void {
  document.documentElement.dataset.theme = theme;
}

/** Replaces the page and focuses its heading, so keyboard and screen-reader users land on the new content. */
function show(...content: HTMLElement[]): void {
  page.replaceChildren(...content);
  page.querySelector<HTMLElement>("h2")?.focus();
}

function showProblem(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  page.replaceChildren(el("div", { role: "alert", class: "problems" }, el("p", { class: "problem-title" }, message)));
}

/** The headteacher's pages, for those whose role allows them (set once connected). */
let headteacher: HeadteacherPages | undefined;

/** The page named in the URL; other fragments (#main, #policy-…) are anchors within a page. */
function pageInUrl(): PageName | undefined {
  const name = location.hash.replace(/^#/, "") as PageName;
  return PAGES.includes(name) || headteacher?.has(name) ? name : undefined;
}

function markNav(name: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>("nav.pages a")) {
    if (link.getAttribute("href") === `#${name}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function localIdentityPicker(host: TabHost, reopen: () => void): HTMLElement | null {
  const local = host.local;
  if (!local) return null;
  const select = el("select", { id: "local-person" }, ...local.people.map((p) => el("option", { value: p.id }, p.displayName)));
  select.value = local.current.id;
  select.addEventListener("change", () => {
    local.choose(select.value);
    reopen();
  });
  return el("p", { class: "local-identity" }, el("label", { for: "local-person" }, "Local mode, signed in as "), select);
}

async function start(): Promise<void> {
  let host: TabHost;
  try {
    host = await connectToHost();
  } catch (error) {
    applyTheme("default");
    showProblem(error instanceof NotInTeamsError ? error : new Error(`The tab could not start: ${String(error)}`));
    return;
  }
  applyTheme(host.theme);
  const api = new TabApi(host);
  const reportPage = new ReportPage({ api, theme: () => host.theme, show, goTo: (name) => (location.hash = `#${name}`) });
  const headteacherApi = new HeadteacherApi(host);
  headteacher = new HeadteacherPages(headteacherApi, show, async () => (await headteacherApi.roles()).roles);
  const navList = document.querySelector("nav.pages ul") as HTMLElement;
  // Staff see their tab even when the question cannot be answered; the headteacher reloads to try again.
  const refreshRoles = () => headteacher?.refresh(navList).catch(() => undefined);

  const open = async (): Promise<void> => {
    const name = pageInUrl() ?? "report";
    markNav(name);
    if (name === "report") return reportPage.open();
    page.replaceChildren(el("p", { role: "status" }, "Loading…"));
    try {
      if (headteacher?.has(name)) return show(...(await headteacher.open(name)));
      show(...(await (name === "records" ? recordsPage(api) : policiesPage(api))));
    } catch (error) {
      showProblem(error);
    }
  };
  identity.replaceChildren(
    ...[localIdentityPicker(host, () => void refreshRoles()?.then(open))].filter((e): e is HTMLElement => e !== null),
  );
  host.onThemeChange((theme) => {
    applyTheme(theme);
    reportPage.themeChanged();
  });
  window.addEventListener("hashchange", () => {
    if (pageInUrl()) void open();
  });
  // Choosing the page already open starts it afresh (e.g. Report after a confirmation); no hashchange fires.
  document.querySelector("nav.pages")?.addEventListener("click", (event) => {
    const link = (event.target as HTMLElement).closest("a");
    if (link && link.getAttribute("href") === location.hash) void open();
  });
  await refreshRoles();
  document.documentElement.dataset.ready = "true";
  await open();
}

void start();
