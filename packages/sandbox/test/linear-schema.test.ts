import {
  buildSchema,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { linearSchema } from '../src/emulators/linear.ts';
import { readSpec } from '../src/spec/openapi.ts';

const published = buildSchema(readSpec('linear-schema.graphql'));

const kind = (t: GraphQLNamedType): string =>
  isObjectType(t)
    ? 'object'
    : isInterfaceType(t)
      ? 'interface'
      : isInputObjectType(t)
        ? 'input'
        : isEnumType(t)
          ? 'enum'
          : isScalarType(t)
            ? 'scalar'
            : 'union';

/** Every difference that would make `served` more than a subset of `reference`. */
function subsetProblems(served: GraphQLSchema, reference: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(served.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const ref = reference.getType(type.name);
    if (!ref) {
      problems.push(`type ${type.name} is not in Linear's schema`);
      continue;
    }
    if (kind(ref) !== kind(type))
      problems.push(`${type.name} is a ${kind(type)} here but a ${kind(ref)} at Linear`);
    if (isEnumType(type) && isEnumType(ref)) {
      for (const v of type.getValues())
        if (!ref.getValue(v.name)) problems.push(`enum value ${type.name}.${v.name} is not at Linear`);
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(ref) || isInterfaceType(ref))) {
      const refFields = ref.getFields();
      for (const i of type.getInterfaces())
        if (!ref.getInterfaces().some((r) => r.name === i.name))
          problems.push(`${type.name} implements ${i.name} only here`);
      for (const field of Object.values(type.getFields())) {
        const rf = refFields[field.name];
        if (!rf) {
          problems.push(`field ${type.name}.${field.name} is not at Linear`);
          continue;
        }
        if (String(rf.type) !== String(field.type))
          problems.push(`${type.name}.${field.name}: ${field.type} here, ${rf.type} at Linear`);
        for (const arg of field.args) {
          const ra = rf.args.find((a) => a.name === arg.name);
          if (!ra) problems.push(`argument ${type.name}.${field.name}(${arg.name}) is not at Linear`);
          else if (String(ra.type) !== String(arg.type))
            problems.push(`${type.name}.${field.name}(${arg.name}): ${arg.type} here, ${ra.type} at Linear`);
        }
        for (const ra of rf.args) {
          if (
            isNonNullType(ra.type) &&
            ra.defaultValue === undefined &&
            !field.args.some((a) => a.name === ra.name)
          ) {
            problems.push(`required argument ${type.name}.${field.name}(${ra.name}) is missing here`);
          }
        }
      }
    }
    if (isInputObjectType(type) && isInputObjectType(ref)) {
      const refFields = ref.getFields();
      for (const field of Object.values(type.getFields())) {
        const rf = refFields[field.name];
        if (!rf) problems.push(`input field ${type.name}.${field.name} is not at Linear`);
        else if (String(rf.type) !== String(field.type))
          problems.push(`${type.name}.${field.name}: ${field.type} here, ${rf.type} at Linear`);
      }
      for (const rf of Object.values(refFields)) {
        if (isNonNullType(rf.type) && rf.defaultValue === undefined && !type.getFields()[rf.name])
          problems.push(`required input field ${type.name}.${rf.name} is missing here`);
      }
    }
  }
  return problems;
}

describe("Linear emulator schema against Linear's published schema", () => {
  it('when compared type by type, then every type, field, argument and enum value served exists at Linear with the same type', () => {
    expect(subsetProblems(linearSchema(), published)).toEqual([]);
  });

  it('when a schema adds a field or changes a type, then the subset check reports it (the check can fail)', () => {
    const drifted = buildSchema(`
      type Issue { id: ID! title: Int! madeUpField: String }
      type Query { issue(id: String!): Issue! }
    `);
    const problems = subsetProblems(drifted, published);
    expect(problems).toContain('field Issue.madeUpField is not at Linear');
    expect(problems).toContain('Issue.title: Int! here, String! at Linear');
  });

  it('when the sync queries from external-apis.md are validated, then both schemas accept them', () => {
    const query = parse(`
      query SyncIssues($first: Int!, $after: String, $since: DateTimeOrDuration!) {
        issues(first: $first, after: $after, includeArchived: true, orderBy: updatedAt, filter: { updatedAt: { gt: $since } }) {
          nodes {
            id identifier number title description url priority priorityLabel estimate dueDate
            createdAt updatedAt startedAt completedAt canceledAt archivedAt trashed
            state { id name type } assignee { id name email } team { id key name } project { id name }
            cycle { id number name startsAt endsAt } labels(first: 20) { nodes { id name } }
          }
          pageInfo { hasNextPage endCursor }
        }
        teams(first: 50) { nodes { id key name states { nodes { id name type position } } } }
        projects(first: 50) { nodes { id name status { name type } health progress targetDate lead { id } } }
        cycles(first: 50, filter: { isActive: { eq: true } }) { nodes { id number startsAt endsAt scopeHistory completedScopeHistory team { id } } }
      }
    `);
    expect(validate(linearSchema(), query)).toEqual([]);
    expect(validate(published, query)).toEqual([]);
    const mutation = parse(
      `mutation($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier } } }`,
    );
    expect(validate(linearSchema(), mutation)).toEqual([]);
    expect(validate(published, mutation)).toEqual([]);
  });
});
