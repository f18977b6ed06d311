import type { ConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { callVendor } from '../http.ts';
import type { SyncDeps } from '../types.ts';
import { asObject } from '../vendor-json.ts';

/**
 * Attio tasks for continuity handovers (`POST /v2/tasks`, attio-openapi.json). Attio takes no
 * client-chosen task id, so the idempotency key is written into the task's content as a marker
 * and the caller looks the task up by it (`GET /v2/tasks` filtered to the linked record) before
 * creating; the create itself is never retried by the transport (a timed-out POST may be stored).
 */
export type AttioTaskRef = { id: string; content: string };
export type AttioLinkedRecord = { targetObject: 'companies' | 'people' | 'deals'; targetRecordId: string };
export type AttioTaskInput = {
  content: string;
  deadlineAt: string | null;
  linkedRecords: AttioLinkedRecord[];
  /** Workspace member ids (Attio's `referenced_actor_id`); Attio assigns nobody without one. */
  assigneeIds: string[];
};

/** Attio's limit on a task's plaintext content. */
export const ATTIO_TASK_MAX_CONTENT = 2000;
const TASKS_PER_PAGE = 500;
const MAX_SCAN_PAGES = 10;

export function createAttioTaskWriter(config: ConnectorConfig, deps: SyncDeps) {
  const headers = { authorization: `Bearer ${config.token}` };

  const ref = (value: unknown): AttioTaskRef | null => {
    const o = asObject(value);
    const id = asObject(o?.id)?.task_id;
    if (typeof id !== 'string') return null;
    return { id, content: typeof o?.content_plaintext === 'string' ? o.content_plaintext : '' };
  };

  return {
    /** The task whose content carries `marker`, among those linked to `linked` (if Attio has it). */
    async findByMarker(linked: AttioLinkedRecord | null, marker: string): Promise<AttioTaskRef | null> {
      for (let page = 0; page < MAX_SCAN_PAGES; page++) {
        const qs = new URLSearchParams({
          limit: String(TASKS_PER_PAGE),
          offset: String(page * TASKS_PER_PAGE),
        });
        if (linked) {
          qs.set('linked_object', linked.targetObject);
          qs.set('linked_record_id', linked.targetRecordId);
        }
        const res = await callVendor(
          { connector: 'attio', method: 'GET', url: `${config.baseUrl}/v2/tasks?${qs.toString()}`, headers },
          deps,
        );
        const data = asObject(res.json)?.data;
        if (!Array.isArray(data))
          throw new ConnectorError('bad_payload', 'attio: tasks response has no data list');
        const hit = data.map(ref).find((t) => t?.content.includes(marker));
        if (hit) return hit;
        if (data.length < TASKS_PER_PAGE) return null;
      }
      return null;
    },

    async create(input: AttioTaskInput): Promise<AttioTaskRef> {
      if (input.content.length > ATTIO_TASK_MAX_CONTENT)
        throw new ConnectorError(
          'bad_payload',
          `attio: task content is over ${ATTIO_TASK_MAX_CONTENT} characters`,
        );
      const res = await callVendor(
        {
          connector: 'attio',
          method: 'POST',
          url: `${config.baseUrl}/v2/tasks`,
          headers,
          body: {
            data: {
              content: input.content,
              format: 'plaintext',
              deadline_at: input.deadlineAt,
              is_completed: false,
              linked_records: input.linkedRecords.map((l) => ({
                target_object: l.targetObject,
                target_record_id: l.targetRecordId,
              })),
              assignees: input.assigneeIds.map((id) => ({
                referenced_actor_type: 'workspace-member',
                referenced_actor_id: id,
              })),
            },
          },
        },
        { ...deps, http: { ...deps.http, retries: 0 } },
      );
      const task = ref(asObject(res.json)?.data);
      if (!task) throw new ConnectorError('bad_payload', 'attio: the created task has no id');
      return task;
    },
  };
}
