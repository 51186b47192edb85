/** Keeps text's own characters (asterisks, underscores, brackets) from turning into Markdown in a hover or a card. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
