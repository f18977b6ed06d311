/**
 * Attio request bodies checked against its published spec (`attio-openapi.json`); a body the spec
 * does not allow gets Attio's `400 {status_code, type: "invalid_request_error", code:
 * "validation_type", message}` (external-apis.md §3.5).
 */
import { openapiRequestBodies } from '../spec/openapi.ts';
import { attioError } from './attio-error.ts';

const spec = openapiRequestBodies('attio-openapi.json');

export const checkRecordsQueryBody = spec.body('POST', '/v2/objects/{object}/records/query');
export const checkNoteBody = spec.body('POST', '/v2/notes');
export const checkTaskBody = spec.body('POST', '/v2/tasks');

/** Compiles the checks ahead of the first request (called when the emulator starts). */
export const warmAttioChecks = () => spec.warm(checkRecordsQueryBody, checkNoteBody, checkTaskBody);

export const refuseAttio = (problem: string) =>
  attioError(400, 'invalid_request_error', 'validation_type', `Body payload validation error: ${problem}.`);
