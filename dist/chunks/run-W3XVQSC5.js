import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  runGate
} from "./chunk-XUEGBCX6.js";
import "./chunk-W2RUKBAE.js";
import "./chunk-6FDBIO6F.js";
import "./chunk-BZLMBMNI.js";
import "./chunk-EINX3OZH.js";
import "./chunk-ZCAHPYIO.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-FHJVJR6K.js";
import "./chunk-J5PGZ2UT.js";
export {
  runGate
};
