// Policies: the full text of the school's current documents.
import type { PolicyView } from "../../api/api-types.js";
import type { TabApi } from "../api-client.js";
import { el, pageHeading } from "../dom.js";

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

/** The policies' plain format: paragraphs, "- " bullets, and numbered section titles ("3.10 Copyright"). */
function policyTextElements(text: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  let list: HTMLUListElement | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bullet = /^[-*•·]\s+(.*)$/.exec(line);
    if (bullet) {
      list ??= out[out.push(el("ul")) - 1] as HTMLUListElement;
      list.append(el("li", {}, bullet[1] ?? ""));
      continue;
    }
    list = undefined;
    if (!line) continue;
    const isTitle = /^#+\s/.test(line) || /^\d+\.\s+[^.:]{1,70}$/.test(line) || /^\d+\.\d+\s+[^.:]{1,50}$/.test(line);
    out.push(isTitle ? el("h4", {}, line.replace(/^#+\s*/, "")) : el("p", {}, line.replace(/\*\*([^*]+)\*\*/g, "$1")));
  }
  return out;
}
