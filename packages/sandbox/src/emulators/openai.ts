/** OpenAI-compatible `POST /v1/embeddings` emulator (external-apis.md section 5, openai-openapi.yaml). */
import { startEmulator, type Req, type Res, type RunningServer } from '../http/server.ts';
import { bearer, type EmulatorContext } from './context.ts';
import { embed, estimateTokens, MODEL_DIMENSIONS, toBase64 } from './embeddings.ts';

const MAX_INPUTS = 2048;
const MAX_TOKENS_PER_INPUT = 8192;
const MAX_TOKENS_PER_REQUEST = 300_000;
const ALLOWED = new Set(['input', 'model', 'encoding_format', 'dimensions', 'user']);

export function openaiError(
  status: number,
  message: string,
  type: string,
  param: string | null,
  code: string | null,
): Res {
  return { status, body: { error: { message, type, param, code } } };
}

const invalid = (message: string, param: string | null = null, code: string | null = null) =>
  openaiError(400, message, 'invalid_request_error', param, code);

function normaliseInput(input: unknown): Array<string | number[]> | Res {
  if (typeof input === 'string')
    return input.length === 0
      ? invalid("'$.input' is invalid. Please check the API reference.", 'input')
      : [input];
  if (!Array.isArray(input) || input.length === 0)
    return invalid("'$.input' is invalid. Please check the API reference.", 'input');
  if (input.length > MAX_INPUTS)
    return invalid(`'$.input' is too long. Maximum array size is ${MAX_INPUTS}.`, 'input');
  if (input.every((x) => typeof x === 'string')) {
    if (input.some((x) => x.length === 0))
      return invalid("'$.input' is invalid. Please check the API reference.", 'input');
    return input as string[];
  }
  if (input.every((x) => Number.isInteger(x))) return [input as number[]];
  if (input.every((x) => Array.isArray(x) && x.length > 0 && x.every((t) => Number.isInteger(t))))
    return input as number[][];
  return invalid("'$.input' is invalid. Please check the API reference.", 'input');
}

export function createEmbeddings(req: Req): Res {
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return invalid('You must provide a model parameter.', null);
  for (const key of Object.keys(body))
    if (!ALLOWED.has(key)) return invalid(`Unrecognized request argument supplied: ${key}`);
  if (typeof body.model !== 'string') return invalid('You must provide a model parameter.', 'model');
  const native = MODEL_DIMENSIONS[body.model];
  if (native === undefined) {
    return openaiError(
      404,
      `The model \`${body.model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      null,
      'model_not_found',
    );
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64')
    return invalid(
      `'${String(format)}' is not one of ['float', 'base64'] - 'encoding_format'`,
      'encoding_format',
    );
  let dimensions = native;
  if (body.dimensions !== undefined) {
    if (body.model === 'text-embedding-ada-002')
      return invalid('This model does not support specifying dimensions.', 'dimensions');
    if (
      !Number.isInteger(body.dimensions) ||
      (body.dimensions as number) < 1 ||
      (body.dimensions as number) > native
    ) {
      return invalid(
        `Invalid value for 'dimensions' = ${String(body.dimensions)}. Must be between 1 and ${native}.`,
        'dimensions',
      );
    }
    dimensions = body.dimensions as number;
  }
  const inputs = normaliseInput(body.input);
  if (!Array.isArray(inputs)) return inputs;
  let total = 0;
  for (const input of inputs) {
    const tokens = estimateTokens(input);
    if (tokens > MAX_TOKENS_PER_INPUT) {
      return invalid(
        `This model's maximum context length is ${MAX_TOKENS_PER_INPUT} tokens, however you requested ${tokens} tokens (${tokens} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
        null,
      );
    }
    total += tokens;
  }
  if (total > MAX_TOKENS_PER_REQUEST) {
    return invalid(
      `Requested ${total} tokens, max ${MAX_TOKENS_PER_REQUEST} tokens per request`,
      'input',
      'max_tokens_per_request',
    );
  }
  return {
    status: 200,
    body: {
      object: 'list',
      data: inputs.map((input, index) => {
        const vector = embed(input, dimensions);
        return { object: 'embedding', index, embedding: format === 'base64' ? toBase64(vector) : vector };
      }),
      model: body.model,
      usage: { prompt_tokens: total, total_tokens: total },
    },
  };
}

export function startOpenai(ctx: EmulatorContext, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  let requestNo = 0;
  const unauthorized = (req: Req) => {
    const key = bearer(req.headers.authorization);
    if (key === null) {
      return openaiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        'invalid_request_error',
        null,
        null,
      );
    }
    return openaiError(
      401,
      `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      null,
      'invalid_api_key',
    );
  };
  return startEmulator(
    {
      name: 'openai',
      routes: [{ method: 'POST', pattern: '/v1/embeddings', handler: createEmbeddings }],
      authenticate: (req) =>
        bearer(req.headers.authorization) === ctx.tokens.openai ? null : unauthorized(req),
      headers: () => ({
        'x-request-id': `req_${(++requestNo).toString(16).padStart(24, '0')}`,
        'openai-processing-ms': '5',
        'x-ratelimit-limit-requests': '3000',
        'x-ratelimit-limit-tokens': '1000000',
        'x-ratelimit-remaining-requests': '2999',
        'x-ratelimit-remaining-tokens': '999000',
        'x-ratelimit-reset-requests': '20ms',
        'x-ratelimit-reset-tokens': '60ms',
      }),
      shapes: {
        unauthorized,
        rateLimited: (seconds) => ({
          ...openaiError(
            429,
            `Rate limit reached for text-embedding-3-small in organization org-sandbox on requests per min (RPM): Limit 3000, Used 3000, Requested 1. Please try again in ${seconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
            'requests',
            null,
            'rate_limit_exceeded',
          ),
          headers: {
            'retry-after': String(seconds),
            'retry-after-ms': String(seconds * 1000),
            'x-ratelimit-remaining-requests': '0',
          },
        }),
        serverError: (status) =>
          openaiError(
            status,
            status === 503
              ? 'The server is overloaded or not ready yet.'
              : 'The server had an error while processing your request. Sorry about that!',
            'server_error',
            null,
            null,
          ),
        notFound: (req) =>
          openaiError(404, `Invalid URL (${req.method} ${req.path})`, 'invalid_request_error', null, null),
        badJson: () =>
          invalid(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
          ),
      },
    },
    ctx,
    port,
    host,
  );
}
