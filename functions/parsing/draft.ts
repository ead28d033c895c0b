import type { DraftDirective } from './types.ts';

/** The lists are always present, so that the form can bind to them; the scalar fields are added when found. */
export const emptyDraft = (): DraftDirective => ({
  addressees: [],
  legalBases: [],
  body: '',
  leadership: [],
  recipients: [],
  copies: [],
  tasks: [],
});

/**
 * The draft with its keys in the order of the create body, for readable fixtures and responses. Building it anew
 * also drops the working fields the sections hang on tasks (`unmatched`).
 */
export const ordered = (d: DraftDirective): DraftDirective => {
  const { number, issuer, issuerParent, place, issuedOn, subject, signer } = d;
  return {
    ...(number === undefined ? {} : { number }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(issuerParent === undefined ? {} : { issuerParent }),
    ...(place === undefined ? {} : { place }),
    ...(issuedOn === undefined ? {} : { issuedOn }),
    ...(subject === undefined ? {} : { subject }),
    addressees: d.addressees,
    legalBases: d.legalBases,
    body: d.body,
    ...(d.fullText === undefined ? {} : { fullText: d.fullText }),
    ...(signer === undefined ? {} : { signer }),
    leadership: d.leadership,
    recipients: d.recipients,
    copies: d.copies,
    tasks: d.tasks.map((t) => ({
      code: t.code,
      text: t.text,
      assignees: t.assignees,
      ...(t.deadline === undefined ? {} : { deadline: t.deadline }),
      ...(t.deadlineWorkingDays === undefined ? {} : { deadlineWorkingDays: t.deadlineWorkingDays }),
      ...(t.recurrence === undefined ? {} : { recurrence: t.recurrence }),
      reportRequired: t.reportRequired,
      ...(t.assigneeNames === undefined ? {} : { assigneeNames: t.assigneeNames }),
      ...(t.heading === undefined ? {} : { heading: t.heading }),
    })),
  };
};
