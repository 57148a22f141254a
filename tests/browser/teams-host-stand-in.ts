// A stand-in for the Teams web client: a same-origin page that frames the tab and answers teams-js's
// postMessage protocol (initialize, getContext, authentication.getAuthToken) and can change the theme.
// Its SSO token comes from the local issuer, which is what signs tokens when there is no Entra.
// Served by the browser test through Playwright routing; teams-js accepts a same-origin parent.

export const TEAMS_HOST_PATH = "/teams-host-stand-in.html";

/** `ssoFailure`: the reason Teams gives when single sign-on fails (e.g. "resourceRequiresConsent"). */
export function teamsHostStandIn(personId: string, theme: "default" | "dark" | "contrast", ssoFailure?: string): string {
  const script = `
    const frame = document.getElementById("tab");
    window.hostCalls = [];
    window.setTheme = (next) => frame.contentWindow.postMessage({ func: "themeChange", args: [next] }, location.origin);
    async function ssoToken() {
      const response = await fetch("/local-auth/token", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personId: ${JSON.stringify(personId)} }),
      });
      return (await response.json()).accessToken;
    }
    window.addEventListener("message", async (event) => {
      if (event.source !== frame.contentWindow || typeof event.data?.func !== "string") return;
      const message = event.data;
      window.hostCalls.push(message.func);
      const reply = (args) => frame.contentWindow.postMessage({ id: message.id, uuid: message.uuid, args }, location.origin);
      if (message.func === "initialize") {
        reply(["content", "web", JSON.stringify({ apiVersion: 4, supports: { appInitialization: {}, pages: {}, teamsCore: {} } }), "2.0.0"]);
      } else if (message.func === "getContext") {
        reply([{ theme: ${JSON.stringify(theme)}, locale: "en-gb", entityId: "aup-tab", frameContext: "content", hostClientType: "web", userObjectId: ${JSON.stringify(personId)} }]);
      } else if (message.func === "authentication.getAuthToken") {
        reply(${JSON.stringify(ssoFailure ?? null)} ? [false, ${JSON.stringify(ssoFailure ?? null)}] : [true, await ssoToken()]);
      } else if (typeof message.id === "number") {
        reply([]);
      }
    });`;
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Teams (stand-in)</title></head>
<body style="margin:0"><iframe id="tab" title="Staff IT policy tab" src="/tab/" style="border:0;width:100%;height:100vh"></iframe>
<script>${script}</script></body></html>`;
}
