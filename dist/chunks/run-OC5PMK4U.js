import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-PVKTTUAD.js";
import "./chunk-LL7CEJWN.js";
import "./chunk-NQTSAERG.js";
import "./chunk-ULMMIOQM.js";
import "./chunk-Z35AJADL.js";
import "./chunk-F5FSBINH.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-S7MHUR74.js";
import "./chunk-J5PGZ2UT.js";
export {
  runGate
};
