import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-KJY3DL4B.js";
import "./chunk-7EKFOE46.js";
export {
  runGate
};
