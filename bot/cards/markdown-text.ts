// Teams reads every card TextBlock and fact as Markdown. Text a person typed must show as typed:
// otherwise a report saying "[Reset your password](https://…)" becomes a disguised link in the
// headteacher's chat, sent by the school's own bot.

// Everything that starts a link, an autolink, an image or emphasis in CommonMark, and the escape itself.
const MARKDOWN_INLINE = /[\\`*_~[\]<>]/g;

/** The text, backslash-escaped so a Markdown renderer shows it literally. */
export function plainText(value: string): string {
  return value.replace(MARKDOWN_INLINE, "\\$&");
}
