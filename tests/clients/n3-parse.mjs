// node n3-parse.mjs URL  →  the number of triples N3.js parses from the Turtle document at URL
import { Parser } from 'n3';

const response = await fetch(process.argv[2], { headers: { Accept: 'text/turtle' } });
if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
const quads = new Parser({ baseIRI: response.url }).parse(await response.text());
console.log(JSON.stringify({ contentType: response.headers.get('content-type'), triples: quads.length }));
