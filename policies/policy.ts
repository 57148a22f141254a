/** A school document staff confirm they have read, loaded from policies/content/*.md. */
export interface Policy {
  /** Stable id, e.g. "acceptable-use-policy"; also the file name without ".md". */
  readonly id: string;
  /** Changing it makes everyone acknowledge again in the current cycle. */
  readonly version: string;
  readonly title: string;
  readonly summary: string;
  /** The words the person confirms, as on the paper agreement. */
  readonly declaration: string;
  /** "all-staff": sent to everyone each cycle; "on-issue": sent when something is issued (a laptop). */
  readonly audience: "all-staff" | "on-issue";
  /** The full text, in the small Markdown subset Adaptive Cards and the tab both render. */
  readonly text: string;
}
