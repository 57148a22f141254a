// Runs axe-core in a page and returns the violations that matter (serious and critical). page.evaluate is
// not subject to the page's Content-Security-Policy, so the tab's strict script-src stays as it is.
import axe from "axe-core";
import type { Frame, Page } from "playwright-core";

export interface AxeProblem {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

export async function seriousAxeViolations(page: Page | Frame): Promise<AxeProblem[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.map((n) => String(n.target.join(" "))) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
