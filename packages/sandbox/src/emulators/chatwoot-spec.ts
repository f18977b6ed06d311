/**
 * Chatwoot request bodies checked against its published spec (`chatwoot-swagger.json`); a body
 * the spec does not allow gets Chatwoot's "bad parameter or filter" answer, `422 {"error": …}`
 * (external-apis.md §1.6).
 */
import type { Res } from '../http/server.ts';
import { openapiRequestBodies } from '../spec/openapi.ts';

type Json = Record<string, unknown>;

const spec = openapiRequestBodies('chatwoot-swagger.json', (doc) => {
  const filter = (doc.paths as Record<string, Record<string, Json>>)[
    '/api/v1/accounts/{account_id}/conversations/filter'
  ]?.post;
  const item = (
    ((filter?.requestBody as Json)?.content as Record<string, Json>)?.['application/json']?.schema as Json
  )?.properties as Record<string, Json> | undefined;
  const props = (item?.payload?.items as Json | undefined)?.properties as Record<string, Json> | undefined;
  if (!props?.filter_operator || !props.query_operator) throw new Error('chatwoot spec: filter schema moved');
  // The swagger lists only the text operators; Chatwoot's filter service (lib/filters/filter_keys.yml)
  // also takes the date operators on created_at and last_activity_at (external-apis.md §1.3).
  const operators = props.filter_operator.enum as string[];
  props.filter_operator.enum = [
    ...operators,
    'is_present',
    'is_not_present',
    'is_greater_than',
    'is_less_than',
    'days_before',
  ];
  // The last condition has no operator after it: the spec's own example sends `null` there.
  props.query_operator.type = ['string', 'null'];
  props.query_operator.enum = [...(props.query_operator.enum as string[]), null];
});

export const checkFilterBody = spec.body('POST', '/api/v1/accounts/{account_id}/conversations/filter');
export const checkMessageBody = spec.body(
  'POST',
  '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages',
);

/** Compiles the checks ahead of the first request (called when the emulator starts). */
export const warmChatwootChecks = () => spec.warm(checkFilterBody, checkMessageBody);

/** Chatwoot's answer to a bad parameter or filter. */
export const refuseChatwoot = (problem: string): Res => ({ status: 422, body: { error: problem } });
