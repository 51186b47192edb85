/**
 * Units of the wrong dimension (`term.unit-dimension`) and comparisons before values, on the
 * review's own sentence (`CRP< 5 ml/L`, a volume ratio where a mass concentration is meant)
 * and on short sentences: each case is `code | value as flagged | the line after the fix`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyEdits, textInRange } from './util/edits';
import { CORPUS_SOURCES_ROOT, fixture } from './util/fixture';

const UNIT_CODES = ['term.unit', 'term.unit-dimension'];

/** The unit finding of a text as `code | value | fixed line` (`-` when there is no fix), or `none`. */
async function check(text: string): Promise<string> {
  const f = fixture(text, { diagnostics: { 'term.undefined-abbreviation': 'off' } });
  const found = (await f.service.diagnostics({ uri: f.uri, text: f.text })).filter((d) => UNIT_CODES.includes(String(d.code)));
  if (found.length === 0) return 'none';
  assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
  const [d] = found;
  const actions = await f.service.codeActions({ uri: f.uri, text: f.text }, d.range, { diagnostics: [d] });
  const fix = actions.find((a) => UNIT_CODES.includes(String(a.diagnostics?.[0]?.code)));
  const fixed = fix ? applyEdits(f.text, fix.edit!.changes![f.uri]).split('\n')[d.range.start.line] : '-';
  return `${String(d.code)} | ${textInRange(f.text, d.range)} | ${fixed}`;
}

/** The two lines of the review that hold `ml/L`, as the review's text has them (a line break after "(CRP"). */
function reviewLines(): string {
  const seed = readFileSync(path.join(CORPUS_SOURCES_ROOT, 'review-text.zh.txt'), 'utf8');
  const at = seed.indexOf('ml/L');
  const start = seed.lastIndexOf('\n', seed.lastIndexOf('\n', at) - 1) + 1;
  return seed.slice(start, seed.indexOf('\n', at) + 1);
}

test("the review's `CRP< 5 ml/L`: a volume ratio for a mass concentration, mg/L suggested and offered", async () => {
  const text = reviewLines();
  assert.match(text, /Chang PH 等人对血清 CRP 水平低\(CRP \n< 5 ml\/L\)的患者单独分析时/);
  assert.equal(
    await check(text),
    'term.unit-dimension | < 5 ml/L | < 5 mg/L)的患者单独分析时，IL-6 水平对 PFSR (无进展生存期率)的预测性反而更加显著，或许与当患者',
  );
  const f = fixture(text);
  const [d] = (await f.service.diagnostics({ uri: f.uri, text: f.text })).filter((x) => x.code === 'term.unit-dimension');
  assert.equal(
    d.message,
    "'ml/L' in '< 5 ml/L' is a volume ratio, which cannot measure CRP (a mass concentration, conventionally in mg/L or mg/dL): 'mg/L' is likely meant.",
  );
  assert.equal(d.severity, 2);
});

test('units of the wrong dimension: the likely unit as a fix only when it is a conventional one', async () => {
  const table: [string, string][] = [
    ['CRP< 5 ml/L', 'term.unit-dimension | < 5 ml/L | CRP< 5 mg/L'],
    ['CRP was 0.8 ml/dL at baseline.', 'term.unit-dimension | 0.8 ml/dL | CRP was 0.8 mg/dL at baseline.'],
    ['血清 CRP 水平为 12 mL/L。', 'term.unit-dimension | 12 mL/L | 血清 CRP 水平为 12 mg/L。'],
    // mg/L would be implausible for IL-6: no unit is likely enough to write.
    ['IL-6 > 7 ml/L', 'term.unit-dimension | > 7 ml/L | -'],
    // Volumes alone are sample sizes, not values of the analyte.
    ['CRP was measured in 5 mL of serum.', 'none'],
    ['IL-6 (50 ml/L) was added to the culture medium.', 'none'],
    ['IL-6 and CRP were 12 pg/mL and 5 ml/L, respectively.', 'none'],
  ];
  for (const [text, expected] of table) assert.equal(await check(`${text}\n`), expected, text);
});

test('comparisons before a value are part of the value', async () => {
  const table: [string, string][] = [
    ['IL-6 > 7 pg/mL in 40 patients.', 'none'],
    ['IL-6 > 7 mg/L', 'term.unit | > 7 mg/L | -'],
    ['CRP< 5 pg/mL', 'term.unit | < 5 pg/mL | -'],
    ['CEA ≤ 5 ng/L', 'term.unit | ≤ 5 ng/L | CEA ≤ 0.005 ng/mL'],
    ['CEA <=5 ng/L', 'term.unit | <=5 ng/L | CEA <=0.005 ng/mL'],
    ['CEA ~ 5 ng/L', 'term.unit | ~ 5 ng/L | CEA ~ 0.005 ng/mL'],
    ['CEA ≈5 ng/L', 'term.unit | ≈5 ng/L | CEA ≈0.005 ng/mL'],
    ['CEA ≥ 5 ng/L', 'term.unit | ≥ 5 ng/L | CEA ≥ 0.005 ng/mL'],
    // A comparison binds the value to the analyte just before it, even after a list of analytes.
    ['血清 IL-6 与 CRP 水平低(CRP < 5 pg/mL)的患者', 'term.unit | < 5 pg/mL | -'],
    // Without one, a list of analytes leaves the value unread.
    ['血清 IL-6 与 CRP 水平为 5 pg/mL 的患者', 'none'],
  ];
  for (const [text, expected] of table) assert.equal(await check(`${text}\n`), expected, text);
});

test('the message quotes the comparison with the value', async () => {
  const f = fixture('CEA ≤ 5 ng/L\n', { diagnostics: { 'term.undefined-abbreviation': 'off' } });
  const [d] = (await f.service.diagnostics({ uri: f.uri, text: f.text })).filter((x) => x.code === 'term.unit');
  assert.equal(d.message, "CEA is conventionally reported in ng/mL or μg/L, not ng/L; '≤ 5 ng/L' is '≤ 0.005 ng/mL'.");
});
