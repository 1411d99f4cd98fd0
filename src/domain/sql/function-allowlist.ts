/**
 * Functions a statement may call. An allowlist, not a denylist: engines keep adding functions
 * that read files, settings or the network (read_csv, getenv, glob, …), and none of them is here.
 */
export const allowedFunctions = new Set([
  // dates
  'date_trunc',
  'date_diff',
  'date_add',
  'date_part',
  'extract',
  'year',
  'month',
  'quarter',
  'day',
  'week',
  'dayofweek',
  'dayname',
  'monthname',
  'isodow',
  'strftime',
  'date_format',
  'day_of_week',
  'dow',
  'current_date',
  'last_day_of_month',
  'last_day',
  // numbers
  'abs',
  'round',
  'floor',
  'ceil',
  'ceiling',
  'greatest',
  'least',
  'power',
  'sqrt',
  'ln',
  'log',
  'log10',
  'exp',
  'sign',
  // strings
  'lower',
  'upper',
  'length',
  'trim',
  'ltrim',
  'rtrim',
  'concat',
  'substr',
  'substring',
  'replace',
  'split_part',
  'starts_with',
  'strpos',
  'position',
  // nulls and types
  'coalesce',
  'nullif',
  'try_cast',
  'if',
  // windows
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'ntile',
  'lag',
  'lead',
  'first_value',
  'last_value',
]);

export const allowedAggregates = new Set([
  'sum',
  'count',
  'avg',
  'min',
  'max',
  'stddev',
  'stddev_samp',
  'stddev_pop',
  'variance',
  'var_samp',
  'var_pop',
  'median',
  'approx_percentile',
  'approx_quantile',
  'approx_distinct',
  'approx_count_distinct',
  'max_by',
  'min_by',
  'corr',
  'covar_samp',
  'covar_pop',
  'bool_and',
  'bool_or',
  'every',
  'any_value',
  'arbitrary',
  'count_if',
  'string_agg',
]);

/** A name may be called when it is on either list: parsers disagree on which names are aggregates. */
export function isAllowedFunction(name: string): boolean {
  return allowedFunctions.has(name) || allowedAggregates.has(name);
}

/**
 * Types a statement may cast to, by base name (parameters such as DECIMAL(10, 2) aside). Plain
 * scalar types only: no user-defined, nested (LIST, STRUCT, MAP) or exotic types.
 */
export const allowedCastTypes = new Set([
  'varchar',
  'char',
  'text',
  'string',
  'integer',
  'int',
  'bigint',
  'smallint',
  'double',
  'real',
  'float',
  'decimal',
  'numeric',
  'date',
  'timestamp',
  'boolean',
  'interval',
]);
