import { describe, expect, it } from 'vitest';
import { listMigrations, splitStatements } from './migrate.js';

describe('splitStatements', () => {
  it('splits on line-ending semicolons and drops comment lines', () => {
    const text = `-- header; with a semicolon\nCREATE TABLE a (x int);\nINSERT INTO a VALUES (1);  \n\nCREATE INDEX a_x ON a (x);`;
    expect(splitStatements(text)).toEqual(['CREATE TABLE a (x int)', 'INSERT INTO a VALUES (1)', 'CREATE INDEX a_x ON a (x)']);
  });
  it('keeps semicolons inside a line', () => {
    expect(splitStatements(`SELECT ';' AS s;\n`)).toEqual([`SELECT ';' AS s`]);
  });
  it('keeps a $$ function body whole', () => {
    const text = `CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM 1;\n  PERFORM 2;\nEND\n$$;\nSELECT f();`;
    expect(splitStatements(text)).toEqual([`CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM 1;\n  PERFORM 2;\nEND\n$$`, 'SELECT f()']);
  });
});

describe('migration files', () => {
  it('are numbered without gaps from 001', () => {
    const ids = listMigrations().map((m) => m.id);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });
});
