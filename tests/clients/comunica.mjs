// node comunica.mjs SOURCE-URL TYPE QUERY  →  the bindings as JSON (TYPE: sparql for an endpoint, file for a document)
import { QueryEngine } from '@comunica/query-sparql';

const [source, type, query] = process.argv.slice(2);
const engine = new QueryEngine();
const stream = await engine.queryBindings(query, { sources: [{ type, value: source }] });
const rows = (await stream.toArray()).map((b) => Object.fromEntries([...b].map(([k, v]) => [k.value, v.value])));
console.log(JSON.stringify(rows));
