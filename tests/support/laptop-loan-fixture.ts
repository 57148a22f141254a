// A laptop loan as the IT technician issues it to Alex, awaiting his confirmation, for card tests.
import type { LaptopLoan } from "../../records/laptop-loan.js";

export function loanToAlex(overrides: Partial<LaptopLoan> = {}): LaptopLoan {
  return {
    recordId: "loan-0001",
    borrower: { id: "aad-alex", displayName: "Alex Wilber", upn: "" },
    issuedBy: { id: "aad-isaiah", displayName: "Isaiah Langer", upn: "" },
    model: "Dell Latitude 5440",
    serialNumber: "7XK2QF3",
    assetTag: "CC-0142",
    withBagAndManuals: true,
    software: ["Windows 11 Education"],
    additionalSoftware: "",
    issuedOn: "2026-11-27",
    recordedAt: "2026-11-28T10:00:00.000Z",
    agreementVersion: "2026.1",
    status: "Awaiting confirmation",
    confirmedAt: "",
    ...overrides,
  };
}
