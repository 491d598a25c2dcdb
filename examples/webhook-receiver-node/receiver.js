// A visitorauth webhook receiver that verifies every delivery with the standardwebhooks library
// (Standard Webhooks' own verifier), then acknowledges it with 204.
//
//   WEBHOOK_SECRET=whsec_... PORT=8787 node receiver.js
//
// WEBHOOK_SECRET is the `secret` POST /v1/admin/webhooks returned. Each verified delivery is written
// to standard output as one JSON line ({"verified": true, "id", "type", "data"}); a delivery that
// does not verify is answered 400 and written as {"verified": false, "error"}. visitorauth delivers
// at least once: de-duplicate on the webhook-id header (the event id), as the `seen` set does here.
'use strict';

const http = require('node:http');
const { Webhook } = require('standardwebhooks');

const secret = process.env.WEBHOOK_SECRET;
if (!secret || !secret.startsWith('whsec_')) {
  console.error('set WEBHOOK_SECRET to the whsec_ secret visitorauth returned');
  process.exit(2);
}
const webhook = new Webhook(secret);
const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 8787);
const maxBody = 256 * 1024;
const seen = new Set();

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBody) {
      res.writeHead(413).end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    // Verify the raw body, exactly as received: re-serialised JSON would not verify.
    const body = Buffer.concat(chunks).toString('utf8');
    let event;
    try {
      event = webhook.verify(body, {
        'webhook-id': req.headers['webhook-id'],
        'webhook-timestamp': req.headers['webhook-timestamp'],
        'webhook-signature': req.headers['webhook-signature'],
      });
    } catch (err) {
      console.log(JSON.stringify({ verified: false, error: String(err && err.message) }));
      res.writeHead(400).end();
      return;
    }
    const id = req.headers['webhook-id'];
    const duplicate = seen.has(id);
    seen.add(id);
    console.log(JSON.stringify({ verified: true, id, duplicate, type: event.type, data: event.data }));
    res.writeHead(204).end();
  });
});

server.listen(port, host, () => {
  console.log(JSON.stringify({ listening: server.address().port }));
});
