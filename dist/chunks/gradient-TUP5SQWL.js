import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  DEFAULT_MEMORY_BUDGET,
  UnsupportedOpError,
  gradientBatch,
  gradientSessionsAtOnce,
  prepareGradient
} from "./chunk-EBRXSLDV.js";
import "./chunk-AIQMBGXI.js";
import "./chunk-2EUQIP2O.js";
import "./chunk-KXLR6RWI.js";
export {
  DEFAULT_MEMORY_BUDGET,
  UnsupportedOpError,
  gradientBatch,
  gradientSessionsAtOnce,
  prepareGradient
};
