import { getFileBytes } from '#adapters/directive-files.ts';
import { getDirective } from '#adapters/store/directives.ts';
import { fileRecords } from '#adapters/store/files.ts';
import { problem } from '#contracts/problems.ts';
import { type DirectiveFile, MAX_EMAILED_BYTES } from '#core/directive-file.ts';
import { NotFoundError, ValidationError } from '#core/errors.ts';
import type { EmailedFile, InvitationFiles } from '#documents/email/index.ts';

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

/**
 * Bytes of originals recently attached, by id: a directive to thousands of agencies reads its original from S3
 * once per container, not once per invitation. Safe to keep because a file's bytes never change.
 */
const attached = new Map<string, Buffer>();
const ATTACHED_CAP = 16 * 1024 * 1024;

const bytesOf = async (fileId: string) => {
  const hit = attached.get(fileId);
  if (hit) return hit;
  const bytes = await getFileBytes(fileId);
  if ([...attached.values()].reduce((n, b) => n + b.length, bytes.length) > ATTACHED_CAP) attached.clear();
  attached.set(fileId, bytes);
  return bytes;
};

/**
 * The files as an invitation names them, each with its download under the agency's link; the original attached
 * when it is at most 3 MB and `attach` (the functions that read the bucket), linked otherwise.
 */
export const invitationFiles = async (d: Named, link: string, attach: boolean): Promise<InvitationFiles> => {
  const { original, annexes } = await filesOfDirective(d);
  const emailed = (f: DirectiveFile): EmailedFile => ({
    name: f.name,
    contentType: f.contentType,
    href: `${link}/files/${encodeURIComponent(f.fileId)}`,
  });
  return {
    ...(original
      ? {
          original: {
            ...emailed(original),
            ...(attach && original.size <= MAX_EMAILED_BYTES ? { content: await bytesOf(original.fileId) } : {}),
          },
        }
      : {}),
    annexes: annexes.map(emailed),
  };
};
