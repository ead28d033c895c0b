import { type AssignedTask, assigneesOfHead, requestedUnits, warnAboutAssignees } from './assignees.ts';
import { asksForReport } from './demands.ts';
import { type Findings, warn } from './findings.ts';
import type { Item, Node } from './items.ts';
import { MESSAGES } from './messages.ts';
import type { Para } from './paragraphs.ts';
import type { RecipientIndex } from './recipients.ts';
import { requestedIn } from './requests.ts';
import { setTaskTerms } from './task-deadlines.ts';
import { fold, tol } from './text.ts';
import type { DraftTask } from './types.ts';

/**
 * The tasks: from the numbered items, from the items of an unnumbered layout, and from requests (see closing.ts);
 * then, for each, its deadline, whether it asks for a report, and the checks on its assignees and code.
 */

/** `everyone`: the ids of all recipients, for a task that names no one. */
export type Assigning = { index: RecipientIndex; everyone: string[]; nameOf: (ids: string[]) => string[] };

/** The heading a task sits under, and the units it names (ids and names). */
type Heading = { raw: string; ids: string[]; names: string[] };

/** A task's assignees are the units its head names, else its heading's group, else every recipient. */
const taskOf = (node: Node, heading: Heading | undefined, unmatchedFromGroup: string[], who: Assigning) => {
  const own = assigneesOfHead(node.head.body, who.index);
  const text = [node.head.body, ...node.content.map((c) => c.raw)].filter((s) => s !== '').join('\n');
  const unmatched = [...unmatchedFromGroup, ...own.unmatched];
  const named = own.named ? [...who.nameOf(own.ids), ...own.unmatched] : heading?.names;
  return {
    code: node.code,
    text,
    assignees: own.named ? own.ids : (heading?.ids ?? who.everyone),
    reportRequired: false,
    ...(unmatched.length ? { unmatched } : {}),
    ...(named?.length ? { assigneeNames: named } : {}),
    ...(heading ? { heading: heading.raw } : {}),
  };
};

/** A plan's or report's sections that ask nothing: purposes, requirements, the situation ("I. MỤC ĐÍCH, YÊU CẦU"). */
// "Yêu cầu" alone is the section of requirements; "Yêu cầu các doanh nghiệp: …" is a request
const PURPOSE = tol(
  '^(?:muc dich|muc tieu|quan diem|tinh hinh|danh gia|ket qua)(?![a-z_])[^.;]{0,60}$|^yeu cau\\s*[:.]?$',
);

/**
 * The tasks of the numbered items, in text order. A section with numbered sub-items is a heading, not a task (unless
 * it has text of its own): the units it names are its sub-items' assignees.
 */
export const tasksOfOutline = (roots: Node[], who: Assigning): AssignedTask[] => {
  const tasks: AssignedTask[] = [];
  const emit = (node: Node, group: Heading | undefined, unmatched: string[]) => {
    if (PURPOSE.test((node.head.key.split('\n')[0] ?? '').replace(/^[\divx.)\s]+/, ''))) return;
    if (node.children.length === 0) {
      if (node.level > 0 || node.content.length > 0) tasks.push(taskOf(node, group, unmatched, who));
      return;
    }
    if (node.content.length > 0) tasks.push(taskOf(node, group, unmatched, who));
    const named = node.level === 0 ? undefined : assigneesOfHead(node.head.body, who.index);
    const heading: Heading | undefined = named?.named
      ? { raw: node.head.raw, ids: named.ids, names: [...who.nameOf(named.ids), ...named.unmatched] }
      : group && { ...group, raw: group.raw };
    for (const child of node.children) emit(child, heading, named?.named ? named.unmatched : unmatched);
  };
  for (const root of roots) emit(root, undefined, []);
  return tasks;
};

export const tasksOfItems = (items: Item[], who: Assigning): AssignedTask[] =>
  items.map((item) => ({
    code: item.code,
    text: [item.head, ...item.content].join('\n'),
    assignees: item.group ?? who.everyone,
    reportRequired: false,
    ...(item.unmatched ? { unmatched: item.unmatched } : {}),
    ...(item.group ? { assigneeNames: [...who.nameOf(item.group), ...(item.unmatched ?? [])] } : {}),
  }));

/** A request paragraph as the next task after the numbered ones; for the units it names, else for everyone. */
export const requestTask = (p: Para, tasks: AssignedTask[], who: Assigning): AssignedTask => {
  const top = tasks.reduce((max, t) => Math.max(max, Number.parseInt(t.code, 10) || 0), 0);
  const own = requestedUnits(p.raw, p.key, who.index);
  const named = requestedIn(p.raw)?.units ?? (own.length ? who.nameOf(own) : undefined);
  return {
    code: String(top + 1),
    text: p.raw,
    assignees: own.length ? own : who.everyone,
    reportRequired: false,
    ...(named?.length ? { assigneeNames: named } : {}),
  };
};

const warnAboutCodes = (tasks: DraftTask[], findings: Findings) => {
  const seen = new Set<string>();
  tasks.forEach((t, k) => {
    if (seen.has(t.code)) warn(findings, `tasks.${k}.code`, MESSAGES.duplicateCode(t.code));
    seen.add(t.code);
  });
};

/** Fills in each task's terms and `reportRequired`, and writes the warnings about the tasks. */
export const completeTasks = (tasks: AssignedTask[], issuedOn: string | undefined, findings: Findings) => {
  tasks.forEach((t, k) => {
    const key = fold(t.text);
    setTaskTerms(t, k, key, issuedOn, findings);
    t.reportRequired = asksForReport(key) || t.recurrence !== undefined;
    if (t.deadline && !t.reportRequired) warn(findings, `tasks.${k}.reportRequired`, MESSAGES.deadlineWithoutReport);
    warnAboutAssignees(t, k, findings);
  });
  warnAboutCodes(tasks, findings);
  if (tasks.length === 0) warn(findings, 'tasks', MESSAGES.tasks);
  else if (!tasks.some((t) => t.deadline || t.deadlineWorkingDays || t.recurrence))
    warn(findings, 'tasks', MESSAGES.noDeadline);
};
