import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-6TPBO2DI.js";
import "./chunk-KHG2ZNYW.js";
import "./chunk-POYLVTFR.js";
export {
  runGate
};
