import type { Checkpoint } from '#core/assignment/checkpoints.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { type Directive, directiveInputSchema } from '#core/directive.ts';
import { giaLai126 } from '../../../local/demo/gia-lai-126.ts';
import { PARTS, RECIPIENTS } from '../support/agencies.ts';

/**
 * Công văn 126/STTTT-BCVT of the Gia Lai Department of Information and Communications, from its one builder
 * (local/demo/gia-lai-126.ts), as issued on 30/01/2021 to the unit tests' three agencies: 1.2 and 1.3 to the
 * police and the army command, 2.1 and 2.2 to the power company, 1.3 and 2.2 reported by 17:00 on 03/02/2021.
 */

export const DEADLINE = '2021-02-03T10:00:00Z'; // 17:00 ngày 03/02/2021 in Hà Nội
export const ACK_DEADLINE = '2021-01-30T10:00:00Z'; // 17:00 ngày 30/01/2021
export const LINK = 'https://chidao.example.gov.vn/r/eyJkIjoiMDFIWiJ9.c2lnbmF0dXJl';
export const FROM = 'Sở TT&TT Gia Lai <no-reply@stttt.gialai.example>';

// Parsed by the create schema, so the fixture is valid input and gets every default the schema adds.
const { recipients, ...input } = directiveInputSchema.parse(
  giaLai126({ recipients: RECIPIENTS, parts: PARTS, tasks: ['1.2', '1.3', '2.1', '2.2'], deadline: DEADLINE }),
);

export const directive: Directive = {
  ...input,
  id: '01HZ0000000000000000000126',
  createdAt: '2021-01-30T02:00:00.000Z',
  recipientCount: recipients.length,
};

export const assignment = (overrides: Partial<Assignment> = {}): Assignment => ({
  directiveId: directive.id,
  recipientId: 'cong-an',
  recipientName: 'Công an tỉnh',
  recipientEmail: 'cong-an@gialai.example',
  status: 'DELIVERED',
  version: 2,
  createdAt: '2021-01-30T02:00:00.000Z',
  policy: { acknowledgeWithin: 'PT8H', remindBefore: ['P2D', 'P1D'] },
  deliveredAt: '2021-01-30T02:00:05.000Z',
  ackDeadline: ACK_DEADLINE,
  reports: { '1.3': { taskCode: '1.3', deadline: DEADLINE } },
  escalationLevel: 0,
  linkVersion: 1,
  history: [],
  ...overrides,
});

export const remindReport: Extract<Checkpoint, { kind: 'REMIND' }> = {
  id: `remind:1.3:P1D:${DEADLINE}`,
  kind: 'REMIND',
  at: '2021-02-02T10:00:00Z',
  obligation: { key: '1.3', taskCode: '1.3', deadline: DEADLINE },
  before: 'P1D',
};

export const remindAck: Extract<Checkpoint, { kind: 'REMIND' }> = {
  id: `remind:ack:PT2H:${ACK_DEADLINE}`,
  kind: 'REMIND',
  at: '2021-01-30T08:00:00Z',
  obligation: { key: 'ack', deadline: ACK_DEADLINE },
  before: 'PT2H',
};

export const escalateReport: Extract<Checkpoint, { kind: 'ESCALATE' }> = {
  id: `escalate:1.3:1:${DEADLINE}`,
  kind: 'ESCALATE',
  at: DEADLINE,
  obligation: { key: '1.3', taskCode: '1.3', deadline: DEADLINE },
  level: 1,
};

export const escalateAck: Extract<Checkpoint, { kind: 'ESCALATE' }> = {
  id: `escalate:ack:1:${ACK_DEADLINE}`,
  kind: 'ESCALATE',
  at: ACK_DEADLINE,
  obligation: { key: 'ack', deadline: ACK_DEADLINE },
  level: 1,
};

/** Unfolds iCalendar content lines (RFC 5545 §3.1) so that assertions see whole properties. */
export const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
