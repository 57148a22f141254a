// A teamsapp.yml script step (plain Node, no dependencies: it runs before npm ci). When aadApp/create has just
// made a client secret, records when it expires, so the app can warn the IT technician 30 and 7 days before.
// The toolkit writes what this prints as "::set-teamsfx-env NAME=value" into env/.env.{env}.
// Usage: node infra/record-secret-end.mjs SECRET_NAME DAYS  (with SECRET_NAME, SECRET_NAME_FINGERPRINT,
// SECRET_NAME_EXPIRES_AT in the environment, as the yml step passes them).
import { createHash } from "node:crypto";

const [name, daysText] = process.argv.slice(2);
const days = Number(daysText);
if (!name || !/^SECRET_[A-Z0-9_]+$/.test(name) || !Number.isInteger(days) || days < 1) {
  console.error("Usage: node infra/record-secret-end.mjs SECRET_NAME DAYS (e.g. SECRET_BOT_PASSWORD 180)");
  process.exit(1);
}
const secret = process.env[name] ?? "";
if (!secret) {
  console.error(`${name} is empty: run this after aadApp/create has written it to env/.env.{env}.user.`);
  process.exit(1);
}
// A fingerprint (not the secret) tells a new secret from the one whose end date is already recorded.
const fingerprint = createHash("sha256").update(secret).digest("hex").slice(0, 16);
if (process.env[`${name}_FINGERPRINT`] === fingerprint && process.env[`${name}_EXPIRES_AT`]) {
  console.info(`${name} is unchanged; it expires at ${process.env[`${name}_EXPIRES_AT`]}.`);
} else {
  const end = new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  console.info(`::set-teamsfx-env ${name}_EXPIRES_AT=${end}`);
  console.info(`::set-teamsfx-env ${name}_FINGERPRINT=${fingerprint}`);
  console.info(`${name} is new; recorded that it expires at ${end} (${days} days).`);
}
