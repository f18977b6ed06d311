import { describe, expect, it } from 'vitest';
import { recordCandidates } from '../src/emulators/attio-narrow.ts';
import { matchRecord } from '../src/emulators/attio-query.ts';
import { type AttioObject, recordsOf } from '../src/emulators/attio-views.ts';
import { conversationsOfInbox } from '../src/emulators/conversation-index.ts';
import { issueCandidates } from '../src/emulators/linear-narrow.ts';
import { matchesFilter } from '../src/emulators/linear-filter.ts';
import { specs } from '../src/emulators/linear-nodes.ts';
import { generatePortfolio } from '../src/generate/portfolio.ts';

// The emulators cut a query's candidates before running the full filter. A cut may only ever
// drop what the filter would drop: each case compares with the full filter over everything.
const ds = generatePortfolio({ seed: 7, size: 'demo' });

describe('emulator query narrowing', () => {
  const teams = ds.teams.map((t) => t.id);
  const projects = ds.projects.map((p) => p.linearProjectId);
  const issueFilters: Array<Record<string, unknown>> = [
    { team: { id: { in: teams.slice(0, 2) } } },
    { team: { id: { eq: teams[3] } }, updatedAt: { gt: new Date(ds.now - 20 * 86_400_000).toISOString() } },
    { project: { id: { in: projects.slice(1, 3) } } },
    { or: [{ team: { id: { in: [teams[0]] } } }, { project: { id: { in: [projects[4]] } } }] },
    { and: [{ priority: { eq: 2 } }, { project: { id: { eq: projects[2] } } }] },
    { or: [{ team: { id: { in: [teams[1]] } } }, { priority: { eq: 1 } }] },
    { team: { id: { in: ['no-such-team'] } } },
  ];

  it('when a Linear issues filter pins teams or projects, then the cut keeps exactly what the full filter matches', () => {
    const spec = specs(ds).issue;
    let nonEmpty = 0;
    for (const filter of issueFilters) {
      const all = ds.issues.filter((i) => matchesFilter(i, filter, spec, ds.now)).map((i) => i.id);
      const cut = issueCandidates(ds, filter)
        .filter((i) => matchesFilter(i, filter, spec, ds.now))
        .map((i) => i.id);
      expect(cut).toEqual(all);
      if (all.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(5);
    expect(issueCandidates(ds, issueFilters[0]).length).toBeLessThan(ds.issues.length);
  });

  it('when an Attio query pins record ids or companies, then the cut keeps exactly what the full filter matches', () => {
    const companies = ds.clients.map((c) => c.attioCompanyId);
    const cases: Array<[AttioObject, Record<string, unknown>]> = [
      ['companies', { record_id: { $in: companies.slice(0, 3) } }],
      ['people', { company: { target_record_id: { $in: companies.slice(2, 4) } } }],
      ['deals', { associated_company: { target_record_id: { $in: companies.slice(0, 2) } } }],
      [
        'deals',
        {
          $or: [
            { associated_company: { target_record_id: { $in: [companies[5]] } } },
            { record_id: { $in: [ds.deals[0]?.id] } },
          ],
        },
      ],
      ['deals', { $or: [{ record_id: { $in: [ds.deals[1]?.id] } }, { stage: 'Lost' }] }],
    ];
    let nonEmpty = 0;
    for (const [object, filter] of cases) {
      const all = recordsOf(ds, object).filter((r) => matchRecord(r, filter));
      const cut = recordsOf(ds, object, recordCandidates(ds, object, filter)).filter((r) =>
        matchRecord(r, filter),
      );
      expect(cut.map((r) => r.id)).toEqual(all.map((r) => r.id));
      if (all.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBe(cases.length);
  });

  it('when conversations are listed by inbox, then the index holds exactly that inbox’s conversations in dataset order', () => {
    for (const [index, inbox] of ds.inboxes.entries()) {
      const expected = ds.conversations.filter((c) => c.inboxIndex === index).map((c) => c.id);
      expect(conversationsOfInbox(ds, inbox.id).map((c) => c.id)).toEqual(expected);
    }
    expect(conversationsOfInbox(ds, -1)).toEqual([]);
  });
});
