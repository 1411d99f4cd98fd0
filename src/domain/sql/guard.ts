import nodeSqlParser from 'node-sql-parser';
import { ScoutError } from '../../errors.ts';
import { allowedAggregates, allowedFunctions } from './function-allowlist.ts';

const { Parser } = nodeSqlParser;

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
}

function reject(reason: string, cause?: unknown): never {
  throw new ScoutError('sql_rejected', `SQL rejected: ${reason}`, {
    userMessage: `That SQL is not allowed: ${reason}.`,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Strips one trailing semicolon and surrounding whitespace; anything after it stays and fails parsing. */
function normalise(sql: string): string {
  return sql.trim().replace(/;\s*$/, '').trim();
}

function nestingDepth(sql: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of sql) {
    if (ch === '(') max = Math.max(max, ++depth);
    else if (ch === ')') depth--;
  }
  return max;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/** Visits every object in the AST, including nested subqueries and set operations. */
function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (!isNode(value)) return;
  visit(value);
  for (const child of Object.values(value)) walk(child, visit);
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

/**
 * The gate every statement passes before it reaches a warehouse: exactly one SELECT (or WITH …
 * SELECT), no INTO, no table functions or file access, only allowlisted tables, columns and
 * functions, and a row limit. Fails closed: anything the parser cannot read is rejected.
 */
export function guardSql(input: string, policy: GuardPolicy): GuardedSql {
  const sql = normalise(input);
  if (sql === '') reject('the statement is empty');
  if (sql.length > (policy.maxLength ?? 20_000)) reject('the statement is too long');
  if (nestingDepth(sql) > (policy.maxNesting ?? 40)) reject('the statement is nested too deeply');

  let parsed: ReturnType<InstanceType<typeof Parser>['parse']>;
  try {
    parsed = new Parser().parse(sql, { database: 'postgresql' });
  } catch (error) {
    reject('it could not be parsed as a single SELECT statement', error);
  }
  const { ast, tableList, columnList } = parsed;
  if (Array.isArray(ast)) reject('only one statement is allowed');
  if (!isNode(ast) || ast.type !== 'select') reject('only SELECT queries are allowed');

  const cteNames = new Set<string>();
  const aliases = new Set<string>();
  walk(ast, (node) => {
    if (
      node.type === 'select' &&
      isNode(node.into) &&
      node.into.position !== null &&
      node.into.position !== undefined
    ) {
      reject('SELECT … INTO is not allowed');
    }
    if (Array.isArray(node.with)) {
      for (const cte of node.with) {
        if (isNode(cte) && isNode(cte.name) && typeof cte.name.value === 'string')
          cteNames.add(cte.name.value.toLowerCase());
      }
    }
    if (Array.isArray(node.from)) {
      for (const item of node.from) {
        if (isNode(item) && item.type === 'expr' && isNode(item.expr) && item.expr.type === 'function') {
          reject(`table functions are not allowed (${functionName(item.expr)})`);
        }
        if (isNode(item) && typeof item.db === 'string' && item.db !== '')
          reject('schema-qualified tables are not allowed');
      }
    }
    if (node.type === 'function') {
      const name = functionName(node);
      if (!allowedFunctions.has(name)) reject(`function ${name || '(unnamed)'} is not allowed`);
    }
    if (node.type === 'aggr_func') {
      const name = functionName(node);
      if (!allowedAggregates.has(name)) reject(`aggregate ${name} is not allowed`);
    }
    if (typeof node.as === 'string') aliases.add(node.as.toLowerCase());
  });

  const tables: string[] = [];
  for (const entry of tableList) {
    const [kind, , table = ''] = entry.split('::');
    if (kind !== 'select') reject('only reading is allowed');
    const name = table.toLowerCase();
    if (cteNames.has(name)) continue;
    if (!policy.allowlist.has(name)) reject(`table ${table} is not available`);
    if (!tables.includes(name)) tables.push(name);
  }
  const columns = new Set([...policy.allowlist.values()].flatMap((set) => [...set]));
  for (const entry of columnList) {
    const column = (entry.split('::')[2] ?? '').toLowerCase();
    if (column === '(.*)' || column === '*') continue;
    if (!columns.has(column) && !aliases.has(column) && !cteNames.has(column))
      reject(`column ${column} is not available`);
  }
  return applyLimit(sql, ast, policy.maxRows, tables);
}

/** Adds a LIMIT when there is none, and caps one that is larger than the policy allows. */
function applyLimit(sql: string, ast: Node, maxRows: number, tables: string[]): GuardedSql {
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
