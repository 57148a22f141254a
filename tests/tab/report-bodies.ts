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
    "online-references": {
      occurredAt,
      postedBy: "parent",
      site: "Facebook, the village community group",
      what: "A photo of me at the school fair with an unkind caption",
      images: true,
      reportedToSite: false,
    },
    "pupil-contact": {
      occurredAt,
      pupil: "A former Year 6 pupil",
      channel: "social",
      what: "A friend request and messages late at night",
      replied: false,
    },
    "discriminatory-postings": {
      occurredAt,
      nature: "racist",
      site: "A local news page's comments",
      what: "Comments about a family at the school",
      aboutSchool: true,
    },
    "software-change": {
      change: "add-software",
      item: "Audacity 3.7",
      laptop: "CCS-LT-014",
      why: "Recording Year 4's radio play",
    },
    "personal-equipment": {
      device: "My own iPad",
      connection: "wifi",
      why: "To show my own photos of the residential trip in assembly",
      protected: true,
    },
    "sensitive-information": {
      information: "Year 6 assessment data for report writing",
      device: "school-stick",
      howLong: "until 31 July",
      security: "The encrypted stick the school gave me; deleted once reports are written",
    },
  };
  return { kind, fields: fields[kind] };
}
