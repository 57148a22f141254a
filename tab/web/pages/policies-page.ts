// Policies: the full text of the school's current documents.
import type { PolicyView } from "../../api/api-types.js";
import type { TabApi } from "../api-client.js";
import { el, pageHeading } from "../dom.js";
import { inlineRuns, policyBlocks } from "../../../policies/policy-text.js";

export async function policiesPage(api: TabApi): Promise<HTMLElement[]> {
  const { policies } = await api.policies();
  const contents = el("ul", { class: "contents" }, ...policies.map((p) => el("li", {}, el("a", { href: `#policy-${p.id}` }, p.title))));
  return [pageHeading("Policies"), el("nav", { "aria-label": "Documents on this page" }, contents), ...policies.map(policyArticle)];
}

const AUDIENCE_NOTES: Record<PolicyView["audience"], string> = {
  "all-staff": "Every member of staff acknowledges it each year.",
  "on-issue": "Acknowledged when the item is issued.",
};

function policyArticle(policy: PolicyView): HTMLElement {
  return el(
    "article",
    { id: `policy-${policy.id}`, "aria-labelledby": `policy-${policy.id}-title`, class: "policy" },
    el("h3", { id: `policy-${policy.id}-title` }, policy.title),
    el("p", { class: "policy-meta" }, `Version ${policy.version}. ${AUDIENCE_NOTES[policy.audience]}`),
    el("p", { class: "policy-summary" }, policy.summary),
    ...policyTextElements(policy.text),
    el("p", { class: "declaration" }, el("strong", {}, "Declaration: "), policy.declaration),
  );
}

/** Headings, paragraphs and lists, from the one reading of the format in policies/policy-text.ts. */
function policyTextElements(text: string): HTMLElement[] {
  const inline = (line: string): Array<HTMLElement | string> =>
    inlineRuns(line).map((run) => (run.bold ? el("strong", {}, run.text) : run.text));
  return policyBlocks(text).map((block) => {
    if (block.kind === "heading") return el("h4", {}, ...inline(block.text));
    if (block.kind === "paragraph") return el("p", {}, ...inline(block.text));
    return el("ul", {}, ...block.items.map((item) => el("li", {}, ...inline(item))));
  });
}
