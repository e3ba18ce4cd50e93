// Reads Parquet files with independent readers and prints normalised JSON for test assertions.
// Usage: node parquet-read.mjs < request.json
// request: { "files": [ { "path": "...", "readers": ["duckdb", "hyparquet", "wasm"],
//                         "mode": "rows" | "digest", "sample": [rowIndex, ...], "metadata": true } ] }
// reply:   { "results": [ { "path", "reader", "error"?, "rowCount", "schema": [{name, type}],
//                           "rows"?: [[...]], "digest"?: {column: {nonNull, hash}}, "sample"?: {index: row},
//                           "metadata"?: [...], "parquetSchema"?: [...] (DuckDB), "footer"?: {...} (hyparquet) } ] }
// Values are normalised so the readers compare: integers of 64 bits and timestamps (as microseconds
// since the Unix epoch) become decimal strings, doubles stay numbers except NaN, Infinity,
// -Infinity and -0 (spelled as those strings), bytes become base64, JSON stays text.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { DuckDBInstance } from '@duckdb/node-api'
import { parquetMetadataAsync, parquetReadObjects, parquetRead, parquetSchema, asyncBufferFromFile } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { tableFromIPC, DataType } from 'apache-arrow'

const require = createRequire(import.meta.url)
const decoder = new TextDecoder()

function normalizeNumber(v) {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return 'Infinity'
  if (v === -Infinity) return '-Infinity'
  if (Object.is(v, -0)) return '-0'
  return v
}

function normalize(v) {
  if (v === null || v === undefined) return null
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'number') return normalizeNumber(v)
  if (typeof v === 'string' || typeof v === 'boolean') return v
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
  if (v instanceof Date) return (BigInt(v.getTime()) * 1000n).toString()
  if (typeof v === 'object' && 'micros' in v) return v.micros.toString()
  if (Array.isArray(v)) return v.map(normalize)
  return String(v)
}

// FNV-1a over each value's JSON text, in row order: equal digests mean equal columns.
class Digest {
  constructor() { this.nonNull = 0; this.hash = 0x811c9dc5 }
  add(v) {
    if (v !== null) this.nonNull++
    const text = JSON.stringify(v) + '\u0001'
    let h = this.hash
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0 }
    this.hash = h
  }
  toJSON() { return { nonNull: this.nonNull, hash: this.hash.toString(16) } }
}

function shape(request, schema, rowCount, columns) {
  // columns: array of { name, values: iterable of normalised values in row order }
  const result = { schema, rowCount }
  if ((request.mode ?? 'rows') === 'rows') {
    const rows = []
    for (let i = 0; i < rowCount; i++) rows.push(columns.map(c => c.values[i]))
    result.rows = rows
  } else {
    result.digest = {}
    for (const c of columns) {
      const d = new Digest()
      for (let i = 0; i < rowCount; i++) d.add(c.values[i])
      result.digest[c.name] = d
    }
  }
  if (request.sample) {
    result.sample = {}
    for (const i of request.sample) result.sample[i] = columns.map(c => c.values[i])
  }
  return result
}

let duck
async function duckdb(request) {
  duck ??= await (await DuckDBInstance.create(':memory:')).connect()
  const path = request.path.replaceAll("'", "''")
  const reader = await duck.runAndReadAll(`SELECT * FROM read_parquet('${path}')`)
  const names = reader.columnNames()
  const types = reader.columnTypes().map(t => t.toString())
  const schema = names.map((name, i) => ({ name, type: types[i] }))
  const raw = reader.getColumns()
  const columns = names.map((name, i) => ({ name, values: (raw[i] ?? []).map(normalize) }))
  const result = shape(request, schema, reader.currentRowCount, columns)
  if (request.metadata) {
    const meta = await duck.runAndReadAll(`SELECT * FROM parquet_metadata('${path}')`)
    result.metadata = meta.getRowObjects().map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)])))
    const ps = await duck.runAndReadAll(`SELECT * FROM parquet_schema('${path}')`)
    result.parquetSchema = ps.getRowObjects().map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)])))
    const kv = await duck.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${path}')`)
    result.keyValueMetadata = kv.getRowObjects().map(r => ({ key: normalize(r.key), value: normalize(r.value) }))
    const fm = await duck.runAndReadAll(`SELECT * FROM parquet_file_metadata('${path}')`)
    result.fileMetadata = fm.getRowObjects().map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)])))
  }
  return result
}

async function hyparquet(request) {
  const file = await asyncBufferFromFile(request.path)
  const metadata = await parquetMetadataAsync(file)
  const tree = parquetSchema(metadata)
  const schema = tree.children.map(c => ({
    name: c.element.name,
    type: [c.element.type, c.element.logical_type?.type ?? c.element.converted_type].filter(Boolean).join('/'),
  }))
  const rowCount = Number(metadata.num_rows)
  const parsers = {
    timestampFromMicroseconds: micros => BigInt(micros).toString(),
    jsonFromBytes: bytes => bytes && decoder.decode(bytes),
  }
  const columns = schema.map(s => ({ name: s.name, values: new Array(rowCount) }))
  await parquetRead({
    file, metadata, compressors, parsers, utf8: true,
    onChunk: ({ columnName, columnData, rowStart }) => {
      const target = columns.find(c => c.name === columnName).values
      for (let i = 0; i < columnData.length; i++) target[rowStart + i] = normalize(columnData[i])
    },
  })
  const result = shape(request, schema, rowCount, columns)
  // hyparquet's own decoding of the footer (FileMetaData), for checks DuckDB does not expose.
  if (request.metadata) result.footer = plain(metadata)
  return result
}

function plain(v) {
  if (Array.isArray(v)) return v.map(plain)
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  }
  return normalize(v)
}

let wasm
async function parquetWasm(request) {
  wasm ??= require('parquet-wasm/node')
  const table = tableFromIPC(wasm.readParquet(readFileSync(request.path)).intoIPCStream())
  const schema = table.schema.fields.map(f => ({ name: f.name, type: f.type.toString() }))
  const columns = table.schema.fields.map((f, i) => {
    const vector = table.getChildAt(i)
    const values = new Array(table.numRows)
    let row = 0
    for (const data of vector.data) {
      for (let j = 0; j < data.length; j++, row++) {
        if (!isValid(data, j)) { values[row] = null; continue }
        if (DataType.isTimestamp(f.type)) values[row] = data.values[data.offset + j].toString()
        else values[row] = null
      }
    }
    // Non-timestamp values through the vector's own accessors.
    if (!DataType.isTimestamp(f.type)) {
      for (let r = 0; r < table.numRows; r++) values[r] = vector.isValid(r) ? normalize(vector.get(r)) : null
    }
    return { name: f.name, values }
  })
  return shape(request, schema, table.numRows, columns)
}

function isValid(data, j) {
  if (!data.nullBitmap || data.nullCount === 0) return true
  const bit = data.offset + j
  return (data.nullBitmap[bit >> 3] & (1 << (bit & 7))) !== 0
}

const readers = { duckdb, hyparquet, wasm: parquetWasm }
const request = JSON.parse(readFileSync(0, 'utf8'))
const results = []
for (const file of request.files) {
  for (const name of file.readers ?? Object.keys(readers)) {
    try {
      results.push({ path: file.path, reader: name, ...(await readers[name](file)) })
    } catch (e) {
      results.push({ path: file.path, reader: name, error: String(e?.stack ?? e) })
    }
  }
}
process.stdout.write(JSON.stringify({ results }))
