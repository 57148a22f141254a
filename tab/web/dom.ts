// A tiny, safe way to build DOM: text always goes in as text, never as HTML.
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** "28 Nov 2026, 14:30" in the reader's own locale and time zone. */
export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** A page's heading takes focus when the page opens, so screen readers announce where they are. */
export function pageHeading(text: string): HTMLHeadingElement {
  return el("h2", { tabindex: "-1", class: "page-heading" }, text);
}
