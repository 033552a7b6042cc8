/** Stage 1: raising the model's opset to TARGET_OPSET (whitelist + the attribute -> input moves the ops on our list need). */
import { attrFloat, attrInt, attrInts } from '../onnx/proto.ts';
import type { ModelProto, NodeProto, TensorProto } from '../onnx/proto.ts';
import { TensorDataType } from '../onnx/tensor.ts';
import { aInt, floatConst, mkNode } from './graph.ts';
import { UnsupportedOpError } from './errors.ts';
import { graphOf, tensorI64 } from './util.ts';

export const TARGET_OPSET = 17;

/** Ops whose semantics (for the attributes and inputs they can have) did not change between opset 7 and 17. */
const SAFE_FROM_7 = new Set([
  'Conv', 'ConvTranspose', 'Add', 'Sub', 'Mul', 'Div', 'Neg', 'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Exp', 'Log',
  'Sqrt', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'GlobalMaxPool', 'Reshape', 'MatMul', 'Gemm', 'Flatten',
  'Identity', 'Transpose', 'Concat', 'Gather', 'Constant', 'Shape', 'Sum', 'Cast', 'Abs', 'Max', 'Min', 'Equal',
  'Greater', 'Less', 'Not', 'And', 'Or', 'Pow', 'Reciprocal', 'Floor', 'Ceil', 'Size', 'Tile', 'Expand',
  'ReduceMean', 'ReduceMax', 'ReduceMin', 'ArgMax', 'ArgMin',
  // unchanged up to 17 but for added types (Erf, Where, CumSum) or, for GRU/LSTM, the `layout` attribute added at 14
  // whose default is the old behaviour
  'Erf', 'Where', 'CumSum', 'HardSigmoid', 'Softplus', 'Elu', 'Selu', 'GRU', 'LSTM',
]);

export function raiseOpset(m: ModelProto): string | null {
  const g = graphOf(m);
  const imp = m.opsetImport.find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx');
  const v = imp?.version ?? 1;
  if (v >= TARGET_OPSET) return null;
  if (v < 7) throw new UnsupportedOpError('opset', '', `the model imports opset ${v}; opsets below 7 (legacy broadcast attributes) are not supported`);
  const out: NodeProto[] = [];
  let k = 0;
  const cst = (t: TensorProto): string => {
    const name = `mg_cv_${k++}`;
    t.name = name;
    g.initializer.push(t);
    return name;
  };
  const i64 = (vals: number[]): string => cst(tensorI64(vals));
  for (const n of g.node) {
    const op = n.opType ?? '';
    const dom = n.domain ?? '';
    if (dom !== '' && dom !== 'ai.onnx') {
      out.push(n);
      continue;
    }
    const drop = (names: string[]): void => {
      n.attribute = n.attribute.filter((a) => !names.includes(a.name ?? ''));
    };
    if (v >= 13 || SAFE_FROM_7.has(op)) {
      if (op === 'ReduceSum' && v < 13) {
        const axes = attrInts(n, 'axes');
        drop(['axes']);
        if (axes) n.input = [n.input[0], i64(axes)];
      }
      out.push(n);
      continue;
    }
    switch (op) {
      case 'Softmax':
      case 'LogSoftmax': {
        // opset < 13: flatten to 2-D at `axis` (default 1), normalise over the second dim, reshape back
        const axis = attrInt(n, 'axis', 1)!;
        const flat = `${n.output[0]}__mg_flat`;
        const sm = `${n.output[0]}__mg_sm`;
        const shp = `${n.output[0]}__mg_shape`;
        out.push(mkNode('Flatten', [n.input[0]], [flat], [aInt('axis', axis)]));
        out.push(mkNode(op, [flat], [sm], [aInt('axis', 1)]));
        out.push(mkNode('Shape', [n.input[0]], [shp]));
        out.push(mkNode('Reshape', [sm, shp], [n.output[0]], [], n.name));
        continue;
      }
      case 'Dropout': {
        if (n.output.length > 1 && n.output[1]) throw new UnsupportedOpError(op, n.name ?? '', 'Dropout mask output is used');
        out.push(mkNode('Identity', [n.input[0]], [n.output[0]], [], n.name));
        continue;
      }
      case 'BatchNormalization': {
        if (attrInt(n, 'spatial', 1) !== 1) throw new UnsupportedOpError(op, n.name ?? '', 'spatial=0 (per-activation) batch norm');
        if (n.output.length > 1) throw new UnsupportedOpError(op, n.name ?? '', 'training-mode batch norm');
        drop(['spatial', 'is_test', 'consumed_inputs']);
        out.push(n);
        continue;
      }
      case 'Squeeze':
      case 'Unsqueeze': {
        const axes = attrInts(n, 'axes');
        drop(['axes']);
        n.input = axes ? [n.input[0], i64(axes)] : [n.input[0]];
        out.push(n);
        continue;
      }
      case 'Clip': {
        if (v < 11) {
          const dt = TensorDataType.FLOAT;
          const lo = attrFloat(n, 'min', -3.4028234663852886e38)!;
          const hi = attrFloat(n, 'max', 3.4028234663852886e38)!;
          drop(['min', 'max']);
          n.input = [n.input[0], cst(floatConst('', dt, [lo], [])), cst(floatConst('', dt, [hi], []))];
        }
        out.push(n);
        continue;
      }
      case 'Pad': {
        if (v < 11) {
          const pads = attrInts(n, 'pads') ?? attrInts(n, 'paddings') ?? [];
          const value = attrFloat(n, 'value', 0)!;
          drop(['pads', 'paddings', 'value']);
          n.input = [n.input[0], i64(pads), cst(floatConst('', TensorDataType.FLOAT, [value], []))];
        }
        out.push(n);
        continue;
      }
      case 'Slice': {
        if (v < 10) {
          const starts = attrInts(n, 'starts') ?? [];
          const ends = attrInts(n, 'ends') ?? [];
          const axes = attrInts(n, 'axes');
          drop(['starts', 'ends', 'axes']);
          n.input = [n.input[0], i64(starts), i64(ends), ...(axes ? [i64(axes)] : [])];
        }
        out.push(n);
        continue;
      }
      case 'ReduceSum': {
        const axes = attrInts(n, 'axes');
        drop(['axes']);
        if (axes) n.input = [n.input[0], i64(axes)];
        out.push(n);
        continue;
      }
      default:
        throw new UnsupportedOpError(op, n.name ?? '', `the model imports opset ${v}; raising ${op} to opset ${TARGET_OPSET} is not known to be safe`);
    }
  }
  g.node = out;
  imp!.version = TARGET_OPSET;
  if ((m.irVersion ?? 0) < 8) m.irVersion = 8;
  return `${v} -> ${TARGET_OPSET}`;
}
