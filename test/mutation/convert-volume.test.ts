// Survivors of lib/convert/volume.ts (test/mutation/SURVIVORS.md) that no program shows: the notes
// volumeExpr records for fields a TODO(convert) comment can never name. The programs of
// test/convert/cases/volume-*.yaml cover the rest.
import { print } from '../../lib/convert/code';
import { Notes } from '../../lib/convert/fields';
import { volumeExpr } from '../../lib/convert/volume';

/** The expression volumeExpr writes for the first volume of a pod, and its notes. */
function convert(volume: unknown): { code?: string; notes: Notes } {
  const notes: Notes = new Map();
  const e = volumeExpr(volume, ['spec', 'volumes', 0], notes);
  return { code: e && print(e, ''), notes };
}

test('an emptyDir volume without a sizeLimit, or with one that Size writes exactly, has no sizeLimit note', () => {
  expect(convert({ name: 'cache', emptyDir: {} })).toEqual({ code: "Volume.emptyDir('cache')", notes: new Map() });
  expect(convert({ name: 'cache', emptyDir: { sizeLimit: '1Gi' } })).toEqual({ code: "Volume.emptyDir('cache', { sizeLimit: Size.gibibytes(1) })", notes: new Map() });
  expect(convert({ name: 'cache', emptyDir: { sizeLimit: '1G' } })).toEqual({
    code: "Volume.emptyDir('cache')",
    notes: new Map([['/spec/volumes/0/emptyDir/sizeLimit', '"1G" has no exact Size form']]),
  });
});

test('a downward API file takes its path and mode: neither is noted as a field DownwardApiFile has no', () => {
  expect(convert({ name: 'info', downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 }] } })).toEqual({
    code: "Volume.downwardApi('info', [{ path: 'name', fieldPath: 'metadata.name', mode: 0o400 }])",
    notes: new Map(),
  });
});
