// Parses a card with the real `adaptivecards` library (its Node-loadable UMD build) and returns every
// warning the parser and the validator raise, so card tests can assert there are none.
import { createRequire } from "node:module";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";

interface AcEvent {
  message: string;
}
interface AcModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: AcEvent[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): AcEvent };
}

const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js") as AcModule;

export function cardWarnings(card: AdaptiveCard): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const warnings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) warnings.push(event.message);
  return warnings;
}

/** Every TextBlock text and FactSet fact in the card, in order: what a person reads. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const element = node as Record<string, unknown>;
    if (element.type === "TextBlock" && typeof element.text === "string") parts.push(element.text);
    if (element.type === "FactSet" && Array.isArray(element.facts)) {
      for (const fact of element.facts as { title: string; value: string }[]) parts.push(`${fact.title} ${fact.value}`);
    }
    for (const value of Object.values(element)) if (typeof value === "object") walk(value);
  };
  walk(card);
  return parts.join("\n");
}
