// Small helpers shared by the server-rendered pages: escaping, one accessible layout, safe headers.
import type { Response } from "express";

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Every value that reaches a page goes through this: names, summaries and policy text are user-editable. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

// Inline styles only, no scripts: the CSP below allows nothing else. Colours meet WCAG AA contrast.
const STYLE = `
body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;color:#242424;background:#fff;line-height:1.5}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}main.wide{max-width:none}
h1{font-size:1.75rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}
.meta{color:#424242}.declaration{border-left:4px solid #5b5fc7;padding:.5rem 1rem;background:#f5f5ff}
.scroll{overflow-x:auto}.scroll:focus{outline:2px solid #5b5fc7}table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border:1px solid #bdbdbd;padding:.35rem .5rem;text-align:left;vertical-align:top}td{white-space:pre-line}
th{background:#f0f0f0}td:first-child{min-width:10rem}
td.id{font-family:Consolas,"Courier New",monospace;font-size:.75rem;word-break:break-all;min-width:7rem;max-width:9rem}
td.long{min-width:22rem}td.empty{color:#616161}a{color:#4f52b2}a:focus,a:hover{outline:2px solid #242424}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
@media (prefers-color-scheme:dark){body{color:#f0f0f0;background:#1f1f1f}.meta{color:#d6d6d6}
th{background:#2e2e2e}th,td{border-color:#5c5c5c}a{color:#a6a7dc}.declaration{background:#2b2b40}
td.empty{color:#adadad}a:focus,a:hover{outline-color:#f0f0f0}.skip:focus{background:#1f1f1f}}
`;

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/** A complete HTML document; `body` must already be escaped. Wide pages (tables) use the whole window. */
export function htmlPage(title: string, body: string, layout: "text" | "wide" = "text"): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<main id="content"${layout === "wide" ? ' class="wide"' : ""}>
${body}
</main>
</body>
</html>
`;
}

export function sendHtml(res: Response, status: number, html: string): void {
  res.status(status).set(PAGE_SECURITY_HEADERS).type("html").send(html);
}

export function notFoundPage(title: string, message: string): string {
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
