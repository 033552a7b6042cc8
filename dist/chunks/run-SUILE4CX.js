import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-ZQ3ZDY7S.js";
import "./chunk-SADMVCU7.js";
import "./chunk-6FDBIO6F.js";
import "./chunk-BBWKDLC6.js";
import "./chunk-BEHJ7T4K.js";
import "./chunk-6YV5HM5V.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-FHJVJR6K.js";
import "./chunk-J5PGZ2UT.js";
export {
  runGate
};
