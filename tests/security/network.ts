import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";

/** An IPv4 address of this machine other than loopback, or undefined on a machine that has none. */
export function nonLoopbackIPv4(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;
}

export interface Elsewhere {
  /** Where "elsewhere" is: the listener's address, or `fallbackUrl` on a machine with no other address. */
  readonly serviceUrl: string;
  /** Every request that reached it: method, path and token. */
  readonly heard: string[];
  close(): void;
}

/** A listener on this machine's network address (not loopback), standing for "any URL": it must hear nothing. */
export async function listenElsewhere(fallbackUrl: string): Promise<Elsewhere> {
  const heard: string[] = [];
  const server = http.createServer((req, res) => {
    heard.push(`${req.method ?? ""} ${req.url ?? ""} ${req.headers.authorization ?? "(no token)"}`);
    res.end("{}");
  });
  const host = nonLoopbackIPv4();
  let serviceUrl = fallbackUrl;
  if (host) {
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    serviceUrl = `http://${host}:${(server.address() as AddressInfo).port}/`;
  }
  return { serviceUrl, heard, close: () => server.close() };
}
