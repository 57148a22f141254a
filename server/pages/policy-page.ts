// GET /policies and /policies/:id: the full text of each document, linked from the bot's
// "Read the full policy" button. Served in both modes; the text is the same file the cards quote.
import { Router } from "express";
import type { AppServices } from "../app.js";
import type { Policy } from "../../policies/policy.js";
import { inlineRuns, policyBlocks } from "../../policies/policy-text.js";
import { escapeHtml, htmlPage, sendHtml } from "./html.js";

export function policiesRouter(services: AppServices): Router {
  const router = Router();

  router.get("/policies", (_req, res) => {
    const items = services.policies
      .all()
      .map((p) => `<li><a href="/policies/${encodeURIComponent(p.id)}">${escapeHtml(p.title)}</a> (version ${escapeHtml(p.version)})</li>`);
    sendHtml(res, 200, htmlPage("School policies", `<h1>School policies</h1>\n<ul>\n${items.join("\n")}\n</ul>`));
  });

  router.get("/policies/:id", (req, res) => {
    const policy = services.policies.get(req.params.id);
    if (!policy) {
      const body =
        `<h1>Policy not found</h1>\n<p>${escapeHtml(`There is no policy "${req.params.id}".`)} ` +
        `<a href="/policies">See all the school's policies</a>.</p>`;
      sendHtml(res, 404, htmlPage("Policy not found", body));
      return;
    }
    sendHtml(res, 200, htmlPage(policy.title, policyBody(policy)));
  });

  return router;
}

function policyBody(policy: Policy): string {
  return [
    `<h1>${escapeHtml(policy.title)}</h1>`,
    `<p class="meta">Version ${escapeHtml(policy.version)}</p>`,
    `<p><strong>In short:</strong> ${escapeHtml(policy.summary)}</p>`,
    policyTextToHtml(policy.text),
    `<h2 id="declaration">Your declaration</h2>`,
    `<p class="declaration">${escapeHtml(policy.declaration)}</p>`,
    `<p><a href="/policies">All school policies</a></p>`,
  ].join("\n");
}

/** The policy text as HTML, from the one reading of its format in policies/policy-text.ts. */
export function policyTextToHtml(text: string): string {
  return policyBlocks(text)
    .map((block) => {
      if (block.kind === "heading") return `<h${block.level}>${inline(block.text)}</h${block.level}>`;
      if (block.kind === "paragraph") return `<p>${inline(block.text)}</p>`;
      return `<ul>\n${block.items.map((item) => `<li>${inline(item)}</li>`).join("\n")}\n</ul>`;
    })
    .join("\n");
}

function inline(text: string): string {
  return inlineRuns(text)
    .map((run) => (run.bold ? `<strong>${escapeHtml(run.text)}</strong>` : escapeHtml(run.text)))
    .join("");
}
