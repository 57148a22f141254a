// What a member of staff would fill in for each kind, as the tab posts it.
import type { ReportKind } from "../../records/types.js";

export function validReportBody(kind: ReportKind, happenedAt: Date): { kind: ReportKind; fields: Record<string, string | boolean> } {
  const occurredAt = new Date(happenedAt.getTime() - 2 * 60 * 60 * 1000).toISOString();
  const fields: Record<ReportKind, Record<string, string | boolean>> = {
    "inappropriate-material": {
      occurredAt,
      source: "website",
      location: "http://games.example/flash",
      seen: "Pop-up advert with adult images",
      how: "Clicked a maths game link from a search",
      device: "Class 3 whiteboard PC",
      pupilsSaw: false,
      recategorise: true,
    },
    "unauthorised-information": {
      occurredAt,
      information: "Another class's SEN support plans",
      system: "Shared drive, Staff/SEN folder",
      how: "The folder opened from a link in a staff email",
      personalData: true,
    },
    "compromised-account": {
      account: "school",
      occurredAt,
      reason: "Typed my password into a page that looked like the Microsoft sign-in",
      passwordChanged: false,
    },
    "lost-equipment": {
      what: "stolen",
      item: "Dell Latitude 5440 laptop",
      assetTag: "SN 7XK2",
      occurredAt,
      where: "Car outside my home",
      circumstances: "The car was broken into overnight",
      personalData: true,
      policeReference: "CR/12345/26",
    },
  };
  return { kind, fields: fields[kind] };
}
