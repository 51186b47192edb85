/**
 * The server's messages in the client's display language. The checks write English; a
 * `Localizer` for the client's locale (LSP `initialize` `locale`) translates what leaves the
 * service: whole messages (diagnostics, action titles, command results, rename refusals),
 * Markdown cards line by line (hover, completion documentation), and short labels.
 * Chinese for `zh`, `zh-cn` and any `zh-*` locale; English otherwise.
 */
import { Catalog, type MessageTemplate } from './template';
import { ZH_CN_MESSAGES } from './zh-cn';
import { ZH_CN_CARD_LINES, ZH_CN_LABELS } from './zh-cn.hover';
import { HOVER_KINDS, MESSAGE_KINDS } from './zh-cn.phrases';

/** Translates the server's English into the client's display language. */
export interface Localizer {
  /** The display language: `zh-cn` when the client's locale is Chinese, else `en`. */
  readonly language: 'en' | 'zh-cn';
  /** A whole message. One that no template matches stays English, and is logged once. */
  message(text: string): string;
  /** A Markdown card, line by line; lines no template matches are content and stay as they are. */
  markdown(text: string): string;
  /** A short label of a list or link; one no template matches is data and stays as it is. */
  label(text: string): string;
}

/** True for the locales that get Chinese: `zh`, `zh-cn`, `zh-CN`, `zh-tw`, `zh_Hans`... */
export function isChineseLocale(locale: string | undefined): boolean {
  return locale !== undefined && /^zh(?:[-_]|$)/i.test(locale);
}

const ENGLISH: Localizer = Object.freeze({
  language: 'en' as const,
  message: (t: string) => t,
  markdown: (t: string) => t,
  label: (t: string) => t,
});

/** The catalogs of one language, compiled once (at first use) and shared by every localizer. */
interface Catalogs {
  readonly messages: Catalog;
  readonly cardLines: Catalog;
  readonly labels: Catalog;
}

let zhCn: Catalogs | undefined;

/** The Simplified Chinese catalogs. */
export function zhCnCatalogs(): Catalogs {
  zhCn ??= {
    messages: new Catalog(ZH_CN_MESSAGES, MESSAGE_KINDS),
    cardLines: new Catalog(ZH_CN_CARD_LINES, HOVER_KINDS),
    labels: new Catalog(ZH_CN_LABELS, HOVER_KINDS),
  };
  return zhCn;
}

/** Translations kept per localizer, so a message repeated on every keystroke is matched once. */
const MEMO_LIMIT = 5_000;

/** A Chinese localizer; `onMatch` hears which template translated (tests use it to prove every template is in use). */
class ChineseLocalizer implements Localizer {
  readonly language = 'zh-cn' as const;
  private readonly memo = new Map<string, string>();
  /** Outputs already translated: a message that comes back (a client's diagnostic in a code action request) is not translated twice. */
  private readonly outputs = new Set<string>();
  private readonly unmatched = new Set<string>();

  constructor(
    private readonly catalogs: Catalogs,
    private readonly log: ((line: string) => void) | undefined,
    private readonly onMatch: ((template: MessageTemplate) => void) | undefined,
  ) {}

  message(text: string): string {
    return this.translate(text, this.catalogs.messages, true);
  }

  markdown(text: string): string {
    return text
      .split('\n')
      .map((line) => (line.trim() === '' ? line : this.translate(line, this.catalogs.cardLines, false)))
      .join('\n');
  }

  label(text: string): string {
    return this.translate(text, this.catalogs.labels, false);
  }

  private translate(text: string, catalog: Catalog, logMiss: boolean): string {
    const key = `${catalog === this.catalogs.messages ? 'm' : catalog === this.catalogs.labels ? 'l' : 'c'}\u0000${text}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.outputs.has(text)) return text;
    const found = catalog.match(text);
    if (found) this.onMatch?.(found.template);
    else if (logMiss && !this.unmatched.has(text) && this.unmatched.size < MEMO_LIMIT) {
      this.unmatched.add(text);
      this.log?.(`citokine: no zh-cn translation for the message ${JSON.stringify(text)}`);
    }
    const out = found?.text ?? text;
    if (this.memo.size >= MEMO_LIMIT) {
      this.memo.clear();
      this.outputs.clear();
    }
    this.memo.set(key, out);
    if (found) this.outputs.add(out);
    return out;
  }
}

/** Options of `localizerFor`. */
export interface LocalizerOptions {
  /** Hears each message no template matches, once. */
  readonly log?: (line: string) => void;
  /** Hears each template that translates a text (for tests). */
  readonly onMatch?: (template: MessageTemplate) => void;
}

/** The localizer for the client's `locale`: the identity for English and unknown locales. */
export function localizerFor(locale: string | undefined, options: LocalizerOptions = {}): Localizer {
  return isChineseLocale(locale) ? new ChineseLocalizer(zhCnCatalogs(), options.log, options.onMatch) : ENGLISH;
}
