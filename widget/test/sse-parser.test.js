'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parts } = require('./helpers');

const { SseParser } = parts;

function parseAll(chunks) {
  const parser = new SseParser();
  const events = [];
  for (const c of chunks) events.push(...parser.push(c));
  return { events, parser };
}

test('a frame of the server: id, event type and JSON data', () => {
  const { events } = parseAll(['id: 41\nevent: message.created\ndata: {"id":"41"}\n\n']);
  assert.deepEqual(events, [{ id: '41', type: 'message.created', data: '{"id":"41"}' }]);
});

test('a frame split anywhere across chunks is the same frame', () => {
  const text = 'id: 7\nevent: conversation.read\ndata: {"a":1}\n\n';
  for (let i = 1; i < text.length; i++) {
    const { events } = parseAll([text.slice(0, i), text.slice(i)]);
    assert.deepEqual(events, [{ id: '7', type: 'conversation.read', data: '{"a":1}' }], 'split at ' + i);
  }
});

test('several data lines join with a line feed', () => {
  const { events } = parseAll(['data: first\ndata: second\ndata:third\n\n']);
  assert.equal(events[0].data, 'first\nsecond\nthird');
  assert.equal(events[0].type, 'message');
});

test('comments (heartbeats) are not events, but are counted', () => {
  const { events, parser } = parseAll([': heartbeat\n\n', ':\n', 'data: x\n\n', ': another\n']);
  assert.deepEqual(events.map((e) => e.data), ['x']);
  assert.equal(parser.comments, 3);
});

test('CRLF, CR and LF line ends, also a CR at the end of one chunk and its LF at the start of the next', () => {
  assert.deepEqual(parseAll(['id: 1\r\ndata: a\r\n\r\n']).events, [{ id: '1', type: 'message', data: 'a' }]);
  assert.deepEqual(parseAll(['id: 2\rdata: b\r\r']).events, [{ id: '2', type: 'message', data: 'b' }]);
  const split = parseAll(['data: c\r', '\n\r', '\ndata: d\r\n\r\n']).events;
  assert.deepEqual(split.map((e) => e.data), ['c', 'd']);
  // A CRLF cut in two is one line end, not two (two would end the frame early).
  assert.deepEqual(parseAll(['data: a\r', '\ndata: b\r\n\r\n']).events.map((e) => e.data), ['a\nb']);
});

test('the id persists to later frames without one, and an empty frame dispatches nothing', () => {
  const { events, parser } = parseAll(['id: 5\ndata: a\n\n', 'data: b\n\n', 'id: 6\n\n', 'event: x\n\n']);
  assert.deepEqual(events.map((e) => e.id + '/' + e.data), ['5/a', '5/b']);
  assert.equal(parser.lastEventId, '6');
});

test('a leading space after the colon is removed once; a field without a colon has an empty value', () => {
  const { events } = parseAll(['data:  two spaces\ndata\n\n']);
  assert.equal(events[0].data, ' two spaces\n');
});

test('a byte order mark at the start is ignored; unknown fields are ignored; retry is read', () => {
  const { events, parser } = parseAll(['\ufeffdata: a\nfoo: bar\nretry: 2500\n\n']);
  assert.equal(events[0].data, 'a');
  assert.equal(parser.retry, 2500);
});

test('a line longer than the bound is an error (the buffer stays bounded)', () => {
  const parser = new SseParser(16);
  assert.throws(() => parser.push('data: ' + 'x'.repeat(40)), /longer than 16/);
});
