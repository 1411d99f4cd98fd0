import { describe, expect, it } from 'vitest';
import { parseReportCommand } from '../../src/domain/report/report-request.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();
const parse = (text: string) => parseReportCommand(text, ctx);

describe('parseReportCommand', () => {
  it('orders a report for an industry and a period, compared with the year before by default', () => {
    expect(parse('gaming Q3 2025')).toEqual({
      kind: 'order',
      request: {
        industry: 'Gaming',
        time: { kind: 'quarter', year: 2025, quarter: 3 },
        compare: 'previous_year',
      },
    });
  });

  it('reads an explicit comparison and aliases', () => {
    expect(parse('beauty 2025 vs 2024')).toMatchObject({
      kind: 'order',
      request: {
        industry: 'Beauty & Personal Care',
        time: { kind: 'year', year: 2025 },
        compare: 'previous_year',
      },
    });
    expect(parse('cars Q3 2025 vs Q2 2025')).toMatchObject({
      request: { industry: 'Automotive', compare: 'previous_period' },
    });
  });

  it('defaults to last quarter', () => {
    expect(parse('travel')).toMatchObject({
      request: { industry: 'Travel & Hospitality', time: { kind: 'relative', unit: 'quarter', offset: -1 } },
    });
  });

  it.each([
    ['pharma Q3 2025', /Which industry\? Reports cover one of: Automotive/],
    ['gamng Q3 2025', /Did you mean Gaming/],
    ['gaming Q5 2025', /not a quarter/],
    ['gaming Q3 2025 vs Q1 2024', /compare a period with the one just before it/],
    ['schedule weekly funday 09:00 Asia/Taipei gaming', /Weekly schedules need a day/],
    ['schedule weekly mon 25:00 Asia/Taipei gaming', /not a time of day/],
    ['schedule weekly mon 09:00 Mars/Olympus gaming', /not a time zone I know/],
    ['schedule monthly 31 09:00 Asia/Taipei gaming', /from 1 to 28/],
  ])('explains what is wrong with "%s"', (text, message) => {
    const command = parse(text);
    expect(command.kind).toBe('invalid');
    if (command.kind === 'invalid') expect(command.message).toMatch(message);
  });

  it('turns a schedule into a cron pattern in its time zone', () => {
    expect(parse('schedule weekly mon 09:00 Asia/Taipei gaming')).toMatchObject({
      kind: 'schedule',
      cron: '0 9 * * 1',
      tz: 'Asia/Taipei',
      request: { industry: 'Gaming', cadence: 'weekly' },
    });
    expect(parse('schedule monthly 1 08:30 Asia/Singapore retail')).toMatchObject({
      cron: '30 8 1 * *',
      request: { industry: 'Retail & E-commerce', cadence: 'monthly' },
    });
  });

  it('lists, removes and helps', () => {
    expect(parse('schedules')).toEqual({ kind: 'list_schedules' });
    expect(parse('unschedule sched-C1-gaming-weekly')).toEqual({
      kind: 'unschedule',
      id: 'sched-C1-gaming-weekly',
    });
    expect(parse('')).toEqual({ kind: 'help' });
  });
});
