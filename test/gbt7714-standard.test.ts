/**
 * The built-in GB/T 7714-2015 style (the CSL project's official file) on the standard's own
 * printed examples: each row is an example of GB/T 7714-2015 as CSL-JSON, with the clause
 * it is printed under and the printed form. Only examples whose printed form is known
 * with certainty are used. Where the style's output differs from the printed form, the row
 * records the style's output and why (`differs`), so the test fails when either changes:
 * a known difference is written down, never passed over.
 *
 * Clauses: 4.1 专著, 4.2 专著中的析出文献, 4.4 连续出版物中的析出文献, 4.5 专利文献,
 * 4.6 电子资源 (each clause's 示例), A = 附录A (顺序编码制参考文献表著录格式示例).
 * Where the standard prints "等"/"et al." after three authors, the CSL item needs a fourth
 * author the example does not print: it is the placeholder NOT_PRINTED, never shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CslItem } from '../server/src/core/bibliography/parse';
import { renderReference } from '../server/src/core/bibliography/render';

const NOT_PRINTED = { literal: 'NOT_PRINTED (a further author the example does not print)' };
const person = (family: string, given?: string) => (given ? { family, given } : { family });
const org = (literal: string) => ({ literal });
const date = (...parts: number[]) => ({ 'date-parts': [parts] });

interface Row {
  readonly clause: string;
  readonly item: Omit<CslItem, 'id'>;
  /** As GB/T 7714-2015 prints it. */
  readonly printed: string;
  /** When the style writes something else: what it writes, and why. */
  readonly differs?: { readonly output: string; readonly why: string };
}

const ROWS: Row[] = [
  {
    clause: '4.1',
    item: {
      type: 'book',
      author: [person('陈', '登原')],
      title: '国史旧闻',
      volume: '1',
      'publisher-place': '北京',
      publisher: '中华书局',
      issued: date(2000),
      page: '29',
    },
    printed: '陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.',
    differs: {
      output: '陈登原. 国史旧闻: 卷 1[M]. 北京: 中华书局, 2000: 29.',
      why: 'the style writes a numeric volume as its label and number, "卷 1", not "第1卷"',
    },
  },
  {
    clause: '4.1',
    item: {
      type: 'book',
      author: [person('哈里森'), person('沃尔德伦')],
      title: '经济数学与金融数学',
      translator: [person('谢', '远涛')],
      'publisher-place': '北京',
      publisher: '中国人民大学出版社',
      issued: date(2012),
      page: '235-236',
    },
    printed: '哈里森, 沃尔德伦. 经济数学与金融数学[M]. 谢远涛, 译. 北京: 中国人民大学出版社, 2012: 235-236.',
  },
  {
    clause: '4.1',
    item: {
      type: 'standard',
      author: [org('全国信息与文献标准化技术委员会')],
      title: '文献著录: 第4部分 非书资料',
      number: 'GB/T 3792.4—2009',
      'publisher-place': '北京',
      publisher: '中国标准出版社',
      issued: date(2010),
      page: '3',
    },
    printed: '全国信息与文献标准化技术委员会. 文献著录: 第4部分 非书资料: GB/T 3792.4—2009[S]. 北京: 中国标准出版社, 2010: 3.',
  },
  {
    clause: '4.1',
    item: {
      type: 'paper-conference',
      author: [person('牛', '志明'), person('斯温兰德'), person('雷', '光春')],
      title: '综合湿地管理国际研讨会论文集',
      'publisher-place': '北京',
      publisher: '海洋出版社',
      issued: date(2012),
    },
    printed: '牛志明, 斯温兰德, 雷光春. 综合湿地管理国际研讨会论文集[C]. 北京: 海洋出版社, 2012.',
  },
  {
    clause: '4.1',
    item: {
      type: 'thesis',
      author: [person('杨', '保军')],
      title: '新闻道德论',
      'publisher-place': '北京',
      publisher: '中国人民大学',
      issued: date(2010),
      accessed: date(2014, 6, 11),
      URL: 'http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=book.detail&metaid=m.20101104-BPO-889-1023&cult=CN',
    },
    printed:
      '杨保军. 新闻道德论[D/OL]. 北京: 中国人民大学, 2010[2014-06-11]. http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=book.detail&metaid=m.20101104-BPO-889-1023&cult=CN.',
  },
  {
    clause: '4.1',
    item: {
      type: 'book',
      language: 'en',
      author: [person('Rood', 'H. J.')],
      title: 'Logic and structured design for computer programmers',
      edition: '3',
      publisher: 'Brooks/Cole-Thomson Learning',
      issued: date(2001),
    },
    printed: 'ROOD H J. Logic and structured design for computer programmers[M]. 3rd ed. [S.l.]: Brooks/Cole-Thomson Learning, 2001.',
    differs: {
      output: 'ROOD H J. Logic and structured design for computer programmers[M]. 3rd ed. Brooks/Cole-Thomson Learning, 2001.',
      why: 'the style leaves out a missing place of publication; the standard writes [S.l.] (8.4)',
    },
  },
  {
    clause: '4.2',
    item: {
      type: 'chapter',
      author: [person('程', '根伟')],
      title: '1998年长江洪水的成因与减灾对策',
      editor: [person('许', '厚泽'), person('赵', '其国')],
      'container-title': '长江流域洪涝灾害与科技对策',
      'publisher-place': '北京',
      publisher: '科学出版社',
      issued: date(1999),
      page: '32-36',
    },
    printed: '程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽, 赵其国. 长江流域洪涝灾害与科技对策. 北京: 科学出版社, 1999: 32-36.',
  },
  {
    clause: '4.2',
    item: {
      type: 'chapter',
      author: [person('陈', '晋镳'), person('张', '惠民'), person('朱', '士兴'), NOT_PRINTED],
      title: '蓟县震旦亚界研究',
      editor: [org('中国地质科学院天津地质矿产研究所')],
      'container-title': '中国震旦亚界',
      'publisher-place': '天津',
      publisher: '天津科学技术出版社',
      issued: date(1980),
      page: '56-114',
    },
    printed:
      '陈晋镳, 张惠民, 朱士兴, 等. 蓟县震旦亚界研究[M]//中国地质科学院天津地质矿产研究所. 中国震旦亚界. 天津: 天津科学技术出版社, 1980: 56-114.',
  },
  {
    clause: '4.2',
    item: {
      type: 'paper-conference',
      author: [person('钟', '文发')],
      title: '非线性规划在可燃毒物配置中的应用',
      editor: [person('赵', '玮')],
      'container-title': '运筹学的理论与应用: 中国运筹学会第五届大会论文集',
      'publisher-place': '西安',
      publisher: '西安电子科技大学出版社',
      issued: date(1996),
      page: '468-471',
    },
    printed:
      '钟文发. 非线性规划在可燃毒物配置中的应用[C]//赵玮. 运筹学的理论与应用: 中国运筹学会第五届大会论文集. 西安: 西安电子科技大学出版社, 1996: 468-471.',
  },
  {
    clause: '4.2',
    item: {
      type: 'chapter',
      language: 'en',
      author: [person('Weinstein', 'L.'), person('Swertz', 'M. N.')],
      title: 'Pathogenic properties of invading microorganism',
      editor: [{ family: 'Sodeman', given: 'W. A.', suffix: 'Jr.' }, person('Sodeman', 'W. A.')],
      'container-title': 'Pathologic physiology: mechanisms of disease',
      'publisher-place': 'Philadelphia',
      publisher: 'Saunders',
      issued: date(1974),
      page: '745-772',
    },
    printed:
      'WEINSTEIN L, SWERTZ M N. Pathogenic properties of invading microorganism[M]//SODEMAN W A, Jr., SODEMAN W A. Pathologic physiology: mechanisms of disease. Philadelphia: Saunders, 1974: 745-772.',
    differs: {
      output:
        'WEINSTEIN L, SWERTZ M N. Pathogenic properties of invading microorganism[M]//SODEMAN W A Jr, SODEMAN W A. Pathologic physiology: mechanisms of disease. Philadelphia: Saunders, 1974: 745-772.',
      why: 'citeproc writes a name suffix as "W A Jr", the standard "W A, Jr."',
    },
  },
  {
    clause: '4.4',
    item: {
      type: 'article-journal',
      author: [person('袁', '训来'), person('陈', '哲'), person('肖', '书海'), NOT_PRINTED],
      title: '蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口',
      'container-title': '科学通报',
      issued: date(2012),
      volume: '55',
      issue: '34',
      page: '3219',
    },
    printed: '袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. 科学通报, 2012, 55(34): 3219.',
  },
  {
    clause: '4.4',
    item: {
      type: 'article-newspaper',
      author: [person('余', '建斌')],
      title: '我们的科技一直在追赶: 访中国工程院院长周济',
      'container-title': '人民日报',
      issued: date(2013, 1, 12),
      page: '2',
      accessed: date(2013, 3, 20),
      URL: 'http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm',
    },
    printed:
      '余建斌. 我们的科技一直在追赶: 访中国工程院院长周济[N/OL]. 人民日报, 2013-01-12(2)[2013-03-20]. http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm.',
  },
  {
    clause: '4.4',
    item: {
      type: 'article-journal',
      language: 'en',
      author: [person('Kanamori', 'H.')],
      title: 'Shaking without quaking',
      'container-title': 'Science',
      issued: date(1998),
      volume: '279',
      issue: '5359',
      page: '2063',
    },
    printed: 'KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063.',
  },
  {
    clause: '4.4',
    item: {
      type: 'article-journal',
      language: 'en',
      author: [person('Frese', 'K. S.'), person('Katus', 'H. A.'), person('Meder', 'B.')],
      title: 'Next-generation sequencing: from understanding biology to personalized medicine',
      'container-title': 'Biology',
      issued: date(2013),
      volume: '2',
      issue: '1',
      page: '378-398',
      accessed: date(2013, 3, 19),
      URL: 'http://www.mdpi.com/2079-7737/2/1/378',
      DOI: '10.3390/biology2010378',
    },
    printed:
      'FRESE K S, KATUS H A, MEDER B. Next-generation sequencing: from understanding biology to personalized medicine[J/OL]. Biology, 2013, 2(1): 378-398[2013-03-19]. http://www.mdpi.com/2079-7737/2/1/378. DOI:10.3390/biology2010378.',
  },
  {
    clause: '4.4',
    item: {
      type: 'article-journal',
      language: 'en',
      author: [person('Myburg', 'A. A.'), person('Grattapaglia', 'D.'), person('Tuskan', 'G. A.'), NOT_PRINTED],
      title: 'The genome of Eucalyptus grandis',
      'container-title': 'Nature',
      issued: date(2014),
      volume: '510',
      page: '356-362',
      'available-date': date(2014, 6, 19),
      accessed: date(2014, 6, 25),
      URL: 'http://www.nature.com/nature/journal/v510/n7505/pdf/nature13308.pdf',
      DOI: '10.1038/nature13308',
    },
    printed:
      'MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al. The genome of Eucalyptus grandis[J/OL]. Nature, 2014, 510: 356-362(2014-06-19)[2014-06-25]. http://www.nature.com/nature/journal/v510/n7505/pdf/nature13308.pdf. DOI:10.1038/nature13308.',
    differs: {
      output:
        'MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al. The genome of Eucalyptus grandis[J/OL]. Nature, 2014, 510: 356-362[2014-06-25]. http://www.nature.com/nature/journal/v510/n7505/pdf/nature13308.pdf. DOI:10.1038/nature13308.',
      why: 'the style has no place for the online publication date "(2014-06-19)" after the pages',
    },
  },
  {
    clause: '4.5',
    item: { type: 'patent', author: [person('邓', '一刚')], title: '全智能节电器', number: '200610171314.3', issued: date(2006, 12, 13) },
    printed: '邓一刚. 全智能节电器: 200610171314.3[P]. 2006-12-13.',
  },
  {
    clause: '4.5',
    item: {
      type: 'patent',
      author: [org('西安电子科技大学')],
      title: '光折变自适应光外差探测方法',
      number: '01128777.2',
      issued: date(2002, 3, 6),
      accessed: date(2002, 5, 28),
      URL: 'http://211.152.9.47/sipoasp/zljs/hyjs-yx-new.asp?recid=01128777.2&leixin=0',
    },
    printed:
      '西安电子科技大学. 光折变自适应光外差探测方法: 01128777.2[P/OL]. 2002-03-06[2002-05-28]. http://211.152.9.47/sipoasp/zljs/hyjs-yx-new.asp?recid=01128777.2&leixin=0.',
  },
  {
    clause: '4.6',
    item: {
      type: 'report',
      author: [org('中国互联网络信息中心')],
      title: '第29次中国互联网络发展状况统计报告',
      issued: date(2012, 1, 16),
      accessed: date(2013, 3, 26),
      URL: 'http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.pdf',
    },
    printed:
      '中国互联网络信息中心. 第29次中国互联网络发展状况统计报告[R/OL]. (2012-01-16)[2013-03-26]. http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.pdf.',
  },
  {
    clause: '4.6',
    item: {
      type: 'webpage',
      author: [person('萧', '钰')],
      title: '出版业信息化迈入快车道',
      issued: date(2001, 12, 19),
      accessed: date(2002, 4, 15),
      URL: 'http://www.creader.com/news/20011219/200112190019.html',
    },
    printed: '萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.',
  },
  {
    clause: '4.6',
    item: {
      type: 'webpage',
      language: 'en',
      author: [person('Hopkinson', 'A.')],
      title: 'UNIMARC and metadata: Dublin Core',
      issued: date(2009, 4, 22),
      accessed: date(2013, 3, 27),
      URL: 'http://archive.ifla.org/IV/ifla64/138-161e.htm',
    },
    printed:
      'HOPKINSON A. UNIMARC and metadata: Dublin Core[EB/OL]. (2009-04-22)[2013-03-27]. http://archive.ifla.org/IV/ifla64/138-161e.htm.',
  },
  {
    clause: 'A',
    item: {
      type: 'article-newspaper',
      author: [person('丁', '文祥')],
      title: '数字革命与竞争国际化',
      'container-title': '中国青年报',
      issued: date(2000, 11, 20),
      page: '15',
    },
    printed: '丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).',
  },
  {
    clause: 'A',
    item: {
      type: 'book',
      author: [person('昂温', 'G.'), person('昂温', 'P. S.')],
      title: '外国出版史',
      translator: [person('陈', '生铮')],
      'publisher-place': '北京',
      publisher: '中国书籍出版社',
      issued: date(1988),
    },
    printed: '昂温 G, 昂温 P S. 外国出版史[M]. 陈生铮, 译. 北京: 中国书籍出版社, 1988.',
  },
  {
    clause: 'A',
    item: {
      type: 'report',
      language: 'en',
      author: [org('World Health Organization')],
      title: 'Factors regulating the immune response: report of WHO Scientific Group',
      'publisher-place': 'Geneva',
      publisher: 'WHO',
      issued: date(1970),
    },
    printed: 'World Health Organization. Factors regulating the immune response: report of WHO Scientific Group[R]. Geneva: WHO, 1970.',
    differs: {
      output: 'WORLD HEALTH ORGANIZATION. Factors regulating the immune response: report of WHO Scientific Group[R]. Geneva: WHO, 1970.',
      why: 'the style capitalises an organisation author like a family name; the standard keeps its case',
    },
  },
];

ROWS.forEach((row, i) => {
  test(`GB/T 7714-2015 ${row.clause} example: ${row.printed.slice(0, 40)}…`, () => {
    const output = renderReference({ id: `gbt-example-${i + 1}`, ...row.item } as CslItem, 'gb-t-7714-2015');
    if (row.differs) {
      assert.notEqual(row.differs.output, row.printed, 'a recorded difference must differ from the printed form');
      assert.equal(output, row.differs.output, `known difference (${row.differs.why}) changed`);
    } else {
      assert.equal(output, row.printed);
    }
  });
});

test('GB/T 7714-2015 examples: at least 15, each with its clause; the known differences are few and named', () => {
  assert.ok(ROWS.length >= 15);
  for (const row of ROWS) assert.match(row.clause, /^(?:4\.[1-6]|8(?:\.\d+)+|A)$/);
  const differing = ROWS.filter((r) => r.differs);
  console.log(
    `GB/T 7714-2015 examples: ${ROWS.length}; printed form reproduced: ${ROWS.length - differing.length}; known differences: ${differing.length}`,
  );
  for (const row of differing) console.log(`  ${row.clause}: ${row.differs!.why}`);
});
