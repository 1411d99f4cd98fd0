import type { CheckResult } from '../../domain/pitch/checks.ts';
import type { Fact } from '../../domain/pitch/facts.ts';
import type { PitchObjection } from '../../domain/pitch/offline-writer.ts';
import type { Narrative, PitchStyle } from '../../domain/pitch/story.ts';
import type { ErrorCode } from '../../errors.ts';
import type { LlmCallMeta } from '../../ports.ts';
import type { Citation } from './pitch-documents.ts';

export type PitchStatus = 'drafted' | 'clarify' | 'refused' | 'error';

/** The pitch contract's object (ARCHITECTURE.md, "Pitch contract"), plus what the record needs. */
export interface PitchResult {
  status: PitchStatus;
  answer: string;
  brand: string | null;
  program: { program_id: string; name: string } | null;
  sections: { heading: string; text: string }[];
  objections: PitchObjection[];
  facts: Fact[];
  eligibility: { program_id: string; eligible: boolean; qualifies: boolean; reasons: string[] }[];
  checks: CheckResult[];
  id: string;
  suggestions: string[];
  narrative: Narrative | null;
  citations: Citation[];
  /** `pitch-story@1.0.0#<hash>`: which template text framed the pitch. */
  promptVersions: string[];
  /** Milliseconds per stage (profile, fit, documents, story, generate, checks). */
  timings: Record<string, number>;
  /** Which generator wrote it; `degraded` when the model failed and the templates wrote it instead. */
  engine: 'offline' | 'model';
  degraded: boolean;
  llmCalls: LlmCallMeta[];
  costUsd: number;
  errorCode?: ErrorCode;
  /** Headline numbers for the Slack message: each a fact's display. */
  highlights: { label: string; display: string }[];
  /** What the program gives the brand and what it takes, in fact displays; null without a pitch. */
  card: { gets: string[]; takes: string[] } | null;
  /** Other programs Scout could pitch instead (eligible, recommendable), best first. */
  alternatives: string[];
  /** The version's style (shorter, formal); the default house style is `{}`. */
  style: PitchStyle;
}

export function emptyPitch(id: string, status: PitchStatus, answer: string): PitchResult {
  return {
    status,
    answer,
    brand: null,
    program: null,
    sections: [],
    objections: [],
    facts: [],
    eligibility: [],
    checks: [],
    id,
    suggestions: [],
    narrative: null,
    citations: [],
    promptVersions: [],
    timings: {},
    engine: 'offline',
    degraded: false,
    llmCalls: [],
    costUsd: 0,
    highlights: [],
    card: null,
    alternatives: [],
    style: {},
  };
}
