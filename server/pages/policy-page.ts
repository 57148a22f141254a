// GET /policies and /policies/:id: the full text of each document, linked from the bot's
// "Read the full policy" button. Served in both modes; the text is the same file the cards quote.
import { Router } from "express";
import type { AppServices } from "../app.js";
import type { Policy } from "../../policies/policy.js";
import { escapeHtml, htmlPage, notFoundPage, sendHtml } from "./html.js";

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
      const message = `There is no policy "${req.params.id}". See the list of school policies at /policies.`;
      sendHtml(res, 404, notFoundPage("Policy not found", message));
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

/**
 * Renders the policies' small text format: blank-line separated paragraphs, "- " bullet lists,
 * "# " headings, and the numbered section titles of the original document ("3.10 Copyright").
 */
export function policyTextToHtml(text: string): string {
  const html: string[] = [];
  let bullets: string[] = [];
  const flushBullets = (): void => {
    if (bullets.length) html.push(`<ul>\n${bullets.map((item) => `<li>${inline(item)}</li>`).join("\n")}\n</ul>`);
    bullets = [];
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    if (bullet) {
      bullets.push(bullet[1] ?? "");
      continue;
    }
    flushBullets();
    if (!line) continue;
    const level = headingLevel(line);
    html.push(level ? `<h${level}>${inline(line.replace(/^#+\s*/, ""))}</h${level}>` : `<p>${inline(line)}</p>`);
  }
  flushBullets();
  return html.join("\n");
}

// Section titles are short and have no full stop after the number: "1. Introduction", "3.8 Personal use of Internet".
function headingLevel(line: string): 2 | 3 | undefined {
  if (/^#{1,2}\s/.test(line)) return 2;
  if (/^#{3,6}\s/.test(line)) return 3;
  if (/^\d+\.\s+[^.:]{1,70}$/.test(line)) return 2;
  if (/^\d+\.\d+\s+[^.:]{1,50}$/.test(line)) return 3;
  return undefined;
}

/** Escapes, then allows **bold**, the one inline emphasis the cards also render. */
function inline(text: string): string {
  return escapeHtml(text).replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
}
