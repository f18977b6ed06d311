import { describe, expect, it } from 'vitest';
import { type Driver, driverLabel, movingDrivers } from '../src/components/forecast/model';

const d = (term: string, contribution: number): Driver => ({ term, value: 1, coefficient: 0, contribution });

describe('forecast drivers', () => {
  it.each([
    { contributions: [1.2, -0.3, 0, 0.004, -0.004, 0.005, -0.005], kept: [1.2, -0.3, 0.005, -0.005] },
    { contributions: [0, 0], kept: [] },
    { contributions: [], kept: [] },
  ])('when contributions are $contributions, then the list shows $kept', ({ contributions, kept }) => {
    expect(movingDrivers(contributions.map((c, i) => d(`t${i}`, c))).map((x) => x.contribution)).toEqual(
      kept,
    );
  });

  it.each([
    { term: 'chases_7d', label: 'Clients chasing unanswered messages' },
    { term: 'component_delta_7d:commercial', label: 'Commercial score, 7-day change' },
    { term: 'component:relationship', label: 'Relationship score' },
    { term: 'signal:client_waiting', label: 'Signal: client waiting' },
    { term: 'peak_age_30d', label: 'Since risk peaked' },
  ])('when the term is $term, then it reads "$label"', ({ term, label }) => {
    expect(driverLabel(term)).toBe(label);
  });

  it('when every term the model uses is labelled, then no driver reads as a raw name', async () => {
    const { default: model } = await import(
      '../../../packages/intelligence/src/kag/forecast/coefficients.json',
      { with: { type: 'json' } }
    );
    const raw = model.terms.filter((t: string) => driverLabel(t) === t.replace(/_/g, ' '));
    expect(raw).toEqual([]);
  });
});
