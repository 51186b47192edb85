/**
 * Bare URLs and e-mail addresses, which markdown-it (without linkify) leaves as text: neither
 * a citation nor a term may be found inside them.
 */
import { isWhitespace } from './sourceLines';
import type { OffsetRange } from '../text/textRange';

function isKeyOrWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const URL_START = /\b(?:https?:\/\/|ftp:\/\/|www\.)/g;
const URL_TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*', '_', '~']);

/** True when the token around `at` began with `@`: a citation key like `@url:https://...`. */
function insideAtToken(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i < 200; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x40) return true;
    if (isWhitespace(c) || c === 0x5b || c === 0x3b || c === 0x28) return false;
  }
  return false;
}

/** End of a bare URL starting at `start`: ASCII non-space, minus trailing punctuation and unbalanced brackets. */
function bareUrlEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c <= 32 || c >= 127 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x60) break;
    end++;
  }
  for (;;) {
    const ch = text[end - 1];
    if (end > start && URL_TRAILING.has(ch)) {
      end--;
      continue;
    }
    const pair = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : undefined;
    if (pair) {
      const body = text.slice(start, end);
      const opens = body.split(pair).length - 1;
      const closes = body.split(ch).length - 1;
      if (closes > opens) {
        end--;
        continue;
      }
    }
    break;
  }
  return end;
}

/** Appends the range of each bare URL (`https://`, `ftp://`, `www.`) of `text` to `out`. */
export function findBareUrls(text: string, out: OffsetRange[]): void {
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m; m = URL_START.exec(text)) {
    const start = m.index;
    const prev = text.charCodeAt(start - 1);
    if (prev === 0x2e || prev === 0x2f) continue;
    const end = bareUrlEnd(text, start);
    URL_START.lastIndex = Math.max(end, start + m[0].length);
    if (insideAtToken(text, start)) continue;
    if (end > start + m[0].length) out.push({ start, end });
  }
}

function isEmailLocalChar(c: number): boolean {
  return isKeyOrWordChar(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
}

function isDomainChar(c: number): boolean {
  return isKeyOrWordChar(c) || c === 0x2d;
}

/**
 * Appends the range of each `name@example.org` of `text` to `out`: found from each `@`
 * outwards rather than with one regex, which would backtrack over every long word of a 1 MB text.
 */
export function findEmails(text: string, out: OffsetRange[]): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isEmailLocalChar(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    const end = emailDomainEnd(text, at);
    if (end > at + 1) {
      out.push({ start, end });
      at = end - 1;
    }
  }
}

/** End of the dotted domain after the `@` at `at`, or -1 when there is none (no dot). */
function emailDomainEnd(text: string, at: number): number {
  let end = at + 1;
  let lastDot = -1;
  for (;;) {
    const labelStart = end;
    while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
    if (end === labelStart) return lastDot;
    if (text.charCodeAt(end) === 0x2e && isDomainChar(text.charCodeAt(end + 1))) {
      lastDot = end;
      end++;
      continue;
    }
    return lastDot < 0 ? -1 : end;
  }
}
