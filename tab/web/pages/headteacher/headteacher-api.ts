// The headteacher's API from the browser: JSON reads and changes, and downloads (CSV, JSON) saved as files.
import type {
  DecisionBody,
  GovernorsPack,
  LoanList,
  LoanRow,
  MonitoringList,
  MonitoringNotice,
  MonitoringRecord,
  MyRoles,
  PeopleList,
  RemindResult,
  ReportInFull,
  ReportList,
  RetentionView,
  ReturnBody,
  StatusChangeBody,
  YearAtAGlance,
} from "../../../api/headteacher/headteacher-types.js";
import type { SubjectAccessExport } from "../../../../records/read-models/subject-access.js";
import { apiFetch } from "../../api-client.js";
import type { TabHost } from "../../host.js";

export type Query = Readonly<Record<string, string>>;

export class HeadteacherApi {
  constructor(private readonly host: TabHost) {}

  roles = () => this.json<MyRoles>("GET", "/api/me/roles");
  glance = () => this.json<YearAtAGlance>("GET", "/api/headteacher/glance");
  people = () => this.json<PeopleList>("GET", "/api/headteacher/people");
  remind = (personId?: string) => this.json<RemindResult>("POST", "/api/headteacher/remind", personId ? { personId } : {});
  reports = (query: Query) => this.json<ReportList>("GET", `/api/headteacher/reports${search(query)}`);
  report = (recordId: string) => this.json<ReportInFull>("GET", `/api/headteacher/reports/${encodeURIComponent(recordId)}`);
  changeStatus = (recordId: string, body: StatusChangeBody) =>
    this.json<ReportInFull>("POST", `/api/headteacher/reports/${encodeURIComponent(recordId)}/status`, body);
  decide = (recordId: string, body: DecisionBody) =>
    this.json<ReportInFull>("POST", `/api/headteacher/reports/${encodeURIComponent(recordId)}/decision`, body);
  loans = (query: Query) => this.json<LoanList>("GET", `/api/headteacher/laptops${search(query)}`);
  markReturned = (recordId: string, body: ReturnBody) =>
    this.json<LoanRow>("POST", `/api/headteacher/laptops/${encodeURIComponent(recordId)}/return`, body);
  governors = () => this.json<GovernorsPack>("GET", "/api/headteacher/governors");
  retention = () => this.json<RetentionView>("GET", "/api/headteacher/retention");
  monitoring = (query: Query = {}) => this.json<MonitoringList>("GET", `/api/headteacher/monitoring${search(query)}`);
  recordMonitoring = (body: Readonly<Record<string, string>>) => this.json<MonitoringRecord>("POST", "/api/headteacher/monitoring", body);
  closeMonitoring = (recordId: string, body: { outcome: string }) =>
    this.json<MonitoringRecord>("POST", `/api/headteacher/monitoring/${encodeURIComponent(recordId)}/close`, body);
  monitoringNotice = (recordId: string) => this.json<MonitoringNotice>("GET", `/api/headteacher/monitoring/${encodeURIComponent(recordId)}/notice`);
  subjectAccess = (personId: string) => this.json<SubjectAccessExport>("GET", `/api/headteacher/subject-access/${encodeURIComponent(personId)}`);

  /** Fetches a file with the person's token and hands it to the browser to save, under the server's name. */
  async download(path: string, query: Query = {}): Promise<void> {
    const response = await this.send("GET", path + search(query));
    const blob = await response.blob();
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "download";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  private send(method: string, path: string, body?: unknown): Promise<Response> {
    return apiFetch(this.host, method, path, body);
  }
}

function search(query: Query): string {
  const entries = Object.entries(query).filter(([, value]) => value !== "");
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : "";
}
