import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-CBXEYHJ5.js";
import "./chunk-6KJFPJGN.js";
import "./chunk-SLXCL2ZN.js";
export {
  runGate
};
