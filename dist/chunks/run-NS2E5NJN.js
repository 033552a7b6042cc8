import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-H75ZA5NT.js";
import "./chunk-KHG2ZNYW.js";
import "./chunk-POYLVTFR.js";
export {
  runGate
};
