// Records and a campaign double for the headteacher API tests.
import { academicYearOf } from "../../../records/cycle.js";
import { laptopLoanRecordId, type LaptopLoan } from "../../../records/laptop-loan.js";
import type { CampaignMessage, StaffEntry } from "../../../records/read-models/year-at-a-glance.js";
import type { Acknowledgement, Person } from "../../../records/types.js";
import type { CampaignSource, RemindAllAnswer } from "../../../tab/api/headteacher/campaign-source.js";
import { testPerson, type TestPerson } from "../../support/tokens.js";

/** The headteacher and IT technician of tenantEnv() (HEADTEACHER_AAD_OBJECT_ID, IT_TECHNICIAN_AAD_OBJECT_ID). */
export const HEAD_BY_ID: TestPerson = { id: "0c0ffee0-0000-4000-8000-0000000000aa", displayName: "Mrs Okafor", upn: "head@test-school.example" };
export const TECH_BY_ID: TestPerson = { id: "0c0ffee0-0000-4000-8000-0000000000bb", displayName: "Mr Tech", upn: "tech@test-school.example" };
/** Not in any setting: a headteacher only through the Entra app role in the token. */
export const DEPUTY_HEAD: TestPerson = { id: "0c0ffee0-0000-4000-8000-0000000000cc", displayName: "Ms Deputy", upn: "deputy@test-school.example" };

export class CampaignDouble implements CampaignSource {
  readonly reminded: string[] = [];
  passes = 0;
  constructor(
    readonly people: StaffEntry[],
    readonly sent: CampaignMessage[] = [],
  ) {}
  staff(): Promise<StaffEntry[]> {
    return Promise.resolve(this.people);
  }
  messages(cycle: string): Promise<CampaignMessage[]> {
    return Promise.resolve(this.sent.filter((message) => academicYearOf(new Date(message.at)) === cycle));
  }
  /** Who pressed "Remind everyone now", in order: each gets the summary card. */
  readonly remindAllBy: string[] = [];
  remindAll(headteacherId: string): Promise<RemindAllAnswer> {
    this.passes++;
    this.remindAllBy.push(headteacherId);
    return Promise.resolve({
      kind: "started",
      message: "Reminding 2 staff who have not acknowledged: 2 invitations and 1 reminder for 2026/27. You will get a summary card in Teams when they have all gone.",
      queued: { cards: 3, people: 2 },
    });
  }
  remindOne(personId: string): Promise<number> {
    this.reminded.push(personId);
    return Promise.resolve(2);
  }
}

export function acknowledgement(person: Person, policyId: string, at: Date, version = "2026.1"): Acknowledgement {
  return {
    recordId: `ack-${policyId}-${version}-${person.id}`,
    policyId,
    policyVersion: version,
    cycle: academicYearOf(at),
    person,
    acknowledgedAt: at.toISOString(),
    channel: "teams-bot",
  };
}

export function invitation(personId: string, policyId: string, at: Date): CampaignMessage {
  return { personId, policyId, policyVersion: "2026.1", step: "invite", at: at.toISOString() };
}

export function loan(n: number, borrower: Person, overrides: Partial<LaptopLoan> = {}): LaptopLoan {
  return {
    recordId: laptopLoanRecordId(`00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, TECH_BY_ID.id),
    borrower,
    issuedBy: TECH_BY_ID,
    model: n % 2 ? "Dell Latitude 5440" : "HP ProBook 450",
    serialNumber: `SN-${n}`,
    assetTag: `CC-${n}`,
    withBagAndManuals: true,
    software: ["Windows 11 Education"],
    additionalSoftware: "",
    issuedOn: "2026-09-02",
    recordedAt: new Date(Date.parse("2026-09-02T09:00:00Z") + n * 1000).toISOString(),
    agreementVersion: "2026.1",
    status: "Confirmed",
    confirmedAt: "2026-09-02T10:00:00.000Z",
    ...overrides,
  };
}

export const staffMembers = (count: number): TestPerson[] => Array.from({ length: count }, (_, i) => testPerson(i + 1));
