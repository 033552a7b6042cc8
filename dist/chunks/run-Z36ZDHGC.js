import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-F343XMQO.js";
import "./chunk-UV424N2Z.js";
import "./chunk-6FDBIO6F.js";
import "./chunk-YAJYSK2P.js";
import "./chunk-PMAKS7MM.js";
import "./chunk-F5FSBINH.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-S7MHUR74.js";
import "./chunk-J5PGZ2UT.js";
export {
  runGate
};
