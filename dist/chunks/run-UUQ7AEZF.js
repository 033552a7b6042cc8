import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-4G5BYWTF.js";
import "./chunk-E7CSCX5Z.js";
import "./chunk-6FDBIO6F.js";
import "./chunk-FCSKRBQL.js";
import "./chunk-BEHJ7T4K.js";
import "./chunk-6YV5HM5V.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-FHJVJR6K.js";
import "./chunk-J5PGZ2UT.js";
export {
  runGate
};
