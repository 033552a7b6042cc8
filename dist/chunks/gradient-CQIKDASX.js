import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  DEFAULT_MEMORY_BUDGET,
  UnsupportedOpError,
  gradientBatch,
  gradientSessionsAtOnce,
  prepareGradient
} from "./chunk-Z35AJADL.js";
import "./chunk-S7MHUR74.js";
import "./chunk-J5PGZ2UT.js";
export {
  DEFAULT_MEMORY_BUDGET,
  UnsupportedOpError,
  gradientBatch,
  gradientSessionsAtOnce,
  prepareGradient
};
