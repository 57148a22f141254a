// The IT technician's warning that a secret the app runs on is about to expire, with the steps that renew it.
import { formatUkTime } from "../../records/uk-time.js";
import { adaptiveCard, facts, heading, text, type AdaptiveCard } from "./adaptive-card.js";

export interface ExpiringCredential {
  /** The setting that holds it, e.g. SECRET_BOT_PASSWORD. */
  readonly setting: string;
  readonly label: string;
  readonly expiresAt: Date;
  readonly daysLeft: number;
  /** The exact command or portal steps that renew it. */
  readonly renewal: string;
}

export function credentialExpiryCard(credential: ExpiringCredential): AdaptiveCard {
  const when = formatUkTime(credential.expiresAt.toISOString());
  const days = credential.daysLeft === 1 ? "1 day" : `${credential.daysLeft} days`;
  return adaptiveCard([
    heading(`A secret the IT Acceptable Use app needs expires in ${days}`),
    text(
      `On ${when} ${credential.label} stops working. After that the app cannot ${stops(credential.setting)} until it is renewed. ` +
        "Nothing staff have done is lost: records wait in the app until SharePoint takes them.",
      { wrap: true },
    ),
    facts([
      ["Setting", credential.setting],
      ["Expires", when],
    ]),
    text("**To renew it**", { wrap: true, spacing: "medium" }),
    text(credential.renewal, { wrap: true }),
    text("Then set the new end date in the matching _EXPIRES_AT setting, and run `npm run doctor` to check.", { wrap: true, isSubtle: true }),
  ]);
}

function stops(setting: string): string {
  return setting === "SECRET_BOT_PASSWORD" ? "send any message in Teams (cards, reminders, alerts)" : "write acknowledgements and reports to SharePoint";
}
