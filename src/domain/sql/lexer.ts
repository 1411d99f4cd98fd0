/**
 * A lexer for the part of SQL's lexical grammar on which DuckDB and Trino (Athena) agree:
 * '…' strings where '' is a quote and a backslash is just a backslash, "…" identifiers where
 * "" is a quote, -- and non-nested /* … *\/ comments. Anything outside that subset is refused
 * rather than guessed at: prefixed strings (E'…' reads backslash escapes in DuckDB, U&'…' in
 * Trino), dollar quoting, nested comments (DuckDB nests them, Trino does not), parameters,
 * non-ASCII outside literals, and operators other than the few the guard understands.
 *
 * The guard's SQL parser reads a sanitized copy in which every literal is a placeholder and every
 * comment a space, so its own (different) escaping rules can no longer change where a string ends.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'symbol';

export interface Token {
  kind: TokenKind;
  /** Source text of the token. */
  text: string;
  /** Strings and quoted identifiers: the decoded value. Other tokens: the text. */
  value: string;
  start: number;
  end: number;
}

export class LexError extends Error {}

const symbols = new Set(['(', ')', ',', '.', ';', '+', '-', '*', '/', '%', '=', '<', '>']);
const operators = new Set(['<=', '>=', '<>', '!=', '||', '::']);
/** Characters that DuckDB's and Trino's lexers glue into multi-character operators. */
const operatorChars = /[+\-*/%=<>!|:~^&@#?]/;
const wordStart = /[A-Za-z_]/;
const wordChar = /[A-Za-z0-9_]/;
const digit = /[0-9]/;
const whitespace = /[ \t\n\r]/;

function fail(reason: string): never {
  throw new LexError(reason);
}

/** Reads a quoted run ('…' or "…") where a doubled quote stands for one; returns the end index. */
function readQuoted(sql: string, start: number, quote: string): { end: number; value: string } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const ch = sql[i];
    if (ch === undefined)
      fail(quote === "'" ? 'a string is not terminated' : 'an identifier is not terminated');
    if (ch === '\0') fail('the statement contains a NUL character');
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { end: i + 1, value };
    }
    value += ch;
    i++;
  }
}

function readLineComment(sql: string, start: number): number {
  let i = start + 2;
  while (i < sql.length && sql[i] !== '\n') {
    // A lone carriage return ends a comment for some lexers and not for others.
    if (sql[i] === '\r' && sql[i + 1] !== '\n') fail('a comment contains a bare carriage return');
    i++;
  }
  return i;
}

function readBlockComment(sql: string, start: number): number {
  const close = sql.indexOf('*/', start + 2);
  if (close < 0) fail('a comment is not terminated');
  // DuckDB nests block comments and Trino does not: a nested opener would split the engines.
  if (sql.slice(start + 2, close).includes('/*')) fail('nested comments are not allowed');
  return close + 2;
}

function readNumber(sql: string, start: number): number {
  let i = start;
  while (digit.test(sql[i] ?? '')) i++;
  if (sql[i] === '.' && digit.test(sql[i + 1] ?? '')) {
    i++;
    while (digit.test(sql[i] ?? '')) i++;
  } else if (sql[i] === '.' && i > start) {
    i++;
  }
  if ((sql[i] === 'e' || sql[i] === 'E') && /[0-9+-]/.test(sql[i + 1] ?? '')) {
    let j = i + 1;
    if (sql[j] === '+' || sql[j] === '-') j++;
    if (digit.test(sql[j] ?? '')) {
      i = j;
      while (digit.test(sql[i] ?? '')) i++;
    }
  }
  // 1abc, 0x1F, 1_000: engines disagree (alias, hex, digit separator); refuse them all.
  if (wordChar.test(sql[i] ?? '') || sql[i] === "'" || sql[i] === '"')
    fail('a number runs into a name or literal');
  return i;
}

/** A run of operator characters must be one operator the guard knows, then any unary signs. */
function readOperatorRun(sql: string, start: number): Token[] {
  let end = start;
  while (end < sql.length && operatorChars.test(sql[end] ?? '')) {
    if (sql.startsWith('--', end) || sql.startsWith('/*', end)) break;
    end++;
  }
  const run = sql.slice(start, end);
  const head = operators.has(run.slice(0, 2)) ? run.slice(0, 2) : run.slice(0, 1);
  if (!operators.has(head) && !symbols.has(head)) fail(`the operator ${run} is not allowed`);
  const tail = run.slice(head.length);
  if (!/^[+-]*$/.test(tail)) fail(`the operator ${run} is not allowed`);
  const tokens: Token[] = [{ kind: 'symbol', text: head, value: head, start, end: start + head.length }];
  [...tail].forEach((sign, k) => {
    const at = start + head.length + k;
    tokens.push({ kind: 'symbol', text: sign, value: sign, start: at, end: at + 1 });
  });
  return tokens;
}

/** Tokens of one statement; comments and whitespace are dropped. Throws LexError with a reason. */
export function lexSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] ?? '';
    if (whitespace.test(ch)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      i = readLineComment(sql, i);
    } else if (sql.startsWith('/*', i)) {
      i = readBlockComment(sql, i);
    } else if (ch === "'" || ch === '"') {
      const previous = tokens.at(-1);
      if (previous && previous.end === i && (previous.kind === 'word' || previous.kind === 'number'))
        fail('prefixed string literals (E, U&, X, N …) are not allowed');
      if (ch === "'" && previous?.kind === 'string')
        fail('adjacent string literals are read differently by the engines');
      const { end, value } = readQuoted(sql, i, ch);
      if (ch === '"' && value === '') fail('an empty identifier is not allowed');
      tokens.push({ kind: ch === "'" ? 'string' : 'quoted', text: sql.slice(i, end), value, start: i, end });
      i = end;
    } else if (wordStart.test(ch)) {
      let end = i + 1;
      while (wordChar.test(sql[end] ?? '')) end++;
      const text = sql.slice(i, end);
      tokens.push({ kind: 'word', text, value: text, start: i, end });
      i = end;
    } else if (digit.test(ch) || (ch === '.' && digit.test(sql[i + 1] ?? ''))) {
      const end = readNumber(sql, i);
      const text = sql.slice(i, end);
      tokens.push({ kind: 'number', text, value: text, start: i, end });
      i = end;
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === '.' || ch === ';') {
      tokens.push({ kind: 'symbol', text: ch, value: ch, start: i, end: i + 1 });
      i++;
    } else if (operatorChars.test(ch)) {
      const run = readOperatorRun(sql, i);
      tokens.push(...run);
      i = run.at(-1)?.end ?? i + 1;
    } else {
      fail(
        ch.charCodeAt(0) > 126 || ch < ' '
          ? 'the statement contains a character outside plain SQL'
          : `the character ${ch} is not allowed`,
      );
    }
  }
  return tokens;
}

const simpleName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface SanitizedSql {
  /**
   * The statement with every string literal replaced by '#s<n>' and comments by spaces. A '#'
   * cannot appear in a name of the original outside quotes, so a placeholder never collides
   * with a real table, CTE or column name.
   */
  text: string;
  /** Decoded string literals in source order; index n is placeholder '#s<n>'. */
  strings: string[];
  /** Placeholder name (#q<n>) -> the quoted identifier it stands for, for messages. */
  quotedNames: Map<string, string>;
}

/**
 * Rewrites a statement for a parser with other lexical rules: literals become placeholders the
 * parser cannot misread, quoted identifiers that are not plain names become "#q<n>" (the same
 * name gets the same placeholder, so an alias and its references still match), and everything
 * between tokens that is not whitespace (the comments) becomes a space.
 */
export function sanitizeForParser(sql: string, tokens: Token[]): SanitizedSql {
  const strings: string[] = [];
  const quotedNames = new Map<string, string>();
  let text = '';
  let at = 0;
  for (const token of tokens) {
    text += sql.slice(at, token.start).replace(/[^\n]/g, ' ');
    if (token.kind === 'string') {
      text += `'#s${strings.length}'`;
      strings.push(token.value);
    } else if (token.kind === 'quoted' && !simpleName.test(token.value)) {
      const name = quotedNames.get(token.value) ?? `#q${quotedNames.size}`;
      quotedNames.set(token.value, name);
      text += `"${name}"`;
    } else {
      text += token.text;
    }
    at = token.end;
  }
  return { text, strings, quotedNames: new Map([...quotedNames].map(([value, name]) => [name, value])) };
}
