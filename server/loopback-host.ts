// Local mode trusts whoever reaches 127.0.0.1: the bot is unauthenticated and /records shows everything.
// A web page can reach it too by pointing a host name of its own at 127.0.0.1 (DNS rebinding); its
// requests then name that host, so only loopback names are answered.
import type { RequestHandler } from "express";

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

export const loopbackHostOnly: RequestHandler = (req, res, next) => {
  if (LOOPBACK_HOST.test(req.headers.host ?? "")) {
    next();
    return;
  }
  res.status(421).json({
    error: { code: "MisdirectedRequest", message: "In local mode the app answers only at http://127.0.0.1 or http://localhost." },
  });
};
