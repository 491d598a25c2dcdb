'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parts, JSDOM } = require('./helpers');

const { pickLocale, translator, STRINGS, parseColor, textColorOn, previewOf, TokenSource } = parts;

test('pickLocale: exact, by language, case-insensitive, else English', () => {
  assert.deepEqual(pickLocale('de'), { locale: 'de', matched: true });
  assert.deepEqual(pickLocale('de-DE'), { locale: 'de', matched: true });
  assert.deepEqual(pickLocale('FR_ca'), { locale: 'fr', matched: true });
  assert.deepEqual(pickLocale(undefined), { locale: 'en', matched: true });
  assert.deepEqual(pickLocale('pt-BR'), { locale: 'en', matched: false });
});

test('every shipped locale has every English string', () => {
  for (const locale of Object.keys(STRINGS)) {
    assert.deepEqual(Object.keys(STRINGS[locale]).sort(), Object.keys(STRINGS.en).sort(), locale);
  }
});

test('translator fills parameters and picks singular or plural', () => {
  const t = translator('en');
  assert.equal(t('signedInAs', { name: 'Ada' }), 'Signed in as Ada');
  assert.equal(t.count('openChatUnread', 1), 'Open support chat, 1 new reply');
  assert.equal(t.count('openChatUnread', 3), 'Open support chat, 3 new replies');
  assert.equal(translator('de').count('messages', 2), '2 Nachrichten');
});

test('parseColor accepts what CSS accepts as a colour, nothing else', () => {
  const { document } = new JSDOM('').window;
  for (const ok of ['#abc', '#0a7d38', 'rebeccapurple', 'rgb(10, 20, 30)', 'hsl(120, 50%, 40%)']) {
    assert.equal(parseColor(ok, document).color, ok, ok);
  }
  for (const bad of ['#ab', 'blue; x: y', '}', 'expression(alert(1))', 'url(x)', 'initial', '']) {
    assert.equal(parseColor(bad, document).color, null, bad);
  }
  assert.equal(parseColor('', document).warning, null, 'no setting: no warning');
  assert.match(parseColor('nope', document).warning, /not a CSS colour/);
});

test('text on the accent colour: white on dark colours, dark on light ones', () => {
  assert.equal(textColorOn('rgb(47, 91, 234)'), '#fff');
  assert.equal(textColorOn('rgb(255, 221, 0)'), '#1d2330');
  assert.equal(textColorOn('not computed'), '#fff');
});

test('previewOf: the first line, at most 140 code points', () => {
  assert.equal(previewOf('one\r\ntwo'), 'one');
  assert.equal(previewOf('😀'.repeat(150)), '😀'.repeat(140));
  assert.equal(previewOf(null), '');
});

test('TokenSource: a string once, a function every time, nothing when absent', async () => {
  const s = new TokenSource('abc');
  assert.equal(await s.next(), 'abc');
  s.spend();
  assert.equal(await s.next(), null);
  let n = 0;
  const f = new TokenSource(async () => 't' + ++n);
  assert.equal(await f.next(), 't1');
  f.spend();
  assert.equal(await f.next(), 't2');
  assert.equal(await new TokenSource('').next(), null);
  const errors = [];
  const failing = new TokenSource(() => { throw new Error('site down'); }, (e) => errors.push(e.message));
  assert.equal(await failing.next(), null);
  assert.deepEqual(errors, ['site down']);
});
