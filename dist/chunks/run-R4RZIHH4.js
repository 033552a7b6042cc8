import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-AT2VBPP2.js";
import "./chunk-F3ZXTK2A.js";
export {
  runGate
};
