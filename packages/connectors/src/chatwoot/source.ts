/** The `source` of Chatwoot's watermarks. */
export const SOURCE = 'chatwoot';
