/**
 * The table of checks. Each rule's `code` is stable and is also its setting name in
 * `citokine.diagnostics` (e.g. `"citation.unknown-key": "warning"`). Adding a check means
 * adding a row here; the README's table of checks is kept in step by a test.
 */
export type RuleLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Rule {
  readonly code: string;
  readonly defaultLevel: Exclude<RuleLevel, 'off'>;
  /** One sentence: what the check finds. */
  readonly description: string;
}

export const RULES = {
  unknownKey: {
    code: 'citation.unknown-key',
    defaultLevel: 'error',
    description: 'A Pandoc citation key that no bibliography in use defines.',
  },
  numberOutOfRange: {
    code: 'citation.number-out-of-range',
    defaultLevel: 'error',
    description: 'A numeric citation beyond the numbered reference list in use.',
  },
  malformed: {
    code: 'citation.malformed',
    defaultLevel: 'error',
    description: 'A numeric citation that cannot be read as intended, such as a reversed range `[13]-[8]` or `[8-]`.',
  },
  bibliographyNotFound: {
    code: 'bibliography.not-found',
    defaultLevel: 'error',
    description: 'A bibliography file named in front matter or settings that cannot be read.',
  },
  bibliographyParseError: {
    code: 'bibliography.parse-error',
    defaultLevel: 'error',
    description: 'A bibliography file, or one entry of it, that cannot be parsed; reported at the failing line.',
  },
  styleNotFound: {
    code: 'style.not-found',
    defaultLevel: 'warning',
    description:
      'A citation style named in front matter `csl:` or in `citokine.style` that is neither a built-in style nor a readable .csl file; references are then shown in Vancouver (or the built-in style of that name).',
  },
  styleInvalid: {
    code: 'style.invalid',
    defaultLevel: 'warning',
    description:
      'A .csl file named in front matter `csl:` or in `citokine.style` that is not a CSL style or that the CSL engine cannot compile.',
  },
  frontMatterError: {
    code: 'frontmatter.invalid',
    defaultLevel: 'warning',
    description: 'Front matter that is not valid YAML, or a Citokine key in it with a value of the wrong kind.',
  },
  glossaryParseError: {
    code: 'glossary.invalid',
    defaultLevel: 'error',
    description: 'A glossary file that is not valid JSON/YAML or does not match the glossary schema; reported at the offending line.',
  },
  glossaryNotFound: {
    code: 'glossary.not-found',
    defaultLevel: 'error',
    description: 'A glossary file named in front matter `glossary:` or in `citokine.glossary.files` that cannot be read.',
  },
  termVariant: {
    code: 'term.variant',
    defaultLevel: 'warning',
    description:
      'A non-canonical spelling of a glossary term (`IL6`, `Stat3`, `gp 130`, `TGF beta`); fix: the canonical form, one at a time or all in the document.',
  },
  termUndefinedAbbreviation: {
    code: 'term.undefined-abbreviation',
    defaultLevel: 'warning',
    description:
      'An abbreviation used before it is defined ("interleukin-6 (IL-6)", "白细胞介素6（IL-6）"); the abstract and the main text are separate scopes. Fix: spell out this first use.',
  },
  termRedefined: {
    code: 'term.redefined',
    defaultLevel: 'information',
    description: 'An abbreviation defined again after its first definition in the same scope; fix: the abbreviation alone.',
  },
  termUnit: {
    code: 'term.unit',
    defaultLevel: 'warning',
    description:
      'A measured value of a glossary analyte in a unit other than its conventional ones (`serum IL-6 was 12 mg/L`); fix: the conventional unit, where the conversion is exact and plausible.',
  },
  termUnitDimension: {
    code: 'term.unit-dimension',
    defaultLevel: 'warning',
    description:
      "A measured value of a glossary analyte in a unit that cannot measure it (the review's `CRP < 5 ml/L`: a volume ratio for a mass concentration); fix: the likely unit (`mg/L`) when it is one of the analyte's conventional units.",
  },
  outOfOrder: {
    code: 'citation.out-of-order',
    defaultLevel: 'warning',
    description:
      "A number first cited before a smaller one that is cited later, in a document with its own numbered References section or citing the built-in corpus (the review's list, numbered in its order of first citation): numbers should first appear in order 1, 2, 3... (fix: Renumber Citations, for the document's own section only).",
  },
  unusedReference: {
    code: 'citation.unused-reference',
    defaultLevel: 'warning',
    description:
      "An entry of the document's own numbered References section, or of its front matter `references:`, that the text never cites; for a document citing the built-in corpus by number, one finding (information) listing the review's references it never cites. Not reported for shared bibliography files (see `citokine.unusedReferences.bibliographyFiles`).",
  },
  duplicateInGroup: {
    code: 'citation.duplicate-in-group',
    defaultLevel: 'warning',
    description: 'The same work twice in one citation group: `[3,3]`, `[1-3, 2]`, `[@a; @a]`.',
  },
  mixedStyles: {
    code: 'citation.mixed-styles',
    defaultLevel: 'warning',
    description: 'Numeric and key citations in one document; reported on each citation of the less used style.',
  },
  compressibleRange: {
    code: 'citation.compressible-range',
    defaultLevel: 'hint',
    description: 'Three or more consecutive numbers written one by one: `[22] [23] [24]` could be `[22]-[24]`, `[1,2,3]` could be `[1-3]`.',
  },
  duplicateKey: {
    code: 'bibliography.duplicate-key',
    defaultLevel: 'warning',
    description:
      'A key defined twice in one bibliography file, or a cited key defined by two of the files a document uses; only the first definition is used.',
  },
  duplicateEntry: {
    code: 'bibliography.duplicate-entry',
    defaultLevel: 'warning',
    description:
      'The same work under two keys (same DOI, or same title and year): in the bibliography file, and in a manuscript that cites both keys.',
  },
  undefinedMacro: {
    code: 'bibliography.undefined-macro',
    defaultLevel: 'warning',
    description:
      "A BibTeX value that names an `@string` macro no `@string` above it defines (`journal = jbc`): BibTeX and citation-js read it as empty, pandoc as the name itself. Month names and plain.bst's journal macros are predefined.",
  },
  missingField: {
    code: 'bibliography.missing-field',
    defaultLevel: 'information',
    description:
      'An article without a title or year, or a journal article without its journal (`container-title`). Unidentified built-in entries are exempt.',
  },
} as const satisfies Record<string, Rule>;

export type RuleCode = (typeof RULES)[keyof typeof RULES]['code'];

export const ALL_RULES: readonly Rule[] = Object.values(RULES);

/** The level in force for `code`: the user's setting when valid, else the rule's default. */
export function levelFor(code: string, overrides: Readonly<Record<string, unknown>> | undefined): RuleLevel {
  const rule = ALL_RULES.find((r) => r.code === code);
  const wanted = overrides?.[code];
  if (wanted === 'error' || wanted === 'warning' || wanted === 'information' || wanted === 'hint' || wanted === 'off') return wanted;
  return rule?.defaultLevel ?? 'warning';
}
