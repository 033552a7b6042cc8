import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-5W2I4FAR.js";
import "./chunk-4Y3XEYSJ.js";
import "./chunk-6FDBIO6F.js";
import "./chunk-5TPENOLY.js";
import "./chunk-Z35AJADL.js";
import "./chunk-F5FSBINH.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-S7MHUR74.js";
import "./chunk-J5PGZ2UT.js";
export {
  runGate
};
