// Runs SQL statements in one in-memory DuckDB and prints each statement's rows and duration.
// Usage: node parquet-duckdb-sql.mjs < request.json
// request: { "statements": ["CREATE TABLE ...", "COPY ... TO '...' (FORMAT parquet)", ...] }
// reply:   { "results": [ { "ms": <elapsed milliseconds>, "rows": [ {...}, ... ] } ] }
import { readFileSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'

const request = JSON.parse(readFileSync(0, 'utf8'))
const connection = await (await DuckDBInstance.create(':memory:')).connect()
const results = []
for (const sql of request.statements) {
  const started = process.hrtime.bigint()
  const reader = await connection.runAndReadAll(sql)
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const rows = reader.getRowObjectsJson()
  results.push({ ms, rows })
}
process.stdout.write(JSON.stringify({ results }))
