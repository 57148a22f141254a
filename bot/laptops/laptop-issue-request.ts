// What the technician's "Issue" press carries, validated: the issue form's inputs, as Teams sends them.
import { z } from "zod";

/** The school's standard laptop image: what the form offers to tick, by stable id. */
export const STANDARD_SOFTWARE: ReadonlyArray<{ readonly id: string; readonly name: string }> = [
  { id: "windows-11-education", name: "Windows 11 Education" },
  { id: "microsoft-365-apps", name: "Microsoft 365 Apps for education" },
  { id: "defender-antivirus", name: "Microsoft Defender Antivirus" },
  { id: "teams", name: "Microsoft Teams" },
  { id: "smart-notebook", name: "SMART Notebook" },
];

export const LAPTOP_FIELD_LIMITS = { model: 100, serialNumber: 50, assetTag: 50, additionalSoftware: 500 } as const;

const SOFTWARE_IDS = new Set(STANDARD_SOFTWARE.map((item) => item.id));

/** Printable text on one line; a serial or tag with control characters is a paste gone wrong. */
const oneLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, `${what} must be on one line`);

export const laptopIssueData = z.object({
  /** Set when the form was built: one form, one loan. */
  formId: z.uuid("the form id is not one this bot made"),
  borrowerId: z.string().trim().min(1, "choose who the laptop is for").max(100),
  model: oneLine(LAPTOP_FIELD_LIMITS.model, "the laptop model").min(1, "enter the laptop model"),
  serialNumber: oneLine(LAPTOP_FIELD_LIMITS.serialNumber, "the serial number").min(1, "enter the serial number"),
  assetTag: oneLine(LAPTOP_FIELD_LIMITS.assetTag, "the asset tag").default(""),
  issuedOn: z.iso.date("enter the date issued as a date, e.g. 2026-11-28"),
  // Input.Toggle sends its valueOn / valueOff as text.
  bagAndManuals: z.enum(["true", "false"], "say whether the bag and manuals were handed over").transform((value) => value === "true"),
  // A multi-select Input.ChoiceSet sends the chosen values joined by commas ("" when none).
  software: z
    .string()
    .max(500)
    .default("")
    .transform((value) => value.split(",").map((id) => id.trim()).filter((id) => id !== ""))
    .refine((ids) => ids.every((id) => SOFTWARE_IDS.has(id)), "choose software from the school's standard image"),
  additionalSoftware: z
    .string()
    .trim()
    .max(LAPTOP_FIELD_LIMITS.additionalSoftware, `additional software must be at most ${LAPTOP_FIELD_LIMITS.additionalSoftware} characters`)
    .default(""),
});

export type LaptopIssueRequest = z.infer<typeof laptopIssueData>;

export const laptopConfirmData = z.object({ loanId: z.string().min(1).max(100) });

/** Standard image names in the image's own order, from the ids the form sent. */
export function softwareNames(ids: readonly string[]): string[] {
  return STANDARD_SOFTWARE.filter((item) => ids.includes(item.id)).map((item) => item.name);
}
