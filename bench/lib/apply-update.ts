/**
 * An UpdateItem input applied to an item in memory, for the benchmark cases that need many items exactly as the
 * storage layer leaves them (`transitionWrite` in functions/adapters/store/assignments.ts builds the write) but
 * cannot afford to send every write: 50,000 assignments × 3 transitions would take minutes of the run.
 *
 * It understands exactly the forms that write uses: `SET #a = :v` and `SET #a = list_append(#a, :v)`,
 * `REMOVE #a`, and a condition of `#a = :v` terms joined by AND. Anything else throws: if the storage layer
 * starts writing differently, the benchmark says so instead of building items the app would not.
 */

type Update = {
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

export const applyUpdate = (item: Record<string, unknown>, update: Update): Record<string, unknown> => {
  const names = update.ExpressionAttributeNames ?? {};
  const values = update.ExpressionAttributeValues ?? {};
  const name = (token: string) => {
    const n = names[token.trim()];
    if (n === undefined) throw new Error(`applyUpdate: no attribute name ${token}`);
    return n;
  };
  const value = (token: string) => {
    if (!(token.trim() in values)) throw new Error(`applyUpdate: no attribute value ${token}`);
    return values[token.trim()];
  };

  for (const term of (update.ConditionExpression ?? '').split(/\s+AND\s+/).filter(Boolean)) {
    const m = /^\s*(#\w+)\s*=\s*(:\w+)\s*$/.exec(term);
    if (!m?.[1] || !m[2]) throw new Error(`applyUpdate: condition not understood: ${term}`);
    if (JSON.stringify(item[name(m[1])]) !== JSON.stringify(value(m[2])))
      throw new Error(`applyUpdate: condition failed: ${term}`);
  }

  const next = { ...item };
  const clauses = /^SET (.+?)(?: REMOVE (.+))?$/.exec(update.UpdateExpression ?? '');
  if (!clauses?.[1]) throw new Error(`applyUpdate: expression not understood: ${update.UpdateExpression}`);
  for (const assignment of clauses[1].split(/,\s*(?![^(]*\))/)) {
    const append = /^(#\w+) = list_append\((#\w+), (:\w+)\)$/.exec(assignment.trim());
    const set = /^(#\w+) = (:\w+)$/.exec(assignment.trim());
    if (append?.[1] && append[2] && append[3] && append[1] === append[2]) {
      const list = next[name(append[1])];
      if (!Array.isArray(list)) throw new Error(`applyUpdate: list_append to ${name(append[1])}, not a list`);
      next[name(append[1])] = [...list, ...(value(append[3]) as unknown[])];
    } else if (set?.[1] && set[2]) next[name(set[1])] = value(set[2]);
    else throw new Error(`applyUpdate: SET clause not understood: ${assignment}`);
  }
  for (const token of clauses[2]?.split(',') ?? []) delete next[name(token)];
  return next;
};
