// Wire-shape types for the Adaptive Card 1.5 elements our cards use (the subset Teams renders),
// so a card builder that compiles is a card Teams accepts. Shared by the bot and the tab.

export type TextSize = "small" | "default" | "medium" | "large" | "extraLarge";
export type TextWeight = "lighter" | "default" | "bolder";
export type TextColor = "default" | "dark" | "light" | "accent" | "good" | "warning" | "attention";
export type Spacing = "none" | "small" | "default" | "medium" | "large" | "extraLarge" | "padding";
export type ContainerStyle = "default" | "emphasis" | "good" | "attention" | "warning" | "accent";

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  type: "TextBlock";
  text: string;
  wrap?: boolean;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  maxLines?: number;
  style?: "default" | "heading";
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: "FactSet";
  facts: Fact[];
}

export interface Container extends ElementBase {
  type: "Container";
  items: CardElement[];
  style?: ContainerStyle;
  bleed?: boolean;
}

export interface Column {
  type: "Column";
  items: CardElement[];
  width?: "auto" | "stretch" | number | `${number}px`;
  verticalContentAlignment?: "top" | "center" | "bottom";
}

export interface ColumnSet extends ElementBase {
  type: "ColumnSet";
  columns: Column[];
}

export interface ActionSet extends ElementBase {
  type: "ActionSet";
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  id: string;
  /** Always set: Teams and screen readers use it as the input's accessible name. */
  label: string;
  isRequired?: boolean;
  /** Shown under the input when it fails validation. */
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: "Input.Text";
  placeholder?: string;
  value?: string;
  isMultiline?: boolean;
  maxLength?: number;
  regex?: string;
  style?: "text" | "tel" | "url" | "email";
}

export interface DateInput extends InputBase {
  type: "Input.Date";
  value?: string;
  min?: string;
  max?: string;
}

export interface TimeInput extends InputBase {
  type: "Input.Time";
  value?: string;
}

export interface ToggleInput extends InputBase {
  type: "Input.Toggle";
  title: string;
  value?: "true" | "false";
  valueOn?: string;
  valueOff?: string;
}

export interface Choice {
  title: string;
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: "Input.ChoiceSet";
  choices: Choice[];
  style?: "compact" | "expanded";
  isMultiSelect?: boolean;
  value?: string;
  placeholder?: string;
}

export type CardInput = TextInput | DateInput | TimeInput | ToggleInput | ChoiceSetInput;
export type CardElement = TextBlock | FactSet | Container | ColumnSet | ActionSet | CardInput;

/** Data every action carries; `verb` mirrors Action.Execute's verb so Action.Submit can fall back. */
export type ActionData = Record<string, string | number | boolean>;

interface ActionBase {
  id?: string;
  title: string;
  style?: "default" | "positive" | "destructive";
  tooltip?: string;
}

export interface ExecuteAction extends ActionBase {
  type: "Action.Execute";
  verb: string;
  data: ActionData;
  associatedInputs?: "auto" | "none";
  /** Clients older than Universal Actions (Outlook desktop) send this instead. */
  fallback?: SubmitAction | "drop";
}

export interface SubmitAction extends ActionBase {
  type: "Action.Submit";
  data: ActionData;
  associatedInputs?: "auto" | "none";
}

export interface OpenUrlAction extends ActionBase {
  type: "Action.OpenUrl";
  url: string;
}

export interface ShowCardAction extends ActionBase {
  type: "Action.ShowCard";
  card: AdaptiveCard;
}

export interface ToggleVisibilityAction extends ActionBase {
  type: "Action.ToggleVisibility";
  targetElements: string[];
}

export type CardAction = ExecuteAction | SubmitAction | OpenUrlAction | ShowCardAction | ToggleVisibilityAction;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema?: string;
  version: "1.5";
  body: CardElement[];
  actions?: CardAction[];
  /** Teams "Universal Actions" refresh: who sees an up-to-date card when they open the chat. */
  refresh?: { action: ExecuteAction; userIds?: string[] };
  msteams?: { width?: "Full" };
  fallbackText?: string;
  speak?: string;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], extra: Partial<AdaptiveCard> = {}): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    ...(actions.length ? { actions } : {}),
    ...extra,
  };
}

export function text(value: string, options: Omit<TextBlock, "type" | "text"> = {}): TextBlock {
  return { type: "TextBlock", text: value, wrap: true, ...options };
}

export function heading(value: string): TextBlock {
  return text(value, { size: "medium", weight: "bolder", style: "heading" });
}

export function facts(pairs: ReadonlyArray<readonly [string, string]>): FactSet {
  return { type: "FactSet", facts: pairs.map(([title, value]) => ({ title, value })) };
}

/** Action.Execute for Teams, falling back to Action.Submit with the same verb for older hosts. */
export function executeAction(title: string, verb: string, data: ActionData, options: Partial<ActionBase> = {}): ExecuteAction {
  return {
    type: "Action.Execute",
    title,
    verb,
    data: { ...data, verb },
    ...options,
    fallback: { type: "Action.Submit", title, data: { ...data, verb }, ...options },
  };
}

export function attachment(card: AdaptiveCard): { contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
