import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-FUMIRDV5.js";
import "./chunk-L34KG44E.js";
export {
  runGate
};
