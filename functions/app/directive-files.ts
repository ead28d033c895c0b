import { getFileBytes } from '#adapters/directive-files.ts';
import { getDirective } from '#adapters/store/directives.ts';
import { fileRecords } from '#adapters/store/files.ts';
import { problem } from '#contracts/problems.ts';
import type { DirectiveFile } from '#core/directive-file.ts';
import { NotFoundError, ValidationError } from '#core/errors.ts';

type Named = { originalFile?: string | undefined; annexes?: readonly string[] | undefined };

/** A directive's files, the original first: what its pages list and its emails carry. */
export type FilesOfDirective = { original?: DirectiveFile; annexes: DirectiveFile[] };

const idsOf = (d: Named) => [...(d.originalFile ? [d.originalFile] : []), ...(d.annexes ?? [])];

/**
 * Every id the create body names must be a stored file: each unknown one is a 400 on its own path (`originalFile`,
 * `annexes.1`), found before anything of the directive is written.
 */
export const checkFilesExist = async (d: Named) => {
  const found = await fileRecords(idsOf(d));
  const problems = [
    ...(d.originalFile && !found.has(d.originalFile)
      ? [{ path: 'originalFile', ...problem('file.unknown', { id: d.originalFile }) }]
      : []),
    ...(d.annexes ?? []).flatMap((id, i) =>
      found.has(id) ? [] : [{ path: `annexes.${i}`, ...problem('file.unknown', { id }) }],
    ),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
};

export const filesOfDirective = async (d: Named): Promise<FilesOfDirective> => {
  const ids = idsOf(d);
  if (ids.length === 0) return { annexes: [] };
  const found = await fileRecords(ids);
  const original = d.originalFile ? found.get(d.originalFile) : undefined;
  return {
    ...(original ? { original } : {}),
    annexes: (d.annexes ?? []).flatMap((id) => found.get(id) ?? []),
  };
};

/** One of the directive's own files, with its bytes; an id the directive does not name is not found. */
export const directiveFile = async (d: Named, fileId: string, withBytes = true) => {
  if (!idsOf(d).includes(fileId)) throw new NotFoundError(problem('file.notFound'));
  const file = (await fileRecords([fileId])).get(fileId);
  if (!file) throw new NotFoundError(problem('file.notFound'));
  return { file, bytes: withBytes ? await getFileBytes(fileId) : undefined };
};

/** For the dashboard: a file of the directive with this id. */
export const fileOfDirective = async (directiveId: string, fileId: string) =>
  directiveFile(await getDirective(directiveId), fileId);
