import { emptyLeader, emptyTask, type FormValues } from './directive-form-input.ts';

/**
 * Add, remove or move a row of the directive form without losing anything typed: the form works without script,
 * so each of these is a submit (`op=add-task`, `move-up-2`, `remove-annex-0`…) answered with the form again. A file
 * taken off the form stays stored, named by nothing, as an upload never issued does.
 */
export const applyRowOp = (values: FormValues, op: string): FormValues | undefined => {
  const tasks = [...values.tasks];
  const [, verb, index] =
    /^(add-task|add-leader|remove-task|move-up|move-down|remove-original|remove-annex)(?:-(\d+))?$/.exec(op) ?? [];
  const i = Number(index);
  switch (verb) {
    case 'add-task':
      return { ...values, tasks: [...tasks, emptyTask(String(tasks.length + 1))] };
    case 'add-leader':
      return { ...values, leadership: [...values.leadership, emptyLeader()] };
    case 'remove-original':
      return { ...values, originalFile: undefined };
    case 'remove-annex':
      return { ...values, annexes: values.annexes.filter((_, j) => j !== i) };
    case 'remove-task':
      tasks.splice(i, 1);
      return { ...values, tasks };
    case 'move-up':
    case 'move-down': {
      const j = verb === 'move-up' ? i - 1 : i + 1;
      const [a, b] = [tasks[i], tasks[j]];
      if (!a || !b) return values;
      tasks[i] = b;
      tasks[j] = a;
      return { ...values, tasks };
    }
    default:
      return undefined;
  }
};
