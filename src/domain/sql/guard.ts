import { createRequire } from 'node:module';
import type postgresqlBuild from 'node-sql-parser/build/postgresql.js';
import { ScoutError } from '../../errors.ts';
import { allowedCastTypes, isAllowedFunction } from './function-allowlist.ts';
import { LexError, lexSql, sanitizeForParser, type Token } from './lexer.ts';
import { type StatementShape, shapeOf } from './shape.ts';

export interface GuardPolicy {
  /** table -> columns that may be read. */
  allowlist: Map<string, Set<string>>;
  maxRows: number;
  /** Longest statement accepted; parsing cost grows with size and nesting. */
  maxLength?: number;
  maxNesting?: number;
}

export interface GuardedSql {
  /** The statement to run: the input, with a row limit added or tightened when needed. */
  sql: string;
  tables: string[];
  limitAdded: boolean;
  /** What the guard read: compared with the engine's own parse where there is one. */
  shape: StatementShape;
}

export function rejectSql(reason: string, cause?: unknown): never {
  throw new ScoutError('sql_rejected', `SQL rejected: ${reason}`, {
    userMessage: `That SQL is not allowed: ${reason}.`,
    ...(cause === undefined ? {} : { cause }),
  });
}
function reject(reason: string, cause?: unknown): never {
  return rejectSql(reason, cause);
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/**
 * Node types of node-sql-parser's AST that a read-only analytic query needs. Default-deny: any
 * other construct (variables, parameters, arrays, JSON operators, regex literals …) is refused.
 */
const allowedNodeTypes = new Set([
  'select',
  'expr',
  'column_ref',
  'default',
  'double_quote_string',
  'binary_expr',
  'unary_expr',
  'expr_list',
  'function',
  'aggr_func',
  'window_func',
  'window',
  'cast',
  'case',
  'when',
  'else',
  'number',
  'bigint',
  'single_quote_string',
  'bool',
  'null',
  'date',
  'timestamp',
  'interval',
  'extract',
  'origin',
  'star',
  'ASC',
  'DESC',
  'DISTINCT',
]);

const allowedBinaryOperators = new Set([
  '=',
  '<>',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '||',
  'AND',
  'OR',
  'IN',
  'NOT IN',
  'LIKE',
  'NOT LIKE',
  'ILIKE',
  'NOT ILIKE',
  'BETWEEN',
  'NOT BETWEEN',
  'IS',
  'IS NOT',
]);
const allowedUnaryOperators = new Set(['NOT', '-', '+', 'EXISTS', 'NOT EXISTS']);

/** CTE names visible at a point of the statement. */
type Scope = ReadonlySet<string>;

interface Reading {
  policy: GuardPolicy;
  /** Placeholder -> original quoted identifier, so messages name what the user wrote. */
  quotedNames: Map<string, string>;
  tables: Set<string>;
  functions: Set<string>;
  /** Names a column reference may legitimately use besides allowlisted columns. */
  aliases: Set<string>;
  /** Every CTE name the statement defines, in any scope. */
  ctes: Set<string>;
  columns: Set<string>;
  /** Table qualifiers of column references (the b of b.brand). */
  qualifiers: Set<string>;
}

function lower(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function functionName(node: Node): string {
  const name = node.name;
  if (typeof name === 'string') return name.toLowerCase();
  if (isNode(name) && Array.isArray(name.name)) {
    return name.name
      .map((part: unknown) => (isNode(part) && typeof part.value === 'string' ? part.value : ''))
      .join('.')
      .toLowerCase();
  }
  return '';
}

/** The engines' names for a call, so both readings use one spelling (count(*) is count_star). */
function canonicalFunction(node: Node): string {
  const name = functionName(node);
  const args = isNode(node.args) ? node.args.expr : undefined;
  if (name === 'count' && isNode(args) && args.type === 'star') return 'count_star';
  return name;
}

function readFunction(node: Node, reading: Reading): void {
  const name = functionName(node);
  // EXISTS (subquery) reaches this parser as a function; the engines read it as a predicate.
  if (name !== 'exists' && !isAllowedFunction(name)) reject(`function ${name || '(unnamed)'} is not allowed`);
  reading.functions.add(canonicalFunction(node));
}

function readCast(node: Node): void {
  const targets = Array.isArray(node.target) ? node.target : [];
  for (const target of targets) {
    const type = isNode(target) ? lower(target.dataType) : '';
    if (!allowedCastTypes.has(type) || (isNode(target) && target.suffix && !isEmpty(target.suffix)))
      reject(`a cast to ${type || 'that type'} is not allowed`);
  }
}

function isEmpty(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

function readColumnRef(node: Node, reading: Reading): void {
  const column = node.column;
  const name =
    typeof column === 'string' ? column : isNode(column) && isNode(column.expr) ? column.expr.value : '';
  reading.columns.add(lower(name));
  if (typeof node.table === 'string' && node.table !== '') reading.qualifiers.add(node.table.toLowerCase());
}

/** Checks one expression-level node; subqueries and FROM items are handled by the callers. */
function readNode(node: Node, reading: Reading): void {
  const type = node.type;
  if (typeof type === 'string' && !allowedNodeTypes.has(type)) reject(`${type} expressions are not allowed`);
  if (type === 'function' || type === 'aggr_func' || type === 'window_func') readFunction(node, reading);
  if (type === 'extract') reading.functions.add('date_part');
  if (type === 'unary_expr' && String(node.operator).endsWith('EXISTS')) reading.functions.add('exists');
  if (type === 'cast') readCast(node);
  if (type === 'column_ref') readColumnRef(node, reading);
  if (type === 'binary_expr' && !allowedBinaryOperators.has(String(node.operator)))
    reject(`the operator ${String(node.operator)} is not allowed`);
  if (type === 'unary_expr' && !allowedUnaryOperators.has(String(node.operator)))
    reject(`the operator ${String(node.operator)} is not allowed`);
  if (typeof node.as === 'string') reading.aliases.add(node.as.toLowerCase());
}

/** Walks any value; a nested query starts its own scope chain from the one it appears in. */
function readValue(value: unknown, scope: Scope, reading: Reading): void {
  if (Array.isArray(value)) {
    for (const item of value) readValue(item, scope, reading);
    return;
  }
  if (!isNode(value)) return;
  if (isNode(value.ast) && Array.isArray(value.tableList)) {
    readQuery(value.ast, scope, reading);
    return;
  }
  if (value.type === 'select') {
    readQuery(value, scope, reading);
    return;
  }
  readNode(value, reading);
  for (const child of Object.values(value)) readValue(child, scope, reading);
}

function readTableRef(item: Node, scope: Scope, reading: Reading): void {
  if (typeof item.db === 'string' && item.db !== '') reject('schema-qualified tables are not allowed');
  const name = lower(item.table);
  // A string literal where a table belongs: DuckDB would read it as a file name.
  if (name.startsWith('#s')) reject('a string cannot be used as a table (file names are not allowed)');
  if (scope.has(name)) return;
  if (!reading.policy.allowlist.has(name))
    reject(`table ${reading.quotedNames.get(String(item.table)) ?? String(item.table)} is not available`);
  reading.tables.add(name);
}

function readFromItem(item: unknown, scope: Scope, reading: Reading): void {
  if (!isNode(item)) reject('that FROM clause is not supported');
  if (isNode(item.prefix) || (typeof item.prefix === 'string' && item.prefix !== ''))
    reject('LATERAL and other FROM prefixes are not allowed');
  if (typeof item.as === 'string') reading.aliases.add(item.as.toLowerCase());
  if (typeof item.table === 'string') readTableRef(item, scope, reading);
  else if (isNode(item.expr) && isNode(item.expr.ast)) readQuery(item.expr.ast, scope, reading);
  else if (isNode(item.expr) && item.expr.type === 'function')
    reject(`table functions are not allowed (${functionName(item.expr)})`);
  else reject('that FROM clause is not supported');
  readValue(item.on, scope, reading);
  readValue(item.using, scope, reading);
}

function cteName(cte: Node): string {
  const name = cte.name;
  return lower(isNode(name) ? name.value : name);
}

/** Reads a WITH clause; returns the scope its query sees (each CTE sees only the ones before it). */
function readWith(node: Node, scope: Scope, reading: Reading): Scope {
  let inner: Set<string> = new Set(scope);
  const defined = new Set<string>();
  for (const cte of Array.isArray(node.with) ? node.with : []) {
    if (!isNode(cte)) reject('that WITH clause is not supported');
    if (cte.recursive) reject('recursive CTEs are not allowed');
    const stmt = isNode(cte.stmt) && isNode(cte.stmt.ast) ? cte.stmt.ast : cte.stmt;
    if (!isNode(stmt)) reject('that WITH clause is not supported');
    readQuery(stmt, inner, reading);
    const name = cteName(cte);
    // Both engines refuse a WITH that defines a name twice; the guard does not pick one for them.
    if (defined.has(name)) reject(`the CTE ${name} is defined twice`);
    defined.add(name);
    inner = new Set([...inner, name]);
    reading.aliases.add(name);
    reading.ctes.add(name);
    for (const column of Array.isArray(cte.columns) ? cte.columns : []) readCteColumn(column, reading);
  }
  return inner;
}

/**
 * One SELECT (and, through `_next`, the set operation it starts). A CTE is visible in the later
 * CTEs of its WITH and in the query the WITH belongs to, never outside it: a CTE defined in a
 * subquery does not shadow a table of the same name elsewhere.
 */
function readQuery(node: Node, scope: Scope, reading: Reading): void {
  if (node.type !== 'select') reject('only SELECT queries are allowed');
  if (isNode(node.into) && node.into.position !== null && node.into.position !== undefined)
    reject('SELECT … INTO is not allowed');
  const inner = readWith(node, scope, reading);
  for (const item of Array.isArray(node.from) ? node.from : []) readFromItem(item, inner, reading);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'with' && key !== 'from' && key !== '_next' && key !== 'into')
      readValue(value, inner, reading);
  }
  // A parenthesised first operand keeps its WITH to itself; otherwise the WITH covers the set operation.
  if (isNode(node._next)) readQuery(node._next, node.parentheses_symbol ? scope : inner, reading);
}

function readCteColumn(column: unknown, reading: Reading): void {
  const name =
    isNode(column) && isNode(column.expr) ? column.expr.value : isNode(column) ? column.value : column;
  if (typeof name === 'string') reading.aliases.add(name.toLowerCase());
}

function nestingDepth(tokens: Token[]): number {
  let depth = 0;
  let max = 0;
  for (const token of tokens) {
    if (token.text === '(') max = Math.max(max, ++depth);
    else if (token.text === ')') depth--;
  }
  return max;
}

/**
 * The tokens of exactly one statement (offsets into the input) and the statement's text without
 * the one trailing semicolon allowed.
 */
function singleStatement(input: string): { sql: string; tokens: Token[] } {
  let tokens: Token[];
  try {
    tokens = lexSql(input);
  } catch (error) {
    if (error instanceof LexError) reject(error.message, error);
    throw error;
  }
  const semicolons = tokens.filter((token) => token.text === ';');
  const last = tokens.at(-1);
  if (semicolons.length > 1 || (semicolons.length === 1 && last?.text !== ';'))
    reject('only one statement is allowed');
  if (last?.text !== ';') return { sql: input.trim(), tokens };
  return { sql: (input.slice(0, last.start) + input.slice(last.end)).trim(), tokens: tokens.slice(0, -1) };
}

type SqlParser = InstanceType<typeof postgresqlBuild.Parser>;

/*
 * The grammars' own builds, not the package's all-dialect index (~60% less to load), loaded with
 * require: imported from an ES module, Node's lexer scans each ~300 KB build for named exports
 * (~80 ms of every CLI start). The PostgreSQL grammar, which reads nearly every statement, loads
 * with this module; the Redshift grammar on the first statement that needs it.
 * parse() keeps no state between calls; one instance per grammar saves re-creating it per statement.
 */
const requireBuild = createRequire(import.meta.url);
function loadParser(database: 'postgresql' | 'redshift'): SqlParser {
  const build = requireBuild(`node-sql-parser/build/${database}.js`) as typeof postgresqlBuild;
  return new build.Parser();
}
const parsers = new Map<string, SqlParser>([['postgresql', loadParser('postgresql')]]);
function parserFor(database: 'postgresql' | 'redshift'): SqlParser {
  let parser = parsers.get(database);
  if (!parser) {
    parser = loadParser(database);
    parsers.set(database, parser);
  }
  return parser;
}
const grammars = ['postgresql', 'redshift'] as const;

/**
 * The generic parser's PostgreSQL grammar first; its Redshift grammar (a PostgreSQL fork that
 * also reads expressions in PARTITION BY, which the compiler emits) when that fails. Both read
 * the sanitized text, so neither grammar's lexical rules matter, and the AST is checked the same.
 */
function parseSanitized(text: string): ReturnType<SqlParser['parse']> {
  let firstError: unknown;
  for (const database of grammars) {
    try {
      return parserFor(database).parse(text, { database });
    } catch (error) {
      firstError ??= error;
    }
  }
  reject('it could not be parsed as a single SELECT statement', firstError);
}

/**
 * The gate every statement passes before it reaches a warehouse: exactly one SELECT (or WITH …
 * SELECT), no INTO, no table functions or file access, only allowlisted tables, columns,
 * functions and casts, and a row limit. Fails closed: anything it cannot read is rejected.
 *
 * The statement is tokenized with the rules DuckDB and Trino share (see lexer.ts) before the
 * generic parser sees it, so a literal cannot end in one reading and run on in the other.
 */
export function guardSql(input: string, policy: GuardPolicy): GuardedSql {
  if (input.trim() === '') reject('the statement is empty');
  if (input.length > (policy.maxLength ?? 20_000)) reject('the statement is too long');
  const { sql, tokens } = singleStatement(input);
  if (tokens.length === 0) reject('the statement is empty');
  if (nestingDepth(tokens) > (policy.maxNesting ?? 40)) reject('the statement is nested too deeply');

  const sanitized = sanitizeForParser(input, tokens);
  const parsed = parseSanitized(sanitized.text);
  const { ast } = parsed;
  if (Array.isArray(ast)) reject('only one statement is allowed');
  // The parser's AST types are a union of interfaces without index signatures; walk it as plain data.
  const root: unknown = ast;
  if (!isNode(root) || root.type !== 'select') reject('only SELECT queries are allowed');

  const reading: Reading = {
    policy,
    quotedNames: sanitized.quotedNames,
    tables: new Set(),
    functions: new Set(),
    aliases: new Set(),
    ctes: new Set(),
    columns: new Set(),
    qualifiers: new Set(),
  };
  readQuery(root, new Set(), reading);
  checkTableList(parsed.tableList, reading);
  checkColumns(reading);
  const shape = shapeOf(reading.tables, reading.functions, sanitized.strings);
  return { ...applyLimit(sql, root, policy.maxRows, shape.tables), shape };
}

/**
 * The parser's own list of the tables it saw must hold nothing the scoped walk did not check:
 * a table reference in a place the walk does not expect is refused, not skipped.
 */
function checkTableList(tableList: string[], reading: Reading): void {
  for (const entry of tableList) {
    const [kind, db, table = ''] = entry.split('::');
    const name = table.toLowerCase();
    if (kind !== 'select') reject('only reading is allowed');
    if (db !== 'null' && db !== '') reject('schema-qualified tables are not allowed');
    if (!reading.tables.has(name) && !reading.ctes.has(name)) reject(`table ${table} is not available`);
  }
}

function checkColumns(reading: Reading): void {
  for (const qualifier of reading.qualifiers) {
    if (!reading.tables.has(qualifier) && !reading.aliases.has(qualifier))
      reject(`${reading.quotedNames.get(qualifier) ?? qualifier} is not a table of the statement`);
  }
  const columns = new Set([...reading.policy.allowlist.values()].flatMap((set) => [...set]));
  for (const column of reading.columns) {
    if (column === '*' || column === '') continue;
    if (!columns.has(column) && !reading.aliases.has(column))
      reject(`column ${reading.quotedNames.get(column) ?? column} is not available`);
  }
}

/** Adds a LIMIT when there is none, and caps one that is larger than the policy allows. */
function applyLimit(sql: string, ast: Node, maxRows: number, tables: string[]): Omit<GuardedSql, 'shape'> {
  let last: Node = ast;
  while (isNode(last._next)) last = last._next;
  const limit = isNode(last.limit) && Array.isArray(last.limit.value) ? last.limit.value : [];
  const isSetOperation = last !== ast;
  if (limit.length === 0 && !isSetOperation) {
    return { sql: `${sql}\nLIMIT ${maxRows}`, tables, limitAdded: true };
  }
  const count = limit.at(limit.length === 2 && isNode(last.limit) && last.limit.seperator === ',' ? 1 : 0);
  const value = isNode(count) && count.type === 'number' ? Number(count.value) : Number.NaN;
  if (Number.isFinite(value) && value <= maxRows && !isSetOperation)
    return { sql, tables, limitAdded: false };
  // A set operation or an oversized limit: wrap, so the cap applies to the whole result.
  return { sql: `SELECT * FROM (\n${sql}\n) AS limited\nLIMIT ${maxRows}`, tables, limitAdded: true };
}
