import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-CGIVFRRS.js";
import "./chunk-J7PUXVDU.js";
export {
  runGate
};
