/**
 * The one markdown-it parser of the scan, with Pandoc's math added and rules wrapped to record
 * where they matched. markdown-it gives block tokens line numbers but inline tokens no
 * positions, so inline rules record `state.pos` before and after each match (offsets into the
 * inline token's `content`); `contentMap.ts` then places them in the document.
 */
import MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { lineIndexedState, type StateBlockConstructor } from './blockState';
import { metadataBlockAt } from './frontMatterBlock';
import { mapCachedInlineState, type StateInlineConstructor } from './inlineState';
import { latexEnvironmentRule, latexInlineRule, type BlockRule } from './latex';
import { mathRule, type InlineRule } from './math';

/** Kinds of inline span in which citations and terms are not looked for (a link's label aside). */
export type InlineSpanKind = 'code' | 'html' | 'math' | 'autolink' | 'link' | 'tex';

/** A recorded inline match, in offsets into its inline token's `content`. */
export interface InlineSpan {
  readonly kind: InlineSpanKind;
  readonly start: number;
  readonly end: number;
  /** For links and images: offset of the `]` closing the label. */
  readonly labelEnd?: number;
}

/** What the wrapped markdown-it rules write while parsing one document. */
export interface ScanEnv {
  spans: InlineSpan[];
  /** Line ranges [from, to) of link reference definitions. */
  referenceLines: Array<[number, number]>;
  /** The spans of each inline token, filled by our replacement of the core 'inline' rule. */
  spansByToken: Map<Token, InlineSpan[]>;
  /** Required by markdown-it's reference rule. */
  references?: Record<string, unknown>;
}

const RECORDED_TOKENS: Record<string, InlineSpanKind | undefined> = {
  code_inline: 'code',
  html_inline: 'html',
  math_inline: 'math',
  math_block_inline: 'math',
  latex_inline: 'tex',
};

/** Wraps an inline rule so that a successful, non-silent match records its source span. */
function recordingInlineRule(name: string, rule: InlineRule): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const tokenCount = state.tokens.length;
    const ok = rule(state, silent);
    if (!ok || silent) return ok;
    const env = state.env as ScanEnv;
    if (!env || !Array.isArray(env.spans)) return ok;
    if (name === 'link' || name === 'image') {
      const labelStart = name === 'image' ? start + 1 : start;
      const labelEnd = state.md.helpers.parseLinkLabel(state, labelStart, name === 'link');
      if (labelEnd >= 0) env.spans.push({ kind: 'link', start: labelStart, end: state.pos, labelEnd });
      return ok;
    }
    if (name === 'autolink') {
      env.spans.push({ kind: 'autolink', start, end: state.pos });
      return ok;
    }
    for (let i = tokenCount; i < state.tokens.length; i++) {
      const kind = RECORDED_TOKENS[state.tokens[i].type];
      if (kind) {
        env.spans.push({ kind, start, end: state.pos });
        break;
      }
    }
    return ok;
  };
}

/**
 * markdown-it knows no footnotes, so it would read Pandoc's `[^1]: note text` as a link
 * reference definition and swallow the note (citations included). Pandoc also reads
 * `[@tag:x]: doi:...` (Manubot's citation aliases) as a citation, not a definition. Refuse
 * both kinds of label.
 */
function recordingReferenceRule(rule: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    const pos = state.bMarks[startLine] + state.tShift[startLine];
    if (state.src.charCodeAt(pos) === 0x5b) {
      const next = state.src.charCodeAt(pos + 1);
      if (next === 0x5e || next === 0x40) return false;
      if (next === 0x2d && state.src.charCodeAt(pos + 2) === 0x40) return false;
    }
    const ok = rule(state, startLine, endLine, silent);
    if (ok && !silent) {
      const env = state.env as ScanEnv;
      if (env && Array.isArray(env.referenceLines)) env.referenceLines.push([startLine, state.line]);
    }
    return ok;
  };
}

/**
 * Pandoc's YAML metadata blocks, at the top level or in a block quote wherever a block may
 * start (not inside a paragraph, where `---` makes a setext heading): one `metadata_block` token each, whose
 * `meta` is the block.
 */
const metadataRule: BlockRule = (state: StateBlock, startLine, endLine, silent) => {
  // Top level or a block quote (pandoc reads both); markdown-it's setext rule can leave
  // parentType at 'paragraph', so level is the test at the top.
  if ((state.level !== 0 && state.parentType !== 'blockquote') || state.blkIndent !== 0 || state.sCount[startLine] !== 0) return false;
  const block = metadataBlockAt(state.src, state.bMarks[startLine]);
  if (!block) return false;
  if (silent) return true;
  let line = startLine + 1;
  while (line < endLine && state.bMarks[line] < block.range.end) line++;
  const token = state.push('metadata_block', '', 0);
  token.map = [startLine, line];
  token.meta = block;
  state.line = line;
  return true;
};

/**
 * markdown-it rules whose tokens the scan never reads (only the recorded spans and the block
 * tokens are read; inline children never are) and that consume no character at which a kept
 * rule could start: emphasis and strikethrough take runs of `*`, `_`, `~`; an entity `&...;`
 * takes letters, digits and `#`; `newline` a line break and the next line's leading spaces
 * (a hard break is a token); the rest do nothing with these options or only rewrite tokens.
 * Switched off, the spans are the same and the cold first check parses faster.
 */
export const UNUSED_RULES = {
  inline: ['linkify', 'newline', 'strikethrough', 'emphasis', 'entity'],
  inline2: ['balance_pairs', 'strikethrough', 'emphasis', 'fragments_join'],
  core: ['linkify', 'replacements', 'smartquotes', 'text_join'],
} as const;

/**
 * Where a kept inline rule may start: `!` (image), `$` (math), `<` (autolink, HTML), `[`
 * (link), `\\` (escape, TeX), `` ` `` (code); and `]`, at which a link label's scan
 * (`parseLinkLabel`) must stop.
 */
const INLINE_SYNTAX = /[!$<[\\\]`]/g;

/**
 * markdown-it's `text` rule for the kept rules: plain text runs to the next character at
 * which one of them may start, found by a native search. markdown-it's own stops at two dozen
 * characters (`-`, `:`, `@`, `*`... for rules switched off here) and then tries every rule
 * there, which was most of the inline parse of a cold first check. The text is not added to
 * `state.pending`, which would make it a `text` token: the scan reads no inline token
 * (`inlineCoreRule`), and no kept rule reads the pending text.
 */
export const textRule: InlineRule = (state) => {
  INLINE_SYNTAX.lastIndex = state.pos;
  const found = INLINE_SYNTAX.test(state.src) ? INLINE_SYNTAX.lastIndex - 1 : state.posMax;
  const pos = Math.min(found, state.posMax);
  if (pos === state.pos) return false;
  state.pos = pos;
  return true;
};

interface RuleEntry<T> {
  name: string;
  fn: T;
}

type CoreRule = (state: StateCore) => void;

/**
 * markdown-it's `normalize` rewrites every line break and NUL of the text with two regular
 * expressions, so it copies the whole text even when nothing changes, which is so for every
 * text the scan passes without a NUL (`normalizeLineBreaks` has left no `\r`): some 5 ms of a
 * cold check of 300 KB. A text with neither is left as it is; any other goes to markdown-it's rule.
 */
export function skippingNormalize(normalize: CoreRule): CoreRule {
  return (state) => {
    if (state.src.indexOf('\r') >= 0 || state.src.indexOf('\0') >= 0) normalize(state);
  };
}

/**
 * The core rule that parses each inline token's content, recording its spans in
 * `env.spansByToken`. The inline tokens themselves are dropped after each parse (markdown-it
 * keeps them as the token's `children`): the scan reads only the recorded spans, and a
 * document's thousands of text tokens, kept to its end, were copied by every young-generation
 * collection of the scan (a cold scan of deep-review: 100 ms, 58 without them). The block
 * tokens and spans are the same (test/markdown-inline-children.test.ts).
 */
export const inlineCoreRule: CoreRule = (state) => {
  const env = state.env as ScanEnv;
  const scratch: Token[] = [];
  for (const token of state.tokens) {
    if (token.type !== 'inline') continue;
    env.spans = [];
    state.md.inline.parse(token.content, state.md, state.env, scratch);
    scratch.length = 0;
    env.spansByToken.set(token, env.spans);
  }
};

/**
 * A link destination that markdown-it's `normalizeLink` gives back as it is: an optional
 * `http://` or `https://`, then only letters, digits and punctuation that URL encoding leaves
 * alone, without `:`, `@`, `%` or brackets (which its URL parser and encoder may rewrite).
 * test/markdown-plain-links.test.ts checks that on random destinations and the real documents.
 */
export const PLAIN_LINK = /^(?:https?:\/\/)?[A-Za-z0-9][A-Za-z0-9\-._~/?#=&+,;!*'()$]*$/;

/**
 * `normalizeLink` with plain destinations (`PLAIN_LINK`) given back without parsing them: the
 * scan reads no link's address, and markdown-it's URL parser, encoder and punycode were 139
 * calls and 2-12 ms of a check of deep-review, all but one for a plain `https://` address.
 */
export function plainFirstNormalizeLink(normalizeLink: (url: string) => string): (url: string) => string {
  return (url) => (PLAIN_LINK.test(url) ? url : normalizeLink(url));
}

function createParser(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  md.normalizeLink = plainFirstNormalizeLink(md.normalizeLink.bind(md));
  md.inline.ruler.disable([...UNUSED_RULES.inline]);
  md.inline.ruler2.disable([...UNUSED_RULES.inline2]);
  md.core.ruler.disable([...UNUSED_RULES.core]);
  const block = md.block as unknown as { State: StateBlockConstructor };
  block.State = lineIndexedState(block.State);
  const inline = md.inline as unknown as { State: StateInlineConstructor };
  inline.State = mapCachedInlineState(inline.State);
  md.inline.ruler.at('text', textRule);
  md.block.ruler.before('table', 'metadata', metadataRule);
  md.block.ruler.before('paragraph', 'latex_environment', latexEnvironmentRule, { alt: ['paragraph', 'reference', 'blockquote'] });
  md.inline.ruler.after('escape', 'math', mathRule);
  md.inline.ruler.before('escape', 'latex', latexInlineRule);
  // The Ruler keeps its rules in a private array; wrapping in place keeps names and order.
  const inlineRules = (md.inline.ruler as unknown as { __rules__: RuleEntry<InlineRule>[] }).__rules__;
  for (const r of inlineRules) {
    if (['backticks', 'html_inline', 'math', 'latex', 'link', 'image', 'autolink'].includes(r.name)) {
      r.fn = recordingInlineRule(r.name, r.fn);
    }
  }
  const blockRules = (md.block.ruler as unknown as { __rules__: RuleEntry<BlockRule>[] }).__rules__;
  for (const r of blockRules) {
    if (r.name === 'reference') r.fn = recordingReferenceRule(r.fn);
  }
  const coreRules = (md.core.ruler as unknown as { __rules__: RuleEntry<CoreRule>[] }).__rules__;
  for (const r of coreRules) {
    if (r.name === 'normalize') r.fn = skippingNormalize(r.fn);
  }
  md.core.ruler.at('inline', inlineCoreRule);
  (md.inline.ruler as unknown as { __cache__: unknown }).__cache__ = null;
  (md.block.ruler as unknown as { __cache__: unknown }).__cache__ = null;
  (md.core.ruler as unknown as { __cache__: unknown }).__cache__ = null;
  return md;
}

let sharedParser: MarkdownIt | undefined;

/** The recording parser, made once: its rules keep no state between documents (the env does). */
export function parser(): MarkdownIt {
  sharedParser ??= createParser();
  return sharedParser;
}
