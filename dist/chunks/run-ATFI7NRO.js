import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-VANELQSV.js";
import "./chunk-EWF3Z4V2.js";
export {
  runGate
};
