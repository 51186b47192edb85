/**
 * The parsed form of a Markdown manuscript that every feature reads. Produced once per
 * document version by `parseManuscript` (manuscript.ts) and never mutated.
 * All ranges are UTF-16 offsets into the document text.
 */
import type { OffsetRange } from '../text/textRange';

/** One `@key` inside a Pandoc citation, bracketed or in-text. */
export interface CitationKeyItem {
  /** The key as the bibliography knows it: without `@`, without `{}` braces. */
  readonly key: string;
  /** Range of the key text only (no `@`, no braces): what rename replaces. */
  readonly keyRange: OffsetRange;
  /** Range from `@` (or `-@`) to the end of the key, braces included. */
  readonly range: OffsetRange;
  /** `[-@a]`: the author is suppressed. */
  readonly suppressAuthor: boolean;
  /** Text before the key inside its group item (e.g. "see "), trimmed. */
  readonly prefix: string;
  /** Text after the key inside its group item (e.g. "pp. 33-35"), trimmed, without the leading comma. */
  readonly suffix: string;
}

/** `[@a; @b]`, `[see @a, p. 3]`, or an in-text `@a` / `@a [p. 33]`. */
export interface KeyCitation {
  readonly kind: 'key';
  /** Bracketed `[...]` or in-text. */
  readonly bracketed: boolean;
  /** The whole citation: brackets included; for in-text, the key and any `[locator]` after it. */
  readonly range: OffsetRange;
  readonly items: readonly CitationKeyItem[];
}

/** One number or range inside a numeric citation. */
export type NumericItem =
  | { readonly kind: 'single'; readonly n: number; readonly range: OffsetRange }
  | {
      readonly kind: 'range';
      readonly from: number;
      readonly to: number;
      /** The whole range text, e.g. `1-6` in `[1-6]` or `[1]-[6]` for a bracket-to-bracket range. */
      readonly range: OffsetRange;
      readonly fromRange: OffsetRange;
      readonly toRange: OffsetRange;
    };

/**
 * A numeric citation: `[1]`, `[1,3,5]`, `[1, 3-5]`, `[1-6]`, `[1–6]`, or `[1]-[6]` (one group
 * spanning two brackets). `[4] [8]-[13]` is two groups: `[4]` and `[8]-[13]`.
 */
export interface NumericCitation {
  readonly kind: 'numeric';
  readonly range: OffsetRange;
  readonly items: readonly NumericItem[];
}

/** Something that is almost a citation and is wrong: `[13]-[8]`, `[8-]`, `[3-3]`. */
export interface MalformedCitation {
  readonly kind: 'malformed';
  readonly range: OffsetRange;
  /** One sentence for the diagnostic, e.g. "the range 13-8 runs backwards". */
  readonly message: string;
}

export type Citation = KeyCitation | NumericCitation | MalformedCitation;

/** A YAML metadata block between `---` lines (closed by `---` or `...`): at the top, or anywhere pandoc reads one. */
export interface FrontMatterBlock {
  /** The whole block including the `---` fences. */
  readonly range: OffsetRange;
  /** The YAML text between the fences, and where it starts in the document. */
  readonly yaml: string;
  readonly yamlOffset: number;
}

export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly range: OffsetRange;
}

/** One entry of a document's own numbered reference list (under "References" / "参考文献"). */
export interface OwnReferenceEntry {
  readonly n: number;
  /** The entry's text without its number marker. */
  readonly text: string;
  /** The whole line(s) of the entry, number marker included. */
  readonly range: OffsetRange;
}

/** A document's own numbered reference list. */
export interface OwnReferenceSection {
  readonly heading: Heading;
  /** From the heading's start to the end of the section (next heading of the same or higher level, or end of text). */
  readonly range: OffsetRange;
  readonly entries: readonly OwnReferenceEntry[];
}

/** The result of scanning a Markdown document with a real Markdown parser. */
export interface MarkdownScan {
  /** The metadata block at the very first line, if any (the front matter). */
  readonly frontMatter: FrontMatterBlock | undefined;
  /**
   * Every YAML metadata block, in document order, the front matter included: pandoc reads
   * them anywhere and merges them (a field defined twice takes the later value).
   */
  readonly metadata?: readonly FrontMatterBlock[];
  /**
   * Sorted, non-overlapping spans where neither citations nor terms may be found: metadata
   * blocks, raw LaTeX, HTML tags and raw HTML elements, fenced and indented code, inline code, HTML blocks and inline HTML (comments),
   * math (`$...$`, `$$...$$`), link destinations and titles, autolinks, bare URLs and e-mail
   * addresses, link reference definitions.
   */
  readonly excluded: readonly OffsetRange[];
  readonly headings: readonly Heading[];
  readonly referenceSection: OwnReferenceSection | undefined;
  /**
   * Labels `[...]` (brackets included, without an image's `!`) that markdown-it resolved to
   * links or images, e.g. `[1]` when a `[1]: https://...` definition exists: not numeric citations.
   */
  readonly links?: readonly OffsetRange[];
}
