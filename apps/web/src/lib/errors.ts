import { TRPCClientError } from '@trpc/client';

type ErrorData = { keelCode?: string; httpStatus?: number; code?: string };

function dataOf(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ErrorData | undefined;
  return undefined;
}

/** The API's error code (`unauthorized`, `project_required`, …) when the error came from it. */
export function errorCode(error: unknown): string | undefined {
  const data = dataOf(error);
  return data?.keelCode ?? data?.code?.toLowerCase();
}

export function httpStatusOf(error: unknown): number | undefined {
  return dataOf(error)?.httpStatus;
}

/** True when the procedure does not exist on the server (an API that has not shipped yet). */
export function isMissingProcedure(error: unknown): boolean {
  return (
    httpStatusOf(error) === 404 &&
    errorCode(error) === 'not_found' &&
    /No procedure found/i.test(messageOf(error))
  );
}

/** A sentence a person can act on: the API writes those; network failures get our own. */
export function messageOf(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (!error.data && /fetch|network|JSON/i.test(error.message))
      return 'The Keel API could not be reached. Check that the server is running, then try again.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
