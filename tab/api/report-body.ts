// The body of POST /api/reports, validated with a zod schema derived from records/report-kinds.ts.
import { z } from "zod";
import { ValidationError } from "../../records/errors.js";
import { REPORT_KIND_DEFINITIONS, type ReportDetails, type ReportField, type ReportKindDefinition } from "../../records/report-kinds.js";
import { REPORT_KINDS, type Clock } from "../../records/types.js";

export interface ReportSubmission {
  readonly kind: ReportKindDefinition;
  readonly details: ReportDetails;
  readonly occurredAt: string;
  /** The tab's id for this filled-in form; absent from other callers, whose reports are then never merged. */
  readonly submissionId: string | undefined;
}

/** A report may say something happened a few minutes "in the future" when the phone's clock is fast. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;
/** Older than this is almost certainly a mistyped year. */
const OLDEST_YEAR = 2000;

/** zod's error option: a missing answer says "required", a wrong one says what is expected. */
const missingOr = (label: string, expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? `${label}: this is required.` : `${label}: ${expected}`;

function fieldSchema(field: ReportField, clock: Clock): z.ZodType<string | boolean | undefined> {
  const label = field.label.replace(/\?$/, "");
  switch (field.type) {
    case "toggle":
      return z.boolean({ error: `${label}: answer with true or false.` }).optional();
    case "choice": {
      const values = field.choices.map((c) => c.value);
      const choice = z.enum(values as [string, ...string[]], { error: missingOr(label, `choose one of ${values.join(", ")}.`) });
      return field.required ? choice : choice.optional();
    }
    case "text":
    case "multiline": {
      const text = z
        .string({ error: missingOr(label, "this must be text.") })
        .trim()
        .max(field.maxLength, { error: `${label}: keep it to ${field.maxLength} characters or fewer.` });
      return field.required
        ? text.min(1, { error: `${label}: this is required.` })
        : text.optional().transform((value) => (value ? value : undefined));
    }
    case "date":
    case "datetime": {
      const format =
        field.type === "date"
          ? z.iso.date({ error: missingOr(label, "give a date as YYYY-MM-DD.") })
          : z.iso.datetime({ offset: true, error: missingOr(label, "give a date and time.") });
      const when = format.refine(
        (value) => {
          const time = Date.parse(value);
          return time <= clock.now().getTime() + CLOCK_SKEW_MS && new Date(time).getUTCFullYear() >= OLDEST_YEAR;
        },
        { error: `${label}: this cannot be in the future.` },
      );
      return field.required ? when : when.optional();
    }
  }
}

function kindSchema(kind: ReportKindDefinition, clock: Clock) {
  const shape = Object.fromEntries(kind.fields.map((field) => [field.id, fieldSchema(field, clock)]));
  // Unknown keys (a "reporter" someone added, say) are dropped: identity comes only from the token.
  return z.object({
    kind: z.literal(kind.id),
    submissionId: z.uuid({ error: "submissionId must be a UUID the tab made for this form." }).optional(),
    fields: z.object(shape, { error: "Send the answers as an object named fields." }),
  });
}

/** Each answer's first problem by field id (issues under fields.<id>), so the tab can mark that field. */
function problemsByField(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const [where, fieldId] = issue.path;
    if (where === "fields" && typeof fieldId === "string") byField[fieldId] ??= issue.message;
  }
  return byField;
}

export type ReportBodyParser = (body: unknown) => ReportSubmission;

export function reportBodyParser(clock: Clock): ReportBodyParser {
  const schemas = new Map(REPORT_KIND_DEFINITIONS.map((kind) => [kind.id, kindSchema(kind, clock)]));
  return (body) => {
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new ValidationError("Send the report as a JSON object with kind and fields.");
    }
    const kindId = (body as { kind?: unknown }).kind;
    const kind = REPORT_KIND_DEFINITIONS.find((k) => k.id === kindId);
    if (!kind) {
      throw new ValidationError(`The report kind must be one of ${REPORT_KINDS.join(", ")}.`);
    }
    const parsed = (schemas.get(kind.id) as ReturnType<typeof kindSchema>).safeParse(body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => issue.message);
      const count = details.length === 1 ? "one answer needs" : `${details.length} answers need`;
      throw new ValidationError(`The report was not recorded: ${count} attention.`, details, problemsByField(parsed.error.issues));
    }
    const details: Record<string, string | boolean> = {};
    for (const field of kind.fields) {
      const value = parsed.data.fields[field.id];
      if (value !== undefined) details[field.id] = value;
      else if (field.type === "toggle") details[field.id] = false;
    }
    // A request has no "when it happened": it is dated when it was asked.
    const occurredAt = kind.occurredAtField ? new Date(details[kind.occurredAtField] as string).toISOString() : clock.now().toISOString();
    return { kind, details, occurredAt, submissionId: parsed.data.submissionId };
  };
}
