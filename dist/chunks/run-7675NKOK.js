import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-GEVEQ7DD.js";
import "./chunk-ZGHV4JHD.js";
export {
  runGate
};
