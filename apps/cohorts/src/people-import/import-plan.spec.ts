import { Role } from '@tend/auth';
import { Channel } from '../people/channel';
import { readImportCsv } from './import-csv';
import { planImport, RowOutcome, StoredPerson } from './import-plan';

const HEADER = 'email,name,role,timezone,locale,external_id,leader,team,location,channels,webhook_bridge_id,status';

function stored(person: Partial<StoredPerson> & Pick<StoredPerson, 'id' | 'email'>): StoredPerson {
  return {
    name: 'Stored',
    role: Role.LEARNER,
    timezone: 'UTC',
    locale: 'en-US',
    externalId: null,
    location: null,
    leaderId: null,
    teamName: null,
    channels: [Channel.IN_APP],
    webhookBridgeId: null,
    active: true,
    ...person,
  };
}

function plan(lines: string[], people: StoredPerson[] = []): RowOutcome[] {
  return planImport(readImportCsv([HEADER, ...lines].join('\n')), people);
}

describe('planImport', () => {
  it('creates, updates by external id or email, deactivates, and finds a leader whose row comes later', () => {
    const people = [
      stored({ id: '00000000-0000-4000-8000-000000000001', email: 'old@acme.example', externalId: 'E1' }),
      stored({ id: '00000000-0000-4000-8000-000000000002', email: 'kim@acme.example' }),
      stored({ id: '00000000-0000-4000-8000-000000000003', email: 'same@acme.example', name: 'Same' }),
    ];
    const outcomes = plan(
      [
        'ana@acme.example,Ana,LEARNER,Europe/Lisbon,pt-br,,E9,Front desk,Lisbon,,,',
        'new-email@acme.example,Old,,,,E1,,,,,,',
        'kim@acme.example,,,,,,,,,,,inactive',
        'same@acme.example,Same,,,,,,,,,,',
        'lead@acme.example,Lea,LEADER,UTC,,E9,,,,,,',
      ],
      people,
    );
    expect(outcomes.map((outcome) => [outcome.line, outcome.action, outcome.reason])).toEqual([
      [2, 'CREATE', null],
      [3, 'UPDATE', null],
      [4, 'DEACTIVATE', null],
      [5, 'UNCHANGED', null],
      [6, 'CREATE', null],
    ]);
    expect(outcomes[0].person).toMatchObject({
      locale: 'pt-BR',
      leaderId: outcomes[4].person?.id,
      teamName: 'Front desk',
    });
    expect(outcomes[1].person).toMatchObject({ id: people[0].id, email: 'new-email@acme.example' });
  });

  it.each([
    ['a missing email', ',Ann,LEARNER,UTC,,,,,,,,', 'email', 'email is missing'],
    ['a bad email', 'ann-at-acme,Ann,LEARNER,UTC,,,,,,,,', 'email', 'is not an email address'],
    ['a bad time zone', 'ann@acme.example,Ann,LEARNER,Mars/Base,,,,,,,,', 'timezone', 'not an IANA time zone'],
    ['an unknown leader', 'ann@acme.example,Ann,LEARNER,UTC,,,nobody@acme.example,,,,,', 'leader', 'unknown leader'],
    ['an unknown role', 'ann@acme.example,Ann,BOSS,UTC,,,,,,,,', 'role', 'is not one of ADMIN, LEADER, LEARNER'],
    ['a bad locale', 'ann@acme.example,Ann,LEARNER,UTC,en_US,,,,,,,', 'locale', 'not a BCP 47 language tag'],
    ['an oversized field', `ann@acme.example,${'n'.repeat(201)},LEARNER,UTC,,,,,,,,`, 'name', 'longer than 200'],
    ['text that was not UTF-8', 'ann@acme.example,An\uFFFDn,LEARNER,UTC,,,,,,,,', 'name', 'not valid UTF-8'],
    ['no time zone for a new person', 'ann@acme.example,Ann,LEARNER,,,,,,,,,', 'timezone', 'time zone is missing'],
    ['an unknown channel', 'ann@acme.example,Ann,LEARNER,UTC,,,,,,SMS,,', 'channels', 'channel "SMS"'],
    [
      'WEBHOOK but no bridge id',
      'ann@acme.example,Ann,LEARNER,UTC,,,,,,WEBHOOK,,',
      'webhook_bridge_id',
      'needs a webhook',
    ],
    ['an unknown status', 'ann@acme.example,Ann,LEARNER,UTC,,,,,,,,gone', 'status', 'neither active nor inactive'],
    [
      'more cells than the header',
      'ann@acme.example,Ann,LEARNER,UTC,,,,,,,,,extra',
      null,
      'more cells than the header',
    ],
  ])('refuses a row with %s, with its own message', (_kind, line, column, reason) => {
    const [outcome] = plan([line]);
    expect(outcome).toMatchObject({ action: 'REFUSE', column });
    expect(outcome.reason).toContain(reason);
  });

  it('refuses a second row with the same email or external id', () => {
    const outcomes = plan([
      'a@acme.example,A,LEARNER,UTC,,X1,,,,,,',
      'A@acme.example,A again,LEARNER,UTC,,,,,,,,',
      'b@acme.example,B,LEARNER,UTC,,X1,,,,,,',
    ]);
    expect(outcomes.map((outcome) => outcome.reason)).toEqual([
      null,
      'duplicate: line 2 has the same email',
      'duplicate: line 2 has the same external id',
    ]);
  });

  it('refuses every row of a reporting cycle, and the rows led from inside it', () => {
    const outcomes = plan([
      'a@acme.example,A,LEADER,UTC,,,b@acme.example,,,,,',
      'b@acme.example,B,LEADER,UTC,,,c@acme.example,,,,,',
      'c@acme.example,C,LEADER,UTC,,,a@acme.example,,,,,',
      'd@acme.example,D,LEARNER,UTC,,,a@acme.example,,,,,',
      'e@acme.example,E,LEARNER,UTC,,,,,,,,',
    ]);
    expect(outcomes.slice(0, 3).map((outcome) => outcome.action)).toEqual(['REFUSE', 'REFUSE', 'REFUSE']);
    expect(outcomes[0].reason).toContain('reporting cycle: a@acme.example → b@acme.example → c@acme.example');
    expect(outcomes[3].reason).toBe('leader "a@acme.example" is on line 2, which is refused');
    expect(outcomes[4].action).toBe('CREATE');
  });

  it('refuses a cycle closed with someone already stored, and a learner as a leader', () => {
    const boss = stored({ id: '00000000-0000-4000-8000-00000000000b', email: 'boss@acme.example', role: Role.LEADER });
    const report = stored({
      id: '00000000-0000-4000-8000-00000000000c',
      email: 'report@acme.example',
      role: Role.LEADER,
      leaderId: boss.id,
    });
    const outcomes = plan(
      [
        'boss@acme.example,,,,,,report@acme.example,,,,,',
        'x@acme.example,X,LEARNER,UTC,,,y@acme.example,,,,,',
        'y@acme.example,Y,LEARNER,UTC,,,,,,,,',
      ],
      [boss, report],
    );
    expect(outcomes[0].reason).toContain('reporting cycle');
    expect(outcomes[1].reason).toContain('is a LEARNER');
    expect(outcomes[2].action).toBe('CREATE');
  });
});

describe('readImportCsv', () => {
  it('refuses a file with an unknown column or no email column as a whole', () => {
    expect(() => readImportCsv('email,shoe_size\na@acme.example,42')).toThrow('unknown column "shoe_size"');
    expect(() => readImportCsv('name\nAnn')).toThrow('no email column');
    expect(() => readImportCsv('email\n"a@acme.example')).toThrow('not a CSV file');
  });

  it('reads headers in any case and order, skips a BOM and blank lines, and keeps quoted commas', () => {
    const rows = readImportCsv('\uFEFFName,EMAIL,External ID\n\n"Doe, Jane",jane@acme.example,J1\n');
    expect(rows).toEqual([
      { line: 3, cells: { name: 'Doe, Jane', email: 'jane@acme.example', external_id: 'J1' }, extraCells: 0 },
    ]);
  });
});
