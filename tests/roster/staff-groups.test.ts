import assert from "node:assert/strict";
import { GraphStaffDirectory } from "../../records/graph/staff-groups.js";
import { UnavailableError } from "../../records/errors.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import type { StandInUser } from "../support/graph-stand-in/directory.js";
import { SteppingClock, graphFor, startStandIn } from "../records/support/sharepoint-fixture.js";

const TEACHERS = "1f0e2d3c-0000-4000-8000-000000000001";
const SUPPORT_STAFF = "1f0e2d3c-0000-4000-8000-000000000002";

const member = (n: number, name: string, extra: Partial<StandInUser> = {}): StandInUser => ({
  id: `aaaaaaaa-1111-4000-8000-${String(n).padStart(12, "0")}`,
  displayName: name,
  userPrincipalName: `${name.split(" ")[0]?.toLowerCase()}@crich-carr.example`,
  accountEnabled: true,
  userType: "Member",
  ...extra,
});

describe("the staff roster from Entra groups (tenant mode)", () => {
  let standIn: GraphStandIn;
  beforeEach(async () => {
    standIn = await startStandIn();
  });
  afterEach(async () => {
    await standIn.close();
  });

  it("reads every page of each group's transitive members, once each, leaving out guests and disabled accounts", async () => {
    const head = member(1, "Lynne Robbins");
    standIn.directory.groups.set(TEACHERS, [
      head,
      member(2, "Alex Wilber"),
      member(3, "Megan Bowen"),
      member(4, "Visiting Governor", { userType: "Guest" }),
      member(5, "Former Teacher", { accountEnabled: false }),
    ]);
    // The headteacher is in both groups (nested groups come back flattened), and is listed once.
    standIn.directory.groups.set(SUPPORT_STAFF, [member(6, "Adele Vance"), head]);
    standIn.directory.pageSize = 2;
    const graph = graphFor(standIn, new SteppingClock());

    const staff = await new GraphStaffDirectory(graph, [TEACHERS, SUPPORT_STAFF]).members();

    assert.deepEqual(staff.map((person) => person.displayName).sort(), ["Adele Vance", "Alex Wilber", "Lynne Robbins", "Megan Bowen"]);
    assert.equal(staff.find((person) => person.displayName === "Alex Wilber")?.upn, "alex@crich-carr.example");
    assert.deepEqual(standIn.directory.selects, [
      "id,displayName,userPrincipalName,accountEnabled,userType",
      "id,displayName,userPrincipalName,accountEnabled,userType",
    ]);
    // 5 members in pages of 2, then 2 in one page.
    assert.equal(standIn.counters.graphRequests, 4);
  });

  it("waits out Graph's Retry-After when throttled, then reads the group", async () => {
    standIn.directory.groups.set(TEACHERS, [member(1, "Lynne Robbins"), member(2, "Alex Wilber")]);
    standIn.faults.push({ scope: "request", kind: 429, retryAfterSeconds: 3, times: 1, when: (_method, path) => path.includes("/transitiveMembers/") });
    const clock = new SteppingClock();

    const staff = await new GraphStaffDirectory(graphFor(standIn, clock), [TEACHERS]).members();

    assert.equal(staff.length, 2);
    assert.ok(clock.sleeps.some((ms) => ms >= 3000), `waited ${JSON.stringify(clock.sleeps)}`);
  });

  it("names the group and the permission when a group cannot be read, rather than emptying the roster", async () => {
    const graph = graphFor(standIn, new SteppingClock());
    await assert.rejects(new GraphStaffDirectory(graph, [TEACHERS]).members(), (error: unknown) => {
      assert.ok(error instanceof UnavailableError);
      assert.match(error.message, new RegExp(`The staff group ${TEACHERS} \\(STAFF_GROUP_IDS\\) could not be read: .*404`));
      assert.match(error.message, /GroupMember\.Read\.All/);
      return true;
    });
  });
});
