// What the technician's "Record return" press carries, validated. The register card holds one small
// return form per loan, so each input's id names its loan; the form pressed is the one its loanId names.
import { z } from "zod";
import { LAPTOP_RETURN_CONDITIONS } from "../../records/laptop-loan.js";

export const RETURN_NOTE_MAX = 500;

export type ReturnInput = "condition" | "assetTagAttached" | "note";

/** "loan-3f….condition": unique in the card, and tied to the loan it describes. */
export function returnInputId(loanId: string, input: ReturnInput): string {
  return `${loanId}.${input}`;
}

const returnFields = z.object({
  loanId: z.string().min(1).max(100),
  condition: z.enum(LAPTOP_RETURN_CONDITIONS, "choose the condition the laptop came back in"),
  // Input.Toggle sends its valueOn / valueOff as text.
  assetTagAttached: z.enum(["true", "false"], "say whether the asset tag is still attached").transform((value) => value === "true"),
  note: z.string().trim().max(RETURN_NOTE_MAX, `the note must be at most ${RETURN_NOTE_MAX} characters`).default(""),
});

/** Picks the pressed form's inputs out of the card's data; inputs of other loans' forms are ignored. */
function inputsOfPressedForm(data: unknown): unknown {
  if (!data || typeof data !== "object") return data;
  const all = data as Record<string, unknown>;
  if (typeof all.loanId !== "string") return data;
  const loanId = all.loanId;
  return {
    loanId,
    condition: all[returnInputId(loanId, "condition")],
    assetTagAttached: all[returnInputId(loanId, "assetTagAttached")],
    note: all[returnInputId(loanId, "note")],
  };
}

export const laptopReturnData = z.preprocess(inputsOfPressedForm, returnFields);

export type LaptopReturnRequest = z.infer<typeof laptopReturnData>;
