// The page's state: settings hold only what the user changed (the core owns the defaults),
// and records stored before that drop the page's former defaults but keep real choices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createState, fromStored, toStored, settingsOf, viewOf } from '../../www/state.js';

const doc = (id) => ({ id, name: `${id}.txt`, text: 'Du texte.' });

test('a new state changes no setting; the settings in force are the core defaults', () => {
  const s = createState();
  assert.deepEqual(s.config, {});
  s.defaults = { split: 'sentences', threshold: 0.24, ignore_case: false };
  assert.deepEqual(settingsOf(s), s.defaults);
  s.config = { threshold: 0.5 };
  assert.equal(settingsOf(s).threshold, 0.5);
  assert.equal(settingsOf(s).ignore_case, false);
  assert.deepEqual(toStored(s).config, { threshold: 0.5 });
});

test('a record from before keeps the user choices, not the page defaults of then', () => {
  const s = createState();
  fromStored(s, {
    version: 1, documents: [doc('a'), doc('b')], left: 'a', right: 'b',
    config: { split: 'paragraphs', threshold: 0.21, ignore_case: true, ignore_accents: false, ignore_punctuation: true },
  });
  assert.deepEqual(s.config, { split: 'paragraphs', ignore_accents: false });
});

test('a record of changes is taken as it is; odd values are dropped', () => {
  const s = createState();
  fromStored(s, {
    version: 1, configKind: 'changes', documents: [doc('a'), doc('b')], left: 'a', right: 'b',
    config: { threshold: 0.21, ignore_case: 'yes', split: 'words' },
  });
  assert.deepEqual(s.config, { threshold: 0.21 });
});

test('the view: side by side for two accounts, who reports what from three, unless chosen', () => {
  const s = createState();
  s.docs = [doc('a'), doc('b')];
  assert.equal(viewOf(s), 'pair');
  s.docs.push(doc('c'));
  assert.equal(viewOf(s), 'matrix');
  s.prefs = { ...s.prefs, view: 'pair' };
  assert.equal(viewOf(s), 'pair');
  s.docs = [doc('a')];
  s.prefs = { ...s.prefs, view: 'matrix' };
  assert.equal(viewOf(s), 'pair');
});
