import { createServer, Server, Socket } from 'node:net';
import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase, freePort, TestDatabase, withClient } from '@tend/testing';
import { DatabaseTimeouts, serviceDataSourceOptions } from './data-source-options';

/** Short enough for a test to wait out, long enough for the statements that should pass. */
const TIGHT: DatabaseTimeouts = { statementTimeoutMs: 1_000, idleInTransactionTimeoutMs: 1_000, connectTimeoutMs: 500 };

function dataSourceOn(url: string, settings: { timeouts?: DatabaseTimeouts; poolSize?: number } = {}): DataSource {
  return new DataSource(serviceDataSourceOptions({ url, schema: 'public', entities: [], migrations: [], ...settings }));
}

function sqlStateOf(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a service’s database sessions are bounded in time', () => {
  let database: TestDatabase;
  const opened: DataSource[] = [];

  async function open(settings: { timeouts?: DatabaseTimeouts; poolSize?: number } = {}): Promise<DataSource> {
    const dataSource = await dataSourceOn(database.url, settings).initialize();
    opened.push(dataSource);
    return dataSource;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await withClient(database.url, (client) =>
      client.query(`CREATE TABLE learners_due (id int PRIMARY KEY); INSERT INTO learners_due VALUES (1)`),
    );
  });

  afterEach(async () => {
    for (const dataSource of opened.splice(0)) await dataSource.destroy();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('Postgres cancels a statement that runs past the statement timeout', async () => {
    const service = await open({ timeouts: TIGHT });

    const runaway = await service.query('SELECT pg_sleep(5)').catch((error: unknown) => error);

    expect(sqlStateOf(runaway)).toBe('57014');
    await expect(service.query('SELECT 1 AS answer')).resolves.toEqual([{ answer: 1 }]);
  });

  it('migrations and the command line run without a statement timeout', async () => {
    const migrations = await open();

    await expect(migrations.query('SHOW statement_timeout')).resolves.toEqual([{ statement_timeout: '0' }]);
    await expect(migrations.query('SHOW idle_in_transaction_session_timeout')).resolves.toEqual([
      { idle_in_transaction_session_timeout: '0' },
    ]);
  });

  it('a transaction left idle (a frozen process) is ended, and the rows it locked are free again', async () => {
    const service = await open({ timeouts: TIGHT });
    const frozen = service.createQueryRunner();
    await frozen.startTransaction();
    await frozen.query('SELECT id FROM learners_due WHERE id = 1 FOR UPDATE');

    await sleep(2_500);

    const other = await open();
    await expect(other.query('SELECT id FROM learners_due WHERE id = 1 FOR UPDATE NOWAIT')).resolves.toEqual([
      { id: 1 },
    ]);
    await expect(frozen.query('SELECT 1')).rejects.toThrow();
    await frozen.release();
    await expect(service.query('SELECT 1 AS answer')).resolves.toEqual([{ answer: 1 }]);
  });

  it('a caller waiting for a free connection gives up after the connect timeout', async () => {
    // The holder's transaction must outlive the wait, or Postgres would end it and free the connection.
    const service = await open({ timeouts: { ...TIGHT, idleInTransactionTimeoutMs: 10_000 }, poolSize: 1 });
    const holder = service.createQueryRunner();
    await holder.startTransaction();
    await holder.query('SELECT 1');

    await expect(service.query('SELECT 1')).rejects.toThrow(/timeout/i);

    await holder.commitTransaction();
    await holder.release();
    await expect(service.query('SELECT 1 AS answer')).resolves.toEqual([{ answer: 1 }]);
  });

  describe('a server that takes the connection and never answers', () => {
    let silent: Server;
    let url: string;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      const port = await freePort();
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
      url = `postgres://tend@127.0.0.1:${port}/tend`;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('is given up on after the connect timeout, so a start fails instead of hanging', async () => {
      await expect(dataSourceOn(url, { timeouts: TIGHT }).initialize()).rejects.toThrow(/timeout/i);
    });
  });
});
