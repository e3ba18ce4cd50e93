// Reads Parquet files with independent readers and prints normalised JSON for test assertions.
// Usage: node parquet-read.mjs < request.json
// request: { "files": [ { "path": "...", "readers": ["duckdb", "hyparquet", "wasm"],
//                         "mode": "rows" | "aggregate", "sample": [rowIndex, ...], "metadata": true } ] }
// reply:   { "results": [ { "path", "reader", "error"?, "rowCount", "schema": [{name, type}],
//                           "rows"?: [[...]], "aggregate"?: {column: {nonNull, sum}}, "sample"?: {index: row},
//                           "metadata"?: [...], "parquetSchema"?: [...] (DuckDB), "footer"?: {...} (hyparquet) } ] }
// Values are normalised so the readers compare: integers of 64 bits and timestamps (as microseconds
// since the Unix epoch) become decimal strings, doubles stay numbers except NaN, Infinity,
// -Infinity and -0 (spelled as those strings), bytes become base64, JSON stays text.
// Aggregate mode (for big files) returns per column the non-null count and a sum: of the values for
// integers, timestamps (microseconds) and doubles, of true values for booleans, and of UTF-8 byte
// lengths for strings; sums of 64-bit values are decimal strings.
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

class Aggregate {
  constructor() { this.nonNull = 0; this.big = 0n; this.num = 0; this.isBig = false }
  add(v) {
    if (v === null || v === undefined) return
    this.nonNull++
    if (typeof v === 'bigint') { this.big += v; this.isBig = true }
    else if (typeof v === 'boolean') this.num += v ? 1 : 0
    else if (typeof v === 'number') this.num += v
    else if (typeof v === 'string') this.num += Buffer.byteLength(v)
    else if (v instanceof Uint8Array) this.num += v.length
  }
  toJSON() { return { nonNull: this.nonNull, sum: this.isBig ? this.big.toString() : normalizeNumber(this.num) } }
}

function shape(request, schema, rowCount, columns) {
  // columns: array of { name, values: normalised values in row order }
  const result = { schema, rowCount }
  if ((request.mode ?? 'rows') === 'rows') {
    const rows = []
    for (let i = 0; i < rowCount; i++) rows.push(columns.map(c => c.values[i]))
    result.rows = rows
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
  let result
  if (request.mode === 'aggregate') {
    const described = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRowObjects()
    const schema = described.map(d => ({ name: d.column_name, type: d.column_type }))
    const q = c => '"' + c.replaceAll('"', '""') + '"'
    const sums = schema.map(({ name, type }) => {
      const c = q(name)
      if (type === 'BIGINT' || type.startsWith('TIMESTAMP')) return `sum(${type === 'BIGINT' ? c : `epoch_us(${c})`})::VARCHAR`
      if (type === 'BOOLEAN') return `sum(${c}::INTEGER)::DOUBLE`
      if (type === 'VARCHAR' || type === 'JSON') return `sum(strlen(${c}))::DOUBLE`
      return `sum(${c})::DOUBLE`
    })
    const select = schema.map(({ name }, i) => `count(${q(name)}), ${sums[i]}`).join(', ')
    const row = (await duck.runAndReadAll(`SELECT count(*), ${select} FROM read_parquet('${path}')`)).getRows()[0]
    result = { schema, rowCount: Number(row[0]), aggregate: {} }
    schema.forEach(({ name }, i) => {
      const sum = row[2 + 2 * i]
      result.aggregate[name] = { nonNull: Number(row[1 + 2 * i]), sum: sum === null ? 0 : normalize(sum) }
    })
    if (request.sample) {
      result.sample = {}
      for (const i of request.sample) {
        const one = await duck.runAndReadAll(`SELECT * FROM read_parquet('${path}') LIMIT 1 OFFSET ${Number(i)}`)
        result.sample[i] = one.getRows()[0].map(normalize)
      }
    }
  } else {
    const reader = await duck.runAndReadAll(`SELECT * FROM read_parquet('${path}')`)
    const names = reader.columnNames()
    const types = reader.columnTypes().map(t => t.toString())
    const schema = names.map((name, i) => ({ name, type: types[i] }))
    const raw = reader.getColumns()
    const columns = names.map((name, i) => ({ name, values: (raw[i] ?? []).map(normalize) }))
    result = shape(request, schema, reader.currentRowCount, columns)
  }
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
  let result
  if (request.mode === 'aggregate') {
    // Keep bytes and bigints as they come: sums need no per-value conversion.
    const parsers = { timestampFromMicroseconds: micros => BigInt(micros), jsonFromBytes: b => b, stringFromBytes: b => b }
    const aggregates = Object.fromEntries(schema.map(s => [s.name, new Aggregate()]))
    const sample = {}
    const wanted = new Set((request.sample ?? []).map(Number))
    await parquetRead({
      file, metadata, compressors, parsers, utf8: true,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const aggregate = aggregates[columnName]
        for (let i = 0; i < columnData.length; i++) aggregate.add(columnData[i])
        for (const w of wanted) {
          if (w >= rowStart && w < rowStart + columnData.length) {
            const v = columnData[w - rowStart]
            ;(sample[w] ??= {})[columnName] = v instanceof Uint8Array ? decoder.decode(v) : normalize(v)
          }
        }
      },
    })
    result = { schema, rowCount, aggregate: aggregates }
    if (request.sample) {
      result.sample = Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, schema.map(s => v[s.name] ?? null)]))
    }
  } else {
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
    result = shape(request, schema, rowCount, columns)
  }
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
  if (request.mode === 'aggregate') {
    const aggregate = {}
    table.schema.fields.forEach((f, i) => {
      const a = new Aggregate()
      for (const data of table.getChildAt(i).data) addChunk(a, f.type, data)
      aggregate[f.name] = a
    })
    const result = { schema, rowCount: table.numRows, aggregate }
    if (request.sample) {
      result.sample = {}
      for (const r of request.sample) {
        result.sample[r] = table.schema.fields.map((f, i) => cell(table.getChildAt(i), f.type, Number(r)))
      }
    }
    return result
  }
  const columns = table.schema.fields.map((f, i) => {
    const vector = table.getChildAt(i)
    const values = new Array(table.numRows)
    for (let r = 0; r < table.numRows; r++) values[r] = cell(vector, f.type, r)
    return { name: f.name, values }
  })
  return shape(request, schema, table.numRows, columns)
}

// One value of an Arrow vector, normalised; timestamps as raw microseconds.
function cell(vector, type, row) {
  if (!vector.isValid(row)) return null
  if (DataType.isTimestamp(type)) {
    let r = row
    for (const data of vector.data) {
      if (r < data.length) return data.values[data.offset + r].toString()
      r -= data.length
    }
  }
  return normalize(vector.get(row))
}

// Folds one Arrow chunk into an aggregate straight from its buffers.
function addChunk(a, type, data) {
  for (let j = 0; j < data.length; j++) {
    if (!isValid(data, j)) continue
    const k = data.offset + j
    if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) { a.nonNull++; a.num += Number(data.valueOffsets[k + 1]) - Number(data.valueOffsets[k]) }
    else if (DataType.isBool(type)) a.add(((data.values[k >> 3] >> (k & 7)) & 1) === 1)
    else a.add(data.values[k])
  }
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
