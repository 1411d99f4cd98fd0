/**
 * Translation layer in front of the English parser. Scout's users ask in (or mix in) Traditional and
 * Simplified Chinese, Japanese, Malay, Vietnamese and Thai; the parser only reads English. This turns
 * the common time, metric, dimension and question words of those languages into the English phrases
 * the parser already understands, and reports every foreign word it could not read, so the caller
 * asks instead of answering half a question.
 *
 * Pure and deterministic: constant tables, one left-to-right longest-match scan, a few passes over
 * the matched pieces. Every regex is sticky with bounded, non-nested quantifiers (no backtracking
 * blow-up on long CJK input).
 */

export type QuestionLanguage = 'en' | 'zh-Hant' | 'zh-Hans' | 'ja' | 'ms' | 'vi' | 'th';

export interface Translation {
  /** The question with every recognised foreign phrase replaced by its English equivalent (spaced), English parts untouched. */
  text: string;
  /** The main non-English language detected, or 'en'. */
  language: QuestionLanguage;
  /** Foreign words/segments left untranslated (trimmed, in order, deduplicated); empty when everything foreign was understood or dropped as a known particle. */
  untranslated: string[];
  /** What was read as what, for the answer to say: [{ from: '上個月', to: 'last month' }]. */
  readings: { from: string; to: string }[];
}

/** Vocabulary families: Traditional vs Simplified Chinese is decided by characters, not by table. */
type Group = 'zh' | 'ja' | 'ms' | 'vi' | 'th';

/**
 * What a piece means to the passes after the scan: periods combine with years, "by"/"which"/"vs"
 * words written after their object move in front of it (Japanese チャネル別, Thai ช่องทางไหน).
 */
type Role =
  | 'word'
  | 'drop'
  | 'metric'
  | 'dim'
  | 'value'
  | 'unit'
  /** A complete period: "last month", "year to date". */
  | 'rel'
  /** this / last / next year: can carry a month, quarter or half. */
  | 'relyear'
  /** An explicit year. */
  | 'year'
  /** A month, day, month range or quarter that takes a year when one is next to it. */
  | 'inyear'
  /** A foreign half-year word: meaningful only with a year (下半年 alone may mean the coming half). */
  | 'half'
  /** H1/H2 written in Latin letters: the English parser reads it alone. */
  | 'halfok'
  | 'by'
  | 'which'
  | 'vs'
  | 'excl'
  | 'since'
  | 'and';

/** [role, English, variants separated by "|"]. */
type Row = readonly [Role, string, string];

// ---------------------------------------------------------------------------------------------
// Chinese (Traditional and Simplified together; Cantonese colloquialisms for Hong Kong).
// ---------------------------------------------------------------------------------------------
const zh: readonly Row[] = [
  [
    'drop',
    '',
    '的|是|嗎|吗|呢|了|吧|啊|呀|喔|哦|嘛|啦|之|多少|是多少|有多少|請|请|請問|请问|麻煩|麻烦|幫我|帮我|幫忙|帮忙|給我|给我|我想知道|想知道|想看|我想看|看一下|看看|查一下|查看|查詢|查询|顯示|显示|列出|告訴我|告诉我|我們|我们|我|有|在|於|一下|可以|能否|能|分別|分别|是否|其中|中|期間|期间|時|时|時候|时候|情況|情况|狀況|状况|大概|大約|大约|約|约|個|个|筆|笔|家|分析|統計|统计|嘅|係|幾多|啲|咗|㗎|喎|唔該|唔该|唔該晒|自從|自从',
  ],
  ['rel', 'last month', '上個月|上个月|上月|上一個月|上一个月|前一個月|前一个月'],
  ['rel', 'this month', '這個月|这个月|本月|這月|这月|當月|当月|今個月'],
  ['rel', 'next month', '下個月|下个月|下月|下一個月|下一个月'],
  ['rel', 'last quarter', '上季|上一季|上季度|上個季度|上个季度|上一季度|上一個季度|上一个季度'],
  ['rel', 'this quarter', '本季|本季度|這一季|这一季|這季|这季|這個季度|这个季度|當季|当季'],
  ['rel', 'next quarter', '下季|下一季|下季度|下個季度|下个季度|下一季度|下一個季度|下一个季度'],
  [
    'rel',
    'last week',
    '上週|上周|上星期|上個星期|上个星期|上禮拜|上礼拜|上個禮拜|上个礼拜|上一週|上一周|上個週|上个周',
  ],
  ['rel', 'this week', '本週|本周|這週|这周|這星期|这星期|這個星期|这个星期|這禮拜|这礼拜|今個星期'],
  ['rel', 'next week', '下週|下周|下星期|下個星期|下个星期|下禮拜|下礼拜|下一週|下一周'],
  ['rel', 'yesterday', '昨天|昨日|尋日|琴日'],
  ['rel', 'today', '今天|今日|本日'],
  ['rel', 'tomorrow', '明天|明日|聽日'],
  // Chinese 前年 is the year before last; Japanese reads it as last year (see the ja table).
  ['rel', '2 years ago', '前年'],
  ['rel', 'year to date', '今年以來|今年以来|今年至今|年初至今|年初到現在|年初到现在|本年迄今'],
  ['rel', 'month to date', '本月至今|本月以來|本月以来|月初至今'],
  ['rel', 'same period last year', '去年同期'],
  ['relyear', 'this year', '今年|本年'],
  ['relyear', 'last year', '去年|上一年|舊年|旧年'],
  ['relyear', 'next year', '明年|下一年|來年|来年|出年'],
  ['half', 'h1', '上半年|上半年度|前半年'],
  ['half', 'h2', '下半年|下半年度|後半年|后半年'],
  ['unit', 'month', '月|月份'],
  ['unit', 'year', '年|年份'],
  ['unit', 'week', '週|周|星期|禮拜|礼拜'],
  ['unit', 'day', '天|日'],
  ['unit', 'quarter', '季|季度'],
  ['word', 'date', '日期'],
  // A vague period: said in English, the parser asks which period is meant.
  ['word', 'recent', '最近|近期|近來|近来'],
  ['word', 'past', '過去|过去'],
  ['word', 'yoy', '同比|年增率|年成長率|年增长率|年增'],
  ['word', 'vs previous period', '環比|环比'],
  ['word', 'mom', '月增率|月增'],
  [
    'metric',
    'spend',
    '廣告費|广告费|廣告費用|广告费用|廣告花費|广告花费|廣告支出|广告支出|花費|花费|支出|投放金額|投放金额|投放費用|投放费用|費用|费用|消耗|花了多少錢|花了多少钱|花了|花多少|成本|廣告成本|广告成本|開銷|开销|金額|金额|預算花費|预算花费',
  ],
  [
    'metric',
    'impressions',
    '曝光|曝光數|曝光数|曝光次數|曝光次数|曝光量|展示次數|展示次数|展示量|展示數|展示数|展現量|展现量|展現次數|展现次数|顯示次數|显示次数|曝光人次',
  ],
  ['metric', 'clicks', '點擊|点击|點擊數|点击数|點擊次數|点击次数|點擊量|点击量|點閱|點閱數|點擊人次'],
  [
    'metric',
    'conversions',
    '轉換|转换|轉換數|转换数|轉換次數|转换次数|轉換量|轉化|转化|轉化數|转化数|轉化次數|转化次数|轉化量|转化量',
  ],
  [
    'metric',
    'revenue',
    '營收|营收|收入|營業額|营业额|銷售額|销售额|銷售|销售|收益|營業收入|营业收入|成交金額|成交金额|成交額|成交额',
  ],
  ['metric', 'ctr', '點擊率|点击率|點閱率|点阅率|點選率|点选率|點擊通過率'],
  ['metric', 'cvr', '轉換率|转换率|轉化率|转化率'],
  [
    'metric',
    'cpc',
    '單次點擊成本|单次点击成本|每次點擊成本|每次点击成本|點擊成本|点击成本|每次點擊費用|每次点击费用|點擊單價|点击单价',
  ],
  [
    'metric',
    'cpa',
    '單次轉換成本|单次转换成本|每次轉換成本|每次转换成本|轉換成本|转换成本|單次轉化成本|单次转化成本|每次轉化成本|每次转化成本|轉化成本|转化成本|獲客成本|获客成本|每次行動成本|每次行动成本|轉換單價|转化单价',
  ],
  [
    'metric',
    'cpm',
    '千次曝光成本|每千次曝光成本|千次展示成本|每千次展示成本|千次曝光費用|千次曝光费用|千次展示费用|每千次曝光費用|千次成本',
  ],
  [
    'metric',
    'roas',
    '廣告投資報酬率|广告投资回报率|廣告投報率|投報率|广告支出回报率|廣告支出回報率|廣告回報率|广告回报率|投入產出比|投入产出比|投產比|投产比',
  ],
  // ROI is not ROAS: said as what it is, the parser asks which measure is meant.
  ['word', 'roi', '投資報酬率|投资回报率|投資回報率'],
  ['word', 'budget', '預算|预算'],
  [
    'metric',
    'video views',
    '觀看次數|观看次数|影片觀看次數|視頻觀看次數|视频观看次数|觀看數|观看数|影片觀看|视频观看|視頻觀看|播放次數|播放次数|播放量|影片播放次數|视频播放量|视频播放次数|觀看量|观看量',
  ],
  ['metric', 'view rate', '觀看率|观看率|影片觀看率|视频观看率|播放率'],
  [
    'metric',
    'number of campaigns',
    '活動數|活动数|活動數量|活动数量|多少個活動|多少个活动|幾個活動|几个活动|廣告活動數|广告活动数',
  ],
  ['metric', 'number of brands', '品牌數|品牌数|品牌數量|品牌数量|多少個品牌|多少个品牌|幾個品牌|几个品牌'],
  ['dim', 'channel', '渠道|通路|頻道|频道|管道|媒體類型|媒体类型|媒體|媒体'],
  ['dim', 'market', '市場|市场|地區|地区|區域|区域'],
  ['dim', 'country', '國家|国家'],
  ['dim', 'device', '裝置|装置|設備|设备|終端|终端|裝置類型|设备类型'],
  ['dim', 'platform', '平台|平臺'],
  ['dim', 'industry', '行業|行业|產業|产业|類別|类别|品類|品类'],
  ['dim', 'brand', '品牌|客戶|客户'],
  ['dim', 'advertiser', '廣告主|广告主|廣告客戶|广告客户'],
  ['dim', 'campaign', '活動|活动|廣告活動|广告活动|行銷活動|营销活动|廣告系列|广告系列'],
  ['dim', 'objective', '目標|目标|行銷目標|营销目标|廣告目標|广告目标'],
  ['value', 'taiwan', '台灣|台湾|臺灣|台北|臺北'],
  ['value', 'hong kong', '香港'],
  ['value', 'singapore', '新加坡|星加坡|獅城|狮城'],
  ['value', 'malaysia', '馬來西亞|马来西亚|大馬|大马'],
  ['value', 'thailand', '泰國|泰国|曼谷'],
  ['value', 'vietnam', '越南'],
  ['value', 'philippines', '菲律賓|菲律宾|菲國|菲国|馬尼拉|马尼拉'],
  ['value', 'japan', '日本|東京|东京'],
  // Markets Scout does not have: named in English so the parser can say so.
  ['value', 'china', '中國|中国|大陸|大陆|內地|内地'],
  ['value', 'korea', '韓國|韩国|南韓|南韩'],
  ['value', 'indonesia', '印尼|印度尼西亞|印度尼西亚'],
  ['value', 'united states', '美國|美国'],
  ['value', 'australia', '澳洲|澳大利亞|澳大利亚'],
  ['value', 'india', '印度'],
  ['value', 'social', '社群|社群媒體|社群媒体|社交|社交媒體|社交媒体|社媒|社群廣告|社交广告'],
  [
    'value',
    'search',
    '搜尋|搜寻|搜索|搜尋廣告|搜索广告|搜尋引擎|搜索引擎|關鍵字廣告|关键词广告|關鍵字|关键词',
  ],
  [
    'value',
    'online video',
    '影片|視頻|视频|影音|影片廣告|视频广告|視頻廣告|線上影片|在线视频|網路影片|网络视频',
  ],
  ['value', 'display', '展示|展示廣告|展示广告|橫幅|横幅|橫幅廣告|横幅广告'],
  ['value', 'native', '原生|原生廣告|原生广告'],
  ['value', 'ctv', '聯網電視|联网电视|連網電視'],
  [
    'value',
    'mobile',
    '手機|手机|行動裝置|移動設備|移动设备|移動端|移动端|行動|智慧型手機|智能手机|智慧手機|手機端|手机端',
  ],
  [
    'value',
    'desktop',
    '桌機|桌上型電腦|桌上型|台式機|台式机|桌面|桌面端|電腦|电脑|個人電腦|个人电脑|電腦端|电脑端',
  ],
  ['value', 'tablet', '平板|平板電腦|平板电脑'],
  ['value', 'tv', '電視|电视|智慧電視|智能电视|智慧型電視'],
  ['value', 'automotive', '汽車|汽车|車輛|车辆|汽車業|汽车行业|汽車產業'],
  ['value', 'beauty', '美妝|美妆|美容|化妝品|化妆品|美妝保養|個人護理|个人护理|保養品|護膚|护肤'],
  ['value', 'gaming', '遊戲|游戏|手遊|手游|電玩|电玩|遊戲業'],
  ['value', 'financial services', '金融|金融服務|金融服务|金融業|金融业|銀行|银行|保險|保险'],
  ['value', 'travel', '旅遊|旅游|旅行|觀光|观光|酒店|飯店|饭店|航空|旅遊業|旅游业'],
  ['value', 'retail', '零售|電商|电商|電子商務|电子商务|網購|网购|零售業|零售业'],
  ['value', 'food & beverage', '餐飲|餐饮|食品|飲料|饮料|食品飲料|食品饮料|飲品|饮品|食品與飲料|食品和饮料'],
  [
    'value',
    'consumer electronics',
    '電子產品|电子产品|消費電子|消费电子|消費性電子|3C產品|家電|家电|電子|电子',
  ],
  // Sort orders: "from high to low" orders every row (English "highest first"), it is not a cut-off.
  [
    'word',
    'highest first',
    '由高到低|從高到低|从高到低|由大到小|從大到小|从大到小|由多到少|從多到少|从多到少|降序',
  ],
  [
    'word',
    'lowest first',
    '由低到高|從低到高|从低到高|由小到大|從小到大|从小到大|由少到多|從少到多|从少到多|升序',
  ],
  ['word', 'highest', '最高'],
  ['word', 'lowest', '最低'],
  ['word', 'most', '最多|最'],
  ['word', 'least', '最少'],
  ['word', 'best', '最好|最佳|表現最好|表现最好'],
  ['word', 'worst', '最差|最爛|最烂|表現最差|表现最差'],
  ['word', 'biggest', '最大'],
  ['word', 'smallest', '最小'],
  ['word', 'ranking', '排名|排行|排序'],
  [
    'word',
    'total',
    '總|总|總共|总共|一共|共|合計|合计|總計|总计|總和|总和|加總|加总|總額|总额|總數|总数|累計|累计',
  ],
  ['word', 'overall', '整體|整体|總體|总体'],
  ['word', 'all', '所有|全部|全'],
  ['word', 'average', '平均|均值'],
  ['word', 'trend', '趨勢|趋势|走勢|走势|變化|变化|趨勢圖|趋势图|走向'],
  ['word', 'monthly', '月度|逐月'],
  ['word', 'weekly', '週度|周度|逐週|逐周'],
  ['word', 'daily', '逐日|日度'],
  ['word', 'share', '佔比|占比|比例|比重|份額|份额|百分比|佔有率|占有率|市佔率|市占率'],
  ['word', 'growth', '增長|增长|成長|成长|增加|上升|提升|提高|增幅|漲幅|涨幅'],
  ['word', 'decline', '下降|下滑|減少|减少|降低|衰退|跌幅|下跌'],
  ['which', 'which', '哪個|哪个|哪些|哪一個|哪一个|哪|哪一|哪家|邊個|邊'],
  ['word', 'what', '什麼|什么|甚麼|咩'],
  ['word', 'how', '如何|怎麼樣|怎么样|怎樣|怎样|怎麼|怎么'],
  ['word', 'why', '為什麼|为什么|為何|为何'],
  ['word', 'how many', '幾個|几个|多少個|多少个|幾|几'],
  ['word', 'performance', '成效|表現|表现|績效|绩效|效果|成績|成绩|業績|业绩'],
  ['word', 'data', '數據|数据|資料|资料|數字|数字'],
  ['word', 'report', '報告|报告|報表|报表'],
  ['word', 'overview', '總覽|总览|概覽|概览|概況|概况'],
  ['word', 'ad', '廣告|广告|投放'],
  ['word', 'from', '從|从'],
  ['word', 'to', '到|至'],
  ['since', 'since', '自|以來|以来'],
  ['and', 'and', '和|與|与|及|以及|跟|同|還有|还有|並且|并且'],
  ['word', 'or', '或|或者|還是|还是'],
  ['vs', 'vs', '對比|对比|比較|比较|相比|相較|相较|相對於|相对于|比|較|较|對照|对照'],
  ['excl', 'excluding', '除了|除|不含|不包括|不包含|排除|扣除|以外|之外|除外'],
  ['by', 'by', '按|依|依照|按照|根據|根据|分|各|每|每個|每个|逐|別|别'],
  // Document words: what a question asks of the knowledge base, read so it can be searched.
  ['word', 'market note', '市場筆記|市场笔记|市場報告|市场报告|市場簡報|市场简报|市場說明|市场说明'],
  ['word', 'recommendations', '建議|建议|推薦做法|推荐做法'],
  ['word', 'summary', '摘要|總結|总结|重點|重点|概要|概述'],
  ['word', 'program', '計劃|计划|方案|優惠計劃|优惠计划'],
  ['word', 'eligibility', '資格|资格|申請條件|申请条件|適用條件|适用条件|條件|条件'],
  ['word', 'rebate', '回饋比例|回馈比例|回饋|回馈|返點|返点|返利'],
  ['word', 'minimum spend', '最低花費|最低花费|最低消費|最低消费|最低支出'],
  ['word', 'terms', '條款|条款|規則|规则'],
  ['word', 'playbook', '手冊|手册|操作指南'],
  ['word', 'post mortem', '檢討|检讨|復盤|复盘|事後檢討|事后检讨'],
  ['word', 'lessons', '教訓|教训|經驗|经验'],
  ['word', 'guidelines', '品牌指南|指引|準則|准则'],
  ['word', 'brief', '產業簡報|产业简报|行業簡報|行业简报'],
];

// ---------------------------------------------------------------------------------------------
// Japanese.
// ---------------------------------------------------------------------------------------------
const ja: readonly Row[] = [
  [
    'drop',
    '',
    'の|は|を|が|に|で|へ|も|ね|よ|か|ですか|ですね|でしょうか|ますか|ました|でした|でしたか|です|ます|ください|下さい|教えて|教えてください|教えて下さい|知りたい|見せて|見せてください|出して|表示して|お願いします|お願い|について|における|において|に関する|関する|どのくらい|どれくらい|どれぐらい|いくら|だった|だったか|どうだった|どうでしたか|どうですか|だ|って|とは|では|での|には|それぞれ|ちなみに|ちょっと|まとめて|あります|ありました|いますか|なった|なりました|なりましたか|なっていますか|している|していますか|した|して|する|された|されて|見たい|確認したい|確認|調べて|分析して|分析|今まで|現在まで|これまで',
  ],
  ['rel', 'last month', '先月|前月'],
  ['rel', 'this month', '今月|当月|本月'],
  ['rel', 'next month', '来月|翌月'],
  ['rel', 'last week', '先週|前週'],
  ['rel', 'this week', '今週|本週'],
  ['rel', 'next week', '来週|翌週'],
  ['rel', 'last quarter', '前四半期|先四半期'],
  ['rel', 'this quarter', '今四半期|当四半期|この四半期'],
  ['rel', 'next quarter', '来四半期|次の四半期|次四半期|翌四半期'],
  ['rel', 'yesterday', '昨日'],
  ['rel', 'today', '今日|本日'],
  ['rel', 'tomorrow', '明日'],
  ['rel', 'year to date', '年初来|年初から'],
  ['rel', 'month to date', '月初来|月初から'],
  ['rel', 'same period last year', '前年同期'],
  ['relyear', 'this year', '今年|本年'],
  ['relyear', 'last year', '昨年|去年|前年'],
  ['relyear', 'next year', '来年|翌年'],
  // Calendar halves: Scout's periods are calendar periods, and the answer says which it read.
  ['half', 'h1', '上半期|前半期'],
  ['half', 'h2', '下半期|後半期'],
  ['unit', 'month', '月'],
  ['unit', 'year', '年'],
  ['unit', 'week', '週|週間'],
  ['unit', 'day', '日'],
  ['unit', 'quarter', '四半期'],
  [
    'metric',
    'spend',
    '広告費|広告費用|費用|コスト|広告コスト|消化金額|消化額|出稿金額|出稿額|支出|利用額|利用金額|使った金額|かかった費用|投資額',
  ],
  ['metric', 'impressions', 'インプレッション|インプレッション数|インプ|インプ数|表示回数|表示数|imp数'],
  ['metric', 'clicks', 'クリック|クリック数|クリック回数'],
  ['metric', 'conversions', 'コンバージョン|コンバージョン数|cv数|成果数|成約数|獲得数'],
  ['metric', 'revenue', '売上|売上高|売り上げ|売上げ|収益|収入|売上金額|販売額'],
  ['metric', 'ctr', 'クリック率|クリックスルー率'],
  ['metric', 'cvr', 'コンバージョン率|cv率|成約率|転換率'],
  ['metric', 'cpc', 'クリック単価|平均クリック単価'],
  ['metric', 'cpa', '獲得単価|コンバージョン単価|cv単価|顧客獲得単価|成果単価'],
  ['metric', 'cpm', 'インプレッション単価|千回表示単価|1000回表示単価|表示単価'],
  ['metric', 'roas', '広告費用対効果|費用対効果|広告費対売上'],
  ['word', 'budget', '予算'],
  [
    'metric',
    'video views',
    '動画再生数|動画再生回数|再生回数|再生数|視聴回数|視聴数|動画視聴数|動画視聴回数|動画再生|動画視聴',
  ],
  ['metric', 'view rate', '視聴率|再生率|動画視聴率'],
  ['metric', 'number of campaigns', 'キャンペーン数'],
  ['metric', 'number of brands', 'ブランド数'],
  ['dim', 'channel', 'チャネル|チャンネル|媒体'],
  ['dim', 'market', '市場|地域|エリア'],
  ['dim', 'country', '国'],
  ['dim', 'device', 'デバイス|端末'],
  ['dim', 'industry', '業界|業種|カテゴリ|カテゴリー'],
  ['dim', 'brand', 'ブランド|クライアント'],
  ['dim', 'advertiser', '広告主'],
  ['dim', 'campaign', 'キャンペーン'],
  ['dim', 'objective', '目的|目標'],
  ['value', 'taiwan', '台湾|台北'],
  ['value', 'hong kong', '香港'],
  ['value', 'singapore', 'シンガポール'],
  ['value', 'malaysia', 'マレーシア'],
  ['value', 'thailand', 'タイ'],
  ['value', 'vietnam', 'ベトナム'],
  ['value', 'philippines', 'フィリピン'],
  ['value', 'japan', '日本|東京'],
  ['value', 'china', '中国'],
  ['value', 'korea', '韓国'],
  ['value', 'indonesia', 'インドネシア'],
  ['value', 'united states', 'アメリカ|米国'],
  ['value', 'australia', 'オーストラリア'],
  ['value', 'india', 'インド'],
  ['value', 'social', 'ソーシャル|ソーシャルメディア|sns広告'],
  ['value', 'search', '検索|検索広告|リスティング|リスティング広告|サーチ|サーチ広告'],
  ['value', 'online video', '動画|動画広告|オンライン動画|ビデオ|ビデオ広告'],
  ['value', 'display', 'ディスプレイ|ディスプレイ広告|バナー|バナー広告'],
  ['value', 'native', 'ネイティブ|ネイティブ広告'],
  ['value', 'ctv', 'コネクテッドtv|コネクテッドテレビ'],
  ['value', 'mobile', 'スマホ|スマートフォン|モバイル|携帯|携帯電話'],
  ['value', 'desktop', 'パソコン|デスクトップ'],
  ['value', 'tablet', 'タブレット'],
  ['value', 'tv', 'テレビ|スマートテレビ'],
  ['value', 'automotive', '自動車|車|クルマ'],
  ['value', 'beauty', '美容|化粧品|コスメ|ビューティー'],
  ['value', 'gaming', 'ゲーム|ゲーム業界'],
  ['value', 'financial services', '金融|金融サービス|銀行|保険'],
  ['value', 'travel', '旅行|観光|ホテル|航空|トラベル'],
  ['value', 'retail', '小売|小売り|通販|eコマース|ネット通販'],
  ['value', 'food & beverage', '食品|飲料|食品・飲料|飲食|食品飲料'],
  ['value', 'consumer electronics', '家電|電子機器|エレクトロニクス'],
  ['word', 'highest first', '高い順|多い順|大きい順|降順'],
  ['word', 'lowest first', '低い順|少ない順|小さい順|安い順|昇順'],
  ['word', 'highest', '最も高い|一番高い|最高|高い|高かった|最も高かった|一番高かった'],
  ['word', 'lowest', '最も低い|一番低い|最低|低い|低かった|最も低かった|一番低かった'],
  ['word', 'most', '最も多い|一番多い|多い|多かった|最も|一番|最多'],
  ['word', 'least', '最も少ない|一番少ない|少ない|少なかった'],
  ['word', 'best', '最も良い|一番良い|一番いい|最良'],
  ['word', 'worst', '最も悪い|一番悪い'],
  ['word', 'biggest', '最大'],
  ['word', 'smallest', '最小'],
  ['word', 'total', '合計|総計|総額|総|トータル|総数'],
  ['word', 'overall', '全体'],
  ['word', 'all', '全|全て|すべて|全部'],
  ['word', 'average', '平均'],
  ['word', 'trend', '推移|トレンド|傾向|変化|動向'],
  ['word', 'monthly', '月次'],
  ['word', 'weekly', '週次'],
  ['word', 'daily', '日次'],
  ['word', 'share', 'シェア|割合|構成比|比率'],
  ['word', 'growth', '増加|伸び|伸びた|増えた|上昇|成長|伸長'],
  ['word', 'decline', '減少|減った|低下|下がった|下落'],
  ['which', 'which', 'どの|どれ|どこ|どちら'],
  ['word', 'what', '何|なに'],
  ['word', 'how', 'どう|どのように|いかが'],
  ['word', 'why', 'なぜ|どうして'],
  ['word', 'how many', 'いくつ|何件|何個'],
  ['word', 'performance', 'パフォーマンス|成果|実績|効果|結果'],
  ['word', 'data', 'データ|数値|数字'],
  ['word', 'report', 'レポート|報告'],
  ['word', 'ad', '広告|出稿|配信'],
  ['word', 'date', '日付'],
  ['word', 'recent', '最近|直近'],
  ['word', 'past', '過去'],
  ['word', 'vs last year', '前年比|前年同期比|昨対|昨年比|対前年|前年対比'],
  ['word', 'vs previous month', '前月比'],
  ['word', 'vs previous week', '前週比'],
  ['word', 'vs previous quarter', '前四半期比'],
  ['word', 'vs previous period', '前期比'],
  ['and', 'and', 'と|や|および|及び|並びに|とか'],
  ['word', 'or', 'または|もしくは|あるいは'],
  ['vs', 'vs', '比較|比べて|と比べて|に比べて|と比較して|比較して|対比|対|比'],
  ['excl', 'excluding', '以外|除く|を除く|除いて|を除いて|除外'],
  ['by', 'by', '別|ごと|毎|各'],
  // から after a period is "since"; between two periods it is "to" (see the passes below).
  ['since', 'since', 'から'],
  ['drop', '', 'まで'],
  // Document words: what a question asks of the knowledge base, read so it can be searched.
  ['word', 'market note', 'マーケットノート|市場ノート|市場メモ|市場レポート'],
  ['word', 'recommendations', '推奨|提言|おすすめ|推奨事項|アドバイス'],
  ['word', 'summary', '要約|まとめ|概要|要点'],
  ['word', 'program', 'プログラム|施策'],
  ['word', 'eligibility', '参加条件|適用条件|条件|資格|要件'],
  ['word', 'rebate', 'リベート|還元率|還元'],
  ['word', 'minimum spend', '最低出稿額|最低支出|最低出稿'],
  ['word', 'terms', '規約|規定'],
  ['word', 'playbook', 'プレイブック|手引き'],
  ['word', 'post mortem', 'ポストモーテム|振り返り'],
  ['word', 'lessons', '教訓|学び'],
  ['word', 'guidelines', 'ガイドライン|指針'],
  ['word', 'brief', '業界ブリーフ|ブリーフ'],
];

// ---------------------------------------------------------------------------------------------
// Malay.
// ---------------------------------------------------------------------------------------------
const ms: readonly Row[] = [
  [
    'drop',
    '',
    'berapa|berapakah|apakah|adakah|ialah|adalah|tolong|sila|boleh|mohon|tunjukkan|tunjuk|berikan|beri|senaraikan|paparkan|lihat|nak tahu|ingin tahu|saya|kami|kah',
  ],
  ['rel', 'last month', 'bulan lepas|bulan lalu|bulan sudah|bulan yang lalu|bulan yang lepas'],
  ['rel', 'this month', 'bulan ini'],
  ['rel', 'next month', 'bulan depan|bulan hadapan|bulan akan datang'],
  ['rel', 'last week', 'minggu lepas|minggu lalu|minggu yang lalu'],
  ['rel', 'this week', 'minggu ini'],
  ['rel', 'next week', 'minggu depan|minggu hadapan'],
  ['rel', 'last quarter', 'suku tahun lepas|suku lepas|suku tahun lalu|suku lalu|sukuan lepas'],
  ['rel', 'this quarter', 'suku tahun ini|suku ini|sukuan ini'],
  ['rel', 'next quarter', 'suku tahun depan|suku depan|suku tahun hadapan|sukuan depan'],
  ['rel', 'yesterday', 'semalam'],
  ['rel', 'today', 'hari ini'],
  ['rel', 'tomorrow', 'esok|besok'],
  ['rel', 'year to date', 'tahun hingga kini|sejak awal tahun|setakat tahun ini'],
  ['rel', 'month to date', 'bulan hingga kini|sejak awal bulan'],
  ['rel', 'same period last year', 'tempoh sama tahun lepas|tempoh yang sama tahun lepas'],
  ['relyear', 'last year', 'tahun lepas|tahun lalu|tahun sudah'],
  ['relyear', 'this year', 'tahun ini'],
  ['relyear', 'next year', 'tahun depan|tahun hadapan'],
  ['unit', 'month', 'bulan'],
  ['unit', 'year', 'tahun'],
  ['unit', 'week', 'minggu'],
  ['unit', 'quarter', 'suku|suku tahun|sukuan'],
  [
    'metric',
    'spend',
    'perbelanjaan|perbelanjaan iklan|perbelanjaan media|belanja|belanja iklan|kos|kos iklan|kos media',
  ],
  ['metric', 'impressions', 'tera iklan|impresi|paparan iklan'],
  ['metric', 'clicks', 'klik'],
  ['metric', 'conversions', 'penukaran|konversi'],
  ['metric', 'revenue', 'hasil|pendapatan|jualan|hasil jualan'],
  ['metric', 'ctr', 'kadar klik|kadar klik lalu|kadar klikan|kadar klik-lalu'],
  ['metric', 'cvr', 'kadar penukaran|kadar konversi'],
  ['metric', 'cpc', 'kos per klik|kos setiap klik|kos bagi setiap klik|kos sekali klik'],
  [
    'metric',
    'cpa',
    'kos per penukaran|kos setiap penukaran|kos per pemerolehan|kos setiap pemerolehan|kos per konversi',
  ],
  ['metric', 'cpm', 'kos per seribu tera|kos setiap seribu tera|kos per seribu|kos per seribu paparan'],
  [
    'metric',
    'roas',
    'pulangan perbelanjaan iklan|pulangan atas perbelanjaan iklan|pulangan belanja iklan|pulangan iklan',
  ],
  ['metric', 'video views', 'tontonan|tontonan video|paparan video'],
  ['metric', 'view rate', 'kadar tontonan'],
  ['word', 'budget', 'bajet|belanjawan'],
  ['metric', 'number of campaigns', 'bilangan kempen|berapa kempen|berapa banyak kempen'],
  ['metric', 'number of brands', 'bilangan jenama|berapa jenama|berapa banyak jenama'],
  ['dim', 'channel', 'saluran'],
  ['dim', 'market', 'pasaran'],
  ['dim', 'country', 'negara'],
  ['dim', 'region', 'rantau|wilayah'],
  ['dim', 'device', 'peranti'],
  ['dim', 'industry', 'industri|sektor'],
  ['dim', 'brand', 'jenama'],
  ['dim', 'client', 'pelanggan'],
  ['dim', 'advertiser', 'pengiklan'],
  ['dim', 'campaign', 'kempen'],
  ['dim', 'objective', 'objektif|matlamat'],
  ['value', 'japan', 'jepun'],
  ['value', 'singapore', 'singapura'],
  ['value', 'philippines', 'filipina'],
  ['value', 'korea', 'korea selatan'],
  ['value', 'united states', 'amerika syarikat'],
  ['value', 'search', 'carian|iklan carian|enjin carian'],
  ['value', 'social', 'media sosial|sosial'],
  ['value', 'online video', 'video dalam talian|video atas talian'],
  ['value', 'display', 'paparan|iklan paparan'],
  ['value', 'native', 'asli|iklan asli'],
  ['value', 'ctv', 'tv bersambung|tv tersambung|tv terhubung'],
  ['value', 'mobile', 'mudah alih|telefon bimbit|telefon pintar|telefon'],
  ['value', 'desktop', 'komputer meja'],
  ['value', 'computer', 'komputer'],
  ['value', 'pc', 'komputer riba'],
  ['value', 'smart tv', 'tv pintar'],
  ['value', 'tv', 'televisyen'],
  ['value', 'automotive', 'automotif'],
  ['value', 'cars', 'kereta'],
  ['value', 'vehicles', 'kenderaan'],
  ['value', 'beauty', 'kecantikan|kosmetik|penjagaan diri'],
  ['value', 'gaming', 'permainan|permainan video'],
  ['value', 'financial services', 'kewangan|perkhidmatan kewangan|perbankan|insurans'],
  ['value', 'travel', 'pelancongan|perhotelan|penerbangan'],
  ['value', 'retail', 'runcit|peruncitan|e-dagang|beli-belah dalam talian|membeli-belah'],
  ['value', 'food & beverage', 'makanan dan minuman|makanan & minuman|makanan|minuman'],
  ['value', 'consumer electronics', 'elektronik|elektronik pengguna|gajet'],
  ['word', 'highest first', 'dari tertinggi ke terendah|tertinggi ke terendah|tertinggi dahulu|menurun'],
  ['word', 'lowest first', 'dari terendah ke tertinggi|terendah ke tertinggi|terendah dahulu|menaik'],
  ['word', 'highest', 'tertinggi|paling tinggi'],
  ['word', 'lowest', 'terendah|paling rendah'],
  ['word', 'most', 'terbanyak|paling banyak|paling'],
  ['word', 'least', 'paling sedikit|tersedikit|paling kurang'],
  ['word', 'best', 'terbaik|paling baik'],
  ['word', 'worst', 'terburuk|paling teruk|paling buruk'],
  ['word', 'biggest', 'terbesar'],
  ['word', 'smallest', 'terkecil'],
  ['word', 'top', 'teratas'],
  ['word', 'bottom', 'terbawah|tercorot'],
  ['word', 'total', 'jumlah'],
  ['word', 'overall', 'keseluruhan'],
  ['word', 'all', 'semua|kesemua'],
  ['word', 'average', 'purata'],
  ['word', 'trend', 'aliran|tren'],
  ['word', 'share', 'bahagian|peratusan|peratus|syer'],
  ['word', 'growth', 'pertumbuhan|peningkatan|kenaikan|meningkat|naik'],
  ['word', 'decline', 'penurunan|menurun|merosot|kejatuhan|jatuh|turun'],
  ['which', 'which', 'manakah|yang mana'],
  ['word', 'how', 'bagaimana|bagaimanakah'],
  ['word', 'why', 'kenapa|mengapa'],
  ['word', 'who', 'siapa'],
  ['word', 'when', 'bila'],
  ['word', 'performance', 'prestasi'],
  ['word', 'ad', 'iklan|pengiklanan'],
  ['word', 'report', 'laporan'],
  ['word', 'overview', 'ringkasan'],
  ['word', 'monthly', 'bulanan'],
  ['word', 'weekly', 'mingguan'],
  ['word', 'daily', 'harian'],
  ['word', 'quarterly', 'suku tahunan'],
  ['word', 'yearly', 'tahunan'],
  ['word', 'only', 'hanya|sahaja'],
  ['word', 'from', 'daripada'],
  ['word', 'to', 'hingga|sehingga|sampai'],
  ['since', 'since', 'sejak'],
  ['and', 'and', 'serta'],
  ['vs', 'vs', 'berbanding|berbanding dengan|dibandingkan dengan|dibanding|lawan|bandingkan'],
  ['excl', 'excluding', 'kecuali|tidak termasuk|selain|selain daripada'],
  ['by', 'by', 'mengikut|ikut|menurut|berdasarkan|setiap|tiap|tiap-tiap|bagi setiap'],
  // Document words: what a question asks of the knowledge base, read so it can be searched.
  ['word', 'market note', 'nota pasaran|catatan pasaran'],
  ['word', 'recommendations', 'cadangan|saranan|nasihat'],
  ['word', 'summary', 'ringkasan|rumusan'],
  ['word', 'eligibility', 'syarat kelayakan|kelayakan|syarat'],
  ['word', 'rebate', 'rebat'],
  ['word', 'terms', 'terma'],
  ['word', 'lessons', 'pengajaran'],
  ['word', 'guidelines', 'garis panduan'],
  ['word', 'playbook', 'buku panduan|panduan saluran'],
];

/**
 * Malay words that are also English words or names ("dan", "di", "Yang"): read only when the
 * question has other, unambiguous Malay in it.
 */
const msWeak: readonly Row[] = [
  ['drop', '', 'yang'],
  ['and', 'and', 'dan'],
  ['word', 'or', 'atau'],
  ['word', 'in', 'di|pada|dalam'],
  ['word', 'for', 'untuk|bagi'],
  ['word', 'from', 'dari'],
  ['word', 'with', 'dengan'],
  ['word', 'what', 'apa'],
  ['which', 'which', 'mana'],
  ['unit', 'day', 'hari'],
  ['metric', 'impressions', 'tera'],
];

// ---------------------------------------------------------------------------------------------
// Vietnamese. Multi-word phrases are also accepted without diacritics (see `fold`).
// ---------------------------------------------------------------------------------------------
const vi: readonly Row[] = [
  [
    'drop',
    '',
    'là|của|các|những|cho tôi|cho tôi xem|cho tôi biết|cho biết|hãy|giúp|giúp tôi|vui lòng|làm ơn|ạ|nhé|vậy|thế|bao nhiêu|là bao nhiêu|có|được|đã|thì|đạt|đạt được|tôi|chúng tôi|chúng ta|mình|bên mình|muốn biết|tôi muốn biết|liệt kê|cung cấp',
  ],
  ['rel', 'last month', 'tháng trước|tháng rồi|tháng vừa rồi|tháng vừa qua'],
  ['rel', 'this month', 'tháng này|tháng nay'],
  ['rel', 'next month', 'tháng sau|tháng tới|tháng kế tiếp'],
  ['rel', 'last week', 'tuần trước|tuần rồi|tuần vừa qua'],
  ['rel', 'this week', 'tuần này'],
  ['rel', 'next week', 'tuần sau|tuần tới'],
  ['rel', 'last quarter', 'quý trước|quý rồi|quý vừa qua'],
  ['rel', 'this quarter', 'quý này'],
  ['rel', 'next quarter', 'quý sau|quý tới'],
  ['rel', 'yesterday', 'hôm qua'],
  ['rel', 'today', 'hôm nay'],
  ['rel', 'tomorrow', 'ngày mai'],
  ['rel', 'year to date', 'từ đầu năm đến nay|từ đầu năm tới nay|từ đầu năm'],
  ['rel', 'month to date', 'từ đầu tháng đến nay|từ đầu tháng'],
  ['rel', 'same period last year', 'cùng kỳ năm ngoái|cùng kỳ năm trước|cùng kỳ'],
  ['relyear', 'last year', 'năm ngoái|năm trước|năm rồi|năm vừa qua'],
  ['relyear', 'this year', 'năm nay'],
  ['relyear', 'next year', 'năm sau|năm tới|sang năm|năm tiếp theo'],
  ['unit', 'month', 'tháng'],
  ['unit', 'year', 'năm'],
  ['unit', 'week', 'tuần'],
  ['unit', 'day', 'ngày'],
  ['unit', 'quarter', 'quý'],
  [
    'metric',
    'spend',
    'chi phí|chi tiêu|chi phí quảng cáo|chi tiêu quảng cáo|ngân sách đã chi|tiền chi|số tiền chi tiêu|số tiền đã chi|đã chi',
  ],
  [
    'metric',
    'impressions',
    'lượt hiển thị|số lượt hiển thị|lần hiển thị|số lần hiển thị|lượt hiện|số lần xuất hiện',
  ],
  [
    'metric',
    'clicks',
    'lượt nhấp|số lượt nhấp|lượt click|số lượt click|lượt bấm|nhấp chuột|số nhấp|lượt nhấn',
  ],
  ['metric', 'conversions', 'chuyển đổi|lượt chuyển đổi|số chuyển đổi|số lượt chuyển đổi'],
  ['metric', 'revenue', 'doanh thu|doanh số|thu nhập|doanh thu bán hàng'],
  [
    'metric',
    'ctr',
    'tỷ lệ nhấp|tỉ lệ nhấp|tỷ lệ nhấp chuột|tỉ lệ nhấp chuột|tỷ lệ click|tỉ lệ click|tỷ lệ nhấp qua',
  ],
  ['metric', 'cvr', 'tỷ lệ chuyển đổi|tỉ lệ chuyển đổi'],
  [
    'metric',
    'cpc',
    'chi phí mỗi lượt nhấp|chi phí mỗi nhấp|chi phí trên mỗi lượt nhấp|chi phí cho mỗi lượt nhấp|giá mỗi lượt nhấp|chi phí mỗi click|giá mỗi click',
  ],
  [
    'metric',
    'cpa',
    'chi phí mỗi chuyển đổi|chi phí mỗi lượt chuyển đổi|chi phí trên mỗi chuyển đổi|chi phí cho mỗi chuyển đổi|chi phí mỗi hành động|giá mỗi chuyển đổi',
  ],
  [
    'metric',
    'cpm',
    'chi phí mỗi nghìn lượt hiển thị|chi phí mỗi nghìn lần hiển thị|chi phí mỗi 1000 lượt hiển thị|chi phí cho mỗi nghìn lần hiển thị|chi phí trên mỗi nghìn lượt hiển thị|giá mỗi nghìn lượt hiển thị|chi phí mỗi ngàn lượt hiển thị',
  ],
  [
    'metric',
    'roas',
    'lợi nhuận trên chi tiêu quảng cáo|doanh thu trên chi phí quảng cáo|doanh thu trên chi tiêu quảng cáo|tỷ suất lợi nhuận trên chi tiêu quảng cáo',
  ],
  ['metric', 'video views', 'lượt xem|lượt xem video|số lượt xem'],
  ['metric', 'view rate', 'tỷ lệ xem|tỉ lệ xem'],
  ['word', 'budget', 'ngân sách'],
  [
    'metric',
    'number of campaigns',
    'số chiến dịch|số lượng chiến dịch|bao nhiêu chiến dịch|có bao nhiêu chiến dịch',
  ],
  ['metric', 'number of brands', 'số thương hiệu|số lượng thương hiệu|bao nhiêu thương hiệu'],
  ['dim', 'channel', 'kênh|kenh'],
  ['dim', 'market', 'thị trường'],
  ['dim', 'country', 'quốc gia|nước'],
  ['dim', 'region', 'khu vực'],
  ['dim', 'device', 'thiết bị'],
  ['dim', 'platform', 'nền tảng'],
  ['dim', 'industry', 'ngành|nganh|ngành hàng|lĩnh vực'],
  ['dim', 'brand', 'thương hiệu|nhãn hàng'],
  ['dim', 'client', 'khách hàng'],
  ['dim', 'advertiser', 'nhà quảng cáo'],
  ['dim', 'campaign', 'chiến dịch'],
  ['dim', 'objective', 'mục tiêu'],
  ['value', 'japan', 'nhật bản|nhật'],
  ['value', 'taiwan', 'đài loan'],
  ['value', 'hong kong', 'hồng kông|hương cảng'],
  ['value', 'singapore', 'xin-ga-po|xingapo|tân gia ba'],
  ['value', 'malaysia', 'ma-lai-xi-a|mã lai'],
  ['value', 'thailand', 'thái lan'],
  ['value', 'vietnam', 'việt nam'],
  ['value', 'philippines', 'phi-líp-pin|philippin|phi luật tân'],
  ['value', 'china', 'trung quốc'],
  ['value', 'korea', 'hàn quốc'],
  ['value', 'united states', 'mỹ|hoa kỳ'],
  ['value', 'indonesia', 'in-đô-nê-xi-a'],
  ['value', 'australia', 'úc'],
  ['value', 'india', 'ấn độ'],
  ['value', 'search', 'tìm kiếm|quảng cáo tìm kiếm'],
  ['value', 'social', 'mạng xã hội|xã hội|mxh'],
  ['value', 'online video', 'video trực tuyến'],
  ['value', 'display', 'hiển thị|quảng cáo hiển thị'],
  ['value', 'native', 'quảng cáo gốc|quảng cáo tự nhiên'],
  ['value', 'ctv', 'truyền hình kết nối|tivi kết nối'],
  ['value', 'mobile', 'di động|điện thoại|điện thoại di động|điện thoại thông minh'],
  ['value', 'desktop', 'máy tính để bàn'],
  ['value', 'computer', 'máy tính|máy tính cá nhân'],
  ['value', 'tablet', 'máy tính bảng'],
  ['value', 'tv', 'tivi|ti vi|tivi thông minh'],
  ['value', 'automotive', 'ô tô|ôtô|xe hơi'],
  ['value', 'beauty', 'làm đẹp|mỹ phẩm|chăm sóc cá nhân'],
  ['value', 'gaming', 'trò chơi|trò chơi điện tử'],
  ['value', 'financial services', 'tài chính|dịch vụ tài chính|ngân hàng|bảo hiểm'],
  ['value', 'travel', 'du lịch|khách sạn|hàng không'],
  ['value', 'retail', 'bán lẻ|thương mại điện tử|mua sắm trực tuyến|tmđt'],
  [
    'value',
    'food & beverage',
    'thực phẩm và đồ uống|thực phẩm & đồ uống|đồ ăn thức uống|thực phẩm|đồ uống|ăn uống',
  ],
  ['value', 'consumer electronics', 'điện tử tiêu dùng|đồ điện tử|điện tử|điện máy'],
  ['word', 'highest first', 'từ cao đến thấp|từ cao xuống thấp|cao đến thấp|cao xuống thấp|giảm dần'],
  ['word', 'lowest first', 'từ thấp đến cao|từ thấp lên cao|thấp đến cao|thấp lên cao|tăng dần'],
  ['word', 'highest', 'cao nhất'],
  ['word', 'lowest', 'thấp nhất'],
  ['word', 'most', 'nhiều nhất|nhất'],
  ['word', 'least', 'ít nhất'],
  ['word', 'best', 'tốt nhất|hiệu quả nhất'],
  ['word', 'worst', 'kém nhất|tệ nhất|tồi nhất'],
  ['word', 'biggest', 'lớn nhất'],
  ['word', 'smallest', 'nhỏ nhất'],
  ['word', 'top', 'hàng đầu|dẫn đầu|tốp'],
  ['word', 'total', 'tổng|tổng cộng|tổng số'],
  ['word', 'overall', 'tổng thể|toàn bộ'],
  ['word', 'all', 'tất cả|mọi'],
  ['word', 'average', 'trung bình'],
  ['word', 'trend', 'xu hướng|diễn biến|biến động|xu thế'],
  ['word', 'share', 'tỷ trọng|tỉ trọng|thị phần|phần trăm|tỷ lệ phần trăm'],
  ['word', 'growth', 'tăng|tăng trưởng|tăng lên|mức tăng'],
  ['word', 'decline', 'giảm|sụt giảm|giảm xuống|mức giảm'],
  ['which', 'which', 'nào'],
  ['word', 'what', 'gì|cái gì'],
  ['word', 'how', 'thế nào|như thế nào|ra sao'],
  ['word', 'why', 'tại sao|vì sao'],
  ['word', 'performance', 'hiệu suất|hiệu quả|kết quả|thành tích'],
  ['word', 'ad', 'quảng cáo'],
  ['word', 'data', 'dữ liệu|số liệu'],
  ['word', 'report', 'báo cáo'],
  ['word', 'monthly', 'hàng tháng|hằng tháng'],
  ['word', 'weekly', 'hàng tuần|hằng tuần'],
  ['word', 'daily', 'hàng ngày|hằng ngày'],
  ['word', 'quarterly', 'hàng quý|hằng quý'],
  ['word', 'yearly', 'hàng năm|hằng năm'],
  ['word', 'in', 'vào|ở|tại'],
  ['word', 'on', 'trên'],
  ['word', 'from', 'từ'],
  ['word', 'to', 'đến|tới'],
  ['word', 'with', 'với'],
  ['and', 'and', 'và'],
  ['word', 'or', 'hoặc'],
  ['vs', 'vs', 'so với|so sánh với|so sánh|đối chiếu với'],
  ['excl', 'excluding', 'ngoại trừ|trừ|loại trừ|không bao gồm|không tính|ngoài'],
  ['by', 'by', 'phân theo|chia theo|mỗi|từng|theo từng'],
  // Document words: what a question asks of the knowledge base, read so it can be searched.
  ['word', 'market note', 'ghi chú thị trường|bản tin thị trường|báo cáo thị trường'],
  ['word', 'recommendations', 'khuyến nghị|đề xuất|gợi ý|lời khuyên'],
  ['word', 'summary', 'tóm tắt|tổng kết|tóm lại'],
  ['word', 'program', 'chương trình'],
  ['word', 'eligibility', 'điều kiện|đủ điều kiện|tiêu chí'],
  ['word', 'rebate', 'hoàn tiền|chiết khấu'],
  ['word', 'terms', 'điều khoản'],
  ['word', 'lessons', 'bài học'],
  ['word', 'guidelines', 'hướng dẫn'],
  ['word', 'playbook', 'cẩm nang|sổ tay'],
];

/** Vietnamese words without diacritics that are also English words or names ("Theo"). */
const viWeak: readonly Row[] = [
  ['drop', '', 'nha|xem'],
  ['by', 'by', 'theo'],
  ['word', 'in', 'trong'],
  ['word', 'for', 'cho'],
  ['word', 'or', 'hay'],
];

// ---------------------------------------------------------------------------------------------
// Thai.
// ---------------------------------------------------------------------------------------------
const th: readonly Row[] = [
  [
    'drop',
    '',
    'ครับ|ค่ะ|คะ|ค่า|จ้ะ|จ้า|นะ|นะคะ|นะครับ|หน่อย|เท่าไหร่|เท่าไร|เท่าไหร|ไหม|มั้ย|บ้าง|ของ|ที่|คือ|เป็น|มี|ได้|ให้|ช่วย|ขอ|ขอดู|ดู|แสดง|บอก|อยากรู้|อยากทราบ|ทราบ|เรา|ฉัน|ผม|ดิฉัน|อยู่|แล้ว|จำนวน|ยอด|รายการ|เงิน',
  ],
  ['rel', 'last month', 'เดือนที่แล้ว|เดือนก่อน|เดือนที่ผ่านมา|เดือนล่าสุด'],
  ['rel', 'this month', 'เดือนนี้'],
  ['rel', 'next month', 'เดือนหน้า|เดือนถัดไป'],
  ['rel', 'last week', 'สัปดาห์ที่แล้ว|สัปดาห์ก่อน|อาทิตย์ที่แล้ว|อาทิตย์ก่อน|สัปดาห์ที่ผ่านมา'],
  ['rel', 'this week', 'สัปดาห์นี้|อาทิตย์นี้'],
  ['rel', 'next week', 'สัปดาห์หน้า|อาทิตย์หน้า'],
  ['rel', 'last quarter', 'ไตรมาสที่แล้ว|ไตรมาสก่อน|ไตรมาสที่ผ่านมา'],
  ['rel', 'this quarter', 'ไตรมาสนี้'],
  ['rel', 'next quarter', 'ไตรมาสหน้า|ไตรมาสถัดไป'],
  ['rel', 'yesterday', 'เมื่อวาน|เมื่อวานนี้'],
  ['rel', 'today', 'วันนี้'],
  ['rel', 'tomorrow', 'พรุ่งนี้'],
  ['rel', 'year to date', 'ตั้งแต่ต้นปี|ตั้งแต่ต้นปีจนถึงปัจจุบัน|ต้นปีถึงปัจจุบัน'],
  ['rel', 'month to date', 'ตั้งแต่ต้นเดือน'],
  ['rel', 'same period last year', 'ช่วงเดียวกันของปีที่แล้ว|ช่วงเดียวกันปีที่แล้ว|ช่วงเดียวกันของปีก่อน'],
  ['relyear', 'last year', 'ปีที่แล้ว|ปีก่อน|ปีที่ผ่านมา|ปีกลาย'],
  ['relyear', 'this year', 'ปีนี้'],
  ['relyear', 'next year', 'ปีหน้า|ปีถัดไป'],
  ['unit', 'month', 'เดือน'],
  ['unit', 'year', 'ปี'],
  ['unit', 'week', 'สัปดาห์|อาทิตย์'],
  ['unit', 'day', 'วัน'],
  // วันที่ 5 มีนาคม: "the day" before a date carries nothing the date does not.
  ['drop', '', 'วันที่'],
  ['unit', 'quarter', 'ไตรมาส'],
  [
    'metric',
    'spend',
    'ค่าใช้จ่าย|ยอดใช้จ่าย|ค่าโฆษณา|งบที่ใช้|ยอดใช้งบ|ใช้จ่าย|การใช้จ่าย|งบโฆษณาที่ใช้|ต้นทุน|ใช้งบ|ใช้เงิน|ค่าใช้จ่ายโฆษณา',
  ],
  ['metric', 'impressions', 'การแสดงผล|จำนวนการแสดงผล|อิมเพรสชัน|อิมเพรสชั่น|ยอดการแสดงผล|การมองเห็น|ยอดอิมเพรสชัน'],
  ['metric', 'clicks', 'คลิก|จำนวนคลิก|ยอดคลิก|การคลิก'],
  [
    'metric',
    'conversions',
    'คอนเวอร์ชัน|คอนเวอร์ชั่น|การแปลง|การแปลงผล|ยอดคอนเวอร์ชัน|จำนวนคอนเวอร์ชัน|การเปลี่ยนเป็นลูกค้า',
  ],
  ['metric', 'revenue', 'รายได้|ยอดขาย|รายรับ'],
  ['metric', 'ctr', 'อัตราการคลิก|อัตราคลิก|อัตราการคลิกผ่าน|อัตราคลิกผ่าน'],
  ['metric', 'cvr', 'อัตราการแปลง|อัตราคอนเวอร์ชัน|อัตราการแปลงผล|อัตราคอนเวอร์ชั่น|อัตราการเปลี่ยนเป็นลูกค้า'],
  ['metric', 'cpc', 'ต้นทุนต่อคลิก|ค่าใช้จ่ายต่อคลิก|ราคาต่อคลิก'],
  ['metric', 'cpa', 'ต้นทุนต่อการแปลง|ค่าใช้จ่ายต่อคอนเวอร์ชัน|ต้นทุนต่อคอนเวอร์ชัน|ต้นทุนต่อคอนเวอร์ชั่น|ค่าใช้จ่ายต่อการแปลง'],
  ['metric', 'cpm', 'ต้นทุนต่อพันการแสดงผล|ค่าใช้จ่ายต่อพันการแสดงผล|ต้นทุนต่อพันครั้ง|ค่าใช้จ่ายต่อพันครั้ง|ต้นทุนต่อการแสดงผลพันครั้ง'],
  ['metric', 'roas', 'ผลตอบแทนจากค่าโฆษณา|ผลตอบแทนต่อค่าโฆษณา|ผลตอบแทนจากการใช้จ่ายโฆษณา|ผลตอบแทนจากงบโฆษณา'],
  ['metric', 'video views', 'ยอดวิว|ยอดชม|จำนวนการดู|ยอดดูวิดีโอ|การดูวิดีโอ|ยอดวิววิดีโอ|จำนวนวิว|ยอดดู'],
  ['metric', 'view rate', 'อัตราการดู|อัตราการรับชม'],
  ['word', 'budget', 'งบประมาณ|งบ'],
  ['metric', 'number of campaigns', 'จำนวนแคมเปญ|กี่แคมเปญ'],
  ['metric', 'number of brands', 'จำนวนแบรนด์|กี่แบรนด์'],
  ['dim', 'channel', 'ช่องทาง'],
  ['dim', 'market', 'ตลาด'],
  ['dim', 'country', 'ประเทศ'],
  ['dim', 'region', 'ภูมิภาค'],
  ['dim', 'device', 'อุปกรณ์'],
  ['dim', 'platform', 'แพลตฟอร์ม'],
  ['dim', 'industry', 'อุตสาหกรรม|หมวดธุรกิจ|ประเภทธุรกิจ'],
  ['dim', 'brand', 'แบรนด์|ยี่ห้อ'],
  ['dim', 'client', 'ลูกค้า'],
  ['dim', 'advertiser', 'ผู้ลงโฆษณา'],
  ['dim', 'campaign', 'แคมเปญ'],
  ['dim', 'objective', 'วัตถุประสงค์|เป้าหมาย'],
  ['value', 'thailand', 'ไทย|ประเทศไทย|กรุงเทพ|กรุงเทพฯ'],
  ['value', 'japan', 'ญี่ปุ่น'],
  ['value', 'singapore', 'สิงคโปร์'],
  ['value', 'malaysia', 'มาเลเซีย'],
  ['value', 'vietnam', 'เวียดนาม'],
  ['value', 'philippines', 'ฟิลิปปินส์'],
  ['value', 'taiwan', 'ไต้หวัน'],
  ['value', 'hong kong', 'ฮ่องกง'],
  ['value', 'china', 'จีน'],
  ['value', 'korea', 'เกาหลี|เกาหลีใต้'],
  ['value', 'united states', 'อเมริกา|สหรัฐ|สหรัฐอเมริกา'],
  ['value', 'indonesia', 'อินโดนีเซีย'],
  ['value', 'australia', 'ออสเตรเลีย'],
  ['value', 'india', 'อินเดีย'],
  ['value', 'social', 'โซเชียล|โซเชียลมีเดีย|สื่อโซเชียล|สื่อสังคมออนไลน์'],
  ['value', 'search', 'การค้นหา|ค้นหา|เสิร์ช|โฆษณาค้นหา|เสิร์ชเอนจิน'],
  ['value', 'online video', 'วิดีโอออนไลน์|วิดีโอ|วีดีโอ|โฆษณาวิดีโอ'],
  ['value', 'display', 'ดิสเพลย์|แบนเนอร์|โฆษณาแบนเนอร์'],
  ['value', 'native', 'เนทีฟ|เนทีฟแอด'],
  ['value', 'ctv', 'ทีวีที่เชื่อมต่ออินเทอร์เน็ต|คอนเนคเต็ดทีวี'],
  ['value', 'mobile', 'มือถือ|โทรศัพท์มือถือ|สมาร์ทโฟน|โมบาย'],
  ['value', 'desktop', 'เดสก์ท็อป|คอมพิวเตอร์|คอมพิวเตอร์ตั้งโต๊ะ|พีซี'],
  ['value', 'tablet', 'แท็บเล็ต|แทบเล็ต|ไอแพด'],
  ['value', 'tv', 'ทีวี|โทรทัศน์|สมาร์ททีวี'],
  ['value', 'automotive', 'ยานยนต์|รถยนต์'],
  ['value', 'beauty', 'ความงาม|เครื่องสำอาง|สกินแคร์'],
  ['value', 'gaming', 'เกม'],
  ['value', 'mobile games', 'เกมมือถือ'],
  ['value', 'financial services', 'การเงิน|บริการทางการเงิน|ธนาคาร|ประกัน|ประกันภัย|การธนาคาร'],
  ['value', 'travel', 'ท่องเที่ยว|การท่องเที่ยว|โรงแรม|สายการบิน'],
  ['value', 'retail', 'ค้าปลีก|อีคอมเมิร์ซ|ช้อปปิ้งออนไลน์|คอมเมิร์ซ'],
  ['value', 'food & beverage', 'อาหารและเครื่องดื่ม|อาหาร|เครื่องดื่ม'],
  ['value', 'consumer electronics', 'อิเล็กทรอนิกส์|เครื่องใช้ไฟฟ้า|อุปกรณ์อิเล็กทรอนิกส์|อิเล็กทรอนิกส์สำหรับผู้บริโภค'],
  ['word', 'highest first', 'เรียงจากมากไปน้อย|จากมากไปน้อย|มากไปน้อย|จากสูงไปต่ำ|สูงไปต่ำ'],
  ['word', 'lowest first', 'เรียงจากน้อยไปมาก|จากน้อยไปมาก|น้อยไปมาก|จากต่ำไปสูง|ต่ำไปสูง'],
  ['word', 'highest', 'สูงสุด|สูงที่สุด'],
  ['word', 'lowest', 'ต่ำสุด|ต่ำที่สุด'],
  ['word', 'most', 'มากที่สุด|มากสุด|ที่สุด'],
  ['word', 'least', 'น้อยที่สุด|น้อยสุด'],
  ['word', 'best', 'ดีที่สุด|ดีสุด'],
  ['word', 'worst', 'แย่ที่สุด|แย่สุด'],
  ['word', 'biggest', 'ใหญ่ที่สุด'],
  ['word', 'top', 'อันดับต้น|ท็อป'],
  ['word', 'total', 'รวม|ยอดรวม|ทั้งหมด|รวมทั้งหมด'],
  ['word', 'overall', 'โดยรวม|ภาพรวม'],
  ['word', 'average', 'เฉลี่ย|ค่าเฉลี่ย'],
  ['word', 'trend', 'แนวโน้ม|เทรนด์|ความเคลื่อนไหว'],
  ['word', 'share', 'สัดส่วน|ส่วนแบ่ง|เปอร์เซ็นต์'],
  ['word', 'growth', 'เพิ่มขึ้น|การเติบโต|เติบโต|เพิ่ม'],
  ['word', 'decline', 'ลดลง|การลดลง|ลด'],
  ['which', 'which', 'ไหน|อันไหน|ใด'],
  ['word', 'what', 'อะไร'],
  ['word', 'how', 'อย่างไร|ยังไง'],
  ['word', 'why', 'ทำไม'],
  ['word', 'performance', 'ประสิทธิภาพ|ผลงาน|ผลลัพธ์|ผลการดำเนินงาน'],
  ['word', 'ad', 'โฆษณา|การโฆษณา'],
  ['word', 'data', 'ข้อมูล'],
  ['word', 'report', 'รายงาน'],
  // การตลาด is "marketing", not "market": read whole so ตลาด inside it is not taken alone.
  ['word', 'marketing', 'การตลาด'],
  ['word', 'monthly', 'รายเดือน|ทุกเดือน'],
  ['word', 'weekly', 'รายสัปดาห์|ทุกสัปดาห์'],
  ['word', 'daily', 'รายวัน|ทุกวัน'],
  ['word', 'quarterly', 'รายไตรมาส'],
  ['word', 'yearly', 'รายปี'],
  ['word', 'in', 'ใน|ช่วง|ในช่วง'],
  ['word', 'on', 'บน'],
  ['word', 'for', 'สำหรับ'],
  ['word', 'from', 'จาก|ตั้งแต่'],
  ['word', 'to', 'ถึง|จนถึง'],
  ['and', 'and', 'และ|กับ|รวมถึง'],
  ['word', 'or', 'หรือ'],
  ['vs', 'vs', 'เทียบกับ|เปรียบเทียบกับ|เมื่อเทียบกับ|เทียบ|เปรียบเทียบ'],
  ['excl', 'excluding', 'ยกเว้น|ไม่รวม|นอกจาก|ไม่นับ'],
  ['by', 'by', 'ตาม|แยกตาม|แบ่งตาม|แต่ละ|ราย|ในแต่ละ|ต่อ'],
  // Document words: what a question asks of the knowledge base, read so it can be searched.
  ['word', 'market note', 'บันทึกตลาด|รายงานตลาด'],
  ['word', 'recommendations', 'คำแนะนำ|ข้อแนะนำ|ข้อเสนอแนะ'],
  ['word', 'summary', 'สรุป|ย่อ'],
  ['word', 'program', 'โปรแกรม|โครงการ'],
  ['word', 'eligibility', 'คุณสมบัติ|เงื่อนไข'],
  ['word', 'rebate', 'เงินคืน'],
  ['word', 'terms', 'ข้อกำหนด'],
  ['word', 'lessons', 'บทเรียน'],
  ['word', 'guidelines', 'แนวทาง'],
  ['word', 'playbook', 'คู่มือ'],
];

/**
 * Common function words of Malay, Vietnamese (written without diacritics) and Tagalog that no
 * table reads. Left in an English question they would be skipped as noise; they may carry
 * meaning (negation, "except", "before"), so they are reported.
 */
const unreadFunctionWords = new Set(
  `tidak tak bukan belum jangan lebih kurang cuma saja juga lagi masih sudah telah akan perlu mahu hendak
  kalau jika sekiranya tetapi tapi kerana sebab supaya agar antara hampir sekitar sebelum selepas semasa ketika
  oleh kepada terhadap tentang mengenai
  khong cua nhung duoc nhieu nhat nao thi voi nhu
  ang ng mga sa ano magkano ilan noong nakaraang nakaraan buwan taon linggo ngayong ngayon po kada bawat ito
  yung lahat gaano paano bakit saan kailan naman kung pero hindi wala meron mayroon`.split(/\s+/),
);

// ---------------------------------------------------------------------------------------------
// Dictionary.
// ---------------------------------------------------------------------------------------------

interface Entry {
  key: string;
  to: string;
  role: Role;
  groups: Group[];
  weak: boolean;
  /** Japanese reading where it differs from the Chinese one (前年). */
  ja?: { to: string; role: Role };
}

/** Vietnamese without diacritics ("chi phi thang truoc"), as people type it in Slack. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

function buildDictionary(): Map<string, Entry[]> {
  const entries = new Map<string, Entry>();
  const add = (group: Group, weak: boolean, [role, to]: Row, key: string) => {
    const existing = entries.get(key);
    if (!existing) {
      entries.set(key, { key, to, role, groups: [group], weak });
      return;
    }
    if (!existing.groups.includes(group)) existing.groups.push(group);
    if (group === 'ja' && (existing.to !== to || existing.role !== role)) existing.ja = { to, role };
    existing.weak &&= weak;
  };
  const tables: [Group, boolean, readonly Row[]][] = [
    ['zh', false, zh],
    ['ja', false, ja],
    ['ms', false, ms],
    ['ms', true, msWeak],
    ['vi', false, vi],
    ['vi', true, viWeak],
    ['th', false, th],
  ];
  for (const [group, weak, rows] of tables) {
    for (const row of rows) {
      for (const variant of row[2].split('|')) {
        const key = variant.normalize('NFC').toLowerCase();
        add(group, weak, row, key);
        if (group !== 'vi' || !key.includes(' ')) continue;
        const folded = fold(key);
        // Two-letter folds ("o to") and folds that are the English already ("hong kong") stay out.
        const meaningful = folded.split(' ').some((w) => w.length > 2);
        if (folded !== key && meaningful && folded.replaceAll(' ', '') !== row[1].replaceAll(' ', '')) {
          if (!entries.has(folded)) add(group, weak, row, folded);
        }
      }
    }
  }
  const byFirst = new Map<string, Entry[]>();
  for (const entry of entries.values()) {
    const first = String.fromCodePoint(entry.key.codePointAt(0) ?? 32);
    const list = byFirst.get(first) ?? [];
    list.push(entry);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  return byFirst;
}

const dictionary = buildDictionary();

// ---------------------------------------------------------------------------------------------
// Rules: numbers, dates and counts that no fixed phrase can list.
// ---------------------------------------------------------------------------------------------

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const cnDigits: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 7, 七, 十二, 二十五: the small numbers questions use (up to 99). */
function numberOf(raw: string): number | null {
  if (/^\d+$/.test(raw)) return Number(raw);
  const ten = raw.indexOf('十');
  if (ten < 0) return raw.length === 1 ? (cnDigits[raw] ?? null) : null;
  if (ten > 1 || raw.lastIndexOf('十') !== ten) return null;
  const tens = ten === 0 ? 1 : (cnDigits[raw.slice(0, 1)] ?? null);
  const rest = raw.slice(ten + 1);
  const ones = rest === '' ? 0 : rest.length === 1 ? (cnDigits[rest] ?? null) : null;
  if (tens === null || tens === 0 || ones === null) return null;
  return tens * 10 + ones;
}

const NUM = '(\\d{1,3}|[〇零一二两兩三四五六七八九十]{1,3})';

interface Made {
  to: string;
  role: Role;
  groups: Group[];
  foreign: boolean;
}

interface Context {
  /** The prepared, lower-cased question. */
  s: string;
  kana: boolean;
  thai: boolean;
}

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray, ctx: Context, end: number) => Made | null;
}

const cjk: Group[] = ['zh', 'ja'];

function month(n: number | null, day?: number | null): string | null {
  if (n === null || n < 1 || n > 12) return null;
  if (day === undefined || day === null) return monthNames[n - 1] ?? null;
  return day >= 1 && day <= 31 ? `${monthNames[n - 1]} ${day}` : null;
}

function lastN(n: number | null, unit: 'day' | 'week' | 'month'): string | null {
  if (n === null || n < 1 || n > 999) return null;
  return `last ${n} ${unit}${n === 1 ? '' : 's'}`;
}

function yearOf(n: number): string | null {
  return n >= 1900 && n <= 2199 ? String(n) : null;
}

/** Thai years from 2400 are Buddhist Era: BE 2568 is 2025. */
function buddhistYear(n: number): string | null {
  return yearOf(n >= 2400 ? n - 543 : n);
}

const made = (to: string | null, role: Role, groups: Group[], foreign = true): Made | null =>
  to === null ? null : { to, role, groups, foreign };

/** "top 5", "bottom 3": null when the count is not a number. */
const ranked = (word: string, raw: string | undefined): string | null => {
  const n = numberOf(raw ?? '');
  return n === null || n < 1 ? null : `${word} ${n}`;
};

type SpanUnit = 'day' | 'week' | 'month';
const spanUnit = (raw: string): SpanUnit =>
  /^(天|日|日間|日间|วัน|hari|ng[aà]y)$/u.test(raw)
    ? 'day'
    : /(週|周|星期|禮拜|礼拜|สัปดาห์|อาทิตย์|minggu|tu[aầ]n)/u.test(raw)
      ? 'week'
      : 'month';

const thaiMonths = [
  ['มกราคม', 'ม.ค.'],
  ['กุมภาพันธ์', 'ก.พ.'],
  ['มีนาคม', 'มี.ค.'],
  ['เมษายน', 'เม.ย.'],
  ['พฤษภาคม', 'พ.ค.'],
  ['มิถุนายน', 'มิ.ย.'],
  ['กรกฎาคม', 'ก.ค.'],
  ['สิงหาคม', 'ส.ค.'],
  ['กันยายน', 'ก.ย.'],
  ['ตุลาคม', 'ต.ค.'],
  ['พฤศจิกายน', 'พ.ย.'],
  ['ธันวาคม', 'ธ.ค.'],
] as const;
const thaiMonthPattern = thaiMonths
  .flat()
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replaceAll('.', '\\.'))
  .join('|');
const thaiMonthNumber = (raw: string) => thaiMonths.findIndex((names) => names.some((n) => n === raw)) + 1;

const malayMonths = [
  'januari',
  'februari',
  'mac',
  'april',
  'mei',
  'jun',
  'julai',
  'ogos',
  'september',
  'oktober',
  'november',
  'disember',
];
/** Malay month names that are also English (or an English abbreviation): not evidence of Malay. */
const malayEnglishMonths = new Set(['april', 'jun', 'september', 'november']);

const vietnameseMonthWords: Record<string, number> = {
  giêng: 1,
  một: 1,
  hai: 2,
  ba: 3,
  tư: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
  'mười một': 11,
  'mười hai': 12,
  chạp: 12,
};
const quarterWords: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  pertama: 1,
  kedua: 2,
  ketiga: 3,
  keempat: 4,
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  หนึ่ง: 1,
  แรก: 1,
  สอง: 2,
  สาม: 3,
  สี่: 4,
};
const quarterOf = (raw: string): number | null => {
  const n = quarterWords[raw] ?? numberOf(raw);
  return n !== null && n >= 1 && n <= 4 ? n : null;
};
const q = (raw: string) => {
  const n = quarterOf(raw);
  return n === null ? null : `q${n}`;
};

/** Time units that must not follow 前N ("前7天" is a span, not "top 7"). */
const notRankedUnits =
  '(?![\\d〇零一二两兩三四五六七八九十]|\\s*(?:天|日|週|周|星期|個月|个月|ヶ月|か月|月|年|季|小時|小时|次))';

const rules: Rule[] = [
  // --- Chinese and Japanese ---
  {
    re: /(\d{4})\s*年(度)?/uy,
    // 2025年度 is a Japanese fiscal year (April to March): not read as the calendar year.
    make: (m, ctx) => (m[2] && ctx.kana ? null : made(yearOf(Number(m[1])), 'year', cjk)),
  },
  {
    re: new RegExp(`${NUM}\\s*月(?:份)?(?:\\s*${NUM}\\s*[日号號])?`, 'uy'),
    make: (m) =>
      made(month(numberOf(m[1] ?? ''), m[2] === undefined ? undefined : numberOf(m[2])), 'inyear', cjk),
  },
  {
    re: new RegExp(`${NUM}\\s*月?\\s*(?:[-~〜至到]|から)\\s*${NUM}\\s*月(?:份)?`, 'uy'),
    make: (m) => {
      const from = month(numberOf(m[1] ?? ''));
      const to = month(numberOf(m[2] ?? ''));
      return made(from && to ? `${from} to ${to}` : null, 'inyear', cjk);
    },
  },
  {
    re: /(?:第\s*)?([1-4一二三四])\s*(?:季度|季|四半期)/uy,
    make: (m) => made(q(m[1] ?? ''), 'inyear', cjk),
  },
  {
    re: new RegExp(
      `(?:最近|过去|過去|近|直近)\\s*${NUM}\\s*(天|日間|日间|日|週間|週|周|個星期|个星期|星期|禮拜|礼拜|個月|个月|ヶ月|か月|カ月|ケ月|箇月|年間|年)`,
      'uy',
    ),
    make: (m) => {
      const n = numberOf(m[1] ?? '');
      // "過去1年": the parser counts back in days, weeks or months, so a year is twelve months.
      if (/年/.test(m[2] ?? '')) return made(n === null ? null : lastN(n * 12, 'month'), 'rel', cjk);
      return made(lastN(n, spanUnit(m[2] ?? '')), 'rel', cjk);
    },
  },
  {
    re: new RegExp(`(?:排名)?前\\s*${NUM}${notRankedUnits}\\s*(?:名|大|位)?`, 'uy'),
    make: (m) => made(ranked('top', m[1]), 'word', ['zh']),
  },
  {
    re: new RegExp(`(?:倒數|倒数|最後|最后|後|后)\\s*${NUM}${notRankedUnits}\\s*(?:名|位)?`, 'uy'),
    make: (m) => made(ranked('bottom', m[1]), 'word', ['zh']),
  },
  {
    re: new RegExp(`(上位|トップ|ベスト)\\s*${NUM}(?:\\s*(?:位|件|社|つ|個))?`, 'uy'),
    make: (m) => made(ranked(m[1] === 'ベスト' ? 'best' : 'top', m[2]), 'word', ['ja']),
  },
  {
    re: new RegExp(`(下位|ワースト)\\s*${NUM}(?:\\s*(?:位|件|社|つ|個))?`, 'uy'),
    make: (m) => made(ranked(m[1] === 'ワースト' ? 'worst' : 'bottom', m[2]), 'word', ['ja']),
  },
  // --- Thai ---
  {
    re: /(?:ปี\s*)?(?:พ\.\s?ศ\.?|พศ\.?)\s*(\d{4}|\d{2})(?!\d)/uy,
    make: (m) => {
      const raw = m[1] ?? '';
      return made(buddhistYear(raw.length === 2 ? 2500 + Number(raw) : Number(raw)), 'year', ['th']);
    },
  },
  {
    re: /(?:ปี\s*)?ค\.\s?ศ\.?\s*(\d{4})(?!\d)/uy,
    make: (m) => made(yearOf(Number(m[1])), 'year', ['th']),
  },
  {
    re: /ปี\s*(\d{4}|\d{2})(?!\d)/uy,
    make: (m) => {
      const raw = m[1] ?? '';
      return made(buddhistYear(raw.length === 2 ? 2500 + Number(raw) : Number(raw)), 'year', ['th']);
    },
  },
  {
    re: new RegExp(`(?:(\\d{1,2})\\s*)?(?:เดือน\\s*)?(${thaiMonthPattern})`, 'uy'),
    make: (m) =>
      made(month(thaiMonthNumber(m[2] ?? ''), m[1] === undefined ? undefined : Number(m[1])), 'inyear', [
        'th',
      ]),
  },
  {
    re: /เดือน\s*(\d{1,2})(?!\d)/uy,
    make: (m) => made(month(Number(m[1])), 'inyear', ['th']),
  },
  {
    re: /ไตรมาส(?:ที่)?\s*([1-4]|หนึ่ง|สอง|สาม|สี่|แรก)/uy,
    make: (m) => made(q(m[1] ?? ''), 'inyear', ['th']),
  },
  {
    re: /(?:ย้อนหลัง|ล่าสุด)\s*(\d{1,3})\s*(วัน|สัปดาห์|อาทิตย์|เดือน)/uy,
    make: (m) => made(lastN(Number(m[1]), spanUnit(m[2] ?? '')), 'rel', ['th']),
  },
  {
    re: /(\d{1,3})\s*(วัน|สัปดาห์|อาทิตย์|เดือน)\s*(?:ที่ผ่านมา|ล่าสุด|หลังสุด|ย้อนหลัง)/uy,
    make: (m) => made(lastN(Number(m[1]), spanUnit(m[2] ?? '')), 'rel', ['th']),
  },
  {
    re: /ครึ่ง(?:ปี)?(แรก|หลัง)/uy,
    make: (m) => made(m[1] === 'แรก' ? 'h1' : 'h2', 'half', ['th']),
  },
  {
    re: /(\d{1,3})\s*อันดับสุดท้าย/uy,
    make: (m) => made(ranked('bottom', m[1]), 'word', ['th']),
  },
  {
    re: /(?:(\d{1,3})\s*อันดับ(?:แรก)?|ท็อป\s*(\d{1,3}))/uy,
    make: (m) => made(ranked('top', m[1] ?? m[2]), 'word', ['th']),
  },
  // --- Vietnamese (with or without diacritics) ---
  {
    re: /(?:ng[aà]y\s+(\d{1,2})\s+)?th[aá]ng\s+(\d{1,2})(?:\s*\/\s*(\d{4}))?(?!\d)/uy,
    make: (m) => {
      const name = month(Number(m[2]), m[1] === undefined ? undefined : Number(m[1]));
      if (!m[3]) return made(name, 'inyear', ['vi']);
      const year = yearOf(Number(m[3]));
      return made(name && year ? `${name} ${year}` : null, 'rel', ['vi']);
    },
  },
  {
    re: /tháng\s+(mười một|mười hai|giêng|một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|chạp)/uy,
    make: (m) => made(month(vietnameseMonthWords[m[1] ?? ''] ?? null), 'inyear', ['vi']),
  },
  {
    re: /n[aă]m\s+(\d{4})(?!\d)/uy,
    make: (m) => made(yearOf(Number(m[1])), 'year', ['vi']),
  },
  {
    re: /qu[yý]\s+(\d|iv|iii|ii|i|một|hai|ba|bốn)(?:\s*\/\s*(\d{4}))?/uy,
    make: (m) => {
      const quarter = q(m[1] ?? '');
      if (!m[2]) return made(quarter, 'inyear', ['vi']);
      const year = yearOf(Number(m[2]));
      return made(quarter && year ? `${quarter} ${year}` : null, 'rel', ['vi']);
    },
  },
  {
    re: /(\d{1,3})\s+(ngày|ngay|tuần|tuan|tháng|thang)\s+(?:qua|gần đây|gan day|gần nhất|gan nhat|vừa qua|vua qua|trở lại đây|tro lai day)/uy,
    make: (m) => made(lastN(Number(m[1]), spanUnit(m[2] ?? '')), 'rel', ['vi']),
  },
  {
    re: /(?:(?:6|sáu)\s+th[aá]ng|n[uử]a)\s+(đầu|cuối|dau|cuoi)/uy,
    make: (m) => made(/^(đầu|dau)$/.test(m[1] ?? '') ? 'h1' : 'h2', 'half', ['vi']),
  },
  // --- Malay ---
  {
    re: new RegExp(`(?:(\\d{1,2})\\s+)?(bulan\\s+)?(${malayMonths.join('|')})`, 'uy'),
    make: (m, ctx, end) => {
      const word = m[3] ?? '';
      const hasYear = /^\s+\d{4}(?!\d)/.test(ctx.s.slice(end));
      // "Mac" alone is the computer: read as March only with "bulan" or a year.
      if (word === 'mac' && !m[2] && !hasYear) return null;
      const foreign = Boolean(m[2]) || !malayEnglishMonths.has(word);
      const day = m[1] === undefined ? undefined : Number(m[1]);
      return made(month(malayMonths.indexOf(word) + 1, day), 'inyear', foreign ? ['ms'] : [], foreign);
    },
  },
  {
    re: /bulan\s+(\d{1,2})(?!\d)/uy,
    make: (m) => made(month(Number(m[1])), 'inyear', ['ms']),
  },
  {
    re: /suku(?:\s+tahun)?\s+(?:ke-?\s*)?(\d|pertama|kedua|ketiga|keempat|satu|dua|tiga|empat)/uy,
    make: (m) => made(q(m[1] ?? ''), 'inyear', ['ms']),
  },
  {
    re: /tahun\s+(\d{4})(?!\d)/uy,
    make: (m) => made(yearOf(Number(m[1])), 'year', ['ms']),
  },
  {
    re: /(\d{1,3})\s+(hari|minggu|bulan)\s+(?:lepas|lalu|terakhir|kebelakangan ini|kebelakangan)/uy,
    make: (m) => made(lastN(Number(m[1]), spanUnit(m[2] ?? '')), 'rel', ['ms']),
  },
  {
    re: /(?:separuh\s+(?:tahun\s+)?(pertama|kedua)|(?:enam|6)\s+bulan\s+(pertama))/uy,
    make: (m) => made(m[1] === 'kedua' ? 'h2' : 'h1', 'half', ['ms']),
  },
  {
    re: /(\d{1,3})\s+(teratas|tertinggi|terbesar|terbanyak|terbaik|terbawah|terendah|tercorot|terburuk)/uy,
    make: (m) => {
      const word = m[2] ?? '';
      const kind = /terbaik/.test(word)
        ? 'best'
        : /terburuk/.test(word)
          ? 'worst'
          : /terbawah|terendah|tercorot/.test(word)
            ? 'bottom'
            : 'top';
      return made(ranked(kind, m[1]), 'word', ['ms']);
    },
  },
  {
    re: /tốp\s*(\d{1,3})/uy,
    make: (m) => made(ranked('top', m[1]), 'word', ['vi']),
  },
  // --- Any script: periods written in Latin letters and digits, so they can join a foreign year ---
  {
    re: /q([1-4])/uy,
    make: (m) => made(`q${m[1]}`, 'inyear', [], false),
  },
  {
    re: /([1-4])q/uy,
    make: (m) => made(`q${m[1]}`, 'inyear', [], false),
  },
  {
    re: /h([12])/uy,
    make: (m) => made(`h${m[1]}`, 'halfok', [], false),
  },
  {
    re: /(?<![\d\-/.:])(\d{4})(?!\d|[-/.:]\d)/uy,
    make: (m, ctx) => {
      const n = Number(m[1]);
      if (ctx.thai && n >= 2400 && n <= 2799) return made(buddhistYear(n), 'year', ['th']);
      return made(yearOf(n), 'year', [], false);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Scanning.
// ---------------------------------------------------------------------------------------------

interface Piece {
  kind: 'text' | 'word' | 'drop' | 'sep' | 'unknown';
  /** English for words; the original for text and unknown pieces. */
  to: string;
  start: number;
  end: number;
  role: Role;
  groups: Group[];
  foreign: boolean;
  weak: boolean;
  /** The movable word ("by", "vs", …) already merged in front of this piece. */
  prefixed?: Role;
}

const latinWordChar = /[\p{Script=Latin}\p{Script=Inherited}\p{Nd}]/u;
const hiragana = /\p{Script=Hiragana}/u;
const katakana = /[\p{Script=Katakana}ー]/u;
const combiningMark = /\p{M}/u;
/** Full-width and CJK punctuation, the katakana middle dot and question marks separate words. */
const separator = /[\u3000-\u303F\u30FB?？!！。、，,;；：:「」『』（）()【】《》〈〉…]/u;

function isForeignLetter(ch: string): boolean {
  if (ch === 'ー') return true;
  return /[\p{L}\p{M}]/u.test(ch) && !/[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(ch);
}

/** Full-width ASCII, ideographic spaces, half-width katakana and Thai digits to their usual forms. */
function prepare(question: string): string {
  let out = '';
  for (const ch of question.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += ' ';
    else if (cp >= 0xff61 && cp <= 0xff9f) out += ch.normalize('NFKC');
    else if (cp >= 0x0e50 && cp <= 0x0e59) out += String(cp - 0x0e50);
    else out += ch;
  }
  return readCjkCounts(out)
    .normalize('NFC')
    .replace(/\u0E4D\u0E32/g, '\u0E33')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A count written in Chinese or Japanese numerals before a counter ("三个行业", "五つ", "前十名"):
 * read as digits. Not before a period ("一個月" is a month, "三月" is March), which the time words read.
 */
function readCjkCounts(text: string): string {
  return text.replace(
    /(前)?(十[一二三四五六七八九]?|[一二两兩三四五六七八九十])(?=(?:个|個|家|位|大|名|项|項|つ|社|件|款|組|组)(?![月星週周季年日天])|(?<=前.)(?![個个月年天日週周季期星半]))/g,
    (whole: string, top: string | undefined, numeral: string) => {
      const value = numberOf(numeral);
      return value === null ? whole : `${top ?? ''}${value}`;
    },
  );
}

/** Lower-cases without changing any index (a few letters lower-case to two code units). */
function lowerKeepingIndexes(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

interface Hit {
  end: number;
  made: Made;
  weak: boolean;
}

function boundaryOk(s: string, start: number, end: number): boolean {
  const first = s.slice(start, start + 1);
  const last = s.slice(end - 1, end);
  const before = s.slice(Math.max(0, start - 1), start);
  const after = s.slice(end, end + 1);
  if (latinWordChar.test(first) && before !== '' && latinWordChar.test(before)) return false;
  if (latinWordChar.test(last) && after !== '' && latinWordChar.test(after)) return false;
  // Never end inside a Thai or Vietnamese syllable: a combining mark belongs to the letter before it.
  if (after !== '' && combiningMark.test(after)) return false;
  return true;
}

function longestAt(ctx: Context, i: number, lastMatchEnd: number): Hit | null {
  const s = ctx.s;
  const ch = String.fromCodePoint(s.codePointAt(i) ?? 32);
  const before = s.slice(Math.max(0, i - 1), i);
  if (latinWordChar.test(ch) && before !== '' && latinWordChar.test(before)) return null;
  let best: Hit | null = null;
  for (const rule of rules) {
    rule.re.lastIndex = i;
    const m = rule.re.exec(s);
    if (!m || m[0].length === 0) continue;
    const end = i + m[0].length;
    if (best && end <= best.end) continue;
    if (!boundaryOk(s, i, end)) continue;
    const result = rule.make(m, ctx, end);
    if (result) best = { end, made: result, weak: false };
  }
  for (const entry of dictionary.get(ch) ?? []) {
    const end = i + entry.key.length;
    if (best && end <= best.end) break;
    if (!s.startsWith(entry.key, i) || !boundaryOk(s, i, end)) continue;
    // One-kana particles only after something that is not hiragana: "の" in "先月のCTR", not in "かわいい".
    if (entry.key.length === 1 && hiragana.test(entry.key) && hiragana.test(before) && lastMatchEnd !== i)
      continue;
    // Short katakana names must be whole words: タイ is Thailand, タイプ is not.
    if (
      katakana.test(entry.key) &&
      entry.key.length <= 3 &&
      (katakana.test(before) || katakana.test(s.slice(end, end + 1)))
    )
      continue;
    // In Japanese, one-character Chinese words mean something else: 天気 is weather, not "day" + 気.
    if (ctx.kana && entry.key.length === 1 && !entry.groups.includes('ja') && entry.groups.includes('zh'))
      continue;
    const reading = entry.ja && ctx.kana ? entry.ja : entry;
    best = {
      end,
      made: { to: reading.to, role: reading.role, groups: entry.groups, foreign: true },
      weak: entry.weak,
    };
    break;
  }
  return best;
}

function scan(ctx: Context, original: string): Piece[] {
  const pieces: Piece[] = [];
  let runStart = -1;
  let runKind: 'text' | 'unknown' = 'text';
  let lastMatchEnd = -1;
  const flush = (end: number) => {
    if (runStart < 0) return;
    pieces.push({
      kind: runKind,
      to: original.slice(runStart, end),
      start: runStart,
      end,
      role: 'word',
      groups: [],
      foreign: runKind === 'unknown',
      weak: false,
    });
    runStart = -1;
  };
  let i = 0;
  while (i < ctx.s.length) {
    const ch = String.fromCodePoint(ctx.s.codePointAt(i) ?? 32);
    const hit = longestAt(ctx, i, lastMatchEnd);
    if (hit) {
      flush(i);
      const { to, role, groups, foreign } = hit.made;
      pieces.push({
        kind: role === 'drop' ? 'drop' : 'word',
        to,
        start: i,
        end: hit.end,
        role,
        groups,
        foreign,
        weak: hit.weak,
      });
      i = hit.end;
      lastMatchEnd = i;
      continue;
    }
    if (separator.test(ch)) {
      flush(i);
      pieces.push({
        kind: 'sep',
        to: '',
        start: i,
        end: i + ch.length,
        role: 'word',
        groups: [],
        foreign: false,
        weak: false,
      });
      i += ch.length;
      continue;
    }
    const kind = isForeignLetter(ch) ? 'unknown' : 'text';
    if (runStart >= 0 && runKind !== kind) flush(i);
    if (runStart < 0) {
      runStart = i;
      runKind = kind;
    }
    i += ch.length;
  }
  flush(ctx.s.length);
  return pieces;
}

// ---------------------------------------------------------------------------------------------
// Passes over the pieces.
// ---------------------------------------------------------------------------------------------

const periodRoles: ReadonlySet<Role> = new Set(['rel', 'relyear', 'year', 'inyear', 'halfok']);
const moveTargets: Partial<Record<Role, ReadonlySet<Role>>> = {
  by: new Set(['dim', 'unit']),
  which: new Set(['dim']),
  vs: periodRoles,
  since: periodRoles,
  excl: new Set(['value']),
};

/** The parser reads "since" only before a month or a year ("since march 2025"), not "since last month". */
function sinceReadable(piece: Piece): boolean {
  if (piece.role === 'year') return true;
  return (
    (piece.role === 'inyear' || piece.role === 'rel') && monthNames.includes(piece.to.split(' ')[0] ?? '')
  );
}

function isQuiet(piece: Piece): boolean {
  return (
    piece.kind === 'drop' ||
    piece.kind === 'sep' ||
    (piece.kind === 'text' && !/[\p{L}\p{N}]/u.test(piece.to))
  );
}

/** The nearest piece that carries meaning, skipping particles and punctuation. */
function neighbour(pieces: Piece[], i: number, step: 1 | -1): number {
  for (let j = i + step; j >= 0 && j < pieces.length; j += step) {
    if (!isQuiet(pieces[j] as Piece)) return j;
  }
  return -1;
}

function combine(a: Piece, b: Piece, to: string, role: Role): Piece {
  return {
    kind: 'word',
    to,
    start: Math.min(a.start, b.start),
    end: Math.max(a.end, b.end),
    role,
    groups: [...new Set([...a.groups, ...b.groups])],
    foreign: a.foreign || b.foreign,
    weak: false,
  };
}

/** Malay and Vietnamese words that are also English count only when the question has other such words. */
function dropUnsupportedWeak(pieces: Piece[], strong: Set<Group>, source: string): void {
  for (const piece of pieces) {
    if (!piece.weak || piece.groups.some((g) => strong.has(g))) continue;
    piece.kind = 'text';
    piece.role = 'word';
    piece.foreign = false;
    piece.groups = [];
    piece.weak = false;
    piece.to = source.slice(piece.start, piece.end);
  }
}

/** 2025年 + 3月 → "march 2025"; 去年 + 第三季 → "q3 last year": English puts the year last. */
function joinYears(pieces: Piece[]): void {
  const isYear = (p: Piece) => p.kind === 'word' && (p.role === 'year' || p.role === 'relyear');
  const inYear = (p: Piece) =>
    p.kind === 'word' && (p.role === 'inyear' || p.role === 'half' || p.role === 'halfok');
  for (let i = 0; i < pieces.length; i++) {
    const a = pieces[i] as Piece;
    const j = neighbour(pieces, i, 1);
    const b = pieces[j];
    if (!b) continue;
    let to: string | null = null;
    if (isYear(a) && inYear(b)) to = `${b.to} ${a.to}`;
    else if (inYear(a) && isYear(b)) to = `${a.to} ${b.to}`;
    if (to === null) continue;
    pieces.splice(i, j - i + 1, combine(a, b, to, 'rel'));
  }
}

/**
 * "By", "which", "vs", "since" and "excluding" words written after their object (チャネル別,
 * ช่องทางไหน, 去年相比, 3月以來, 搜尋以外) move in front of it; the English parser reads them before.
 */
function placeMovableWords(pieces: Piece[]): void {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    if (p.kind !== 'word') continue;
    const targets = moveTargets[p.role];
    if (!targets) continue;
    const n = neighbour(pieces, i, 1);
    const next = pieces[n];
    const v = neighbour(pieces, i, -1);
    const previous = pieces[v];
    // から between two periods is a range: "1月から3月" is January to March.
    if (
      p.role === 'since' &&
      p.to === 'since' &&
      previous &&
      next &&
      targets.has(previous.role) &&
      targets.has(next.role) &&
      !previous.prefixed
    ) {
      pieces[i] = { ...p, to: 'to', role: 'word' };
      continue;
    }
    const readable = (piece: Piece) => p.role !== 'since' || p.to !== 'since' || sinceReadable(piece);
    if (next && next.kind === 'word' && targets.has(next.role) && !next.prefixed && readable(next)) {
      const merged = combine(p, next, `${p.to} ${next.to}`, next.role);
      merged.prefixed = p.role;
      pieces.splice(i, n - i + 1, merged);
      continue;
    }
    if (previous && previous.kind === 'word' && targets.has(previous.role) && readable(previous)) {
      if (previous.prefixed === p.role) {
        // "按渠道分", "除了搜尋以外": the word is said on both sides; once is enough.
        pieces.splice(v, i - v + 1, combine(previous, p, previous.to, previous.role));
        (pieces[v] as Piece).prefixed = p.role;
        i = v;
        continue;
      }
      let from = v;
      const a = neighbour(pieces, v, -1);
      // "跟去年相比", "と比べて": the "and" before the period belongs to the comparison.
      if (p.role === 'vs' && a >= 0 && (pieces[a] as Piece).role === 'and') from = a;
      const merged = combine(pieces[from] as Piece, p, `${p.to} ${previous.to}`, previous.role);
      merged.prefixed = p.role;
      pieces.splice(from, i - from + 1, merged);
      i = from;
      continue;
    }
    // "Since" a period the parser cannot start from (先月から) is reported; with no period at all
    // (自 in 自己) it says nothing about time.
    const nearPeriod = [previous, next].some((x) => x?.kind === 'word' && targets.has(x.role));
    if (p.role === 'since') pieces[i] = { ...p, kind: nearPeriod ? 'unknown' : 'drop' };
  }
}

// ---------------------------------------------------------------------------------------------
// Language.
// ---------------------------------------------------------------------------------------------

/** Characters written only in Traditional Chinese (and their Simplified counterparts below). */
const traditionalOnly = new Set(
  '們個點轉數廣費營銷額這麼幾為與對灣國來亞賓裝設備電腦機視頻戶動尋場業產類遊戲車妝務飲總計較時間報顯體區種價錢還變勢過歷網絡訊連線關鍵詞會員單從現給請問該說經濟標準擊閱換獲觀態讓選擇幣圖樣實際發長開門東後週禮拜嗎麼啲嘅係喎聽尋覽況狀議論題',
);
const simplifiedOnly = new Set(
  '们个点转数广费营销额这么几为与对湾国来亚宾装设备电脑机视频户动寻场业产类戏车妆务饮总计较时间报显体区种价钱还变势过历网络讯连线关键词会员单从现给请问该说经济标准击阅换获观态让选择币图样实际发长开门东礼吗况状议论题览',
);
/** Japanese-only character forms (shinjitai): 広告, 売上, 転換, 単価, 検索. */
const japaneseOnly = new Set('広売転単価検様気図県駅済択沢続読験帰経総対覧変効円');

const vietnameseLetters = /[ăâđêôơưĩũ\u1EA0-\u1EF9]/iu;
const latinDiacritic = /[\u00C0-\u024F\u1E00-\u1EFF]/u;

function detectLanguage(s: string, pieces: Piece[]): QuestionLanguage {
  let kana = 0;
  let thai = 0;
  let han = 0;
  let hant = 0;
  let hans = 0;
  let jaChars = 0;
  for (const ch of s) {
    if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) kana++;
    else if (/\p{Script=Thai}/u.test(ch)) thai++;
    else if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (traditionalOnly.has(ch)) hant++;
      if (simplifiedOnly.has(ch)) hans++;
      if (japaneseOnly.has(ch)) jaChars++;
    }
  }
  const read = pieces.filter((p) => (p.kind === 'word' || p.kind === 'drop') && p.foreign);
  const only = (group: Group, other: Group) =>
    read.filter((p) => p.groups.includes(group) && !p.groups.includes(other)).length;
  if (kana > 0 && kana + han >= thai) return 'ja';
  if (thai > 0 && thai >= han) return 'th';
  if (han > 0) {
    // Kanji-only Japanese ("先月広告費"): decided by words only Japanese uses, then by its character forms.
    const jaWords = only('ja', 'zh');
    const zhWords = only('zh', 'ja');
    if (jaWords > zhWords || (jaWords === zhWords && jaChars > 0)) return 'ja';
    return hans > hant ? 'zh-Hans' : 'zh-Hant';
  }
  const vi = read.filter((p) => p.groups.includes('vi')).length + (vietnameseLetters.test(s) ? 1 : 0);
  const ms = read.filter((p) => p.groups.includes('ms')).length;
  if (vi === 0 && ms === 0) return 'en';
  return vi >= ms ? 'vi' : 'ms';
}

/**
 * Words left in the Latin-script text that are foreign but unread: Vietnamese with diacritics and
 * the closed list of function words. Neighbouring ones form one segment ("thời tiết").
 */
function unreadLatinWords(text: string, language: QuestionLanguage): string[] {
  const segments: string[] = [];
  let open = false;
  for (const m of text.matchAll(/[\p{L}\p{M}]+|[^\p{L}\p{M}]+/gu)) {
    const part = m[0];
    if (!/\p{L}/u.test(part)) {
      if (part.trim() !== '') open = false;
      continue;
    }
    const foreign =
      vietnameseLetters.test(part) ||
      (language === 'vi' && latinDiacritic.test(part)) ||
      unreadFunctionWords.has(part.toLowerCase());
    if (!foreign) {
      open = false;
      continue;
    }
    if (open) segments[segments.length - 1] += ` ${part}`;
    else segments.push(part);
    open = true;
  }
  return segments;
}

// ---------------------------------------------------------------------------------------------
// The translation.
// ---------------------------------------------------------------------------------------------

/** The main language of a question: 'en' unless another language's words were read in it. */
export function questionLanguage(question: string): QuestionLanguage {
  return translateQuestion(question).language;
}

export function translateQuestion(question: string): Translation {
  const prepared = prepare(question);
  const ctx: Context = {
    s: lowerKeepingIndexes(prepared),
    kana: /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(prepared),
    thai: /\p{Script=Thai}/u.test(prepared),
  };
  const pieces = scan(ctx, prepared);

  const strong = new Set<Group>();
  for (const p of pieces) if (p.foreign && !p.weak) for (const g of p.groups) strong.add(g);
  if (vietnameseLetters.test(prepared)) strong.add('vi');
  dropUnsupportedWeak(pieces, strong, prepared);

  joinYears(pieces);
  placeMovableWords(pieces);

  const language = detectLanguage(prepared, pieces);
  const untranslated: string[] = [];
  const readings: { from: string; to: string }[] = [];
  const out: string[] = [];
  let changed = false;
  let opensRange = false;
  for (const piece of pieces) {
    const from = prepared.slice(piece.start, piece.end).trim();
    if (piece.kind === 'word' && piece.role === 'half') {
      // A half-year with no year next to it: 下半年 alone may mean the coming half. Ask.
      untranslated.push(from);
      out.push(` ${from} `);
      continue;
    }
    if (piece.kind === 'word') {
      if (piece.to === 'to' || piece.prefixed === 'since' || /\bto\b/.test(piece.to)) opensRange = true;
      if (piece.foreign) changed = true;
      if (piece.foreign && from.toLowerCase() !== piece.to) readings.push({ from, to: piece.to });
      out.push(` ${piece.to} `);
      continue;
    }
    if (piece.kind === 'drop') {
      // まで closes a range opened by から or 到; alone ("3月まで", until March) it is not read.
      if (from === 'まで' && !opensRange) {
        untranslated.push(from);
        out.push(` ${from} `);
        continue;
      }
      changed = true;
      out.push(' ');
      continue;
    }
    if (piece.kind === 'sep') {
      out.push(' ');
      continue;
    }
    if (piece.kind === 'unknown') {
      untranslated.push(from);
      out.push(` ${from} `);
      continue;
    }
    untranslated.push(...unreadLatinWords(piece.to, language));
    out.push(piece.to);
  }
  const text = changed ? out.join('').replace(/\s+/g, ' ').trim() : question;
  return {
    text,
    language,
    untranslated: [...new Set(untranslated.filter((w) => w !== ''))],
    readings: [...new Map(readings.map((r) => [`${r.from}\u0000${r.to}`, r])).values()],
  };
}
