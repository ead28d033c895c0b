import type { Attachment } from './assignment/model.ts';

/**
 * What an agency writes (a report's text and file, the reason of an extension request) is an item of its own,
 * written before the transition that refers to it by id. A crash in between leaves an item nothing refers to,
 * never a half-applied transition; a refused transition deletes it again.
 */
export type Submission = {
  id: string;
  kind: 'REPORT' | 'EXTENSION';
  /** The slot it is about: a task code, or `code#period`. */
  slotKey: string;
  text: string;
  attachment?: Attachment;
  at: string;
  /**
   * A report that corrects an earlier one: the ids of the versions before it, oldest first (at most
   * MAX_CORRECTIONS, core/assignment/corrections.ts). Each stays an item of its own, so every version stays
   * readable, and the latest alone tells how many corrections there were.
   */
  previous?: string[];
};
