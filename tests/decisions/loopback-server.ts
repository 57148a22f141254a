// An express app served on an ephemeral loopback port for one test file.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type express from "express";

export interface LoopbackServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveOnLoopback(app: express.Express): Promise<LoopbackServer> {
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
