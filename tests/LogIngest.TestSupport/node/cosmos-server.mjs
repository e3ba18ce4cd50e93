// The Cosmos DB SQL API for tests: @vercel/cosmosdb-server's in-memory account and request handlers,
// hosted here behind a small compatibility layer that fills what the .NET SDK (gateway mode, Linux)
// needs and the server lacks:
//   1. the query-plan request (x-ms-cosmos-is-query-plan-request): answered here with a pass-through
//      plan over the one partition key range, so the server itself evaluates ORDER BY / TOP / COUNT;
//   2. partition-key filtering: a query sent with x-ms-documentdb-partitionkey runs over that
//      partition's items only;
//   3. reads, replaces, patches and deletes of a missing item answer 404 NotFound, never 500.
// It also answers the SDK's incremental partition-key-range reads with 304 once they are known, and
// sends no session token (the SDK rejects the server's made-up ones). The pass-through plan is right
// only because this server has a single partition key range and evaluates each query whole.
// Plain HTTP on 127.0.0.1: the SDK accepts an http endpoint, so tests need no certificate trust.
// Usage: node cosmos-server.mjs --port <port>
import http from "node:http";
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Account = require("@vercel/cosmosdb-server/lib/account").default;
const findRoute = require("@vercel/cosmosdb-server/lib/routes").default;
const queryDocuments = require("@vercel/cosmosdb-server/lib/handler/query-documents").default;
const readItems = require("@vercel/cosmosdb-server/lib/handler/_read-items").default;
const readJson = require("@vercel/cosmosdb-server/lib/json").default;
const { parsePartitionKey } = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");
const compileQuery = require("@zeit/cosmosdb-query").default;

const host = "127.0.0.1";
const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number.parseInt(process.argv[portArg + 1], 10) : NaN;
if (!Number.isInteger(port) || port <= 0) {
  console.error("cosmos-server: pass --port <port>");
  process.exit(2);
}

const account = new Account(host, port);
// The stock account advertises https locations; this endpoint is http.
for (const location of [...account.read().writableLocations, ...account.read().readableLocations]) {
  location.databaseAccountEndpoint = `http://${host}:${port}/`;
}

const isTrue = (req, name) => String(req.headers[name] ?? "").toLowerCase() === "true";

// What the SDK's gateway query-plan call expects (PartitionedQueryExecutionInfo, version 2): an empty
// plan means "no client-side ORDER BY / aggregate / DISTINCT"; the single range spans every key.
const passThroughPlan = () => ({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
});

// The partition key values a request names, or null when it names none ("[{}]" is the SDK's "none").
function requestedPartition(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (!header || header === "[{}]" || header === "[]") return null;
  const parsed = JSON.parse(header);
  return Array.isArray(parsed) ? parsed : [parsed];
}

const valueAt = (doc, path) => path.slice(1).split("/").reduce((v, key) => (v == null ? undefined : v[key]), doc);
const sameValue = (a, b) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

function queryOnePartition(req, res, { dbId, collId }, partition) {
  return readItems(req, res, "Documents", async ({ continuation, maxItemCount }) => {
    const body = await readJson(req);
    const collection = account.database(dbId).collection(collId);
    const definition = collection.read();
    if (!definition) return null;
    const paths = definition.partitionKey?.paths ?? ["/id"];
    const all = collection.documents.read().result;
    const inPartition = all.filter(doc => paths.every((path, i) => sameValue(valueAt(doc, path), partition[i])));
    try {
      return compileQuery(body.query).exec(inPartition, {
        parameters: body.parameters,
        maxItemCount,
        continuation,
        compositeIndexes: definition.indexingPolicy?.compositeIndexes ?? [],
      });
    } catch (err) {
      if (err?.name === "SyntaxError") throw err; // readItems answers 400 with the parser's message
      res.statusCode = 400;
      return { code: "BadRequest", message: String(err?.message ?? err) };
    }
  });
}

async function answer(req, res) {
  const route = findRoute(req);
  if (!route) {
    res.statusCode = 400;
    return { code: "BadRequest", message: `no route for ${req.method} ${req.url}` };
  }
  const [params, handler] = route;
  if (handler === queryDocuments && isTrue(req, "x-ms-cosmos-is-query-plan-request")) {
    return passThroughPlan();
  }
  const partition = handler === queryDocuments ? requestedPartition(req) : null;
  if (partition) {
    return queryOnePartition(req, res, params, partition);
  }
  if (params.docId && isMissingItem(params, req)) {
    res.statusCode = 404;
    return notFound();
  }
  return handler(account, req, res, params);
}

const notFound = () => ({ code: "NotFound", message: "Entity with the specified id does not exist in the system." });

// The stock read handler dereferences the missing item and answers 500; the others answer 404 with
// varying bodies. Checking first gives every item operation the same 404 NotFound.
function isMissingItem({ dbId, collId, docId }, req) {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return true;
  const header = req.headers["x-ms-documentdb-partitionkey"];
  const partition = header ? parsePartitionKey(header, docId) : docId;
  return !collection.document(docId, partition).read();
}

// COSMOS_SERVER_TRACE=<file> appends one line per request, for diagnosing SDK/server mismatches.
const traceFile = process.env.COSMOS_SERVER_TRACE;
function trace(req, res) {
  if (!traceFile) return;
  const names = [
    "x-ms-documentdb-partitionkey", "x-ms-cosmos-is-query-plan-request", "x-ms-documentdb-query-enablecrosspartition",
    "x-ms-documentdb-partitionkeyrangeid", "content-type",
  ];
  const flags = names.filter(n => req.headers[n] !== undefined).map(n => `${n}=${req.headers[n]}`).join(" ");
  appendFileSync(traceFile, `${req.method} ${req.url} ${flags} -> ${res.statusCode}\n`);
}

const server = http.createServer((req, res) => {
  res.on("finish", () => trace(req, res));
  answer(req, res)
    .then(body => {
      body ??= {};
      if (res.statusCode === 404 && !body.code) body = { ...notFound(), ...body };
      if (body._etag) res.setHeader("etag", body._etag);
      // The SDK reads partition key ranges as an incremental feed (A-IM) until "not modified": the
      // ranges never change here, so the first read returns them with etag 1 and any later one 304.
      if (req.headers["a-im"] && res.statusCode === 200) {
        if (req.headers["if-none-match"]) res.statusCode = 304;
        res.setHeader("etag", "1");
      }
      res.setHeader("content-type", "application/json");
      res.setHeader("x-ms-activity-id", randomUUID());
      res.setHeader("x-ms-request-charge", "1");
      res.end(JSON.stringify(body));
    })
    .catch(err => {
      console.error(err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ code: "InternalServerError", message: String(err?.message ?? err) }));
      } else {
        res.end();
      }
    });
});

server.keepAliveTimeout = 30_000;
server.listen(port, host, () => console.log(`cosmos-server listening on http://${host}:${port}/`));
