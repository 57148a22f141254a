import os from "node:os";

/** An IPv4 address of this machine other than loopback, or undefined on a machine that has none. */
export function nonLoopbackIPv4(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;
}
