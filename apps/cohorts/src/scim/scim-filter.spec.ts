import { ScimError } from './scim-error';
import { FilterableAttributes, filterToSql } from './scim-filter';

const ATTRIBUTES: FilterableAttributes = {
  username: { sql: 'p.email', type: 'string', lowercase: true },
  displayname: { sql: 'p.name', type: 'string' },
  externalid: { sql: 'p.external_id', type: 'string', caseExact: true },
  active: { sql: 'p.active', type: 'boolean' },
  'meta.lastmodified': { sql: 'p.updated_at', type: 'dateTime' },
  'members.value': {
    sql: 'm.person_id::text',
    type: 'string',
    caseExact: true,
    within: 'SELECT 1 FROM members m WHERE m.group_id = g.id',
  },
};

function refusal(filter: string): ScimError {
  try {
    filterToSql(filter, ATTRIBUTES, 2);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error(`${filter} was accepted`);
}

describe('a SCIM filter as SQL', () => {
  it('keeps every value a client sends out of the SQL text, as numbered parameters', () => {
    const hostile = `x'); DROP TABLE cohorts.people; --`;
    const { sql, parameters } = filterToSql(`userName eq "${hostile}" or externalId sw "${hostile}"`, ATTRIBUTES, 2);
    expect(sql).toBe('((p.email = lower($2)) OR (starts_with(p.external_id, $3)))');
    expect(parameters).toEqual([hostile, hostile]);
  });

  it('ANDs within a group and ORs the groups, numbering parameters from where the query left off', () => {
    const { sql, parameters } = filterToSql(
      'active eq true and meta.lastModified gt "2026-12-01T00:00:00Z" or displayName co "acme"',
      ATTRIBUTES,
      5,
    );
    expect(sql).toBe(
      "((p.active = $5 AND p.updated_at >= $6::timestamptz + interval '1 millisecond') OR (strpos(lower(p.name), lower($7)) > 0))",
    );
    expect(parameters).toEqual([true, '2026-12-01T00:00:00Z', 'acme']);
  });

  it('reads a multi-valued attribute as "one of its values matches", and not as its negation', () => {
    expect(filterToSql('members[value eq "p1"]', ATTRIBUTES, 2).sql).toBe(
      '((EXISTS (SELECT 1 FROM members m WHERE m.group_id = g.id AND m.person_id::text = $2)))',
    );
    expect(filterToSql('not (userName ew "@acme.example")', ATTRIBUTES, 2).sql).toBe(
      '((NOT COALESCE(right(p.email, length(lower($2))) = lower($2), false)))',
    );
  });

  it.each([
    ['userName zz "x"'],
    ['nickName eq "x"'],
    ['active eq "yes"'],
    ['active gt true'],
    ['meta.lastModified gt "yesterday"'],
    ['userName eq 5'],
  ])('refuses %s with 400 invalidFilter', (filter) => {
    expect(refusal(filter)).toMatchObject({ status: 400, scimType: 'invalidFilter' });
  });
});
