import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-DT6ZRSQ2.js";
import "./chunk-7S62UPEN.js";
export {
  runGate
};
