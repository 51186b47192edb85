/**
 * Message templates: an English message with placeholders and its translation, e.g.
 * `Unknown citation key '@{0}': no bibliography in use defines it.` ->
 * `未知的引文键“@{0}”：所用的参考文献中没有定义它。`. The checks across core/ write English;
 * the boundary matches each outgoing message against the templates, compiled once into
 * anchored regular expressions, and writes the translation with the same placeholder values.
 *
 * A placeholder is `{n}` (any text, kept as it is) or `{n|kind}`: text of a known kind (a
 * scope name, a file's read error, a list of field names...) that is matched only when it is
 * of that kind and is translated in turn. A placeholder written twice in the English is the
 * same text both times. A translation may leave out a placeholder (an English plural `s`).
 */

/** How the text of a placeholder is matched (a regular expression source without capturing groups) and translated. */
export interface PhraseKind {
  readonly source: string;
  translate(text: string): string | undefined;
}

/** An English template and its translation. */
export type TemplatePair = readonly [english: string, translation: string];

/** The kinds a catalog's placeholders may name, by name. */
export type PhraseKinds = Readonly<Record<string, PhraseKind>>;

const PLACEHOLDER = /\{(\d+)(?:\|([\w-]+))?\}/g;

/** Any text, kept as it is: message parts that are data (keys, file names, numbers, titles). */
export const VERBATIM: PhraseKind = { source: '[\\s\\S]+?', translate: (text) => text };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One of a fixed set of English phrases, each with its translation. */
export function oneOf(table: Readonly<Record<string, string>>): PhraseKind {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  return { source: `(?:${keys.map(escapeRegExp).join('|')})`, translate: (text) => (Object.hasOwn(table, text) ? table[text] : undefined) };
}

/** One of several templates (which may name kinds themselves); the first that matches translates. */
export function oneOfTemplates(pairs: readonly TemplatePair[], kinds: PhraseKinds = {}): PhraseKind {
  const compiled = pairs.map(([en, zh]) => new MessageTemplate(en, zh, kinds));
  return {
    source: `(?:${compiled.map((t) => t.embeddedSource).join('|')})`,
    translate(text) {
      for (const template of compiled) {
        const out = template.translate(text);
        if (out !== undefined) return out;
      }
      return undefined;
    },
  };
}

/** Items of `item` joined by `separator` in English, by `translatedSeparator` in the translation. */
export function listOf(separator: string, translatedSeparator: string, item: PhraseKind): PhraseKind {
  const sep = escapeRegExp(separator);
  return {
    source: `(?:${item.source}(?:${sep}${item.source})*)`,
    translate(text) {
      const parts = text.split(separator).map((part) => item.translate(part));
      return parts.every((p): p is string => p !== undefined) ? parts.join(translatedSeparator) : undefined;
    },
  };
}

interface Slot {
  readonly index: number;
  readonly kind: PhraseKind;
}

/** One compiled template: an anchored regular expression over the English, and the translation to fill in. */
export class MessageTemplate {
  private readonly regex: RegExp;
  private readonly slots: readonly Slot[];
  /** The template as an alternative inside a larger expression: no capturing groups, no back-references. */
  readonly embeddedSource: string;

  constructor(
    readonly english: string,
    readonly translation: string,
    kinds: PhraseKinds,
  ) {
    const slots: Slot[] = [];
    let source = '';
    let embedded = '';
    let at = 0;
    for (const m of english.matchAll(PLACEHOLDER)) {
      const literal = escapeRegExp(english.slice(at, m.index));
      at = m.index + m[0].length;
      const index = Number(m[1]);
      const kind = m[2] === undefined ? VERBATIM : kinds[m[2]];
      if (!kind) throw new Error(`template ${JSON.stringify(english)}: unknown kind ${m[2]}`);
      const repeated = slots.some((s) => s.index === index);
      if (!repeated) slots.push({ index, kind });
      source += literal + (repeated ? `\\k<p${index}>` : `(?<p${index}>${kind.source})`);
      embedded += `${literal}(?:${kind.source})`;
    }
    const tail = escapeRegExp(english.slice(at));
    this.regex = new RegExp(`^${source}${tail}$`, 'u');
    this.embeddedSource = embedded + tail;
    this.slots = slots;
  }

  /** The placeholder numbers of the English, each once, in order of first use. */
  get placeholders(): number[] {
    return this.slots.map((s) => s.index);
  }

  /** The translation of `text`, or undefined when `text` is not this template (or a placeholder's text is not of its kind). */
  translate(text: string): string | undefined {
    const m = this.regex.exec(text);
    if (!m) return undefined;
    const values = new Map<number, string>();
    for (const slot of this.slots) {
      const value = slot.kind.translate(m.groups![`p${slot.index}`]);
      if (value === undefined) return undefined;
      values.set(slot.index, value);
    }
    return this.translation.replace(PLACEHOLDER, (whole, n: string) => values.get(Number(n)) ?? whole);
  }
}

/** An ordered list of templates: the first that matches a message translates it. */
export class Catalog {
  readonly templates: readonly MessageTemplate[];

  constructor(pairs: readonly TemplatePair[], kinds: PhraseKinds = {}) {
    this.templates = pairs.map(([en, zh]) => new MessageTemplate(en, zh, kinds));
  }

  /** The translation of `text` and the template that made it, or undefined when no template matches. */
  match(text: string): { text: string; template: MessageTemplate } | undefined {
    for (const template of this.templates) {
      const out = template.translate(text);
      if (out !== undefined) return { text: out, template };
    }
    return undefined;
  }
}
