import { z } from 'zod';
import { allowedCastTypes, isAllowedFunction } from '../../domain/sql/function-allowlist.ts';
import { rejectSql } from '../../domain/sql/guard.ts';
import { type StatementShape, shapeOf } from '../../domain/sql/shape.ts';

/**
 * Default-deny check of DuckDB's own parse of a statement (the JSON json_serialize_sql returns):
 * the statement the engine will run, not another parser's idea of it. Every node class, field,
 * table reference, function, operator, cast and constant type must be one this file knows and
 * allows; anything else, including fields a newer DuckDB adds, refuses the statement.
 */

/** The envelope json_serialize_sql returns; the statement trees inside are checked by the walker. */
const serializedSchema = z.union([
  z.object({
    error: z.literal(true),
    error_type: z.string().optional(),
    error_message: z.string().optional(),
  }),
  z.object({
    error: z.literal(false),
    statements: z.array(z.object({ node: z.unknown(), named_param_map: z.array(z.unknown()) })),
  }),
]);
export type SerializedSql = z.infer<typeof serializedSchema>;

export function parseSerializedSql(json: string): SerializedSql {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    rejectSql('the engine could not check it', error);
  }
  const parsed = serializedSchema.safeParse(value);
  if (!parsed.success) rejectSql('the engine returned a parse it cannot check', parsed.error);
  return parsed.data;
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function refuse(reason: string): never {
  rejectSql(`the engine reads ${reason}`);
}

function object(value: unknown, what: string): Json {
  if (!isJson(value)) refuse(`an unexpected ${what}`);
  return value;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) refuse(`an unexpected ${what}`);
  return value;
}

/** Refuses fields the checker does not know: a field it does not look at could carry anything. */
function onlyKeys(node: Json, known: readonly string[], what: string): void {
  for (const key of Object.keys(node))
    if (!known.includes(key)) refuse(`${what} with an unknown field (${key})`);
}

/** A field that must hold its neutral value (null, false, "", an empty list) to be allowed. */
function neutral(node: Json, key: string, what: string): void {
  const value = node[key];
  const empty =
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    (Array.isArray(value) && value.length === 0);
  if (!empty) refuse(`${what} (${key})`);
}

function oneOf(node: Json, key: string, allowed: ReadonlySet<string>, what: string): string {
  const value = node[key];
  if (typeof value !== 'string' || !allowed.has(value)) refuse(`${what} ${String(value)}`);
  return value;
}

const common = ['class', 'type', 'alias', 'query_location'] as const;

const operatorNames = new Set(['+', '-', '*', '/', '%', '||', '~~', '!~~', '~~*', '!~~*']);
const comparisonTypes = new Set([
  'COMPARE_EQUAL',
  'COMPARE_NOTEQUAL',
  'COMPARE_LESSTHAN',
  'COMPARE_GREATERTHAN',
  'COMPARE_LESSTHANOREQUALTO',
  'COMPARE_GREATERTHANOREQUALTO',
  'COMPARE_DISTINCT_FROM',
  'COMPARE_NOT_DISTINCT_FROM',
]);
const operatorTypes = new Set([
  'OPERATOR_NOT',
  'OPERATOR_IS_NULL',
  'OPERATOR_IS_NOT_NULL',
  'COMPARE_IN',
  'COMPARE_NOT_IN',
  'OPERATOR_COALESCE',
]);
const constantTypes = new Set(['VARCHAR', 'INTEGER', 'BIGINT', 'HUGEINT', 'DECIMAL', 'DOUBLE', 'NULL']);
const subqueryTypes = new Set(['SCALAR', 'EXISTS', 'NOT_EXISTS', 'ANY']);
const orderTypes = new Set(['ORDER_DEFAULT', 'ASCENDING', 'DESCENDING']);
const nullOrders = new Set(['ORDER_DEFAULT', 'NULLS FIRST', 'NULLS LAST']);
const joinTypes = new Set(['INNER', 'LEFT', 'RIGHT', 'OUTER']);
const joinRefTypes = new Set(['REGULAR', 'CROSS', 'NATURAL']);
const setOperations = new Set(['UNION', 'EXCEPT', 'INTERSECT']);
const materializations = new Set([
  'CTE_MATERIALIZE_DEFAULT',
  'CTE_MATERIALIZE_ALWAYS',
  'CTE_MATERIALIZE_NEVER',
]);
/** DuckDB spells INTERVAL n UNIT as to_<unit>(CAST(trunc(CAST(n AS DOUBLE)) AS INTEGER)). */
const intervalConstructors = new Set([
  'to_years',
  'to_quarters',
  'to_months',
  'to_weeks',
  'to_days',
  'to_hours',
  'to_minutes',
  'to_seconds',
]);
/** Bare words DuckDB's binder turns into calls (current_user, current_catalog …), not columns. */
const specialColumns = new Set([
  'current_user',
  'user',
  'session_user',
  'current_role',
  'current_schema',
  'current_catalog',
  'current_time',
  'current_timestamp',
  'localtime',
  'localtimestamp',
]);

type Scope = ReadonlySet<string>;

interface EngineReading {
  allowlist: Map<string, Set<string>>;
  tables: Set<string>;
  functions: Set<string>;
  strings: string[];
  /** Aliases, table names and CTE names the statement defines; a column may reference them. */
  names: Set<string>;
  columns: string[][];
}

type Checker = (node: Json, scope: Scope, reading: EngineReading) => void;

function between(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...common, 'input', 'lower', 'upper'], 'a BETWEEN');
  expressions([node.input, node.lower, node.upper], scope, reading);
}

function comparison(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...common, 'left', 'right'], 'a comparison');
  oneOf(node, 'type', comparisonTypes, 'the comparison');
  expressions([node.left, node.right], scope, reading);
}

function conjunction(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...common, 'children'], 'a conjunction');
  oneOf(node, 'type', new Set(['CONJUNCTION_AND', 'CONJUNCTION_OR']), 'the conjunction');
  expressions(list(node.children, 'conjunction'), scope, reading);
}

function operator(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...common, 'children'], 'an operator');
  // COALESCE is an operator to DuckDB's parser and a function to the guard's.
  if (oneOf(node, 'type', operatorTypes, 'the operator') === 'OPERATOR_COALESCE')
    reading.functions.add('coalesce');
  expressions(list(node.children, 'operator'), scope, reading);
}

/** The expression classes a statement may contain; every other class is refused. */
const checkers: Record<string, Checker> = {
  CONSTANT: (node, _scope, reading) => constant(node, reading),
  COLUMN_REF: (node, _scope, reading) => columnRef(node, reading),
  FUNCTION: (node, scope, reading) => functionCall(node, scope, reading),
  WINDOW: (node, scope, reading) => windowCall(node, scope, reading),
  CAST: (node, scope, reading) => cast(node, scope, reading),
  BETWEEN: between,
  COMPARISON: comparison,
  CONJUNCTION: conjunction,
  OPERATOR: operator,
  CASE: (node, scope, reading) => caseExpression(node, scope, reading),
  SUBQUERY: (node, scope, reading) => subquery(node, scope, reading),
  STAR: (node) => star(node),
};

function expression(value: unknown, scope: Scope, reading: EngineReading): void {
  if (value === null || value === undefined) return;
  const node = object(value, 'expression');
  if (typeof node.alias === 'string' && node.alias !== '') reading.names.add(node.alias.toLowerCase());
  const checker = checkers[String(node.class)];
  if (!checker) refuse(`a ${String(node.class).toLowerCase()} expression`);
  checker(node, scope, reading);
}

function expressions(values: unknown[], scope: Scope, reading: EngineReading): void {
  for (const value of values) expression(value, scope, reading);
}

function constant(node: Json, reading: EngineReading): void {
  onlyKeys(node, [...common, 'value'], 'a constant');
  const value = object(node.value, 'constant');
  const type = object(value.type, 'constant type');
  const id = String(type.id);
  if (!constantTypes.has(id)) refuse(`a ${id} constant`);
  if (id === 'VARCHAR' && typeof value.value === 'string') reading.strings.push(value.value);
}

function columnRef(node: Json, reading: EngineReading): void {
  onlyKeys(node, [...common, 'column_names'], 'a column reference');
  const names = list(node.column_names, 'column reference').map((name) => String(name).toLowerCase());
  if (names.length < 1 || names.length > 2) refuse(`a qualified name ${names.join('.')}`);
  const only = names[0] ?? '';
  if (names.length === 1 && only === 'current_date') {
    reading.functions.add('current_date');
    return;
  }
  if (names.length === 1 && specialColumns.has(only)) refuse(`the built-in ${only}`);
  reading.columns.push(names);
}

const callKeys = [...common, 'function_name', 'schema', 'catalog', 'children', 'distinct'];
const windowFrameKeys = [
  'start',
  'end',
  'start_expr',
  'end_expr',
  'offset_expr',
  'default_expr',
  'exclude_clause',
];
const windowKeys = [
  ...callKeys,
  ...windowFrameKeys,
  'partitions',
  'orders',
  'ignore_nulls',
  'filter_expr',
  'arg_orders',
];

/** DuckDB's parser files keyword-syntax functions (EXTRACT, SUBSTRING …) under schema main itself. */
function functionSchema(node: Json): void {
  if (node.schema !== '' && node.schema !== 'main') refuse('a schema-qualified function');
  neutral(node, 'catalog', 'a catalog-qualified function');
}

function functionCall(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...callKeys, 'filter', 'order_bys', 'is_operator', 'export_state'], 'a function call');
  functionSchema(node);
  neutral(node, 'export_state', 'an exported aggregate state');
  const name = String(node.function_name).toLowerCase();
  const children = list(node.children, 'function arguments');
  const amount = intervalConstructors.has(name) ? intervalAmount(children) : undefined;
  if (amount !== undefined) {
    expression(amount, scope, reading);
    return;
  }
  if (node.is_operator === true) {
    if (!operatorNames.has(name)) refuse(`the operator ${name}`);
  } else {
    // DuckDB's parser spells count(*) as count_star(); it is the allowlisted count.
    if (!isAllowedFunction(name === 'count_star' ? 'count' : name)) refuse(`the function ${name}`);
    reading.functions.add(name);
  }
  expressions(children, scope, reading);
  expression(node.filter, scope, reading);
  orderModifier(node.order_bys, scope, reading);
}

function castTo(value: unknown, ids: readonly string[]): Json | undefined {
  if (!isJson(value) || value.class !== 'CAST' || value.try_cast !== false) return undefined;
  onlyKeys(value, [...common, 'child', 'cast_type', 'try_cast'], 'an interval');
  const type = isJson(value.cast_type) ? String(value.cast_type.id) : '';
  return ids.includes(type) && isJson(value.child) ? value.child : undefined;
}

/**
 * The n of INTERVAL n UNIT: DuckDB's parser spells it to_<unit>(CAST(trunc(CAST(n AS DOUBLE))
 * AS INTEGER)); that exact shape is the interval literal, anything else is a call to check.
 */
function intervalAmount(children: unknown[]): unknown {
  const trunc = children.length === 1 ? castTo(children[0], ['INTEGER', 'BIGINT']) : undefined;
  if (trunc?.class !== 'FUNCTION' || trunc.function_name !== 'trunc' || trunc.is_operator !== false)
    return undefined;
  if (trunc.filter !== null || !Array.isArray(trunc.children) || trunc.children.length !== 1)
    return undefined;
  return castTo(trunc.children[0], ['DOUBLE']);
}

function windowCall(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, windowKeys, 'a window function');
  functionSchema(node);
  const name = String(node.function_name).toLowerCase();
  if (!isAllowedFunction(name)) refuse(`the function ${name}`);
  reading.functions.add(name);
  expressions(list(node.children, 'window arguments'), scope, reading);
  expressions(list(node.partitions, 'window partitions'), scope, reading);
  orderList(node.orders, scope, reading);
  orderList(node.arg_orders, scope, reading);
  expressions(
    [node.start_expr, node.end_expr, node.offset_expr, node.default_expr, node.filter_expr],
    scope,
    reading,
  );
}

function castTypeName(value: unknown): string {
  const type = object(value, 'cast type');
  const info = type.type_info;
  if (info !== null && !(isJson(info) && info.type === 'DECIMAL_TYPE_INFO'))
    refuse('a cast with type details');
  return String(type.id).toLowerCase();
}

function cast(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...common, 'child', 'cast_type', 'try_cast'], 'a cast');
  const type = castTypeName(node.cast_type);
  if (!allowedCastTypes.has(type)) refuse(`a cast to ${type}`);
  expression(node.child, scope, reading);
}

function caseExpression(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...common, 'case_checks', 'else_expr'], 'a CASE');
  for (const check of list(node.case_checks, 'CASE')) {
    const branch = object(check, 'CASE branch');
    onlyKeys(branch, ['when_expr', 'then_expr'], 'a CASE branch');
    expressions([branch.when_expr, branch.then_expr], scope, reading);
  }
  expression(node.else_expr, scope, reading);
}

function subquery(node: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(node, [...common, 'subquery_type', 'subquery', 'child', 'comparison_type'], 'a subquery');
  const kind = oneOf(node, 'subquery_type', subqueryTypes, 'a subquery of kind');
  if (kind === 'EXISTS' || kind === 'NOT_EXISTS') reading.functions.add('exists');
  statement(node.subquery, scope, reading);
  expression(node.child, scope, reading);
}

/** SELECT * and t.* only: EXCLUDE, REPLACE, RENAME and COLUMNS(…) are refused. */
const starModifiers = [
  'exclude_list',
  'replace_list',
  'columns',
  'expr',
  'qualified_exclude_list',
  'rename_list',
];

function star(node: Json): void {
  onlyKeys(node, [...common, 'relation_name', ...starModifiers], 'a star');
  for (const key of starModifiers) neutral(node, key, 'a star with modifiers');
}

function orderList(value: unknown, scope: Scope, reading: EngineReading): void {
  for (const item of list(value ?? [], 'ORDER BY')) {
    const order = object(item, 'ORDER BY item');
    onlyKeys(order, ['type', 'null_order', 'expression'], 'an ORDER BY item');
    oneOf(order, 'type', orderTypes, 'the order');
    oneOf(order, 'null_order', nullOrders, 'the null order');
    expression(order.expression, scope, reading);
  }
}

function orderModifier(value: unknown, scope: Scope, reading: EngineReading): void {
  if (value === null || value === undefined) return;
  const modifier = object(value, 'ORDER BY');
  onlyKeys(modifier, ['type', 'orders'], 'an ORDER BY');
  if (modifier.type !== 'ORDER_MODIFIER') refuse('an unexpected ORDER BY');
  orderList(modifier.orders, scope, reading);
}

function modifiers(value: unknown, scope: Scope, reading: EngineReading): void {
  for (const item of list(value, 'modifiers')) {
    const modifier = object(item, 'modifier');
    switch (modifier.type) {
      case 'ORDER_MODIFIER':
        orderModifier(modifier, scope, reading);
        break;
      case 'LIMIT_MODIFIER':
        onlyKeys(modifier, ['type', 'limit', 'offset'], 'a LIMIT');
        expressions([modifier.limit, modifier.offset], scope, reading);
        break;
      case 'DISTINCT_MODIFIER':
        onlyKeys(modifier, ['type', 'distinct_on_targets'], 'a DISTINCT');
        neutral(modifier, 'distinct_on_targets', 'DISTINCT ON');
        break;
      default:
        refuse(`a ${String(modifier.type).toLowerCase()}`);
    }
  }
}

/** A CTE sees the CTEs before it in its WITH; the query of the WITH sees them all. */
function cteMap(value: unknown, scope: Scope, reading: EngineReading): Scope {
  if (value === undefined) return scope;
  const map = object(value, 'WITH');
  onlyKeys(map, ['map'], 'a WITH');
  let inner: Set<string> = new Set(scope);
  for (const item of list(map.map, 'WITH')) {
    const entry = object(item, 'CTE');
    const cte = object(entry.value, 'CTE');
    onlyKeys(cte, ['aliases', 'query', 'materialized', 'key_targets'], 'a CTE');
    oneOf(cte, 'materialized', materializations, 'a CTE materialization');
    neutral(cte, 'key_targets', 'a recursive CTE key');
    statement(cte.query, inner, reading);
    const name = String(entry.key).toLowerCase();
    inner = new Set([...inner, name]);
    reading.names.add(name);
    for (const alias of list(cte.aliases, 'CTE columns')) reading.names.add(String(alias).toLowerCase());
  }
  return inner;
}

/** A query node: SELECT, or a set operation of two query nodes. */
function queryNode(value: unknown, scope: Scope, reading: EngineReading): void {
  const node = object(value, 'query');
  if (node.type === 'SET_OPERATION_NODE') {
    onlyKeys(
      node,
      ['type', 'modifiers', 'cte_map', 'setop_type', 'setop_all', 'left', 'right'],
      'a set operation',
    );
    oneOf(node, 'setop_type', setOperations, 'the set operation');
    const inner = cteMap(node.cte_map, scope, reading);
    queryNode(node.left, inner, reading);
    queryNode(node.right, inner, reading);
    modifiers(node.modifiers ?? [], inner, reading);
    return;
  }
  if (node.type !== 'SELECT_NODE') refuse(`a ${String(node.type).toLowerCase()}`);
  onlyKeys(
    node,
    [
      'type',
      'modifiers',
      'cte_map',
      'select_list',
      'from_table',
      'where_clause',
      'group_expressions',
      'group_sets',
      'aggregate_handling',
      'having',
      'sample',
      'qualify',
    ],
    'a SELECT',
  );
  neutral(node, 'sample', 'a SAMPLE clause');
  neutral(node, 'qualify', 'a QUALIFY clause');
  if (node.aggregate_handling !== 'STANDARD_HANDLING') refuse('GROUP BY ALL');
  const inner = cteMap(node.cte_map, scope, reading);
  tableRef(node.from_table, inner, reading);
  expressions(list(node.select_list, 'select list'), inner, reading);
  expressions([node.where_clause, node.having], inner, reading);
  expressions(list(node.group_expressions, 'GROUP BY'), inner, reading);
  modifiers(node.modifiers, inner, reading);
}

/** A statement or subquery wrapper: { node, named_param_map }. Parameters are not allowed. */
function statement(value: unknown, scope: Scope, reading: EngineReading): void {
  const wrapper = object(value, 'subquery');
  onlyKeys(wrapper, ['node', 'named_param_map'], 'a subquery');
  neutral(wrapper, 'named_param_map', 'a parameter');
  queryNode(wrapper.node, scope, reading);
}

const tableCommon = ['type', 'alias', 'sample', 'query_location'] as const;

function tableRef(value: unknown, scope: Scope, reading: EngineReading): void {
  const ref = object(value, 'FROM item');
  neutral(ref, 'sample', 'a SAMPLE clause');
  if (typeof ref.alias === 'string' && ref.alias !== '') reading.names.add(ref.alias.toLowerCase());
  const checker = tableCheckers[String(ref.type)];
  if (!checker) refuse(`a ${String(ref.type).toLowerCase().replaceAll('_', ' ')} in FROM`);
  checker(ref, scope, reading);
}

function subqueryRef(ref: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(ref, [...tableCommon, 'subquery', 'column_name_alias'], 'a subquery in FROM');
  for (const alias of list(ref.column_name_alias, 'column aliases'))
    reading.names.add(String(alias).toLowerCase());
  statement(ref.subquery, scope, reading);
}

/** The FROM items a statement may use: no table functions, VALUES, PIVOT, SHOW or file reads. */
const tableCheckers: Record<string, Checker> = {
  EMPTY: (ref) => onlyKeys(ref, tableCommon, 'an empty FROM'),
  BASE_TABLE: (ref, scope, reading) => baseTable(ref, scope, reading),
  JOIN: (ref, scope, reading) => join(ref, scope, reading),
  SUBQUERY: subqueryRef,
};

function baseTable(ref: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(
    ref,
    [...tableCommon, 'schema_name', 'table_name', 'column_name_alias', 'catalog_name', 'at_clause'],
    'a table',
  );
  neutral(ref, 'schema_name', 'a schema-qualified table');
  neutral(ref, 'catalog_name', 'a catalog-qualified table');
  neutral(ref, 'at_clause', 'a time-travel clause');
  const name = String(ref.table_name).toLowerCase();
  for (const alias of list(ref.column_name_alias, 'column aliases'))
    reading.names.add(String(alias).toLowerCase());
  reading.names.add(name);
  if (scope.has(name)) return;
  // A file name ('data/x.csv') or any other table that is not on the allowlist.
  if (!reading.allowlist.has(name)) refuse(`the table ${name}, which is not available`);
  reading.tables.add(name);
}

function join(ref: Json, scope: Scope, reading: EngineReading): void {
  onlyKeys(
    ref,
    [
      ...tableCommon,
      'left',
      'right',
      'condition',
      'join_type',
      'ref_type',
      'using_columns',
      'delim_flipped',
      'duplicate_eliminated_columns',
    ],
    'a join',
  );
  oneOf(ref, 'join_type', joinTypes, 'a join of type');
  oneOf(ref, 'ref_type', joinRefTypes, 'a join of kind');
  neutral(ref, 'delim_flipped', 'an internal join');
  neutral(ref, 'duplicate_eliminated_columns', 'an internal join');
  tableRef(ref.left, scope, reading);
  tableRef(ref.right, scope, reading);
  expression(ref.condition, scope, reading);
  for (const column of list(ref.using_columns, 'USING')) reading.columns.push([String(column).toLowerCase()]);
}

/** Column references must name an allowlisted column, or an alias, table or CTE the statement defines. */
function checkColumns(reading: EngineReading): void {
  const columns = new Set([...reading.allowlist.values()].flatMap((set) => [...set]));
  for (const names of reading.columns) {
    const column = names.at(-1) ?? '';
    if (!columns.has(column) && !reading.names.has(column))
      refuse(`the column ${column}, which is not available`);
    if (names.length === 2 && !reading.names.has(names[0] ?? '')) refuse(`an unknown qualifier ${names[0]}`);
  }
}

/**
 * Checks DuckDB's parse of one statement against the allowlist and returns what it reads, for
 * comparison with the guard's reading. Throws ScoutError('sql_rejected') on anything else.
 */
export function checkEngineParse(parsed: SerializedSql, allowlist: Map<string, Set<string>>): StatementShape {
  if (parsed.error)
    rejectSql(`the engine could not parse it (${(parsed.error_message ?? 'unknown error').split('\n')[0]})`);
  if (parsed.statements.length !== 1) rejectSql('only one statement is allowed');
  const reading: EngineReading = {
    allowlist,
    tables: new Set(),
    functions: new Set(),
    strings: [],
    names: new Set(),
    columns: [],
  };
  statement(parsed.statements[0], new Set(), reading);
  checkColumns(reading);
  return shapeOf(reading.tables, reading.functions, reading.strings);
}
