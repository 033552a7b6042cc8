import type * as ort from 'onnxruntime-node';
import { GateError } from '../errors.ts';

/**
 * An onnxruntime run failure as one line: which model, on which inputs (name, type, shape), onnxruntime's own
 * message (without its source paths and stack), and the likely fix. The original error stays the cause (--debug).
 */
export function modelRunError(modelRel: string, feeds: Record<string, ort.Tensor>, e: unknown, context: string): GateError {
  const inputs = Object.entries(feeds).map(([name, t]) => `${name} ${t.type} [${t.dims.join(', ')}]`).join(', ');
  const n = Object.keys(feeds).length;
  return new GateError(
    'model.run',
    `onnxruntime failed to run ${modelRel} on input${n === 1 ? '' : 's'} ${inputs}${context ? ` (${context})` : ''}: ${ortMessage(e)}: the model runs on some input shapes only (e.g. a batch size fixed inside the graph): export it with a dynamic batch dimension, or check model.inputs against the dataset`,
    { cause: e },
  );
}

/** onnxruntime's message, one line: without "Stacktrace:" sections, source file paths and C++ signatures. */
export function ortMessage(e: unknown): string {
  let m = e instanceof Error ? e.message : String(e);
  m = m.split(/\bStacktrace:/)[0];
  // "/onnxruntime_src/.../reshape_helper.h:91 onnxruntime::ReshapeHelper::ReshapeHelper(...) cond was false." -> ""
  m = m.replace(/\S*onnxruntime_src\/\S+:\d+\s+(\S+\([^)]*\)\s*)?/g, '');
  m = m.replace(/\s+/g, ' ').trim();
  return m.length > 400 ? `${m.slice(0, 400)}...` : m;
}
