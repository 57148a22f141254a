// The headteacher's pages in the tab: shown only to those whose token carries the Headteacher or
// ITTechnician role (or who are named in the settings); everyone else sees the staff tab alone.
import type { StaffRoleName } from "../../../api/headteacher/headteacher-types.js";
import { el } from "../../dom.js";
import { glancePage } from "./glance-page.js";
import type { HeadteacherApi } from "./headteacher-api.js";
import { LaptopsPage } from "./laptops-page.js";
import { ReportsPage } from "./reports-page.js";
import { subjectAccessPage } from "./subject-access-page.js";
import { retentionPage } from "./retention-page.js";
import { governorsPage } from "./governors-page.js";
import { MonitoringPage } from "./monitoring-page.js";

type Show = (...content: HTMLElement[]) => void;

interface PageEntry {
  readonly name: string;
  readonly title: string;
  readonly roles: readonly StaffRoleName[];
  readonly open: () => Promise<HTMLElement[]>;
}

export class HeadteacherPages {
  private readonly pages: readonly PageEntry[];
  private visible: readonly PageEntry[] = [];

  constructor(
    api: HeadteacherApi,
    show: Show,
    private readonly rolesOf: () => Promise<readonly StaffRoleName[]>,
  ) {
    const reports = new ReportsPage(api, show);
    const laptops = new LaptopsPage(api, show);
    const monitoring = new MonitoringPage(api, show);
    const both: StaffRoleName[] = ["headteacher", "it-technician"];
    this.pages = [
      { name: "glance", title: "Year at a glance", roles: both, open: () => glancePage(api) },
      { name: "incidents", title: "Incident log", roles: both, open: () => reports.open() },
      { name: "laptops", title: "Laptops", roles: both, open: () => laptops.open() },
      { name: "subject-access", title: "Subject access", roles: ["headteacher"], open: () => subjectAccessPage(api, show) },
      { name: "retention", title: "Retention", roles: ["headteacher"], open: () => retentionPage(api) },
      { name: "governors", title: "Governors' pack", roles: ["headteacher"], open: () => governorsPage(api) },
      { name: "monitoring", title: "Email monitoring", roles: ["headteacher"], open: () => monitoring.open() },
    ];
  }

  /** Asks the server which pages this person may see and puts their links in the navigation. */
  async refresh(navList: HTMLElement): Promise<void> {
    const roles = await this.rolesOf();
    this.clear(navList);
    this.visible = this.pages.filter((page) => page.roles.some((role) => roles.includes(role)));
    for (const page of this.visible) navList.append(el("li", { class: "ht-nav" }, el("a", { href: `#${page.name}` }, page.title)));
  }

  /** At once when the person changes, so no one sees the last person's pages while we ask about theirs. */
  clear(navList: HTMLElement): void {
    this.visible = [];
    for (const old of navList.querySelectorAll("li.ht-nav")) old.remove();
  }

  has(name: string): boolean {
    return this.visible.some((page) => page.name === name);
  }

  open(name: string): Promise<HTMLElement[]> {
    const page = this.visible.find((candidate) => candidate.name === name);
    return page ? page.open() : Promise.resolve([]);
  }
}
