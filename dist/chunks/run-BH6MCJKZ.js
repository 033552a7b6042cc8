import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-DQE2RHFK.js";
import "./chunk-T3NF2ROV.js";
import "./chunk-KG5F2G4A.js";
import "./chunk-O54UC3Q5.js";
import "./chunk-HUZQ54LW.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-EBRXSLDV.js";
import "./chunk-AIQMBGXI.js";
import "./chunk-2EUQIP2O.js";
import "./chunk-KXLR6RWI.js";
export {
  runGate
};
