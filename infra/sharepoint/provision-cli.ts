// npm run provision: reads the configuration like the app does, then creates or updates the lists.
import { ConfigError, loadConfig } from "../../server/config.js";
import { AppError } from "../../records/errors.js";
import { ProvisioningSetupError, provisionForConfig } from "./provision.js";

try {
  await provisionForConfig(loadConfig(process.env), (line) => console.info(line));
} catch (error) {
  if (error instanceof ConfigError || error instanceof ProvisioningSetupError || error instanceof AppError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
