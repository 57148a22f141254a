// Renders our typed Adaptive Cards with the adaptivecards library, themed like Teams.
import * as AC from "adaptivecards";
import type { AdaptiveCard, CardElement } from "../../bot/cards/adaptive-card.js";
import type { TabTheme } from "./host.js";

interface Palette {
  background: string;
  emphasis: string;
  text: string;
  subtle: string;
  accent: string;
  attention: string;
  good: string;
  warning: string;
}

// Teams' own colours for each theme (Fluent UI's Teams themes).
const PALETTES: Record<TabTheme, Palette> = {
  default: {
    background: "#FFFFFF", emphasis: "#F5F5F5", text: "#242424", subtle: "#616161",
    accent: "#5B5FC7", attention: "#C4314B", good: "#237B4B", warning: "#835C00",
  },
  dark: {
    background: "#292929", emphasis: "#1F1F1F", text: "#FFFFFF", subtle: "#ADADAD",
    accent: "#7F85F5", attention: "#E37D80", good: "#92C353", warning: "#F8D22A",
  },
  contrast: {
    background: "#000000", emphasis: "#000000", text: "#FFFFFF", subtle: "#FFFFFF",
    accent: "#FFFF01", attention: "#FFFF01", good: "#3FF23F", warning: "#FFFF01",
  },
};

const colour = (value: string) => ({ default: value, subtle: value });

export function hostConfigFor(theme: TabTheme): AC.HostConfig {
  const p = PALETTES[theme];
  const foregroundColors = {
    default: { default: p.text, subtle: p.subtle },
    dark: colour(p.text),
    light: colour(p.subtle),
    accent: colour(p.accent),
    attention: colour(p.attention),
    good: colour(p.good),
    warning: colour(p.warning),
  };
  return new AC.HostConfig({
    fontFamily: '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif',
    supportsInteractivity: true,
    // The card's title sits under the page's h2 ("Report: …"): a heading without a level is an axe failure.
    textBlock: { headingLevel: 3 },
    fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
    containerStyles: {
      default: { backgroundColor: p.background, foregroundColors },
      emphasis: { backgroundColor: p.emphasis, foregroundColors },
    },
    inputs: {
      label: {
        inputSpacing: "small",
        requiredInputs: { weight: "bolder", suffix: " *", suffixColor: "attention" },
        optionalInputs: { weight: "bolder" },
      },
      errorMessage: { size: "default", weight: "bolder" },
    },
    actions: { maxActions: 5, spacing: "default", buttonSpacing: 8, actionsOrientation: "horizontal", actionAlignment: "left" },
  });
}

// A focusable card root would add a pointless tab stop before the first question.
AC.GlobalSettings.setTabIndexAtCardRoot = false;
// Our cards use plain text plus **bold**: escape everything, then allow just that.
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  result.outputHtml = escaped.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  result.didProcess = true;
};

/** One rendered input: its card id, what takes focus, and the block (label, control) to mark when it is wrong. */
export interface RenderedInput {
  readonly id: string;
  /** The <input>/<textarea>, or for a radio group the group element holding the radios. */
  readonly control: HTMLElement;
  /** The part holding the control, after which an error message goes. */
  readonly controlHolder: HTMLElement;
  readonly block: HTMLElement;
}

export interface RenderedCard {
  readonly element: HTMLElement;
  /** Current input values by id, to carry over when the theme changes. */
  values(): Record<string, string>;
  inputs(): RenderedInput[];
}

/** Renders the card; `onSubmit` gets every input's value when the submit action is pressed. */
export function renderCard(
  card: AdaptiveCard,
  theme: TabTheme,
  onSubmit: (data: Record<string, string>) => void,
  keepValues: Readonly<Record<string, string>> = {},
): RenderedCard {
  const adaptive = new AC.AdaptiveCard();
  adaptive.hostConfig = hostConfigFor(theme);
  const values = (): Record<string, string> =>
    Object.fromEntries(adaptive.getAllInputs().map((input) => [input.id ?? "", input.value === undefined ? "" : String(input.value)]));
  adaptive.onExecuteAction = (action) => {
    if (action instanceof AC.SubmitAction) onSubmit({ ...(action.data as Record<string, string>), ...values() });
  };
  adaptive.parse({ ...card, body: card.body.map((element) => withValue(element, keepValues)) });
  // A checkbox's or radio's text is cut off with "…" by default; in a 375 px wide tab that hides what is
  // being agreed to ("Yes, it may hold personal data (e.g. pupil r…"). Let it wrap.
  for (const input of adaptive.getAllInputs()) if (input instanceof AC.ToggleInput || input instanceof AC.ChoiceSetInput) input.wrap = true;
  const element = adaptive.render();
  if (!element) throw new Error("The form could not be drawn.");
  element.classList.add("report-card");
  // The library keeps its own references to these parts protected; its class names are its public face.
  const inputs = (): RenderedInput[] =>
    adaptive.getAllInputs().flatMap((input) => {
      const block = input.renderedElement;
      const controlHolder = block?.querySelector<HTMLElement>(".ac-input-container");
      const control = controlHolder?.firstElementChild;
      return block && controlHolder && control instanceof HTMLElement && input.id ? [{ id: input.id, control, controlHolder, block }] : [];
    });
  for (const input of inputs()) if (input.control.matches(".ac-choiceSetInput-expanded")) nameRadioGroup(input.control);
  return { element, values, inputs };
}

/** The library draws radios in a bare <div>: make it a named radio group, which can then be marked invalid. */
function nameRadioGroup(group: HTMLElement): void {
  const labelId = group.querySelector("input[type=radio]")?.getAttribute("aria-labelledby")?.split(/\s+/)[0];
  if (!labelId) return;
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", labelId);
}

function withValue(element: CardElement, values: Readonly<Record<string, string>>): CardElement {
  if (!element.type.startsWith("Input.") || !element.id) return element;
  const value = values[element.id];
  return value ? ({ ...element, value } as CardElement) : element;
}
