import { describe, expect, it } from 'vitest';
import { type QuestionLanguage, translateQuestion } from '../../src/domain/parser/languages.ts';
import { normalizeText } from '../../src/domain/parser/text.ts';

interface Case {
  q: string;
  lang: QuestionLanguage;
  /** English phrases the parser must find in the translated text (after normalizeText). */
  has: string[];
  /** Words that must not appear (a wrong period, an untranslated year). */
  lacks?: string[];
  /** Expected untranslated segments; [] when omitted. */
  untranslated?: string[];
}

/** Whole-phrase containment on the parser's normal form, so "ctr" does not match inside "ctrl". */
function contains(text: string, phrase: string): boolean {
  return ` ${normalizeText(text)} `.includes(` ${normalizeText(phrase)} `);
}

function check({ q, lang, has, lacks = [], untranslated = [] }: Case) {
  const t = translateQuestion(q);
  for (const phrase of has)
    expect(contains(t.text, phrase), `"${t.text}" should contain "${phrase}"`).toBe(true);
  for (const phrase of lacks)
    expect(contains(t.text, phrase), `"${t.text}" should not contain "${phrase}"`).toBe(false);
  expect(t.language).toBe(lang);
  expect(t.untranslated).toEqual(untranslated);
}

const traditional: Case[] = [
  { q: '上個月 Taiwan 的 CTR', lang: 'zh-Hant', has: ['last month', 'taiwan', 'ctr'] },
  { q: '2025年3月的廣告費', lang: 'zh-Hant', has: ['march 2025', 'spend'] },
  { q: '2025年第三季各渠道的花費是多少？', lang: 'zh-Hant', has: ['q3 2025', 'by channel', 'spend'] },
  { q: '今年上半年的營收', lang: 'zh-Hant', has: ['h1 this year', 'revenue'] },
  { q: '去年12月的曝光數', lang: 'zh-Hant', has: ['december last year', 'impressions'] },
  { q: '哪個市場的單次點擊成本最低', lang: 'zh-Hant', has: ['which market', 'cpc', 'lowest'] },
  { q: '香港和新加坡的轉換率', lang: 'zh-Hant', has: ['hong kong and singapore', 'cvr'] },
  { q: '最近7天手機的點擊數', lang: 'zh-Hant', has: ['last 7 days', 'mobile', 'clicks'] },
  { q: '前五名品牌的投報率', lang: 'zh-Hant', has: ['top 5', 'brand', 'roas'] },
  {
    q: '美妝產業上季的觀看次數',
    lang: 'zh-Hant',
    has: ['beauty', 'industry', 'last quarter', 'video views'],
  },
  {
    q: '跟去年同期相比，日本的營收',
    lang: 'zh-Hant',
    has: ['vs same period last year', 'japan', 'revenue'],
  },
  { q: '除了搜尋以外的點擊率', lang: 'zh-Hant', has: ['excluding search', 'ctr'] },
  { q: '按月的花費趨勢', lang: 'zh-Hant', has: ['by month', 'spend', 'trend'] },
  { q: '唔該，上個月香港嘅花費係幾多？', lang: 'zh-Hant', has: ['last month', 'hong kong', 'spend'] },
  { q: '2025年1-3月的點擊', lang: 'zh-Hant', has: ['january to march 2025', 'clicks'] },
  { q: '前年的點擊', lang: 'zh-Hant', has: ['2 years ago', 'clicks'], lacks: ['last year'] },
  { q: '2025年Q3的花費', lang: 'zh-Hant', has: ['q3 2025', 'spend'] },
  { q: '3月5日的點擊', lang: 'zh-Hant', has: ['march 5', 'clicks'] },
];

const simplified: Case[] = [
  { q: '上个月各渠道的点击率是多少？', lang: 'zh-Hans', has: ['last month', 'by channel', 'ctr'] },
  { q: '汽车行业的视频观看次数', lang: 'zh-Hans', has: ['automotive', 'video views'] },
  { q: '台湾电商的转化率', lang: 'zh-Hans', has: ['taiwan', 'retail', 'cvr'] },
  { q: '近三个月马来西亚的广告费', lang: 'zh-Hans', has: ['last 3 months', 'malaysia', 'spend'] },
  { q: '今年比去年的花费', lang: 'zh-Hans', has: ['this year vs last year', 'spend'] },
  {
    q: '游戏行业每个设备的千次展示成本',
    lang: 'zh-Hans',
    has: ['gaming', 'industry', 'by device', 'cpm'],
  },
  { q: '菲律宾原生广告的点击量', lang: 'zh-Hans', has: ['philippines', 'native', 'clicks'] },
  {
    q: '电子产品在越南的花费占比',
    lang: 'zh-Hans',
    has: ['consumer electronics', 'vietnam', 'spend', 'share'],
  },
  {
    q: '餐饮和金融的转化成本',
    lang: 'zh-Hans',
    has: ['food & beverage and financial services', 'cpa'],
  },
  { q: '2024年下半年的营收', lang: 'zh-Hans', has: ['h2 2024', 'revenue'] },
];

const japanese: Case[] = [
  { q: '先月のチャネル別CTRを教えてください', lang: 'ja', has: ['last month', 'by channel', 'ctr'] },
  { q: '2024年のデバイスごとの広告費とROAS', lang: 'ja', has: ['2024', 'by device', 'spend and roas'] },
  {
    q: '先月のタイの売上トップ5のブランド',
    lang: 'ja',
    has: ['last month', 'thailand', 'revenue', 'top 5', 'brand'],
  },
  { q: '今年の動画再生数の推移', lang: 'ja', has: ['this year', 'video views', 'trend'] },
  { q: '2025年第3四半期のインプレッション', lang: 'ja', has: ['q3 2025', 'impressions'] },
  { q: '過去30日間のコンバージョン率', lang: 'ja', has: ['last 30 days', 'cvr'] },
  { q: 'どのチャネルのCPAが一番低いですか', lang: 'ja', has: ['which channel', 'cpa', 'lowest'] },
  { q: '前年比で今月のクリック数', lang: 'ja', has: ['vs last year', 'this month', 'clicks'] },
  { q: '検索以外のクリック単価', lang: 'ja', has: ['excluding search', 'cpc'] },
  { q: '2025年1月から3月までの売上', lang: 'ja', has: ['january to march 2025', 'revenue'] },
  {
    q: 'シンガポールとマレーシアのスマホの費用',
    lang: 'ja',
    has: ['singapore and malaysia', 'mobile', 'spend'],
  },
  // Japanese 前年 is the previous year; Chinese 前年 is the year before that.
  { q: '前年のクリック数', lang: 'ja', has: ['last year', 'clicks'], lacks: ['2 years ago'] },
  {
    q: '昨日の化粧品業界の獲得単価',
    lang: 'ja',
    has: ['yesterday', 'beauty', 'industry', 'cpa'],
  },
  { q: '先月広告費', lang: 'ja', has: ['last month', 'spend'] },
  { q: 'ﾀｲのｸﾘｯｸ数', lang: 'ja', has: ['thailand', 'clicks'] },
  { q: '各チャネルの3Qの売上', lang: 'ja', has: ['by channel', 'q3', 'revenue'] },
  // タイ is Thailand only as a whole word: タイプ is "type".
  { q: 'タイプ別のCTR', lang: 'ja', has: ['ctr'], lacks: ['thailand'], untranslated: ['タイプ'] },
];

const malay: Case[] = [
  { q: 'CTR bulan lepas mengikut saluran', lang: 'ms', has: ['ctr', 'last month', 'by channel'] },
  {
    q: 'berapakah perbelanjaan tahun lepas di Malaysia?',
    lang: 'ms',
    has: ['spend', 'last year', 'in malaysia'],
  },
  {
    q: '5 jenama teratas mengikut hasil suku tahun lepas',
    lang: 'ms',
    has: ['5 brand top', 'by revenue', 'last quarter'],
  },
  { q: 'kadar klik bagi setiap peranti minggu lepas', lang: 'ms', has: ['ctr', 'by device', 'last week'] },
  {
    q: 'tera dan klik di Singapura tahun ini',
    lang: 'ms',
    has: ['impressions and clicks', 'in singapore', 'this year'],
  },
  { q: 'perbelanjaan Mac 2025 di Jepun', lang: 'ms', has: ['spend', 'march 2025', 'in japan'] },
  { q: 'kos per klik dalam 7 hari lepas', lang: 'ms', has: ['cpc', 'in last 7 days'] },
  {
    q: 'separuh pertama 2025 pendapatan di Filipina',
    lang: 'ms',
    has: ['h1 2025', 'revenue', 'in philippines'],
  },
  {
    q: 'perbelanjaan suku ketiga 2025 kecuali carian',
    lang: 'ms',
    has: ['spend', 'q3 2025', 'excluding search'],
  },
  {
    q: 'kadar penukaran permainan berbanding tahun lepas',
    lang: 'ms',
    has: ['cvr', 'gaming', 'vs last year'],
  },
  // "Kita" is part of a brand name here, not the Malay word for "we".
  { q: 'kos Kopi Kita bulan ini', lang: 'ms', has: ['spend', 'kopi kita', 'this month'] },
];

const vietnamese: Case[] = [
  { q: 'chi phí tháng trước theo kênh', lang: 'vi', has: ['spend', 'last month', 'by channel'] },
  // Typed without diacritics, as often in Slack.
  { q: 'chi phi thang truoc theo kenh', lang: 'vi', has: ['spend', 'last month', 'by channel'] },
  { q: 'doanh thu tháng 3 năm 2025 ở Việt Nam', lang: 'vi', has: ['revenue', 'march 2025', 'in vietnam'] },
  { q: 'tỷ lệ nhấp theo thiết bị tuần trước', lang: 'vi', has: ['ctr', 'by device', 'last week'] },
  { q: 'kênh nào có CPA thấp nhất?', lang: 'vi', has: ['which channel', 'cpa', 'lowest'] },
  {
    q: 'lượt xem video của ngành trò chơi trong 30 ngày qua',
    lang: 'vi',
    has: ['video views', 'industry gaming', 'last 30 days'],
  },
  {
    q: 'so với cùng kỳ năm ngoái, doanh thu tháng này',
    lang: 'vi',
    has: ['vs same period last year', 'revenue', 'this month'],
  },
  {
    q: 'lượt hiển thị ở Nhật Bản và Đài Loan quý 3/2025',
    lang: 'vi',
    has: ['impressions', 'japan and taiwan', 'q3 2025'],
  },
  {
    q: '6 tháng đầu năm 2025 chuyển đổi trên di động',
    lang: 'vi',
    has: ['h1 2025', 'conversions', 'on mobile'],
  },
  { q: 'tổng chi phí không bao gồm tìm kiếm', lang: 'vi', has: ['total spend', 'excluding search'] },
  { q: 'chi phí mỗi lượt nhấp tháng 12 năm ngoái', lang: 'vi', has: ['cpc', 'december last year'] },
];

const thai: Case[] = [
  {
    q: 'ยอดใช้จ่ายปีที่แล้วในประเทศไทยเท่าไหร่ครับ',
    lang: 'th',
    has: ['spend', 'last year', 'in thailand'],
  },
  { q: 'อัตราการคลิกแยกตามอุปกรณ์ไตรมาสที่แล้ว', lang: 'th', has: ['ctr', 'by device', 'last quarter'] },
  {
    q: '5 อันดับแบรนด์ที่มียอดใช้จ่ายสูงสุดปีนี้',
    lang: 'th',
    has: ['top 5', 'brand', 'spend', 'highest', 'this year'],
  },
  {
    q: 'ยอดคลิกในญี่ปุ่นและสิงคโปร์ 7 วันที่ผ่านมา',
    lang: 'th',
    has: ['clicks', 'in japan and singapore', 'last 7 days'],
  },
  { q: 'CPA ของเกมเทียบกับปีที่แล้ว', lang: 'th', has: ['cpa', 'gaming', 'vs last year'] },
  { q: 'CTR ของช่องทางไหนสูงที่สุด', lang: 'th', has: ['ctr', 'which channel', 'highest'] },
  { q: 'ค่าใช้จ่ายต่อคลิกบนมือถือ', lang: 'th', has: ['cpc', 'on mobile'] },
  { q: 'ROAS ช่องทางโซเชียลเดือนนี้ค่ะ', lang: 'th', has: ['roas', 'channel social', 'this month'] },
  { q: 'แนวโน้มรายได้ตั้งแต่ต้นปี', lang: 'th', has: ['trend', 'revenue', 'year to date'] },
];

/** Thai years from 2400 are Buddhist Era: BE 2568 is 2025. */
const buddhistEra: Case[] = [
  { q: 'รายได้เดือนมีนาคม 2568', lang: 'th', has: ['revenue', 'march 2025'], lacks: ['2568'] },
  { q: 'ค่าใช้จ่าย พ.ศ. 2568', lang: 'th', has: ['spend', '2025'], lacks: ['2568'] },
  { q: 'ครึ่งปีแรกของปี 2568 ค่าใช้จ่าย', lang: 'th', has: ['h1 2025', 'spend'] },
  { q: 'ไตรมาส 3 ปี 2567 ยอดคลิก', lang: 'th', has: ['q3 2024', 'clicks'] },
  { q: 'ค่าใช้จ่าย ปี 68', lang: 'th', has: ['spend', '2025'] },
  { q: '๒๕๖๗ รายได้', lang: 'th', has: ['2024', 'revenue'] },
  { q: 'ค่าใช้จ่าย ค.ศ. 2025', lang: 'th', has: ['spend', '2025'] },
  { q: 'ค่าใช้จ่ายวันที่ 5 มีนาคม 2568', lang: 'th', has: ['spend', 'march 5 2025'] },
];

/** The parser refuses future periods itself: "next" must stay "next", never become another period. */
const nextPeriods: Case[] = [
  { q: '下個月的花費', lang: 'zh-Hant', has: ['next month', 'spend'] },
  { q: '下个月的花费', lang: 'zh-Hans', has: ['next month', 'spend'] },
  { q: '来月の広告費', lang: 'ja', has: ['next month', 'spend'] },
  { q: 'kos bulan depan', lang: 'ms', has: ['next month', 'spend'] },
  { q: 'chi phí tháng sau', lang: 'vi', has: ['next month', 'spend'] },
  { q: 'chi phí tháng tới', lang: 'vi', has: ['next month', 'spend'] },
  { q: 'ค่าใช้จ่ายเดือนหน้า', lang: 'th', has: ['next month', 'spend'] },
  { q: '明年的花費', lang: 'zh-Hant', has: ['next year', 'spend'] },
  { q: '来四半期のCTR', lang: 'ja', has: ['next quarter', 'ctr'] },
  { q: 'quý tới doanh thu', lang: 'vi', has: ['next quarter', 'revenue'] },
  { q: 'ปีหน้า รายได้', lang: 'th', has: ['next year', 'revenue'] },
  { q: 'tahun depan kos', lang: 'ms', has: ['next year', 'spend'] },
  { q: '明日の費用', lang: 'ja', has: ['tomorrow', 'spend'] },
];

/** Foreign words Scout cannot read are reported, so the caller asks instead of half-parsing. */
const unread: Case[] = [
  { q: '抖音的CTR', lang: 'zh-Hant', has: ['ctr'], untranslated: ['抖音'] },
  { q: '小紅書上個月的花費', lang: 'zh-Hant', has: ['last month', 'spend'], untranslated: ['小紅書'] },
  { q: '今日はいい天気ですね', lang: 'ja', has: ['today'], untranslated: ['いい天気'] },
  // Without a year, 下半年 may mean the coming half: ask.
  { q: '下半年的營收', lang: 'zh-Hant', has: ['revenue'], lacks: ['h2'], untranslated: ['下半年'] },
  { q: 'ครึ่งปีหลัง ค่าใช้จ่าย', lang: 'th', has: ['spend'], untranslated: ['ครึ่งปีหลัง'] },
  { q: 'nửa đầu năm chi phí', lang: 'vi', has: ['spend'], untranslated: ['nửa đầu'] },
  // 年度 in Japanese is the fiscal year (April to March), not the calendar year.
  { q: '2025年度の広告費', lang: 'ja', has: ['spend'], untranslated: ['度'] },
  // まで alone is "until": not a period Scout reads.
  { q: '3月までの費用', lang: 'ja', has: ['march', 'spend'], untranslated: ['まで'] },
  { q: 'thời tiết hôm nay thế nào', lang: 'vi', has: ['today'], untranslated: ['thời tiết'] },
  { q: 'วันนี้อากาศดีไหม', lang: 'th', has: ['today'], untranslated: ['อากาศดี'] },
  { q: 'kos tidak termasuk', lang: 'ms', has: ['spend', 'excluding'] },
  { q: 'kos bukan carian', lang: 'ms', has: ['spend', 'search'], untranslated: ['bukan'] },
  {
    q: 'magkano ang spend noong nakaraang buwan',
    lang: 'en',
    has: ['spend'],
    untranslated: ['magkano ang', 'noong nakaraang buwan'],
  },
  { q: '지난달 CTR', lang: 'en', has: ['ctr'], untranslated: ['지난달'] },
  { q: '抖音和抖音', lang: 'zh-Hant', has: ['and'], untranslated: ['抖音'] },
  // The parser's "since" starts from a month or a year, not from "last month": ask.
  { q: '先月からの費用', lang: 'ja', has: ['last month', 'spend'], lacks: ['since'], untranslated: ['から'] },
  { q: 'sejak bulan lepas kos', lang: 'ms', has: ['last month', 'spend'], untranslated: ['sejak'] },
];

/** "Since" words placed before the month or year they follow in Chinese, Japanese and Malay. */
const since: Case[] = [
  { q: '2025年3月からの売上', lang: 'ja', has: ['since march 2025', 'revenue'] },
  { q: '3月以來的花費', lang: 'zh-Hant', has: ['since march', 'spend'] },
  { q: '自2025年以來的花費', lang: 'zh-Hant', has: ['since 2025', 'spend'] },
  { q: 'sejak Mac 2025 kos', lang: 'ms', has: ['since march 2025', 'spend'] },
  { q: '先月から今月までの費用', lang: 'ja', has: ['last month to this month', 'spend'] },
];

describe('translateQuestion: Traditional Chinese', () => {
  it.each(traditional)('$q', (c) => check(c));
});

describe('translateQuestion: Simplified Chinese', () => {
  it.each(simplified)('$q', (c) => check(c));
});

describe('translateQuestion: Japanese', () => {
  it.each(japanese)('$q', (c) => check(c));
});

describe('translateQuestion: Malay', () => {
  it.each(malay)('$q', (c) => check(c));
});

describe('translateQuestion: Vietnamese', () => {
  it.each(vietnamese)('$q', (c) => check(c));
});

describe('translateQuestion: Thai', () => {
  it.each(thai)('$q', (c) => check(c));
});

describe('translateQuestion: Thai Buddhist-era years', () => {
  it.each(buddhistEra)('$q', (c) => check(c));
});

describe('translateQuestion: next periods stay next', () => {
  it.each(nextPeriods)('$q', (c) => {
    check(c);
    const text = normalizeText(translateQuestion(c.q).text);
    expect(text).not.toMatch(/\b(last|this|previous) (month|year|quarter)\b/);
  });
});

describe('translateQuestion: since', () => {
  it.each(since)('$q', (c) => check(c));
});

describe('translateQuestion: untranslated words are reported', () => {
  it.each(unread)('$q', (c) => check(c));
});

describe('translateQuestion: English is left alone', () => {
  it.each([
    'total spend in 2025',
    'CTR by channel last quarter',
    'top 5 brands by spend in Gaming last quarter',
    'monthly ROAS for cars in Taiwan in 2024',
    'What was CTR last month?',
    'Spend for Kopi Kita in Malaysia',
    'Dan spent how much in Q3 2025',
    'Theo Walcott spend',
    'spend on Mac in 2025',
    'café spend in april 2025',
    'spend di Malaysia',
    'CAC by market, H1 2025 vs H1 2024',
    '',
  ])('"%s"', (q) => {
    expect(translateQuestion(q)).toEqual({ text: q, language: 'en', untranslated: [], readings: [] });
  });
});

describe('translateQuestion: mixed English keeps the English as written', () => {
  it('translates only the foreign phrases', () => {
    const t = translateQuestion('上個月 Taiwan 的 CTR');
    expect(t.text).toBe('last month Taiwan CTR');
    expect(t.readings).toEqual([{ from: '上個月', to: 'last month' }]);
    expect(t.untranslated).toEqual([]);
  });

  it('folds full-width letters and ideographic spaces', () => {
    expect(translateQuestion('ＣＴＲ　上個月').text).toBe('CTR last month');
  });

  it('reads Malay and Vietnamese words that are also English only next to other Malay or Vietnamese', () => {
    expect(translateQuestion('kos di Malaysia').text).toBe('spend in Malaysia');
    expect(translateQuestion('spend di Malaysia').text).toBe('spend di Malaysia');
    expect(translateQuestion('chi phí theo kênh').text).toBe('spend by channel');
  });
});

describe('translateQuestion: readings', () => {
  it('says what was read as what, phrases whole and in order', () => {
    expect(translateQuestion('2025年3月のチャネル別CTR').readings).toEqual([
      { from: '2025年3月', to: 'march 2025' },
      { from: 'チャネル別', to: 'by channel' },
    ]);
  });

  it('lists a repeated phrase once', () => {
    expect(translateQuestion('花費和花費').readings).toEqual([
      { from: '花費', to: 'spend' },
      { from: '和', to: 'and' },
    ]);
  });

  it('does not list particles it dropped', () => {
    const t = translateQuestion('先月のCTRはいくらですか？');
    expect(t.text).toBe('last month CTR');
    expect(t.readings).toEqual([{ from: '先月', to: 'last month' }]);
  });
});

describe('translateQuestion: language detection', () => {
  it.each([
    ['今年的CTR', 'zh-Hant'],
    ['这个月的CTR', 'zh-Hans'],
    ['這個月的CTR', 'zh-Hant'],
    ['先月CTR', 'ja'],
    ['CTRはどう', 'ja'],
    ['CTR เดือนนี้', 'th'],
    ['CTR hôm nay', 'vi'],
    ['CTR semalam', 'ms'],
    ['CTR yesterday', 'en'],
  ] as const)('%s is %s', (q, language) => {
    expect(translateQuestion(q).language).toBe(language);
  });
});

describe('translateQuestion: robustness', () => {
  const slow = 250;
  it.each([
    ['unknown CJK', '抖音'.repeat(250)],
    ['known CJK', '上個月的花費點擊率'.repeat(56).slice(0, 500)],
    ['digits after 前', `${'前'.repeat(250)}${'1'.repeat(250)}`],
    ['years', '2025年'.repeat(100)],
    ['kana particles', 'のはをが'.repeat(125)],
    ['Thai', 'ค่าใช้จ่ายเดือนที่แล้ว'.repeat(25).slice(0, 500)],
    ['spaced CJK', '最近 '.repeat(166)],
  ])('handles 500 characters of %s quickly', (_name, q) => {
    const started = performance.now();
    const t = translateQuestion(q);
    expect(performance.now() - started).toBeLessThan(slow);
    expect(typeof t.text).toBe('string');
  });

  it('reports a long unknown CJK run as one segment', () => {
    const q = '抖音'.repeat(250);
    expect(translateQuestion(q).untranslated).toEqual([q]);
  });

  it('is deterministic', () => {
    const q = '2025年第三季各渠道的花費是多少？';
    expect(translateQuestion(q)).toEqual(translateQuestion(q));
  });
});
