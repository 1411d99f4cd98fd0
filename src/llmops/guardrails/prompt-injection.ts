import { formsOf } from '../../domain/documents/untrusted-text.ts';

/**
 * Prompt injection in the user's own question: an attempt to override Scout's instructions, to
 * give it a new role, or to make it print its prompt. The document screen
 * (`domain/documents/untrusted-text.ts`) flags any sentence that talks to a machine, which is
 * right for a document and wrong for a question: people ask Scout to "respond only with the
 * table" or say "from now on use USD". So these rules are narrower and aimed at the user's turn,
 * and they run over the same normalised forms (look-alike letters, zero-width characters, letter
 * spacing and digits-for-letters taken off), in English and the languages of our markets.
 */

export type InjectionRule =
  | 'override-instructions'
  | 'role-change'
  | 'prompt-extraction'
  | 'role-tag'
  | 'jailbreak-mode';

interface Rule {
  rule: InjectionRule;
  pattern: RegExp;
}

const OVERRIDE_VERB =
  "(?:ignore|ignoring|disregard|forget|override|bypass|discard|skip|drop|set aside|throw away|(?:do not|don't|stop) (?:follow|obey)(?:ing)?)";
const INSTRUCTIONS =
  '(?:instructions?|prompts?|rules|guidelines|directions|directives|guardrails|restrictions|constraints|programming|system message|context)';
const PRIOR =
  '(?:previous|prior|above|earlier|preceding|all|any|your|the|those|these|initial|original|system)';
const SHOW_VERB =
  '(?:print|show|reveal|display|output|repeat|recite|dump|leak|disclose|share|give me|tell me|paste|write out|spell out|what (?:is|are|was|were))';
const HIDDEN_PROMPT =
  '(?:system prompt|system message|initial prompt|hidden prompt|original prompt|developer (?:prompt|message)|(?:your|the) (?:initial |original |hidden |secret |full |exact )?instructions|(?:your|the) (?:full |exact |whole )?prompt|instructions you were given|rules you were given)';

// The text is matched in NFKC (Thai sara am, for one, decomposes), so the patterns are too.
const rule = (name: InjectionRule, source: string): Rule => ({
  rule: name,
  pattern: new RegExp(source.normalize('NFKC'), 'u'),
});

const RULES: readonly Rule[] = [
  // English.
  rule('override-instructions', `\\b${OVERRIDE_VERB}\\b.{0,30}\\b${PRIOR}\\b.{0,20}\\b${INSTRUCTIONS}\\b`),
  rule(
    'override-instructions',
    `\\b${OVERRIDE_VERB}\\s+(?:everything|all)\\s+(?:above|before|you (?:were|have been) told)\\b`,
  ),
  rule(
    'override-instructions',
    '\\b(?:new|updated|real|actual|revised|secret|overriding)\\s+(?:instructions|system prompt|rules for you)\\s*:',
  ),
  rule(
    'role-change',
    "\\byou(?: are|'re) (?:now|no longer)\\b|\\bfrom now on,? you (?:are|will|must|should|act|answer|reply)\\b",
  ),
  rule(
    'role-change',
    '\\b(?:pretend|imagine) (?:to be|you are|that you are)\\b|\\b(?:roleplay|role-play) as\\b|\\bact as (?:if|though) you (?:are|were|had)\\b',
  ),
  rule('prompt-extraction', `\\b${SHOW_VERB}\\b.{0,30}\\b${HIDDEN_PROMPT}\\b`),
  rule('prompt-extraction', '\\b(?:what|how) (?:were|are) you (?:told|instructed|programmed|prompted)\\b'),
  rule(
    'role-tag',
    '^\\s*[\\[<(#*]*\\s*(?:system|assistant|developer)\\s*[\\]>)*]*\\s*:|<\\|?\\s*(?:im_start|im_end|system|endoftext)\\s*\\|?>|\\[/?(?:inst|sys)\\]|<</?sys>>',
  ),
  rule(
    'jailbreak-mode',
    '\\b(?:developer|god|jailbreak|dan|debug|admin|sudo|unrestricted|unfiltered) mode\\b|\\bjailbr(?:ea|o)k',
  ),

  // Chinese (simplified and traditional).
  rule(
    'override-instructions',
    '(?:忽略|忽視|忽视|無視|无视|忘記|忘记|不要理會|不要理会|跳過|跳过).{0,8}(?:指令|指示|說明|说明|提示|規則|规则|設定|设定)',
  ),
  rule(
    'role-change',
    '(?:你|您)(?:現在|现在|從現在起|从现在起)(?:是(?!否)|扮演|變成|变成)|(?:從現在起|从现在起|現在|现在)[，,]?(?:你|您)(?:是(?!否)|扮演|變成|变成)|扮演(?:一個|一个)',
  ),
  rule(
    'prompt-extraction',
    '(?:顯示|显示|輸出|输出|告訴我|告诉我|打印|透露|列出|給我看|给我看|重複|重复).{0,8}(?:系統提示|系统提示|提示詞|提示词|系統指令|系统指令|你的指令|你的指示|初始指令)',
  ),

  // Japanese.
  rule(
    'override-instructions',
    '(?:以前|前|上記|これまで|今まで|すべて|全て)?の?(?:指示|命令|プロンプト|ルール|設定)を?(?:無視|忘れ|破棄)',
  ),
  rule('role-change', '(?:あなた|君|お前)は(?:今から|これから|今や)|(?:として|に)(?:振る舞|ふるま)って'),
  rule(
    'prompt-extraction',
    '(?:システムプロンプト|初期プロンプト|あなたの指示|最初の指示|プロンプト).{0,6}(?:を)?(?:表示|見せ|教え|出力|書き出|繰り返)',
  ),

  // Malay.
  rule(
    'override-instructions',
    '\\b(?:abaikan|lupakan|jangan ikut|langkau)\\b.{0,30}\\b(?:arahan|perintah|peraturan|gesaan|prompt)\\b',
  ),
  rule(
    'role-change',
    '\\b(?:anda|awak|kamu) (?:kini|sekarang) (?:adalah|ialah|menjadi)\\b|\\bberpura-pura menjadi\\b',
  ),
  rule(
    'prompt-extraction',
    '\\b(?:tunjukkan|paparkan|cetak|dedahkan|beritahu)\\b.{0,30}\\b(?:gesaan sistem|prompt sistem|arahan (?:asal|sistem|anda))\\b',
  ),

  // Vietnamese.
  rule(
    'override-instructions',
    '(?:bỏ qua|phớt lờ|quên|lờ đi|không tuân theo).{0,30}(?:hướng dẫn|chỉ dẫn|chỉ thị|lệnh|quy tắc|lời nhắc)',
  ),
  rule('role-change', '(?:bây giờ|từ giờ|từ bây giờ),? (?:bạn|mày) (?:là|sẽ là|hãy đóng vai)|hãy đóng vai'),
  rule(
    'prompt-extraction',
    '(?:in ra|hiển thị|cho (?:tôi|tui) xem|tiết lộ|nói cho tôi|lặp lại).{0,20}(?:lời nhắc hệ thống|prompt hệ thống|hướng dẫn (?:ban đầu|hệ thống|của bạn)|chỉ dẫn (?:ban đầu|của bạn))',
  ),

  // Thai.
  rule('override-instructions', '(?:เพิกเฉย|ไม่ต้องสนใจ|ลืม|ข้าม|อย่าทำตาม).{0,12}(?:คำสั่ง|คำแนะนำ|กฎ|ข้อกำหนด)'),
  rule('role-change', '(?:ตอนนี้|จากนี้ไป|ต่อจากนี้)คุณ(?:คือ|เป็น|จะเป็น)|สวมบทบาทเป็น'),
  rule(
    'prompt-extraction',
    '(?:แสดง|บอก|พิมพ์|เปิดเผย|ทวน).{0,12}(?:พรอมต์ระบบ|prompt ระบบ|คำสั่งระบบ|คำสั่งเริ่มต้น|คำสั่งของคุณ)',
  ),
];

/** The rules a question trips, each once, in the order above; empty for an ordinary question. */
export function detectPromptInjection(text: string): InjectionRule[] {
  const forms = formsOf(text);
  const fired = new Set<InjectionRule>();
  for (const { rule: name, pattern } of RULES) {
    if (pattern.test(forms.plain) || pattern.test(forms.decoded)) fired.add(name);
  }
  return [...fired];
}
