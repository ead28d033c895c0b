/** The one role besides an office's own officials: the provincial People's Committee's office. */
export const PROVINCE_ROLE = 'PROVINCE';

/**
 * An official signed in (Cognito's claims, or the local stand-in's): who acted, for the history and the mail, and
 * the office they work for (`custom:office`), which decides what they see. `role: 'PROVINCE'` reads every office.
 */
export type Official = { id: string; name: string; email?: string; office?: string; role?: typeof PROVINCE_ROLE };
