import { describe, expect, it } from 'vitest';
import { dealStatus, lastChange, mapCompany, mapDeal, mapPerson } from '../src/attio/map.ts';
import { epochToDate, mapConversation, mapMessage, messageType } from '../src/chatwoot/map.ts';
import { mapIssue } from '../src/linear/map.ts';

/** Vendor payloads as the vendors document them (external-apis.md), mapped to mirror rows. */
const scope = { accountScopeId: 'ws', projectId: 'p' };

describe('chatwoot mapping', () => {
  it.each([
    [1720000000, '2024-07-03T09:46:40.000Z'],
    [1720000123.456, '2024-07-03T09:48:43.456Z'],
    [0, null],
    [null, null],
    ['2025-07-09T03:19:24.123Z', '2025-07-09T03:19:24.123Z'],
    ['garbage', null],
  ])('when a timestamp is %s, then it maps to %s', (input, expected) => {
    expect(epochToDate(input)?.toISOString() ?? null).toBe(expected);
  });

  it.each([
    [0, 'incoming'],
    [1, 'outgoing'],
    [2, 'activity'],
    [3, 'template'],
    ['outgoing', 'outgoing'],
    [9, null],
  ])('when message_type is %s, then it is %s', (input, expected) => {
    expect(messageType(input)).toBe(expected);
  });

  const conversation = {
    meta: { sender: { id: 17, name: 'Alice', email: 'a@b.co' }, assignee: { id: 2 }, team: { id: 1 } },
    id: 42,
    messages: [{ id: 9001 }],
    inbox_id: 3,
    labels: ['billing'],
    status: 'open',
    created_at: 1720000000,
    updated_at: 1720000123.456,
    first_reply_created_at: 0,
    waiting_since: 0,
    last_activity_at: 1720000100,
    priority: null,
    unread_count: 0,
    snoozed_until: null,
  };

  it('when a list item maps, then zero times are null and the embedded message is not kept in raw', () => {
    const row = mapConversation(conversation, scope);
    expect(row).toMatchObject({
      cwConversationId: 42,
      cwInboxId: 3,
      cwContactId: 17,
      assigneeId: 2,
      teamId: 1,
      status: 'open',
      waitingSince: null,
      firstReplyCreatedAt: null,
      labels: ['billing'],
    });
    expect(row?.raw).not.toHaveProperty('messages');
  });

  it.each([
    [
      { private: true, message_type: 1 },
      { messageType: 'outgoing', private: true },
    ],
    [{ content_attributes: { deleted: true } }, { deletedAt: new Date(1720000100 * 1000) }],
    [{ attachments: [{ id: 5 }] }, { hasAttachments: true }],
  ])('when a message carries %o, then the row has %o', (extra, expected) => {
    const base = {
      id: 9001,
      conversation_id: 42,
      inbox_id: 3,
      message_type: 0,
      created_at: 1720000100,
      content: 'Hi',
      sender: { id: 17, type: 'contact', name: 'Alice' },
    };
    expect(mapMessage({ ...base, ...extra }, scope, { cwContactId: 17 })).toMatchObject(expected);
  });
});

describe('linear mapping', () => {
  it('when an issue node maps, then relations flatten and labels keep id and name', () => {
    const node = {
      id: 'i1',
      identifier: 'ENG-123',
      number: 123,
      title: 'Fix',
      priority: 2,
      estimate: null,
      dueDate: '2025-07-20',
      createdAt: '2025-07-01T00:00:00.000Z',
      updatedAt: '2025-07-02T00:00:00.000Z',
      archivedAt: null,
      trashed: null,
      state: { id: 's1', name: 'In Progress', type: 'started' },
      assignee: null,
      team: { id: 't1', key: 'ENG' },
      project: { id: 'pr1' },
      cycle: null,
      parent: null,
      labels: { nodes: [{ id: 'l1', name: 'bug' }] },
    };
    expect(mapIssue(node, scope)).toMatchObject({
      linearIssueId: 'i1',
      identifier: 'ENG-123',
      stateType: 'started',
      teamKey: 'ENG',
      linearProjectId: 'pr1',
      linearCycleId: null,
      dueDate: '2025-07-20',
      labels: [{ id: 'l1', name: 'bug' }],
      trashed: false,
    });
  });
});

describe('attio mapping', () => {
  const v = (
    fields: Record<string, unknown>,
    from = '2023-01-01T15:00:00.000000000Z',
    until: string | null = null,
  ) => ({
    active_from: from,
    active_until: until,
    created_by_actor: { type: 'system', id: null },
    ...fields,
  });
  const record = (values: Record<string, unknown[]>) => ({
    id: { workspace_id: 'w', object_id: 'o', record_id: 'r1' },
    created_at: '2022-11-21T13:22:49.061281000Z',
    web_url: 'https://app.attio.com/x/r1',
    values,
  });

  it.each([
    ['Won 🎉', 'won'],
    ['Lost', 'lost'],
    ['In Progress', 'open'],
    [null, 'open'],
  ])('when the stage is %s, then the deal is %s', (stage, status) => {
    expect(dealStatus(stage)).toBe(status);
  });

  it('when a value has history, then only the current entry counts and the newest active_from is the change time', () => {
    const company = record({
      name: [
        v({ value: 'Old' }, '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
        v({ value: 'Attio' }, '2024-01-01T00:00:00Z'),
      ],
      domains: [v({ domain: 'attio.com', root_domain: 'attio.com' })],
    });
    expect(mapCompany(company, scope)).toMatchObject({
      name: 'Attio',
      primaryDomain: 'attio.com',
      domains: ['attio.com'],
    });
    expect(lastChange(company)?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('when a deal and a person map, then money is in minor units and references are ids', () => {
    const deal = record({
      name: [v({ value: 'Phase 2' })],
      stage: [v({ status: { title: 'Won 🎉' } }, '2025-06-01T00:00:00Z')],
      value: [v({ currency_value: 1234.5, currency_code: 'EUR' })],
      associated_company: [v({ target_object: 'companies', target_record_id: 'c1' })],
      associated_people: [v({ target_object: 'people', target_record_id: 'p1' })],
      close_date: [v({ value: '2025-07-01' })],
    });
    expect(mapDeal(deal, scope)).toMatchObject({
      status: 'won',
      amountMinor: 123450,
      currency: 'EUR',
      companyRecordId: 'c1',
      personRecordIds: ['p1'],
      expectedCloseDate: '2025-07-01',
      stageChangedAt: new Date('2025-06-01T00:00:00Z'),
    });
    const person = record({
      name: [v({ first_name: 'Ann', last_name: 'Lee', full_name: 'Ann Lee' })],
      email_addresses: [v({ email_address: 'ann@x.co' })],
      company: [v({ target_record_id: 'c1' })],
    });
    expect(mapPerson(person, scope)).toMatchObject({
      fullName: 'Ann Lee',
      primaryEmail: 'ann@x.co',
      companyRecordId: 'c1',
    });
  });
});
