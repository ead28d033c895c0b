import type { Agency, Part } from '../../../local/demo/gia-lai-126.ts';

/**
 * The three agencies the unit tests send công văn 126 to (local/demo/gia-lai-126.ts builds it), with short ids
 * that the tests' expectations name, and the part of the letter each acts on: the police and the army command
 * point 1 (1.2, 1.3), the power company point 2 (2.1, 2.2). Kept apart from the harness so that tests which must
 * not load the handlers and their SDK mocks (the email and report documents) can use them too.
 */
export const RECIPIENTS: Agency[] = [
  { id: 'cong-an', name: 'Công an tỉnh', email: 'cong-an@gialai.example' },
  { id: 'bchqs', name: 'Bộ Chỉ huy Quân sự tỉnh', email: 'bchqs@gialai.example' },
  { id: 'dien-luc', name: 'Công ty Điện lực Gia Lai', email: 'dien-luc@gialai.example' },
];

export const PARTS: Record<string, Part> = { 'cong-an': 1, bchqs: 1, 'dien-luc': 2 };
