/**
 * Example payloads copied from ../shared/design/external-apis.md (placeholders like "…" removed).
 * The emulators' responses are compared with them field by field: same keys, same JSON types.
 */
export const CHATWOOT_CONVERSATION_ITEM = {
  meta: {
    sender: {
      additional_attributes: {},
      availability_status: 'offline',
      email: 'a@b.co',
      id: 17,
      name: 'Alice',
      phone_number: null,
      blocked: false,
      identifier: null,
      thumbnail: '',
      custom_attributes: {},
      last_activity_at: 1720000100,
      created_at: 1719990000,
    },
    channel: 'Channel::WebWidget',
    assignee: {
      id: 2,
      account_id: 1,
      availability_status: 'online',
      auto_offline: true,
      confirmed: true,
      email: 'agent@x.co',
      available_name: 'Agent',
      name: 'Agent',
      role: 'administrator',
      thumbnail: '',
    },
    hmac_verified: false,
  },
  id: 42,
  messages: [],
  account_id: 1,
  uuid: '5b1d',
  additional_attributes: {},
  agent_last_seen_at: 0,
  assignee_last_seen_at: 0,
  can_reply: true,
  contact_last_seen_at: 0,
  custom_attributes: {},
  inbox_id: 3,
  labels: ['billing'],
  muted: false,
  snoozed_until: null,
  status: 'open',
  created_at: 1720000000,
  updated_at: 1720000123.456,
  timestamp: 1720000100,
  first_reply_created_at: 0,
  unread_count: 0,
  last_non_activity_message: null,
  last_activity_at: 1720000100,
  priority: null,
  waiting_since: 0,
  sla_policy_id: null,
};

export const CHATWOOT_CONVERSATION_META = {
  mine_count: 1,
  assigned_count: 3,
  unassigned_count: 2,
  all_count: 5,
};

export const CHATWOOT_MESSAGES_META = {
  labels: ['billing'],
  additional_attributes: {},
  contact: {
    additional_attributes: {},
    custom_attributes: {},
    email: 'a@b.co',
    id: 17,
    identifier: null,
    name: 'Alice',
    phone_number: null,
    thumbnail: '',
    blocked: false,
    type: 'contact',
  },
  assignee: {
    id: 2,
    name: 'Agent',
    available_name: 'Agent',
    avatar_url: '',
    type: 'user',
    availability_status: 'online',
    thumbnail: '',
  },
  agent_last_seen_at: '2025-07-09T03:19:24.123Z',
  assignee_last_seen_at: null,
};

export const CHATWOOT_MESSAGE = {
  id: 9001,
  content: 'Hi, I need help',
  inbox_id: 3,
  conversation_id: 42,
  message_type: 0,
  content_type: 'text',
  status: 'sent',
  content_attributes: {},
  created_at: 1720000100,
  private: false,
  source_id: null,
  sender: { id: 17, name: 'Alice', type: 'contact' },
};

export const CHATWOOT_ATTACHMENT = {
  id: 5,
  message_id: 9001,
  file_type: 'image',
  account_id: 1,
  extension: null,
  data_url: 'https://host/rails/active_storage/x',
  thumb_url: 'https://x',
  file_size: 12345,
  width: 800,
  height: 600,
};

export const CHATWOOT_CONTACTS_META = { count: 123, current_page: '2' };

export const CHATWOOT_CONTACT = {
  additional_attributes: { company_name: 'Acme', city: 'Paris' },
  availability_status: 'offline',
  email: 'a@b.co',
  id: 17,
  name: 'Alice',
  phone_number: '+33',
  blocked: false,
  identifier: 'u_1',
  thumbnail: '',
  custom_attributes: {},
  last_activity_at: 1720000100,
  created_at: 1719990000,
  contact_inboxes: [
    {
      source_id: 'c1b2',
      inbox: {
        id: 3,
        avatar_url: '',
        channel_id: 1,
        name: 'Website',
        channel_type: 'Channel::WebWidget',
        provider: null,
      },
    },
  ],
};

export const ATTIO_RECORD = {
  id: { workspace_id: '14beef7a', object_id: '97052eb9', record_id: 'bf071e1f' },
  created_at: '2022-11-21T13:22:49.061281000Z',
  web_url: 'https://app.attio.com/acme/company/bf071e1f',
  values: {
    name: [
      {
        active_from: '2023-01-01T15:00:00.000000000Z',
        active_until: null,
        created_by_actor: { type: 'workspace-member', id: 'a976f6a9' },
        value: 'Attio',
        attribute_type: 'text',
      },
    ],
    domains: [
      {
        active_from: '2023-01-01T15:00:00.000000000Z',
        active_until: null,
        created_by_actor: { type: 'system', id: null },
        domain: 'attio.com',
        root_domain: 'attio.com',
        attribute_type: 'domain',
      },
    ],
    team: [
      {
        active_from: '2023-01-01T15:00:00.000000000Z',
        active_until: null,
        created_by_actor: { type: 'system', id: null },
        target_object: 'people',
        target_record_id: 'x',
        attribute_type: 'record-reference',
      },
    ],
    created_at: [
      {
        active_from: '2023-01-01T15:00:00.000000000Z',
        active_until: null,
        created_by_actor: { type: 'system', id: null },
        value: '2022-11-21T13:22:49.061281000Z',
        attribute_type: 'timestamp',
      },
    ],
  },
};

export const ATTIO_NOTE_KEYS = [
  'id',
  'parent_object',
  'parent_record_id',
  'title',
  'meeting_id',
  'content_plaintext',
  'content_markdown',
  'tags',
  'created_by_actor',
  'created_at',
];
export const ATTIO_TASK_KEYS = [
  'id',
  'content_plaintext',
  'deadline_at',
  'is_completed',
  'linked_records',
  'assignees',
  'created_by_actor',
  'created_at',
];
export const ATTIO_RATE_LIMIT = {
  status_code: 429,
  type: 'rate_limit_error',
  code: 'rate_limit_exceeded',
  message: 'Rate limit exceeded, please try again later',
};

export const LOOPS_CONTACT_KEYS = [
  'id',
  'email',
  'firstName',
  'lastName',
  'source',
  'subscribed',
  'userGroup',
  'userId',
  'mailingLists',
  'optInStatus',
];

export const OPENAI_EMBEDDINGS = {
  object: 'list',
  data: [{ object: 'embedding', index: 0, embedding: [0.0023, -0.0093] }],
  model: 'text-embedding-3-small',
  usage: { prompt_tokens: 8, total_tokens: 8 },
};

/** Keys in `example` missing from `actual`, or present with another JSON type (null in the example matches anything). */
export function fieldDifferences(example: unknown, actual: unknown, path = '$'): string[] {
  const type = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (example === null) return [];
  if (type(example) !== type(actual))
    return [`${path}: ${type(example)} in the example, ${type(actual)} here`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    return example.length > 0 && actual.length > 0
      ? fieldDifferences(example[0], actual[0], `${path}[0]`)
      : [];
  }
  if (type(example) === 'object') {
    const a = actual as Record<string, unknown>;
    return Object.entries(example as Record<string, unknown>).flatMap(([k, v]) =>
      k in a
        ? k === 'additional_attributes' || k === 'custom_attributes'
          ? []
          : fieldDifferences(v, a[k], `${path}.${k}`)
        : [`${path}.${k}: missing`],
    );
  }
  return [];
}
