/**
 * The problems of correcting a report (core/assignment/corrections.ts), part of the one catalogue of
 * problems.ts: a section of its own so that the catalogue's file stays short.
 */
export interface CorrectionProblemParams {
  'correction.notReported': { taskCode: string };
  'correction.superseded': Record<never, never>;
  /** `deadline`: the deadline in force (ISO), past which a report stays as sent. */
  'correction.pastDeadline': { taskCode: string; deadline: string };
  'correction.tooMany': { taskCode: string; max: number };
  'correction.unchanged': Record<never, never>;
}

export const CORRECTION_CODES = {
  'correction.notReported': true,
  'correction.superseded': true,
  'correction.pastDeadline': true,
  'correction.tooMany': true,
  'correction.unchanged': true,
} as const satisfies Record<keyof CorrectionProblemParams, true>;
