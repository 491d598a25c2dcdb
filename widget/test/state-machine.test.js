'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parts } = require('./helpers');

const { transition, STATES } = parts;
const at = (name, extra) => Object.assign({ name }, extra || {});

test('idle -> starting -> connecting -> live: the normal path', () => {
  let s = at('idle');
  s = transition(s, { type: 'start' });
  assert.equal(s.name, 'starting');
  s = transition(s, { type: 'started' });
  assert.equal(s.name, 'connecting');
  s = transition(s, { type: 'stream_open' });
  assert.equal(s.name, 'live');
});

test('the stream unavailable means polling, and an open stream ends polling', () => {
  for (const from of ['connecting', 'live', 'polling']) {
    assert.equal(transition(at(from), { type: 'stream_unavailable' }).name, 'polling');
  }
  assert.equal(transition(at('polling'), { type: 'stream_open' }).name, 'live');
});

test('a live stream that breaks is connecting again (it resumes), not polling', () => {
  assert.equal(transition(at('live'), { type: 'stream_lost' }).name, 'connecting');
  assert.equal(transition(at('polling'), { type: 'stream_lost' }), null);
});

test('a refused start fails with its notice and whether a retry follows', () => {
  assert.deepEqual(transition(at('starting'), { type: 'start_failed', notice: 'retrying', retry: true }),
    { name: 'failed', notice: 'retrying', retry: true });
  assert.equal(transition(at('live'), { type: 'start_failed', notice: 'x' }), null);
});

test('a session that ended without renewal keeps its reason and notice', () => {
  assert.deepEqual(transition(at('live'), { type: 'session_ended', reason: 'expired', notice: 'sessionEnded' }),
    { name: 'ended', reason: 'expired', notice: 'sessionEnded' });
  assert.equal(transition(at('idle'), { type: 'session_ended', reason: 'expired' }), null);
});

test('signed out (logout, revoked) ends from any state', () => {
  for (const from of STATES) {
    assert.deepEqual(transition(at(from), { type: 'signed_out', reason: 'revoked' }), { name: 'ended', reason: 'revoked', notice: null });
  }
  assert.equal(transition(at('live'), { type: 'signed_out' }).reason, 'logout');
});

test('late events of an earlier connection change nothing', () => {
  assert.equal(transition(at('ended'), { type: 'stream_open' }), null);
  assert.equal(transition(at('failed'), { type: 'stream_unavailable' }), null);
  assert.equal(transition(at('live'), { type: 'started' }), null);
  assert.equal(transition(at('live'), { type: 'no_such_event' }), null);
});

test('start is allowed from every state (restart, login, retry)', () => {
  for (const from of STATES) assert.equal(transition(at(from), { type: 'start' }).name, 'starting');
});
