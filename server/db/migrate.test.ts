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
  it('keeps a dollar-quoted function body whole, its line-ending semicolons and comments included', () => {
    const body = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  -- why\n  NEW.x := 1;\n  RETURN NEW;\nEND $$`;
    const text = `${body};\nCREATE FUNCTION g() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$;\nSELECT 2;`;
    expect(splitStatements(text)).toEqual([body, 'CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$', 'SELECT 2']);
  });
});

describe('migration files', () => {
  it('are numbered without gaps from 001', () => {
    const ids = listMigrations().map((m) => m.id);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });
});
