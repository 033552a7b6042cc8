import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-WQ5ERA3Q.js";
import "./chunk-L34KG44E.js";
export {
  runGate
};
