import type { ConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { callVendor } from '../http.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import { asObject } from '../vendor-json.ts';
import {
  type CrmAccountRow,
  type CrmOpportunityRow,
  mapCompany,
  mapDeal,
  recordId,
  toCrmAccount,
  toCrmOpportunity,
} from '../attio/map.ts';

/**
 * Writing companies and deals to Attio for the CRM screen (REST v2 records). Creates are
 * *asserts* (`PUT /v2/objects/{object}/records?matching_attribute=keel_ref`) on a unique text
 * attribute holding Keel's idempotency key, declared once per workspace: a retried create — after
 * a timeout that Attio had already acted on — updates the record the first attempt made instead
 * of making a second one. Answers are mapped with the sync's own mappers, so the mirror row
 * written now is the row the next sync upserts (same external ref, same columns).
 */
export const KEEL_REF_ATTRIBUTE = 'keel_ref';

export type AttioCompanyInput = { keelRef: string; name: string; domain?: string | null };
export type AttioDealInput = {
  keelRef: string;
  name: string;
  stage: string;
  amountMinor: number;
  currency: string;
  closeDate?: string | null;
  companyRecordId?: string | null;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
type Writable = 'companies' | 'deals';

export function createAttioRecordWriter(config: ConnectorConfig, deps: SyncDeps, scope: ProjectScope) {
  const headers = { authorization: `Bearer ${config.token}` };
  const declared = new Set<Writable>();
  const rowScope = { accountScopeId: scope.accountScopeId, projectId: scope.projectId };

  async function call(method: Method, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await callVendor(
      { connector: 'attio', method, url: `${config.baseUrl}${path}`, headers, ...(body ? { body } : {}) },
      deps,
    );
    const data = asObject(asObject(res.json)?.data);
    if (!data) throw new ConnectorError('bad_payload', `attio ${method} ${path}: the answer has no data`);
    return data;
  }

  async function callList(path: string): Promise<Record<string, unknown>[]> {
    const res = await callVendor(
      { connector: 'attio', method: 'GET', url: `${config.baseUrl}${path}`, headers },
      deps,
    );
    const data = asObject(res.json)?.data;
    if (!Array.isArray(data))
      throw new ConnectorError('bad_payload', `attio GET ${path}: the answer has no list`);
    return data.flatMap((d) => (asObject(d) ? [asObject(d) as Record<string, unknown>] : []));
  }

  /** The unique `keel_ref` text attribute the asserts match on; created when the workspace lacks it. */
  async function declareKeelRef(object: Writable): Promise<void> {
    if (declared.has(object)) return;
    try {
      await call('GET', `/v2/objects/${object}/attributes/${KEEL_REF_ATTRIBUTE}`);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.status !== 404) throw error;
      try {
        await call('POST', `/v2/objects/${object}/attributes`, {
          data: {
            title: 'Keel reference',
            description: 'Idempotency key of records created from Keel (do not edit).',
            api_slug: KEEL_REF_ATTRIBUTE,
            type: 'text',
            is_required: false,
            is_unique: true,
            is_multiselect: false,
            config: {},
          },
        });
      } catch (createError) {
        // Another writer declared it between our read and our create: that is the outcome we wanted.
        if (!(createError instanceof ConnectorError) || createError.status !== 409) throw createError;
      }
    }
    declared.add(object);
  }

  async function assert(object: Writable, values: Record<string, unknown[]>) {
    await declareKeelRef(object);
    return call('PUT', `/v2/objects/${object}/records?matching_attribute=${KEEL_REF_ATTRIBUTE}`, {
      data: { values },
    });
  }

  function expectRecord(record: Record<string, unknown>, id?: string): string {
    const got = recordId(record);
    if (!got || (id !== undefined && got !== id))
      throw new ConnectorError(
        'repeated_page',
        'attio: the answer is about another record (a repeated response)',
      );
    return got;
  }

  return {
    /** Titles of the deal stage's statuses that are not archived, in Attio's order. */
    async dealStages(): Promise<string[]> {
      const statuses = await callList('/v2/objects/deals/attributes/stage/statuses');
      return statuses.flatMap((s) =>
        s.is_archived === true || typeof s.title !== 'string' ? [] : [s.title],
      );
    },

    async assertCompany(input: AttioCompanyInput): Promise<CrmAccountRow> {
      const record = await assert('companies', {
        [KEEL_REF_ATTRIBUTE]: [input.keelRef],
        name: [input.name],
        ...(input.domain ? { domains: [input.domain] } : {}),
      });
      expectRecord(record);
      const row = mapCompany(record, rowScope);
      if (!row) throw new ConnectorError('bad_payload', 'attio: the company answer has no record id');
      return toCrmAccount(row);
    },

    async assertDeal(input: AttioDealInput, crmAccountId: string | null): Promise<CrmOpportunityRow> {
      const record = await assert('deals', {
        [KEEL_REF_ATTRIBUTE]: [input.keelRef],
        name: [input.name],
        stage: [input.stage],
        value: [{ currency_value: input.amountMinor / 100, currency_code: input.currency }],
        ...(input.closeDate ? { close_date: [input.closeDate] } : {}),
        ...(input.companyRecordId
          ? { associated_company: [{ target_object: 'companies', target_record_id: input.companyRecordId }] }
          : {}),
      });
      expectRecord(record);
      return dealRow(record, crmAccountId);
    },

    /** Moves a deal; writing the stage it already has is a no-op in Attio (its active_from stays). */
    async updateDealStage(attioRecordId: string, stage: string, crmAccountId: string | null) {
      const record = await call('PATCH', `/v2/objects/deals/records/${encodeURIComponent(attioRecordId)}`, {
        data: { values: { stage: [stage] } },
      });
      expectRecord(record, attioRecordId);
      return dealRow(record, crmAccountId);
    },
  };

  function dealRow(record: Record<string, unknown>, crmAccountId: string | null): CrmOpportunityRow {
    const row = mapDeal(record, rowScope);
    if (!row) throw new ConnectorError('bad_payload', 'attio: the deal answer has no record id');
    return toCrmOpportunity(row, crmAccountId);
  }
}

export type AttioRecordWriter = ReturnType<typeof createAttioRecordWriter>;
