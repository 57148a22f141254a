// Preloaded into the Agents Playground (`node --require scripts/loopback-only.cjs`). Its CLI has no host
// option and it listens on every interface, while its custom-activity endpoint passes anything to the
// local bot, whose authentication is off. Every server it opens listens on 127.0.0.1 instead.
"use strict";
const net = require("node:net");

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const callback = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
  const [first, second, third] = args;
  let options;
  if (first !== null && typeof first === "object" && first.path === undefined && first.fd === undefined && !first._handle && !first.handle) {
    options = { ...first, host: LOOPBACK };
  } else if (first === undefined || first === null || typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    // listen(port, [host], [backlog]): the host, if any, is replaced.
    options = { port: first === undefined || first === null ? 0 : Number(first), host: LOOPBACK };
    const backlog = typeof second === "number" ? second : typeof third === "number" ? third : undefined;
    if (backlog !== undefined) options.backlog = backlog;
  } else {
    // A Unix socket or an inherited handle: not reachable over the network.
    return listen.apply(this, callback ? [...args, callback] : args);
  }
  this.once("listening", () => {
    const address = this.address();
    if (address && typeof address === "object") process.stderr.write(`loopback-only: bound to ${address.address} port ${address.port}\n`);
  });
  return callback ? listen.call(this, options, callback) : listen.call(this, options);
};
