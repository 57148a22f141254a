import assert from "node:assert/strict";
import type { Activity } from "botbuilder";
import { identityOf } from "../../bot/turn-identity.js";
import { AuthError } from "../../records/errors.js";
import { TEST_TENANT_ID, textMessage, testUser } from "../support/teams-activities.js";

// Tenant mode turns bot authentication on, so the tenant check is exercised here on Teams-shaped activities.
const alex = testUser("Alex Wilber", "aaaaaaaa-0000-4000-8000-000000000003");
const activity = (changes: Record<string, unknown> = {}): Activity =>
  ({ ...textMessage("http://127.0.0.1:1/", alex, "status"), ...changes }) as unknown as Activity;

describe("who a Teams activity is from", () => {
  it("takes the person from from.aadObjectId when the tenant is the school's", () => {
    assert.deepEqual(identityOf(activity(), TEST_TENANT_ID), { id: alex.aadObjectId, displayName: "Alex Wilber" });
  });

  it("falls back to channelData.tenant.id when conversation.tenantId is absent", () => {
    const withoutConversationTenant = activity({ conversation: { id: "a:1", conversationType: "personal" } });
    assert.equal(identityOf(withoutConversationTenant, TEST_TENANT_ID.toUpperCase()).id, alex.aadObjectId);
  });

  it("refuses another tenant", () => {
    assert.throws(
      () => identityOf(activity(), "99999999-2222-3333-4444-555555555555"),
      (error: unknown) => error instanceof AuthError && error.forbidden && /only serves the school's own/.test(error.message),
    );
  });

  it("refuses an activity with no tenant at all in tenant mode", () => {
    const noTenant = activity({ conversation: { id: "a:1", conversationType: "personal" }, channelData: {} });
    assert.throws(() => identityOf(noTenant, TEST_TENANT_ID), AuthError);
  });

  it("refuses an activity without an Entra object id", () => {
    const anonymous = activity({ from: { id: alex.id, name: alex.name } });
    assert.throws(() => identityOf(anonymous, undefined), /could not tell who you are/);
  });
});
