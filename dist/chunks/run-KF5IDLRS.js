import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-FAOYK5GV.js";
import "./chunk-ZGHV4JHD.js";
export {
  runGate
};
