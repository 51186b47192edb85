/**
 * The placeholder kinds of the Simplified Chinese catalogs: the English phrases the checks
 * put inside their messages (a scope, why a file cannot be read, a list of missing fields,
 * an English plural `s`...), each with its Chinese. Terminology follows the client's bundle
 * (l10n/bundle.l10n.zh-cn.json): 引文 citation, 参考文献 references, 文献条目 entry,
 * 前置元数据 front matter, 内置文献库 the built-in corpus, 格式 style.
 */
import { listOf, oneOf, oneOfTemplates, VERBATIM, type PhraseKind, type PhraseKinds } from './template';

/** A number written in digits, where a placeholder must not run over other text. */
const count: PhraseKind = { source: '\\d+', translate: (text) => text };

/** An English plural ending: nothing in Chinese. */
const plural = oneOf({ '': '', s: '' });

/** Why a file could not be read: the end of a sentence "Bibliography 'x.bib' ..." (node/regularFile.ts and the default). */
const readError = oneOfTemplates(
  [
    ['was not found or cannot be read', '未找到或无法读取'],
    ['was not found', '未找到'],
    ['is a symbolic link loop, not a regular file', '是循环的符号链接，不是普通文件'],
    ['cannot be read (permission denied)', '无法读取（没有权限）'],
    ['is a device or socket that cannot be opened, not a regular file', '是无法打开的设备或套接字，不是普通文件'],
    ['is {0|fileKind}, not a regular file', '是{0}，不是普通文件'],
    ['is {0} MB, over the {1} MB limit ({2})', '大小为 {0} MB，超过了 {1} MB 的上限（{2}）'],
    ['cannot be read ({0})', '无法读取（{0}）'],
  ],
  {
    fileKind: oneOf({
      'a FIFO': '命名管道（FIFO）',
      'a directory': '目录',
      'a character device': '字符设备',
      'a block device': '块设备',
      'a socket': '套接字',
      'not a file': '非文件对象',
    }),
  },
);

/** How a built-in entry is identified. */
const status = oneOf({ certain: '确定', probable: '很可能', candidate: '仅有候选文献', unknown: '未知' });

/** Why two entries are the same work (bibliography/checks.ts). */
const sameWork = oneOfTemplates([
  ['same DOI {0}', 'DOI 相同（{0}）'],
  [
    'same title and year; their DOIs differ ({0}, {1}): a preprint and its published version?',
    '标题和年份相同，但 DOI 不同（{0}，{1}）：是预印本与正式发表的版本吗？',
  ],
  ['same title and year', '标题和年份相同'],
]);

/** Where a cited key is defined, joined by " and in ". */
const places = listOf(
  ' and in ',
  '、',
  oneOfTemplates([
    ["'{0}' (setting)", '“{0}”（设置）'],
    ['the front matter references', '前置元数据的 references'],
    ["'{0}'", '“{0}”'],
  ]),
);

/** Fields an entry lacks for a reference list, joined by ", no ". */
const missingFields = listOf(
  ', no ',
  '、',
  oneOf({ title: '标题', year: '年份', 'journal (container-title)': '期刊（container-title）', author: '作者' }),
);

/** Fields a built-in entry's public records do not show. */
const unseenFields = listOf(
  ', ',
  '、',
  oneOf({
    title: '标题',
    authors: '作者',
    'journal or book': '期刊或书名',
    year: '年份',
    "the other authors and the first author's given names (only the first author's surname was seen)":
      '其他作者与第一作者的名（只见到第一作者的姓）',
  }),
);

/** The counts of a document that mixes citation styles. */
const citationCounts = oneOfTemplates([['{0} key citation{1|plural}, {2} numeric citation{3|plural}', '键引文 {0} 处，数字引文 {2} 处']], {
  plural,
});

/** Which of two mixed styles a citation belongs to. */
const minorityStyle = oneOf({ 'the style that appears second': '后出现的那种引文方式', 'the less used style': '用得较少的那种引文方式' });

/** The numbered list a number is checked against. */
const numberedList = oneOfTemplates([
  ['the built-in corpus (references 1-{0})', '内置文献库（参考文献 1-{0}）'],
  ["this document's reference list (1-{0})", '本文档的参考文献列表（1-{0}）'],
]);

/** A list of keys, cut after ten. */
const keyList = oneOfTemplates([
  ['{0}, and {1} more', '{0} 等，另有 {1} 个'],
  ['{0}', '{0}'],
]);

/** The abbreviation scopes of terms/checks.ts. */
const scope = oneOf({ 'in the abstract': '摘要', 'in the main text': '正文' });

/** The tail of an undefined-abbreviation message pointing at the later definition. */
const laterDefinition = oneOfTemplates([
  ['', ''],
  [' Its definition comes later, at line {0}.', '其定义出现在后面的第 {0} 行。'],
]);

/** Units joined by " or ". */
const units = listOf(' or ', ' 或 ', VERBATIM);

/** The kinds of concentration of terms/unitChecks.ts. */
const concentration = oneOf({
  'a mass concentration': '质量浓度',
  'a molar concentration': '摩尔浓度',
  'an activity concentration': '活性浓度',
});

/** What a conversion converts (citations/commands/convert.ts). */
const citationKind = oneOf({ 'numeric citation': '数字引文', 'key citation': '键引文' });

/** What a conversion left alone. */
const skipped = oneOfTemplates([
  ['', ''],
  [
    '; {0} left as they were (not every work in them maps, or they carry a locator or are in-text)',
    '；{0} 处保持不变（其中并非每篇文献都能对应，或带有定位信息，或为文内引文）',
  ],
  ['; {0} left as they were (not every work in them maps)', '；{0} 处保持不变（其中并非每篇文献都能对应）'],
]);

/** Where in a glossary a schema error is (terms/glossaryErrors.ts describePath). */
const glossaryPath = oneOfTemplates([
  ['Glossary', '术语表'],
  ["Term '{0}', {1}", '术语“{0}”的 {1}'],
  ["Term '{0}'", '术语“{0}”'],
  ['Term {0}, {1}', '第 {0} 个术语的 {1}'],
  ['Term {0}', '第 {0} 个术语'],
  ['{0}', '{0}'],
]);

/** What is wrong with a glossary value (terms/glossaryErrors.ts describeError). */
const schemaError = oneOfTemplates(
  [
    ["'{0}' is required", '缺少必填项“{0}”'],
    ["unknown property '{0}'", '未知属性“{0}”'],
    ['must be one of: {0}', '必须是以下之一：{0}'],
    ['must be at least {0}', '不能小于 {0}'],
    ['must be {0|jsonType}', '必须是{0}'],
    ['must be {0}', '必须是 {0}'],
    [
      "an id uses lower-case letters, digits, '-', '_' or '.', starting with a letter or digit",
      'id 只能由小写字母、数字、“-”“_”或“.”组成，并以字母或数字开头',
    ],
    ['must contain a non-space character', '必须包含非空白字符'],
    ['must not be empty', '不能为空'],
    ['repeats an earlier item', '与前面的某一项重复'],
    ['is not valid', '无效'],
  ],
  {
    jsonType: oneOf({
      'an object': '对象',
      'a list': '列表',
      'a string': '字符串',
      'true or false': 'true 或 false',
      'a whole number': '整数',
      'a number': '数字',
    }),
  },
);

/** The kinds the message catalog's placeholders name. */
export const MESSAGE_KINDS: PhraseKinds = {
  plural,
  readError,
  status,
  sameWork,
  places,
  missingFields,
  citationCounts,
  minorityStyle,
  numberedList,
  keyList,
  scope,
  laterDefinition,
  units,
  concentration,
  citationKind,
  skipped,
  glossaryPath,
  schemaError,
};

/** The glossary's categories (terms/termCard.ts), as the term card names them. */
const category = oneOf({
  cytokine: '细胞因子',
  receptor: '受体',
  'signalling molecule': '信号分子',
  'signalling pathway': '信号通路',
  gene: '基因',
  protein: '蛋白质',
  'cell type': '细胞类型',
  'biological process': '生物学过程',
  disease: '疾病',
  'clinical measure': '临床指标',
  biomarker: '生物标志物',
  drug: '药物',
  'experimental compound': '实验化合物',
  vaccine: '疫苗',
  statistic: '统计指标',
  'staging system': '分期系统',
  microRNA: '微小RNA',
  term: '术语',
});

/** The kinds the hover catalog's placeholders name. */
export const HOVER_KINDS: PhraseKinds = {
  plural,
  status,
  unseenFields,
  category,
  abbreviationNote: oneOf({ '': '', ' · abbreviation: spell out at first use': ' · 缩写，首次出现时需给出全称' }),
  lineList: oneOfTemplates([
    ['', ''],
    [' (line {0})', '（第 {0} 行）'],
    [' (lines {0})', '（第 {0} 行）'],
  ]),
  styleNote: oneOfTemplates([
    ['', ''],
    [' *Style: {0}.*', ' *格式：{0}。*'],
  ]),
  listRange: oneOfTemplates([
    ['', ''],
    [' (1-{0})', '（1-{0}）'],
  ]),
  candidateNote: oneOfTemplates([
    ['', ''],
    ['; {0}', '；{0}'],
  ]),
  moreReferences: oneOfTemplates(
    [
      ['', ''],
      [' and {0|count} more', ' 等另外 {0} 篇'],
    ],
    { count },
  ),
};
