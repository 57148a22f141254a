// What a person is told when the fault is ours: what to do, and a short reference the IT technician
// can find in the log beside the detail (client ids, tenant ids and Entra's AADSTS text stay there).
import { randomInt } from "node:crypto";

// No 0/O, 1/I/L or U: easy to read out on the phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A fresh six-character reference such as 7K2Q9X. */
export function newErrorReference(): string {
  return Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

export function somethingWentWrong(reference: string): string {
  return (
    "Something went wrong on our side; try again in a few minutes. " +
    `If it keeps happening, tell the IT technician and quote ref ${reference}.`
  );
}
