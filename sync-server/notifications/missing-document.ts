/** A document a notification needs is not on the server (yet): the reason, in words. */
export class MissingDocument extends Error {}
