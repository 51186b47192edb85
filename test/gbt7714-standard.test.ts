/**
 * The built-in GB/T 7714-2015 style (the CSL project's official file, unmodified) on the
 * standard's own examples, as a table: each row renders one example's CSL-JSON input through
 * the real render path and compares it with the example's printed form.
 *
 * - Inputs: `test/fixtures/gbt7714/examples.json`, items of zotero-chinese/styles
 *   `tests/default-data.json` (commit 3fabca38, CC BY-SA 3.0), ids kept: `gbt7714.04.1.2:01`
 *   is clause 4.1.2, example [1]; `gbt7714.A.07:02` is appendix A.7, example [2].
 * - Printed forms: transcribed from a copy of the standard's examples, zepinglee/gbt7714-bibtex-style
 *   `test.txt` (commit 4e3a58ab), a journal's author guide that quotes clauses 4, 9.1 and
 *   appendix A. Its PDF-extraction artefacts (spaces inside URLs, a missing or doubled space
 *   after "." or "，") are removed; where the copy or another quotation disagrees with the
 *   input, the row says so (`copy`). See `test/fixtures/gbt7714/README.md`.
 *
 * Every row is one of:
 * - `exact`: the style writes the printed form;
 * - `punctuation`: equal after {@link halfWidthPunctuation}, the one named normalisation. The
 *   standard prints Chinese entries (and, in this copy, all entries) with full-width `：，（）`;
 *   the CSL style writes half-width `: `, `, `, `(`, `)`. A known difference of the style;
 * - a recorded difference: the exact output the style gives today and why, each reason one
 *   of `style` (a limitation of the CSL style or of CSL) or `input` (the input data says
 *   something else than the printed example). The row fails when the output changes, so a
 *   change is noticed; no row is skipped.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CslItem } from '../server/src/core/bibliography/parse';
import { renderReference } from '../server/src/core/bibliography/render';
import { FIXTURES_ROOT } from './util/fixture';

const examples = JSON.parse(readFileSync(path.join(FIXTURES_ROOT, 'gbt7714/examples.json'), 'utf8')) as CslItem[];

/**
 * The one normalisation: the standard's full-width `：，（）` as the half-width forms the CSL
 * style writes, `: `, `, `, `(`, `)`. Applied to the printed form only; nothing else changes.
 */
function halfWidthPunctuation(printed: string): string {
  return printed.replace(/：/g, ': ').replace(/，/g, ', ').replace(/（/g, '(').replace(/）/g, ')');
}

type Reason = { readonly kind: 'style' | 'input'; readonly what: string };

interface Row {
  /** The zotero-chinese id of the input item: clause and example number. */
  readonly id: string;
  /** As the copy of the standard prints it (artefacts removed). */
  readonly printed: string;
  /** Where the copy's text was corrected or a quotation disagrees, and which reading is used. */
  readonly copy?: string;
  /** How the style's output compares; for a difference, the output it gives and why. */
  readonly result: 'exact' | 'punctuation' | { readonly output: string; readonly reasons: readonly Reason[] };
}

const ORGANISATION_IN_CAPITALS: Reason = {
  kind: 'style',
  what: 'the style writes every name in capitals, an organisation too; the standard keeps an organisation as it is written (8.1.4)',
};
const DOI_WITHOUT_SPACE: Reason = {
  kind: 'style',
  what: 'the style writes "DOI:10…" with no space; the standard prints a full-width colon, "DOI：10…", which normalises to "DOI: 10…"',
};
const INPUT_SPACES: Reason = {
  kind: 'input',
  what: 'the input puts spaces between Han characters and Latin letters or digits, which the example does not print',
};
const INPUT_TITLE_CASE: Reason = {
  kind: 'input',
  what: 'the input capitalises the subtitle (as the work does); the example writes it in lower case',
};

const ROWS: readonly Row[] = [
  {
    id: 'gbt7714.04.1.2:01',
    printed: '陈登原. 国史旧闻：第1卷[M]. 北京：中华书局，2000：29.',
    result: { output: '陈登原. 国史旧闻: 第 1 卷[M]. 北京: 中华书局, 2000: 29.', reasons: [INPUT_SPACES] },
  },
  {
    id: 'gbt7714.04.1.2:02',
    printed: '哈里森，沃尔德伦. 经济数学与金融数学[M]. 谢远涛，译. 北京：中国人民大学出版社，2012：235-236.',
    result: {
      output: '哈里森·沃尔德伦. 经济数学与金融数学[M]. 谢远涛, 译. 北京: 中国人民大学出版社, 2012: 235-236.',
      reasons: [{ kind: 'input', what: 'the input has one author "哈里森·沃尔德伦"; the example prints two, 哈里森 and 沃尔德伦' }],
    },
  },
  {
    id: 'gbt7714.04.1.2:03',
    printed: '北京市政协民族和宗教委员会，北京联合大学民族与宗教研究所. 历代王朝与民族宗教[M]. 北京：民族出版社，2012：112.',
    copy: 'the copy has no space in "[M].北京"',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.1.2:04',
    printed: '全国信息与文献标准化技术委员会. 信息与文献  都柏林核心元数据元素集：GB/T 25100—2010[S]. 北京：中国标准出版社，2010：2-3.',
    result: {
      output: '全国信息与文献标准化技术委员会. 信息与文献 都柏林核心元数据元素集: GB/T 25100—2010[S]. 北京: 中国标准出版社, 2010: 2-3.',
      reasons: [
        {
          kind: 'input',
          what: 'the example separates "信息与文献" and "都柏林…" with a wide space (two spaces in the copy); the input has one',
        },
      ],
    },
  },
  { id: 'gbt7714.04.1.2:05', printed: '徐光宪，王祥云. 物质结构[M]. 北京：科学出版社，2010.', result: 'punctuation' },
  { id: 'gbt7714.04.1.2:06', printed: '顾炎武. 昌平山水记：京东考古录[M]. 北京：北京古籍出版社，1992.', result: 'punctuation' },
  {
    id: 'gbt7714.04.1.2:07',
    printed: '王夫之. 宋论[M]. 刻本. 金陵：湘乡曾国荃，1865（清同治四年）.',
    result: {
      output: '王夫之. 宋论[M]. 刻本. 金陵: 湘乡曾国荃, 1865.',
      reasons: [
        {
          kind: 'style',
          what: 'the year in another calendar, "(清同治四年)" (8.4), has no CSL variable: the input has 1865 only and the style writes no second year',
        },
      ],
    },
  },
  {
    id: 'gbt7714.04.1.2:11',
    printed:
      '赵学功. 当代美国外交[M/OL]. 北京：社会科学文献出版社，2001[2014-06-11]. http://www.cadal.zju.edu.cn/book/trySinglePage/33023884/1.',
    copy: 'a space inside the URL ("http://www. cadal") removed',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.1.2:12',
    printed:
      '同济大学土木工程防灾国家重点实验室. 汶川地震灾害研究[M/OL]. 上海：同济大学出版社，2011：5-6[2013-05-09]. http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=book.detail&metaid=m.20120406-YPT-889-0010.',
    copy: 'two spaces inside the URL removed',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.1.2:13',
    printed:
      '中国造纸学会. 中国造纸年鉴：2003[M/OL]. 北京：中国轻工业出版社，2003[2014-04-25]. http://www.cadal.zju.edu.cn/book/view/25010080.',
    copy: 'a space inside the URL ("http: //") removed',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.1.2:17',
    printed:
      'FAN X，SOMMERS C H. Food irradiation research and technology[M/OL]. 2nd ed. Ames, Iowa：Blackwell Publishing，2013：25-26[2014-06-26]. http://onlinelibrary.wiley.com/doi/10.1002/9781118422557.ch2/summary.',
    copy: 'spaces after "，" and inside the URL removed, the space after "2nd ed." restored',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.2.2:02',
    printed: '程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽，赵其国. 长江流域洪涝灾害与科技对策. 北京：科学出版社，1999：32-36.',
    result: {
      output: '程根伟. 1998 年长江洪水的成因与减灾对策[M]//许厚泽, 赵其国. 长江流域洪涝灾害与科技对策. 北京: 科学出版社, 1999: 32-36.',
      reasons: [INPUT_SPACES],
    },
  },
  {
    id: 'gbt7714.04.2.2:03',
    printed:
      '陈晋镳，张惠民，朱士兴，等. 蓟县震旦亚界研究[M]//中国地质科学院天津地质矿产研究所. 中国震旦亚界. 天津：天津科学技术出版社，1980：56-114.',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.2.2:04',
    printed: '马克思. 政治经济学批判[M]//马克思，恩格斯. 马克思恩格斯全集：第35卷. 北京：人民出版社，2013：302.',
    result: {
      output: '马克思. 政治经济学批判[M]//马克思, 恩格斯. 马克思恩格斯全集: 第 35 卷. 北京: 人民出版社, 2013: 302.',
      reasons: [INPUT_SPACES],
    },
  },
  {
    id: 'gbt7714.04.2.2:05',
    printed:
      '贾东琴，柯平. 面向数字素养的高校图书馆数字服务体系研究[C]//中国图书馆学会. 中国图书馆学会年会论文集：2011年卷. 北京：国家图书馆出版社，2011：45-52.',
    result: {
      output:
        '贾东琴, 柯平. 面向数字素养的高校图书馆数字服务体系研究[C]//中国图书馆学会. 中国图书馆学会年会论文集: 2011 年卷. 北京: 国家图书馆出版社, 2011: 45-52.',
      reasons: [INPUT_SPACES],
    },
  },
  {
    id: 'gbt7714.04.2.2:06',
    printed:
      'WEINSTEIN L，SWERTZ M N. Pathogenic properties of invading microorganism[M]//SODEMAN W A，Jr，SODEMAN W A. Pathologic physiology：mechanisms of disease. Philadelphia：Saunders，1974：745-772.',
    result: {
      output:
        'WEINSTEIN L, SWERTZ M N. Pathogenic properties of invading microorganism[M]//SODEMAN, JR W A, SODEMAN W A. Pathologic physiology: mechanisms of disease. Philadelphia: Saunders, 1974: 745-772.',
      reasons: [{ kind: 'input', what: 'the input writes the suffix inside the family name ("Sodeman, Jr"), not as a CSL `suffix`' }],
    },
  },
  {
    id: 'gbt7714.04.2.2:07',
    printed:
      'ROBERSON J A，BURNESON E G. Drinking water standards, regulations and goals[M/OL]//American Water Works Association. Water quality & treatment：a handbook on drinking water. 6th ed. New York：McGraw-Hill，2011：1.1-1.36[2012-12-10]. http://lib.myilibrary.com/Open.aspx?id=291430.',
    copy: 'stray spaces ("E G .", "// American", "6th ed.  New") removed',
    result: {
      output:
        'ROBERSON J A, BURNESON E G. Drinking water standards, regulations and goals[M/OL]//AMERICAN WATER WORKS ASSOCIATION. Water quality & treatment: a handbook on drinking water. 6th ed. New York: McGraw-Hill, 2011: 1.1-1.36[2012-12-10]. http://lib.myilibrary.com/Open.aspx?id=291430.',
      reasons: [ORGANISATION_IN_CAPITALS],
    },
  },
  {
    id: 'gbt7714.04.4.2:01',
    printed: '袁训来，陈哲，肖书海，等. 蓝田生物群：一个认识多细胞生物起源和早期演化的新窗口[J]. 科学通报，2012，57（34）：3219.',
    copy: 'other quotations of this example print volume 55; this copy and the input have 57 (57 is used). The copy has no space in "[J].科学通报"',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.4.2:02',
    printed:
      '余建斌. 我们的科技一直在追赶：访中国工程院院长周济[N/OL]. 人民日报，2013-01-12（2）[2013-03-20]. http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm.',
    copy: 'a space before "[2013-03-20]" and one inside the URL removed',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.4.2:03',
    printed: '李炳穆. 韩国图书馆法[J/OL]. 图书情报工作，2008，52（6）：6-12[2013-10-25]. http://www.docin.com/p-400265742.html.',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.4.2:04',
    printed:
      '李幼平，王莉. 循证医学研究方法：附视频[J/OL]. 中华移植杂志（电子版），2010，4（3）：225-228[2014-06-09]. http://www.cqvip.com/Read/Read.aspx?id=36658332.',
    copy: 'a space inside the URL ("aspx? id") removed',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.4.2:05',
    printed:
      '武丽丽，华一新，张亚军，等. “北斗一号”监控管理网设计与实现[J/OL]. 测绘科学，2008，33（5）：8-9[2009-10-25]. http://vip.calis.edu.cn/CSTJ/Sear.dll?OPAC_CreateDetail. DOI：10.3771/j.issn.1009-2307.2008.05.002.',
    copy: 'doubled spaces before the URL and the DOI removed',
    result: {
      output:
        '武丽丽, 华一新, 张亚军, 等. “北斗一号”监控管理网设计与实现[J/OL]. 测绘科学, 2008, 33(5): 8-9[2009-10-25]. http://vip.calis.edu.cn/CSTJ/Sear.dll?OPAC_CreateDetail. DOI:10.3771/j.issn.1009-2307.2008.05.002.',
      reasons: [DOI_WITHOUT_SPACE],
    },
  },
  {
    id: 'gbt7714.04.4.2:06',
    printed: 'KANAMORI H. Shaking without quaking[J]. Science，1998，279（5359）：2063.',
    result: {
      output: 'KANAMORI H. Shaking without quaking[J/OL]. Science, 1998, 279(5359): 2063. DOI:10.1126/science.279.5359.2063.',
      reasons: [
        {
          kind: 'input',
          what: 'the input has the article\'s DOI, which the example does not print; with a DOI the style writes [J/OL] and "DOI:…"',
        },
      ],
    },
  },
  {
    id: 'gbt7714.04.4.2:08',
    printed:
      'FRESE K S，KATUS H A，MEDER B. Next-generation sequencing：from understanding biology to personalized medicine[J/OL]. Biology，2013，2（1）：378-398[2013-03-19]. http://www.mdpi.com/2079-7737/2/1/378. DOI：10.3390/biology2010378.',
    copy: 'a space after "，" and two inside the URL removed',
    result: {
      output:
        'FRESE K S, KATUS H A, MEDER B. Next-generation sequencing: from understanding biology to personalized medicine[J/OL]. Biology, 2013, 2(1): 378-398[2013-03-19]. http://www.mdpi.com/2079-7737/2/1/378. DOI:10.3390/biology2010378.',
      reasons: [DOI_WITHOUT_SPACE],
    },
  },
  {
    id: 'gbt7714.04.5.2:01',
    printed: '邓一刚. 全智能节电器：200610171314.3[P]. 2006-12-13.',
    copy: 'the copy has no space in "[P].2006"',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.5.2:02',
    printed:
      '西安电子科技大学. 光折变自适应光外差探测方法：01128777.2[P/OL]. 2002-03-06[2002-05-28]. http://211.152.9.47/sipoasp/zljs/hyjs-yx-new.asp?recid=01128777.2&leixin=0.',
    copy: 'the copy has no space in "[P/OL].2002"',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.5.2:03',
    printed:
      'TACHIBANA R，SHIMIZU S，KOBAYSHI S，et al. Electronic watermarking method and system：US6915001[P/OL]. 2005-07-05[2013-11-11]. http://www.google.co.in/patents/US6915001.',
    copy: 'doubled spaces in the names, a missing one in "[P/OL].2005" and one inside the URL corrected',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.6.2:03',
    printed:
      'BAWDEN D. Origins and concepts of digital literacy[EB/OL]. （2008-05-04）[2013-03-08]. http://www.soi.city.ac.uk/~dbawden/digital%20literacy%20chapter.pdf.',
    copy: 'the copy has no space in "[EB/OL].（2008"',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.04.6.2:04',
    printed:
      'Online Computer Library Center, Inc. About OCLC：history of cooperation[EB/OL]. [2012-03-27]. http://www.oclc.org/about/cooperation.en.html.',
    result: {
      output:
        'ONLINE COMPUTER LIBRARY CENTER, INC. About OCLC: History of cooperation[EB/OL]. [2012-03-27]. http://www.oclc.org/about/cooperation.en.html.',
      reasons: [ORGANISATION_IN_CAPITALS, INPUT_TITLE_CASE],
    },
  },
  {
    id: 'gbt7714.04.6.2:05',
    printed:
      'HOPKINSON A. UNIMARC and metadata：Dublin core[EB/OL]. （2009-04-22）[2013-03-27]. http://archive.ifla.org/IV/ifla64/138-161e.htm.',
    copy: 'the copy has no space in "[EB/OL].（2009"',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.09.1:01',
    printed: 'BAKER S K，JACKSON M E. The future of resource sharing[M]. New York：The Haworth Press，1995.',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.09.1:02',
    printed: 'CHERNIK B E. Introduction to library services for library technicians[M]. Littleton，Colo.：Libraries Unlimited，Inc.，1982.',
    result: 'punctuation',
  },
  { id: 'gbt7714.09.1:03', printed: '尼葛洛庞帝. 数字化生存[M]. 胡泳，范海燕，译. 海口：海南出版社，1996.', result: 'punctuation' },
  { id: 'gbt7714.09.1:04', printed: '汪冰. 电子图书馆理论与实践研究[M]. 北京：北京图书馆出版社，1997：16.', result: 'punctuation' },
  { id: 'gbt7714.09.1:05', printed: '杨宗英. 电子图书馆的现实模型[J]. 中国图书馆学报，1996（2）：24-29.', result: 'punctuation' },
  {
    id: 'gbt7714.09.1:06',
    printed:
      'DOWLER L. The research university’s dilemma：resource sharing and research in a transinstitutional environment[J]. Journal of library administration，1995，21（1/2）：5-26.',
    result: {
      output:
        'DOWLER L. The research university’s dilemma: Resource sharing and research in a transinstitutional environment[J/OL]. Journal of Library Administration, 1995, 21(1/2): 5-26. DOI:10.1300/J111V21N01_02.',
      reasons: [
        {
          kind: 'input',
          what: 'the input has the article\'s DOI, which the example does not print; with a DOI the style writes [J/OL] and "DOI:…"',
        },
        { kind: 'input', what: "the input capitalises the subtitle and the journal's words; the example writes them in lower case" },
      ],
    },
  },
  {
    id: 'gbt7714.A.01:01',
    printed: '张伯伟. 全唐五代诗格汇考[M]. 南京：江苏古籍出版社，2002：288.',
    copy: 'the copy prints "全唐五代诗格会考"; the input and the book\'s title have 汇考 (汇考 is used)',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.A.01:04',
    printed: '美国妇产科医师学会. 新生儿脑病和脑性瘫痪发病机制与病理生理[M]. 段涛，杨慧霞，译. 北京：人民卫生出版社，2010：38-39.',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.A.01:13',
    printed:
      'International Federation of Library Association and Institutions. Names of persons：national usages for entry in catalogues[M]. 3rd ed. London：IFLA International Office for UBC，1977.',
    result: {
      output:
        'INTERNATIONAL FEDERATION OF LIBRARY ASSOCIATION AND INSTITUTIONS. Names of persons: National usages for entry in catalogues[M]. 3rd ed. London: IFLA International Office for UBC, 1977.',
      reasons: [ORGANISATION_IN_CAPITALS, INPUT_TITLE_CASE],
    },
  },
  {
    id: 'gbt7714.A.01:15',
    printed:
      'KINCHY A. Seeds, sciences, and struggle：the global politics of transgenic crops[M/OL]. Cambridge，Mass.：MIT Press，2012：50[2013-07-14]. http://lib.myilibrary.com?ID=381443.',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.A.01:16',
    printed:
      'PRAETZELLIS A. Death by theory：a tale of mystery and archaeological theory[M/OL]. Rev. ed. [S.l.]：Rowman & Littlefield Publishing Group, Inc.，2011：13[2012-07-26]. http://lib.myilibrary.com/Open.aspx?id=293666.',
    copy: 'extra spaces before "Rev. ed." removed',
    result: {
      output:
        'PRAETZELLIS A. Death by theory: a tale of mystery and archaeological theory[M/OL]. Rev. ed. Rowman & Littlefield Publishing Group, Inc., 2011: 13[2012-07-26]. http://lib.myilibrary.com/Open.aspx?id=293666.',
      reasons: [
        {
          kind: 'style',
          what: 'the style never writes "[S.l.]" (or "[出版地不详]") for a missing place (8.4.1); the standard lets an electronic resource leave it out, but this example prints it',
        },
      ],
    },
  },
  {
    id: 'gbt7714.A.03:05',
    printed: 'World Health Organization. Factors regulating the immune response：report of WHO Scientific Group[R]. Geneva：WHO，1970.',
    result: {
      output: 'WORLD HEALTH ORGANIZATION. Factors regulating the immune response: Report of WHO Scientific Group[R]. Geneva: WHO, 1970.',
      reasons: [ORGANISATION_IN_CAPITALS, INPUT_TITLE_CASE],
    },
  },
  {
    id: 'gbt7714.A.04:03',
    printed: 'CALMS R B. Infrared spectroscopic studies on solid oxygen[D]. Berkeley：Univ. of California，1965.',
    copy: 'the copy runs "Univ.ofCalifornia" together',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.A.05:01',
    printed: '张凯军. 轨道火车及高速轨道火车紧急安全制动辅助装置：201220158825.2[P]. 2012-04-05.',
    copy: 'the copy has no space in "[P].2012"',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.A.07:02',
    printed: '白书农. 植物开花研究[M]//李承森. 植物科学进展. 北京：高等教育出版社，1998：146-163.',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.A.07:03',
    printed:
      '汪学军. 中国农业转基因生物研究进展与安全管理[C]//国家环境保护总局生物安全管理办公室. 中国国家生物安全框架实施国际合作项目研讨会论文集. 北京：中国环境科学出版社，2002：22-25.',
    result: 'punctuation',
  },
  {
    id: 'gbt7714.A.08:03',
    printed:
      '于潇，刘义，柴跃廷，等. 互联网药品可信交易环境中主体资质审核备案模式[J]. 清华大学学报（自然科学版），2012，52（11）：1518-1523.',
    result: 'punctuation',
  },
  { id: 'gbt7714.A.09:01', printed: '丁文详. 数字革命与竞争国际化[N]. 中国青年报，2000-11-20（15）.', result: 'punctuation' },
  {
    id: 'gbt7714.A.09:02',
    printed: '张田勤. 罪犯DNA库与生命伦理学计划[N]. 大众科技报，2000-11-12（7）.',
    result: { output: '张田勤. 罪犯 DNA 库与生命伦理学计划[N]. 大众科技报, 2000-11-12(7).', reasons: [INPUT_SPACES] },
  },
  {
    id: 'gbt7714.A.10:01',
    printed: '萧钰. 出版业信息化迈入快车道[EB/OL]. （2001-12-19）[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.',
    copy: 'a space inside the URL removed',
    result: 'punctuation',
  },
];

/** Where each row's clause and example number come from: the input's zotero-chinese id. */
function clauseOf(id: string): string {
  const m = /^gbt7714\.(?:0?(\d+(?:\.\d+)*)|A\.0?(\d+)):0?(\d+)$/.exec(id);
  assert.ok(m, `unexpected id ${id}`);
  return m[1] ? `${m[1]} 示例[${m[3]}]` : `A.${m[2]} [${m[3]}]`;
}

function inputOf(id: string): CslItem {
  const item = examples.find((i) => i.id === id);
  assert.ok(item, `test/fixtures/gbt7714/examples.json has no ${id}`);
  return item;
}

const differing = ROWS.filter((r) => typeof r.result === 'object');
const count = (kind: Reason['kind']) =>
  differing.filter((r) => typeof r.result === 'object' && r.result.reasons.some((x) => x.kind === kind)).length;
const SUMMARY =
  `${ROWS.length} rows from the standard: ${ROWS.filter((r) => r.result === 'exact').length} exact, ` +
  `${ROWS.filter((r) => r.result === 'punctuation').length} after full-width punctuation normalisation, ` +
  `${differing.length} differ (style: ${count('style')}, input: ${count('input')})`;

for (const row of ROWS) {
  test(`GB/T 7714-2015 ${clauseOf(row.id)} (${row.id}): ${row.result === 'exact' || row.result === 'punctuation' ? row.result : 'known difference'}`, () => {
    const output = renderReference(inputOf(row.id), 'gb-t-7714-2015');
    if (row.result === 'exact') assert.equal(output, row.printed);
    else if (row.result === 'punctuation') {
      assert.notEqual(output, row.printed, 'prints the same: mark the row exact');
      assert.equal(output, halfWidthPunctuation(row.printed));
    } else {
      assert.notEqual(row.result.output, halfWidthPunctuation(row.printed), 'a recorded difference must differ from the printed form');
      assert.ok(row.result.reasons.length > 0);
      assert.equal(output, row.result.output, `known difference changed (${row.result.reasons.map((r) => r.what).join('; ')})`);
    }
  });
}

test(`GB/T 7714-2015 on the standard's examples: ${SUMMARY}`, () => {
  assert.ok(ROWS.length >= 15, "at least 15 of the standard's examples");
  assert.equal(new Set(ROWS.map((r) => r.id)).size, ROWS.length, 'one row per example');
  assert.deepEqual(
    examples.map((i) => i.id),
    ROWS.map((r) => r.id),
    'every vendored input has its row, in the same order',
  );
  console.log(`GB/T 7714-2015: ${SUMMARY}`);
  for (const row of differing)
    if (typeof row.result === 'object') for (const r of row.result.reasons) console.log(`  ${row.id} [${r.kind}] ${r.what}`);
});

test('GB/T 7714-2015 examples: the punctuation normalisation maps only the four full-width marks', () => {
  assert.equal(halfWidthPunctuation('北京：中华书局，2000：29（1）.'), '北京: 中华书局, 2000: 29(1).');
  assert.equal(halfWidthPunctuation('“北斗一号”. [J/OL]'), '“北斗一号”. [J/OL]');
});
