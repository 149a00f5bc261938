// The two storage backends every API test runs against. Each `create()` gives a fresh, empty
// database plus a raw SQL handle (to tamper with rows the way an attacker with DB access would).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migrateStore, openStore } from '../../../dist/collector/collector/open-store.js';

let counter = 0;

const sqlite = {
  name: 'sqlite',
  skip: false,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'samtycke-test-'));
    const dbPath = join(dir, 'proofs.sqlite');
    await migrateStore({ sqlitePath: dbPath });
    const store = await openStore({ sqlitePath: dbPath });
    return {
      store,
      dbPath,
      env: {},
      cliArgs: ['--db', dbPath],
      async sql(query) {
        const db = new Database(dbPath);
        try {
          const statement = db.prepare(query);
          return statement.reader ? statement.all() : statement.run();
        } finally {
          db.close();
        }
      },
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const baseUrl = process.env.SAMTYCKE_TEST_DATABASE_URL;
const postgres = {
  name: 'postgres',
  skip: baseUrl
    ? false
    : `PostgreSQL not available (${process.env.SAMTYCKE_TEST_POSTGRES_SKIP ?? 'run through npm run test:server, or set SAMTYCKE_TEST_DATABASE_URL'})`,
  /** `chains`: how many chains the new log has (PostgreSQL only). */
  async create({ chains } = {}) {
    const name = `samtycke_t_${process.pid}_${Date.now()}_${counter++}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    await migrateStore({ databaseUrl }, { chains });
    const store = await openStore({ databaseUrl });
    return {
      store,
      databaseUrl,
      env: { DATABASE_URL: databaseUrl },
      cliArgs: [],
      async sql(query) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          return (await client.query(query)).rows;
        } finally {
          await client.end();
        }
      },
      async dispose() {
        await store.close();
        const drop = new pg.Client({ connectionString: baseUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  },
};

export const BACKENDS = [sqlite, postgres];
