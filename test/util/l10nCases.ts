/**
 * Documents that between them make every message the server sends: each finding of the
 * rules table, each quick fix and action, each command result and refusal, each rename
 * refusal, each hover label. Used by test/l10n-server.test.ts to prove each has a Chinese
 * translation. Written as a writer would meet them (half of them on purpose broken).
 */
import type { CitokineSettings } from '../../server/src/core/settings';

export interface L10nCase {
  readonly name: string;
  /** Files by name under file:///ws/. */
  readonly files: Readonly<Record<string, string>>;
  readonly settings?: Partial<CitokineSettings>;
  /** New names to try renaming every key to. */
  readonly renames?: readonly string[];
}

const BIB = `@article{smith2020,
  author = {Smith, Jane and Lee, Ann},
  title = {Interleukin-6 signalling in colorectal tumours},
  journal = {Journal of Examples},
  year = {2020},
  doi = {10.1000/example.1}
}

@article{smith2020dup,
  author = {Smith, Jane and Lee, Ann},
  title = {Interleukin-6 signalling in colorectal tumours},
  journal = {Journal of Examples},
  year = {2020},
  doi = {10.1000/example.1}
}

@article{li2018,
  author = {Li, Wei},
  title = {STAT3 in the tumour microenvironment of colorectal cancer},
  journal = {Oncology Examples},
  year = {2018}
}

@article{li2018,
  author = {Li, Wei},
  title = {A second entry under the same key},
  year = {2019}
}

@article{notitle2021,
  author = {Wang, Fang},
  year = {2021}
}

@article{preprint2022,
  author = {Chen, Hui},
  title = {Trans-signalling of interleukin-6 drives metastasis of colorectal cancer},
  journal = {bioRxiv},
  year = {2022},
  doi = {10.1101/2022.01.01}
}

@article{published2022,
  author = {Chen, Hui},
  title = {Trans-signalling of interleukin-6 drives metastasis of colorectal cancer},
  journal = {Cancer Examples},
  year = {2022},
  doi = {10.1000/published.2022}
}

@misc{keyonly,
  title = {A work known by its title only}
}
`;

const OTHER_BIB = `@article{smith2020,
  author = {Smith, John},
  title = {Another work under a taken key},
  journal = {Elsewhere},
  year = {2001}
}
@article{zhao2019,
  author = {Zhao, Lei},
  title = {Soluble gp130 in serum},
  journal = {Serum Examples},
  year = {2019}
}
`;

const MANY_BIB = Array.from(
  { length: 14 },
  (_, i) => `@article{unused${i}, author = {Auth, A}, title = {Unused work number ${i} of a shared library}, journal = {J}, year = {2000}}`,
).join('\n');

export const L10N_CASES: readonly L10nCase[] = [
  {
    name: 'a key manuscript with a troubled bibliography',
    files: {
      'paper.md': `---
bibliography: [refs.bib, other.bib]
references:
  - id: inline2020
    title: An inline reference nobody cites
    type: article-journal
  - title: An inline reference without an id
---

# Introduction

IL-6 drives STAT3 [@smith2020; @smith2020, p. 3; @li2018] and [@smith2020; @smith2020].
Both versions are cited [@preprint2022; @published2022]. See @smith2020dup and [@nosuchkey].
A numbered aside [3] in a key document, and doi:10.1000/example.1 in the text with @doi:10.1000/example.1.
Spell [@smitth2020] and [@keyonlx] wrongly. And [-@li2018] again.
`,
      'refs.bib': BIB,
      'other.bib': OTHER_BIB,
    },
    renames: ['has space', 'a#b', 'li2018', 'zhao2019', 'fresh2024'],
  },
  {
    name: 'a numbered manuscript with its own References section',
    files: {
      'numbered.md': `# Results

Serum IL-6 rose [2] before it fell [1], [1,2,3] and [4] [5] [6] and [1-4] and [3,3] and [1-3, 2] and [2, 1-3].
Broken ones: [13]-[8] and [8-] and [3-3] and [1 2] and [0] and [1,,2] and [1-2-3] and [1,] and [9].

# References

1. Smith J, Lee A. Interleukin-6 signalling in colorectal tumours. J Ex. 2020.
2. Li W. STAT3 in the tumour microenvironment. Onc Ex. 2018.
3. Chen H. Trans-signalling of interleukin-6. Cancer Ex. 2022.
4. Zhao L. Soluble gp130. Serum Ex. 2019.
5. Wang F. An untitled work. 2021.
6. Xu Y. A sixth work. 2021.
7. Never cited anywhere. 2000.
`,
    },
  },
  {
    name: 'a numbered manuscript that renumbers',
    files: {
      'renumber.md': `Cited [2] then [1].

# References

1. Smith J, Lee A. Interleukin-6 signalling in colorectal tumours. Journal of Examples. 2020. doi:10.1000/example.1
2. Li W. STAT3 in the tumour microenvironment of colorectal cancer. Oncology Examples. 2018.
`,
      'refs.bib': BIB,
    },
    settings: { bibliographyFiles: ['refs.bib'] },
  },
  {
    name: 'numbers that repeat or are missing in the References section',
    files: {
      'twice.md': `Cited [1] and [2].\n\n# References\n\n[1] One.\n\n[1] One again.\n\n[2] Two.\n`,
      'missing.md': `Cited [1] and [4].\n\n# References\n\n1. One.\n2. Two.\n`,
      'unread.md': `Cited [1] and [2].\n\n# References\n\n1. One.\n\n[2] Two, in brackets.\n\n* 3. A bullet.\n`,
      'clean.md': `Cited [1] and [2] and [1].\n\n# References\n\n1. One work of the list.\n2. Two works of the list.\n`,
    },
  },
  {
    name: 'numbers with no list at all',
    files: { 'nolist.md': 'A number [1] with no list, and a key [@x].\n' },
    settings: { builtinLibrary: false },
  },
  {
    name: 'the built-in corpus by number, with a key among the numbers',
    files: {
      'builtin.md': `IL-6 in colorectal cancer [1]-[3], [16], [22], [31], [36], [55] and [58]; and [@smith2099].\nThen numbers [5] [6] [7].\n`,
    },
    renames: ['ok2024'],
  },
  {
    name: 'the built-in corpus by number, out of order with no number left out',
    files: { 'builtin-order.md': 'The review cites [3], then [1] and [2].\n' },
  },
  {
    name: 'a volume ratio for a mass concentration, and unknown or unreadable styles',
    files: {
      'units.md': '---\ncsl: nature\n---\n\nThe serum CRP was < 5 ml/L, and IL-6 > 7 ml/L.\n',
      'style-missing.md': '---\ncsl: missing.csl\n---\n\nText [@a].\n',
      'style-broken.md': '---\ncsl: broken.csl\n---\n\nText.\n',
      'broken.csl': '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info/></style>\n',
    },
  },
  {
    name: 'files named as bibliographies that hold no entry',
    files: {
      'empty-refs.md': '---\nbibliography: [junk.bib, junk.json, junk.yaml, junk.ris]\n---\n\nText [@a].\n',
      'junk.bib': 'TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu\n',
      'junk.json': '[]\n',
      'junk.yaml': '[]\n',
      'junk.ris': 'not a record\n',
    },
  },
  {
    name: 'a key of the built-in corpus',
    files: { 'builtinkey.md': 'As reviewed [@hu2021il6].\n' },
    renames: ['mine2021'],
  },
  {
    name: 'key citations of the built-in corpus converted to numbers',
    files: {
      'keys.md': `Cited by key [@smith2020] and [@li2018, p. 4], and by number [1].\n`,
      'refs.bib': BIB,
    },
    settings: { bibliographyFiles: ['refs.bib'] },
  },
  {
    name: 'front matter that is not right',
    files: {
      'yaml.md': '---\ntitle: [unclosed\n---\nText [@a].\n',
      'kinds.md': '---\nbibliography: {a: 1}\nglossary: [[x]]\nreferences: 5\n---\nText [@a].\n',
      'formats.md': '---\nbibliography: [notes.txt, missing.bib, settings.bib]\nglossary: missing.glossary.yaml\n---\nText [@a].\n',
    },
    settings: { bibliographyFiles: ['also-missing.bib'], glossaryFiles: ['missing-too.glossary.json'] },
  },
  {
    name: 'a shared bibliography whose entries are not cited',
    files: {
      'shared.md': '---\nbibliography: [many.bib, one.bib]\n---\nNothing from them is cited [@unused1].\n',
      'many.bib': MANY_BIB,
      'one.bib': '@article{lonely, author = {One, A}, title = {The only entry of this file}, journal = {J}, year = {2000}}\n',
    },
    settings: { unusedReferencesInBibliographyFiles: true },
  },
  {
    name: 'broken bibliography files of each format',
    files: {
      'p.md': '---\nbibliography: [nokey.bib, a.json, b.json, c.json, d.json, a.yaml, b.yaml, a.ris, b.ris, c.ris]\n---\nText [@a].\n',
      'nokey.bib':
        '@article{, title = {No key}}\n\n@article{open2020, title = {Not closed}\n\n@article{fine2020, title = {Fine}, year = {2020}}\n\n@article{bad2020, title = {Bad}, month = {\\undefinedmacro}, year = 2020 2021}\n',
      'a.json': '[{"id": "x", "title": "Unterminated}',
      'b.json': '{"id": "x"}',
      'c.json': '[{"title": "No id here", "type": "article-journal"}]',
      'd.json': '"a string, not a list"',
      'a.yaml': '- id: x\n  title: [unclosed\n',
      'b.yaml': 'just a string\n',
      'a.ris': 'Nothing that looks like RIS\n',
      'b.ris': 'TY  - JOUR\nTI  - Never closed\n',
      'c.ris': 'TY  - JOUR\nER  - \n',
    },
  },
  {
    name: 'BibTeX macros mistyped, used above their @string, or only in BibTeX styles',
    files: {
      'p.md': '---\nbibliography: m.bib\n---\nText [@a].\n',
      'm.bib':
        '@article{a, title = {A}, journal = natt, year = 2020}\n@article{b, title = {B}, journal = jbc, year = 2021}\n@string{jbc = "J Biol Chem"}\n@article{c, title = {C}, journal = cacm, year = 2022}\n@article{d, title = {D}, journal = jacm, year = 2023}\n@string{jacm = "Journal of the ACM, here"}\n',
    },
  },
  {
    name: 'terms misspelt, undefined, redefined and in the wrong unit',
    files: {
      'terms.md': `# Abstract

IL6 and Stat3 rise. CRP rises before it is defined. Serum IL-6 was 12 mg/L, 5 pg/L, 3 nmol/L and 4 ng/L; CEA was 5 ng/L.
Serum CEA was 3 nmol/L in all.

Serum CEA was 5 pg/µL in all.

The gp130 chain. Cancer-associated fibroblasts (CAFs) matter. TGF-beta too.

# Introduction

Interleukin-6 (IL-6) is defined here, and interleukin-6 (IL-6) again. Later, C-reactive protein (CRP) is defined.
EMT and CAF and NK cells and MDSCs and Tregs and IFN-γ and JAK2 and NF-κB and sIL-6R.
白细胞介素6（IL-6）在中文里。
`,
    },
  },
  {
    name: 'a user glossary with errors',
    files: {
      'g.md':
        '---\nglossary: [my.glossary.yaml, bad.glossary.json, broken.glossary.yaml]\n---\nHIF-1a and HIF-1α and HIF1a, and Tumour hypoxia, [1]. ABC and XYZ.\n',
      'my.glossary.yaml': `terms:
  - id: hif-1a
    canonical: HIF-1α
    name: { en: hypoxia-inducible factor 1-alpha, zh: 缺氧诱导因子1α }
    aliases: [HIF1a]
    variants: [HIF1a, HIF-1a]
    abbreviation: true
    category: protein
    references: [1, 2]
    related: [il-6]
    definition: { en: A transcription factor that responds to low oxygen. }
  - id: hif-1a
    canonical: HIF-1alpha
  - id: abc
    canonical: ABC
    name: { en: abc }
    abbreviation: true
  - id: xyz
    canonical: XYZ
    abbreviation: true
  - id: hypoxia
    canonical: Tumour hypoxia
    aliases: [HIF-1a]
    category: process
`,
      'bad.glossary.json': JSON.stringify(
        {
          version: 'one',
          terms: [
            { id: 'Bad Id', canonical: '', category: 'planet', extra: 1, aliases: ['x', 'x'], abbreviation: 'yes', references: [0] },
            { canonical: 'No id' },
            5,
          ],
        },
        null,
        2,
      ),
      'broken.glossary.yaml': 'terms: [unclosed\n',
    },
  },
];
