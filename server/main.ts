// Entry point: read the configuration once, start the app, stop cleanly on SIGTERM (App Service).
import { loadConfig } from "./config.js";
import { consoleLogger, startApp } from "./start.js";
import { explainStartUpFailure } from "./start-up-errors.js";

try {
  const config = loadConfig(process.env);
  const running = await startApp(config);
  consoleLogger.info(`School AUP app listening on ${running.url} (${config.tenant.mode} mode)`);
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Could not stop cleanly; anything not yet in SharePoint stays in the outbox for the next start.", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (error) {
  const explained = explainStartUpFailure(error);
  if (explained) {
    console.error(explained);
    process.exit(1);
  }
  throw error;
}
