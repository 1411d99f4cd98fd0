import { describe, expect, it } from 'vitest';
import { LexError, lexSql, sanitizeForParser } from '../../src/domain/sql/lexer.ts';

const strings = (sql: string) =>
  lexSql(sql)
    .filter((t) => t.kind === 'string')
    .map((t) => t.value);

describe('lexSql (the rules DuckDB and Trino share)', () => {
  it('reads a backslash in a string as a plain character, and a doubled quote as one quote', () => {
    expect(strings(String.raw`SELECT '\' AS a, 'it''s' AS b`)).toEqual(['\\', "it's"]);
    // What follows the backslash string is code, not more string.
    const words = lexSql(String.raw`SELECT '\' , version() --'`).filter((t) => t.kind === 'word');
    expect(words.map((t) => t.value)).toEqual(['SELECT', 'version']);
  });

  it('drops comments and keeps a quoted identifier with its doubled quotes decoded', () => {
    const tokens = lexSql('SELECT "a""b" /* c */ FROM t -- d');
    expect(tokens.map((t) => t.value)).toEqual(['SELECT', 'a"b', 'FROM', 't']);
  });

  it.each([
    [String.raw`SELECT E'\''`, /prefixed/],
    [String.raw`SELECT U&'\0027'`, /operator &/],
    ["SELECT X'41'", /prefixed/],
    ["SELECT N'x'", /prefixed/],
    ["SELECT DATE'2024-01-01'", /prefixed/],
    ['SELECT $$x$$', /character \$/],
    ['SELECT $1', /character \$/],
    ['SELECT ?', /operator \?/],
    ['SELECT 1 /* a /* b */ c */', /nested comments/],
    ['SELECT 1 /* open', /comment is not terminated/],
    ["SELECT 'open", /string is not terminated/],
    ['SELECT "open', /identifier is not terminated/],
    ["SELECT 'a'\n'b'", /adjacent string literals/],
    ["SELECT 'a' -- c\n 'b'", /adjacent string literals/],
    ['SELECT 1 // 2', /operator \/\//],
    ['SELECT a->>b', /operator ->>/],
    ['SELECT a[1]', /character \[/],
    ['SELECT {a: 1}', /character \{/],
    ['SELECT `a`', /character `/],
    ['SELECT 1abc', /number runs into/],
    ['SELECT 1_000', /number runs into/],
    ['SELECT 1 -- c\rSELECT 2', /carriage return/],
    ['SELECT ﬁ', /outside plain SQL/],
    ['SELECT 1\fFROM t', /outside plain SQL/],
    ['SELECT "" FROM t', /empty identifier/],
  ])('refuses %j', (sql, reason) => {
    expect(() => lexSql(sql)).toThrow(LexError);
    expect(() => lexSql(sql)).toThrow(reason);
  });

  it('accepts the operators the compiler and analysts use, with unary signs after them', () => {
    const sql = "SELECT a <= b, a <> b, a != b, a || 'x', a::DATE, a*-1, a % 2 FROM t WHERE a>=-1";
    expect(
      lexSql(sql)
        .filter((t) => t.kind === 'symbol')
        .map((t) => t.value),
    ).toEqual(['<=', ',', '<>', ',', '!=', ',', '||', ',', '::', ',', '*', '-', ',', '%', '>=', '-']);
  });
});

describe('sanitizeForParser', () => {
  it('replaces literals with placeholders, odd quoted names with stable ones, comments with blanks', () => {
    const sql = String.raw`SELECT '\' AS "Spend (USD)" /* x */ FROM t ORDER BY "Spend (USD)" -- '`;
    const sanitized = sanitizeForParser(sql, lexSql(sql));
    expect(sanitized.text).toBe(`SELECT '#s0' AS "#q0"         FROM t ORDER BY "#q0"`);
    expect(sanitized.strings).toEqual(['\\']);
    expect(sanitized.quotedNames.get('#q0')).toBe('Spend (USD)');
  });
});
