/** An official signed in (Cognito's claims, or the local stand-in's): who acted, for the history and the mail. */
export type Official = { id: string; name: string; email?: string };
