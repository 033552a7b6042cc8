import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  DEFAULT_MEMORY_BUDGET,
  UnsupportedOpError,
  gradientBatch,
  gradientSessionsAtOnce,
  ortMessage,
  prepareGradient
} from "./chunk-BEHJ7T4K.js";
import {
  fmtShape,
  isLfsPointer,
  resolveInside,
  sessionOptions
} from "./chunk-6YV5HM5V.js";
import {
  pinHex,
  sha256File
} from "./chunk-5KBCKNTJ.js";
import {
  attrFloats,
  attrInts,
  attrStrings,
  attrTensor,
  decodeModel,
  tensorToArray
} from "./chunk-FHJVJR6K.js";
import {
  GateError,
  INTERNAL_HINT,
  __commonJS,
  __require,
  __toESM
} from "./chunk-J5PGZ2UT.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias2;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair2;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key2, node, visitor, path2) {
      const ctrl = callVisitor(key2, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path2, ctrl);
        return visit_(key2, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = visit_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key2, node, visitor, path2) {
      const ctrl = await callVisitor(key2, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path2, ctrl);
        return visitAsync_(key2, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key2, node, visitor, path2) {
      if (typeof visitor === "function")
        return visitor(key2, node, path2);
      if (identity.isMap(node))
        return visitor.Map?.(key2, node, path2);
      if (identity.isSeq(node))
        return visitor.Seq?.(key2, node, path2);
      if (identity.isPair(node))
        return visitor.Pair?.(key2, node, path2);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key2, node, path2);
      if (identity.isAlias(node))
        return visitor.Alias?.(key2, node, path2);
      return void 0;
    }
    function replaceNode(key2, path2, node) {
      const parent = path2[path2.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key2] = node;
      } else if (identity.isPair(parent)) {
        if (key2 === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source2, onError) {
        if (source2 === "!")
          return "!";
        if (source2[0] !== "!") {
          onError(`Not a valid tag: ${source2}`);
          return null;
        }
        if (source2[1] === "<") {
          const verbatim = source2.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source2} is invalid.`);
            return null;
          }
          if (source2[source2.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source2.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source2} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source2;
        onError(`Could not resolve tag: ${source2}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source2) => {
          aliasObjects.push(source2);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source2 of aliasObjects) {
            const ref = sourceObjects.get(source2);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source2;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key2, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key2, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source2) {
        super(identity.ALIAS);
        this.source = source2;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source2 = this.resolve(ctx.doc, ctx);
        if (!source2) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source2).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source2 = node.resolve(doc);
        const anchor = anchors2 && source2 && anchors2.get(source2);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path2, value) {
      let v = value;
      for (let i = path2.length - 1; i >= 0; --i) {
        const k = path2[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path2) => path2 == null || typeof path2 === "object" && !!path2[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path2, value) {
        if (isEmptyPath(path2))
          this.add(value);
        else {
          const [key2, ...rest] = path2;
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        const [key2, ...rest] = path2;
        if (rest.length === 0)
          return this.delete(key2);
        const node = this.get(key2, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        const [key2, ...rest] = path2;
        const node = this.get(key2, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path2) {
        const [key2, ...rest] = path2;
        if (rest.length === 0)
          return this.has(key2);
        const node = this.get(key2, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        const [key2, ...rest] = path2;
        if (rest.length === 0) {
          this.set(key2, value);
        } else {
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key: key2, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key2) && key2.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key2) || !identity.isNode(key2) && typeof key2 === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key2 || keyComment && value == null && !ctx.inFlow || identity.isCollection(key2) || (identity.isScalar(key2) ? key2.type === Scalar.Scalar.BLOCK_FOLDED || key2.type === Scalar.Scalar.BLOCK_LITERAL : typeof key2 === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key2, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key2) => (merge.identify(key2) || identity.isScalar(key2) && (!key2.type || key2.type === Scalar.Scalar.PLAIN) && merge.identify(key2.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source2 = resolveAliasValue(ctx, value);
      if (identity.isSeq(source2))
        for (const it of source2.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source2))
        for (const it of source2)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source2);
    }
    function mergeValue(ctx, map, value) {
      const source2 = resolveAliasValue(ctx, value);
      if (!identity.isMap(source2))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source2.toJSON(null, ctx, Map);
      for (const [key2, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key2))
            map.set(key2, value2);
        } else if (map instanceof Set) {
          map.add(key2);
        } else if (!Object.prototype.hasOwnProperty.call(map, key2)) {
          Object.defineProperty(map, key2, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key: key2, value }) {
      if (identity.isNode(key2) && key2.addToJSMap)
        key2.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key2))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key2, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key2, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key2, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key2) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key2.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key2, value, ctx) {
      const k = createNode.createNode(key2, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key2, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key2;
        this.value = value;
      }
      clone(schema) {
        let { key: key2, value } = this;
        if (identity.isNode(key2))
          key2 = key2.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key2, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key2) {
      const k = identity.isScalar(key2) ? key2.value : key2;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key2 || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key2, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key2, value);
          else if (Array.isArray(replacer) && !replacer.includes(key2))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key2, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key2, value] of obj)
            add(key2, value);
        } else if (obj && typeof obj === "object") {
          for (const key2 of Object.keys(obj))
            add(key2, obj[key2]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key2) {
        const it = findPair(this.items, key2);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const it = findPair(this.items, key2);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key2) {
        return !!findPair(this.items, key2);
      }
      set(key2, value) {
        this.add(new Pair.Pair(key2, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key2) {
        const idx = asItemIndex(key2);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key2, value) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key2}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key2 = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key2, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key2) {
      let idx = identity.isScalar(key2) ? key2.value : key2;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source: source2 }, ctx) => typeof source2 === "string" && nullTag.test.test(source2) ? source2 : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source: source2, value }, ctx) {
        if (source2 && boolTag.test.test(source2)) {
          const sv = source2[0] === "t" || source2[0] === "T";
          if (value === sv)
            return source2;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key2, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key2 = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key2 = keys[0];
              value = it[key2];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key2 = it;
          }
          pairs2.items.push(Pair.createPair(key2, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key2, value;
          if (identity.isPair(pair)) {
            key2 = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key2, ctx);
          } else {
            key2 = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key2))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key2, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key: key2 } of pairs$1.items) {
          if (identity.isScalar(key2)) {
            if (seenKeys.includes(key2.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key2.value}`);
            } else {
              seenKeys.push(key2.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source: source2 }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source2 && boolObj.test.test(source2))
        return source2;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign2 = str[0];
      if (sign2 === "-" || sign2 === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign2 === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign2 === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key2) {
        let pair;
        if (identity.isPair(key2))
          pair = key2;
        else if (key2 && typeof key2 === "object" && "key" in key2 && "value" in key2 && key2.value === null)
          pair = new Pair.Pair(key2.key, null);
        else
          pair = new Pair.Pair(key2, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key2, keepPair) {
        const pair = YAMLMap.findPair(this.items, key2);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key2, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key2);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key2));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign2 = str[0];
      const parts = sign2 === "-" || sign2 === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign2 === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign2 = "";
      if (value < 0) {
        sign2 = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign2 + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key2) => key2 !== "yaml11").map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path2, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path2, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key2, value, options = {}) {
        const k = this.createNode(key2, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        return assertCollection(this.contents) ? this.contents.delete(key2) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        if (Collection.isEmptyPath(path2)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path2) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key2, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key2, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        if (Collection.isEmptyPath(path2))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path2, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key2) {
        return identity.isCollection(this.contents) ? this.contents.has(key2) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path2) {
        if (Collection.isEmptyPath(path2))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path2) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key2, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key2], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key2, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        if (Collection.isEmptyPath(path2)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path2), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path2, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key2) {
      if (!key2)
        return null;
      switch (key2.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key2.source.includes("\n"))
            return true;
          if (key2.end) {
            for (const st of key2.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key2.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key: key2, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key2 ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key2) {
            if (key2.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key2 && key2.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key2)) {
            onError(key2 ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key2 ? composeNode(ctx, key2, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key2, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key2 || key2.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source: source2, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source2.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source2;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source2.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key: key2, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key2 ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key2))
            onError(
              key2,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key2 ? composeNode(ctx, key2, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key2))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source: source2 } = props[0];
      const mode = source2[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source2.length; ++i) {
        const ch = source2[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source2}`);
      let hasSpace = false;
      let comment = "";
      let length = source2.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source2) {
      const split = source2.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source: source2, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source2, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source2, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source2, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source2.length, offset + source2.length]
          };
      }
      const valueEnd = offset + source2.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source2, onError) {
      let badChar = "";
      switch (source2[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source2[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source2[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source2);
    }
    function singleQuotedValue(source2, onError) {
      if (source2[source2.length - 1] !== "'" || source2.length === 1)
        onError(source2.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source2.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source2) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source2);
      if (!match)
        return source2;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source2)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source2);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source2, onError) {
      let res = "";
      for (let i = 1; i < source2.length - 1; ++i) {
        const ch = source2[i];
        if (ch === "\r" && source2[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source2, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source2[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source2[i + 1];
            while (next === " " || next === "	")
              next = source2[++i + 1];
          } else if (next === "\r" && source2[i + 1] === "\n") {
            next = source2[++i + 1];
            while (next === " " || next === "	")
              next = source2[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source2, i + 1, length, onError);
            i += length;
          } else {
            const raw = source2.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source2[i + 1];
          while (next === " " || next === "	")
            next = source2[++i + 1];
          if (next !== "\n" && !(next === "\r" && source2[i + 2] === "\n"))
            res += i > wsStart ? source2.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source2[source2.length - 1] !== '"' || source2.length === 1)
        onError(source2.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source2, offset) {
      let fold = "";
      let ch = source2[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source2[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source2[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source2, offset, length, onError) {
      const cc = source2.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source2.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range: range2 } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range2;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source: source2, end }, onError) {
      const alias = new Alias.Alias(source2.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source2.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source2.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source: source2 } = src;
      return [offset, offset + (typeof source2 === "string" ? source2.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source2 = prelude[i];
        switch (source2[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source2.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source2, code, message, warning) => {
          const pos = getErrorPos(source2);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source2 = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source2[0]) {
        case "|":
        case ">": {
          const he = source2.indexOf("\n");
          const head = source2.substring(0, he);
          const body = source2.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source: source2, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source: source2, end };
        default:
          return { type: "scalar", offset, indent, source: source2, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source2 = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source2[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source2);
          break;
        case '"':
          setFlowScalarValue(token, source2, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source2, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source2, "scalar");
      }
    }
    function setBlockScalarValue(token, source2) {
      const he = source2.indexOf("\n");
      const head = source2.substring(0, he);
      const body = source2.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key2 of Object.keys(token))
          if (key2 !== "type" && key2 !== "offset")
            delete token[key2];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source2, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source2;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source2.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source: source2, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source2.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source: source2, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key2 of Object.keys(token))
            if (key2 !== "type" && key2 !== "offset")
              delete token[key2];
          Object.assign(token, { type, indent, source: source2, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key: key2, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key2)
        res += stringifyToken(key2);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path2) => {
      let item = cst;
      for (const [field, index] of path2) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path2) => {
      const parent = visit.itemAtPath(cst, path2.slice(0, -1));
      const field = path2[path2.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path2, item, visitor) {
      let ctrl = visitor(item, path2);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path2.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path2);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path2) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source2) {
      switch (source2) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source2[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source2, incomplete = false) {
        if (source2) {
          if (typeof source2 !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source2 : source2;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source2) {
      if (source2.length < 1e5)
        Array.prototype.push.apply(target, source2);
      else
        for (let i = 0; i < source2.length; ++i)
          target.push(source2[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source2, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source2, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source2) {
        this.source = source2;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source2));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source2.length;
          return;
        }
        const type = cst.tokenType(source2);
        if (!type) {
          const message = `Not a YAML token: ${source2}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source: source2 });
          this.offset += source2.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source2.length);
              break;
            case "space":
              if (this.atNewLine && source2[0] === " ")
                this.indent += source2.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source2.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source2.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key2 = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: key2, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source2, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source2)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source2, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source2, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source2, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source2), true, source2.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source2, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source2, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// node_modules/ajv/dist/compile/codegen/code.js
var require_code = __commonJS({
  "node_modules/ajv/dist/compile/codegen/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
    var _CodeOrName = class {
    };
    exports._CodeOrName = _CodeOrName;
    exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
    var Name = class extends _CodeOrName {
      constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
          throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        return false;
      }
      get names() {
        return { [this.str]: 1 };
      }
    };
    exports.Name = Name;
    var _Code = class extends _CodeOrName {
      constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        if (this._items.length > 1)
          return false;
        const item = this._items[0];
        return item === "" || item === '""';
      }
      get str() {
        var _a;
        return (_a = this._str) !== null && _a !== void 0 ? _a : this._str = this._items.reduce((s, c) => `${s}${c}`, "");
      }
      get names() {
        var _a;
        return (_a = this._names) !== null && _a !== void 0 ? _a : this._names = this._items.reduce((names, c) => {
          if (c instanceof Name)
            names[c.str] = (names[c.str] || 0) + 1;
          return names;
        }, {});
      }
    };
    exports._Code = _Code;
    exports.nil = new _Code("");
    function _(strs, ...args) {
      const code = [strs[0]];
      let i = 0;
      while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
      }
      return new _Code(code);
    }
    exports._ = _;
    var plus = new _Code("+");
    function str(strs, ...args) {
      const expr = [safeStringify(strs[0])];
      let i = 0;
      while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
      }
      optimize(expr);
      return new _Code(expr);
    }
    exports.str = str;
    function addCodeArg(code, arg) {
      if (arg instanceof _Code)
        code.push(...arg._items);
      else if (arg instanceof Name)
        code.push(arg);
      else
        code.push(interpolate(arg));
    }
    exports.addCodeArg = addCodeArg;
    function optimize(expr) {
      let i = 1;
      while (i < expr.length - 1) {
        if (expr[i] === plus) {
          const res = mergeExprItems(expr[i - 1], expr[i + 1]);
          if (res !== void 0) {
            expr.splice(i - 1, 3, res);
            continue;
          }
          expr[i++] = "+";
        }
        i++;
      }
    }
    function mergeExprItems(a, b) {
      if (b === '""')
        return a;
      if (a === '""')
        return b;
      if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
          return;
        if (typeof b != "string")
          return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
          return a.slice(0, -1) + b.slice(1);
        return;
      }
      if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
      return;
    }
    function strConcat(c1, c2) {
      return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str`${c1}${c2}`;
    }
    exports.strConcat = strConcat;
    function interpolate(x) {
      return typeof x == "number" || typeof x == "boolean" || x === null ? x : safeStringify(Array.isArray(x) ? x.join(",") : x);
    }
    function stringify(x) {
      return new _Code(safeStringify(x));
    }
    exports.stringify = stringify;
    function safeStringify(x) {
      return JSON.stringify(x).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    }
    exports.safeStringify = safeStringify;
    function getProperty(key2) {
      return typeof key2 == "string" && exports.IDENTIFIER.test(key2) ? new _Code(`.${key2}`) : _`[${key2}]`;
    }
    exports.getProperty = getProperty;
    function getEsmExportName(key2) {
      if (typeof key2 == "string" && exports.IDENTIFIER.test(key2)) {
        return new _Code(`${key2}`);
      }
      throw new Error(`CodeGen: invalid export name: ${key2}, use explicit $id name mapping`);
    }
    exports.getEsmExportName = getEsmExportName;
    function regexpCode(rx) {
      return new _Code(rx.toString());
    }
    exports.regexpCode = regexpCode;
  }
});

// node_modules/ajv/dist/compile/codegen/scope.js
var require_scope = __commonJS({
  "node_modules/ajv/dist/compile/codegen/scope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
    var code_1 = require_code();
    var ValueError = class extends Error {
      constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
      }
    };
    var UsedValueState;
    (function(UsedValueState2) {
      UsedValueState2[UsedValueState2["Started"] = 0] = "Started";
      UsedValueState2[UsedValueState2["Completed"] = 1] = "Completed";
    })(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
    exports.varKinds = {
      const: new code_1.Name("const"),
      let: new code_1.Name("let"),
      var: new code_1.Name("var")
    };
    var Scope = class {
      constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
      }
      toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
      }
      name(prefix) {
        return new code_1.Name(this._newName(prefix));
      }
      _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
      }
      _nameGroup(prefix) {
        var _a, _b;
        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || this._prefixes && !this._prefixes.has(prefix)) {
          throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return this._names[prefix] = { prefix, index: 0 };
      }
    };
    exports.Scope = Scope;
    var ValueScopeName = class extends code_1.Name {
      constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
      }
      setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._)`.${new code_1.Name(property)}[${itemIndex}]`;
      }
    };
    exports.ValueScopeName = ValueScopeName;
    var line = (0, code_1._)`\n`;
    var ValueScope = class extends Scope {
      constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
      }
      get() {
        return this._scope;
      }
      name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
      }
      value(nameOrPrefix, value) {
        var _a;
        if (value.ref === void 0)
          throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
        let vs = this._values[prefix];
        if (vs) {
          const _name = vs.get(valueKey);
          if (_name)
            return _name;
        } else {
          vs = this._values[prefix] = /* @__PURE__ */ new Map();
        }
        vs.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
      }
      getValue(prefix, keyOrRef) {
        const vs = this._values[prefix];
        if (!vs)
          return;
        return vs.get(keyOrRef);
      }
      scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
          if (name.scopePath === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return (0, code_1._)`${scopeName}${name.scopePath}`;
        });
      }
      scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
          if (name.value === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return name.value.code;
        }, usedValues, getCode);
      }
      _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
          const vs = values[prefix];
          if (!vs)
            continue;
          const nameSet = usedValues[prefix] = usedValues[prefix] || /* @__PURE__ */ new Map();
          vs.forEach((name) => {
            if (nameSet.has(name))
              return;
            nameSet.set(name, UsedValueState.Started);
            let c = valueCode(name);
            if (c) {
              const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
              code = (0, code_1._)`${code}${def} ${name} = ${c};${this.opts._n}`;
            } else if (c = getCode === null || getCode === void 0 ? void 0 : getCode(name)) {
              code = (0, code_1._)`${code}${c}${this.opts._n}`;
            } else {
              throw new ValueError(name);
            }
            nameSet.set(name, UsedValueState.Completed);
          });
        }
        return code;
      }
    };
    exports.ValueScope = ValueScope;
  }
});

// node_modules/ajv/dist/compile/codegen/index.js
var require_codegen = __commonJS({
  "node_modules/ajv/dist/compile/codegen/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
    var code_1 = require_code();
    var scope_1 = require_scope();
    var code_2 = require_code();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return code_2._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return code_2.str;
    } });
    Object.defineProperty(exports, "strConcat", { enumerable: true, get: function() {
      return code_2.strConcat;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return code_2.nil;
    } });
    Object.defineProperty(exports, "getProperty", { enumerable: true, get: function() {
      return code_2.getProperty;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return code_2.stringify;
    } });
    Object.defineProperty(exports, "regexpCode", { enumerable: true, get: function() {
      return code_2.regexpCode;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return code_2.Name;
    } });
    var scope_2 = require_scope();
    Object.defineProperty(exports, "Scope", { enumerable: true, get: function() {
      return scope_2.Scope;
    } });
    Object.defineProperty(exports, "ValueScope", { enumerable: true, get: function() {
      return scope_2.ValueScope;
    } });
    Object.defineProperty(exports, "ValueScopeName", { enumerable: true, get: function() {
      return scope_2.ValueScopeName;
    } });
    Object.defineProperty(exports, "varKinds", { enumerable: true, get: function() {
      return scope_2.varKinds;
    } });
    exports.operators = {
      GT: new code_1._Code(">"),
      GTE: new code_1._Code(">="),
      LT: new code_1._Code("<"),
      LTE: new code_1._Code("<="),
      EQ: new code_1._Code("==="),
      NEQ: new code_1._Code("!=="),
      NOT: new code_1._Code("!"),
      OR: new code_1._Code("||"),
      AND: new code_1._Code("&&"),
      ADD: new code_1._Code("+")
    };
    var Node = class {
      optimizeNodes() {
        return this;
      }
      optimizeNames(_names, _constants) {
        return this;
      }
    };
    var Def = class extends Node {
      constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
      }
      render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === void 0 ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
      }
      optimizeNames(names, constants) {
        if (!names[this.name.str])
          return;
        if (this.rhs)
          this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
      }
      get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
      }
    };
    var Assign = class extends Node {
      constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
      }
      render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
      }
      optimizeNames(names, constants) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
          return;
        this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
      }
      get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
      }
    };
    var AssignOp = class extends Assign {
      constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
      }
      render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
      }
    };
    var Label = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        return `${this.label}:` + _n;
      }
    };
    var Break = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
      }
    };
    var Throw = class extends Node {
      constructor(error) {
        super();
        this.error = error;
      }
      render({ _n }) {
        return `throw ${this.error};` + _n;
      }
      get names() {
        return this.error.names;
      }
    };
    var AnyCode = class extends Node {
      constructor(code) {
        super();
        this.code = code;
      }
      render({ _n }) {
        return `${this.code};` + _n;
      }
      optimizeNodes() {
        return `${this.code}` ? this : void 0;
      }
      optimizeNames(names, constants) {
        this.code = optimizeExpr(this.code, names, constants);
        return this;
      }
      get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
      }
    };
    var ParentNode = class extends Node {
      constructor(nodes = []) {
        super();
        this.nodes = nodes;
      }
      render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
      }
      optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i].optimizeNodes();
          if (Array.isArray(n))
            nodes.splice(i, 1, ...n);
          else if (n)
            nodes[i] = n;
          else
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      optimizeNames(names, constants) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i];
          if (n.optimizeNames(names, constants))
            continue;
          subtractNames(names, n.names);
          nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
      }
    };
    var BlockNode = class extends ParentNode {
      render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
      }
    };
    var Root = class extends ParentNode {
    };
    var Else = class extends BlockNode {
    };
    Else.kind = "else";
    var If = class _If extends BlockNode {
      constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
      }
      render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
          code += "else " + this.else.render(opts);
        return code;
      }
      optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
          return this.nodes;
        let e = this.else;
        if (e) {
          const ns = e.optimizeNodes();
          e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e) {
          if (cond === false)
            return e instanceof _If ? e : e.nodes;
          if (this.nodes.length)
            return this;
          return new _If(not(cond), e instanceof _If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
          return void 0;
        return this;
      }
      optimizeNames(names, constants) {
        var _a;
        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        if (!(super.optimizeNames(names, constants) || this.else))
          return;
        this.condition = optimizeExpr(this.condition, names, constants);
        return this;
      }
      get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
          addNames(names, this.else.names);
        return names;
      }
    };
    If.kind = "if";
    var For = class extends BlockNode {
    };
    For.kind = "for";
    var ForLoop = class extends For {
      constructor(iteration) {
        super();
        this.iteration = iteration;
      }
      render(opts) {
        return `for(${this.iteration})` + super.render(opts);
      }
      optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
          return;
        this.iteration = optimizeExpr(this.iteration, names, constants);
        return this;
      }
      get names() {
        return addNames(super.names, this.iteration.names);
      }
    };
    var ForRange = class extends For {
      constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
      }
      render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
      }
      get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
      }
    };
    var ForIter = class extends For {
      constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
      }
      render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
      }
      optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
          return;
        this.iterable = optimizeExpr(this.iterable, names, constants);
        return this;
      }
      get names() {
        return addNames(super.names, this.iterable.names);
      }
    };
    var Func = class extends BlockNode {
      constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
      }
      render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
      }
    };
    Func.kind = "func";
    var Return = class extends ParentNode {
      render(opts) {
        return "return " + super.render(opts);
      }
    };
    Return.kind = "return";
    var Try = class extends BlockNode {
      render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
          code += this.catch.render(opts);
        if (this.finally)
          code += this.finally.render(opts);
        return code;
      }
      optimizeNodes() {
        var _a, _b;
        super.optimizeNodes();
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
      }
      optimizeNames(names, constants) {
        var _a, _b;
        super.optimizeNames(names, constants);
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants);
        return this;
      }
      get names() {
        const names = super.names;
        if (this.catch)
          addNames(names, this.catch.names);
        if (this.finally)
          addNames(names, this.finally.names);
        return names;
      }
    };
    var Catch = class extends BlockNode {
      constructor(error) {
        super();
        this.error = error;
      }
      render(opts) {
        return `catch(${this.error})` + super.render(opts);
      }
    };
    Catch.kind = "catch";
    var Finally = class extends BlockNode {
      render(opts) {
        return "finally" + super.render(opts);
      }
    };
    Finally.kind = "finally";
    var CodeGen = class {
      constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
      }
      toString() {
        return this._root.render(this.opts);
      }
      // returns unique name in the internal scope
      name(prefix) {
        return this._scope.name(prefix);
      }
      // reserves unique name in the external scope
      scopeName(prefix) {
        return this._extScope.name(prefix);
      }
      // reserves unique name in the external scope and assigns value to it
      scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs = this._values[name.prefix] || (this._values[name.prefix] = /* @__PURE__ */ new Set());
        vs.add(name);
        return name;
      }
      getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
      }
      // return code that assigns values in the external scope to the names that are used internally
      // (same names that were returned by gen.scopeName or gen.scopeValue)
      scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
      }
      scopeCode() {
        return this._extScope.scopeCode(this._values);
      }
      _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== void 0 && constant)
          this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
      }
      // `const` declaration (`var` in es5 mode)
      const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
      }
      // `let` declaration with optional assignment (`var` in es5 mode)
      let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
      }
      // `var` declaration with optional assignment
      var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
      }
      // assignment code
      assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
      }
      // `+=` code
      add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
      }
      // appends passed SafeExpr to code or executes Block
      code(c) {
        if (typeof c == "function")
          c();
        else if (c !== code_1.nil)
          this._leafNode(new AnyCode(c));
        return this;
      }
      // returns code for object literal for the passed argument list of key-value pairs
      object(...keyValues) {
        const code = ["{"];
        for (const [key2, value] of keyValues) {
          if (code.length > 1)
            code.push(",");
          code.push(key2);
          if (key2 !== value || this.opts.es5) {
            code.push(":");
            (0, code_1.addCodeArg)(code, value);
          }
        }
        code.push("}");
        return new code_1._Code(code);
      }
      // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
      if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
          this.code(thenBody).else().code(elseBody).endIf();
        } else if (thenBody) {
          this.code(thenBody).endIf();
        } else if (elseBody) {
          throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
      }
      // `else if` clause - invalid without `if` or after `else` clauses
      elseIf(condition) {
        return this._elseNode(new If(condition));
      }
      // `else` clause - only valid after `if` or `else if` clauses
      else() {
        return this._elseNode(new Else());
      }
      // end `if` statement (needed if gen.if was used only with condition)
      endIf() {
        return this._endBlockNode(If, Else);
      }
      _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
          this.code(forBody).endFor();
        return this;
      }
      // a generic `for` clause (or statement if `forBody` is passed)
      for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
      }
      // `for` statement for a range of values
      forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
      }
      // `for-of` statement (in es5 mode replace with a normal for loop)
      forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
          const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
          return this.forRange("_i", 0, (0, code_1._)`${arr}.length`, (i) => {
            this.var(name, (0, code_1._)`${arr}[${i}]`);
            forBody(name);
          });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
      }
      // `for-in` statement.
      // With option `ownProperties` replaced with a `for-of` loop for object keys
      forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
          return this.forOf(nameOrPrefix, (0, code_1._)`Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
      }
      // end `for` loop
      endFor() {
        return this._endBlockNode(For);
      }
      // `label` statement
      label(label) {
        return this._leafNode(new Label(label));
      }
      // `break` statement
      break(label) {
        return this._leafNode(new Break(label));
      }
      // `return` statement
      return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
          throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
      }
      // `try` statement
      try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
          throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
          const error = this.name("e");
          this._currNode = node.catch = new Catch(error);
          catchCode(error);
        }
        if (finallyCode) {
          this._currNode = node.finally = new Finally();
          this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
      }
      // `throw` statement
      throw(error) {
        return this._leafNode(new Throw(error));
      }
      // start self-balancing block
      block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
          this.code(body).endBlock(nodeCount);
        return this;
      }
      // end the current self-balancing block
      endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === void 0)
          throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || nodeCount !== void 0 && toClose !== nodeCount) {
          throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
      }
      // `function` heading (or definition if funcBody is passed)
      func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
          this.code(funcBody).endFunc();
        return this;
      }
      // end function definition
      endFunc() {
        return this._endBlockNode(Func);
      }
      optimize(n = 1) {
        while (n-- > 0) {
          this._root.optimizeNodes();
          this._root.optimizeNames(this._root.names, this._constants);
        }
      }
      _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
      }
      _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
      }
      _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || N2 && n instanceof N2) {
          this._nodes.pop();
          return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
      }
      _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
          throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
      }
      get _root() {
        return this._nodes[0];
      }
      get _currNode() {
        const ns = this._nodes;
        return ns[ns.length - 1];
      }
      set _currNode(node) {
        const ns = this._nodes;
        ns[ns.length - 1] = node;
      }
    };
    exports.CodeGen = CodeGen;
    function addNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
      return names;
    }
    function addExprNames(names, from) {
      return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
    }
    function optimizeExpr(expr, names, constants) {
      if (expr instanceof code_1.Name)
        return replaceName(expr);
      if (!canOptimize(expr))
        return expr;
      return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
          c = replaceName(c);
        if (c instanceof code_1._Code)
          items.push(...c._items);
        else
          items.push(c);
        return items;
      }, []));
      function replaceName(n) {
        const c = constants[n.str];
        if (c === void 0 || names[n.str] !== 1)
          return n;
        delete names[n.str];
        return c;
      }
      function canOptimize(e) {
        return e instanceof code_1._Code && e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants[c.str] !== void 0);
      }
    }
    function subtractNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
    }
    function not(x) {
      return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._)`!${par(x)}`;
    }
    exports.not = not;
    var andCode = mappend(exports.operators.AND);
    function and(...args) {
      return args.reduce(andCode);
    }
    exports.and = and;
    var orCode = mappend(exports.operators.OR);
    function or(...args) {
      return args.reduce(orCode);
    }
    exports.or = or;
    function mappend(op) {
      return (x, y) => x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._)`${par(x)} ${op} ${par(y)}`;
    }
    function par(x) {
      return x instanceof code_1.Name ? x : (0, code_1._)`(${x})`;
    }
  }
});

// node_modules/ajv/dist/compile/util.js
var require_util = __commonJS({
  "node_modules/ajv/dist/compile/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
    var codegen_1 = require_codegen();
    var code_1 = require_code();
    function toHash(arr) {
      const hash = {};
      for (const item of arr)
        hash[item] = true;
      return hash;
    }
    exports.toHash = toHash;
    function alwaysValidSchema(it, schema) {
      if (typeof schema == "boolean")
        return schema;
      if (Object.keys(schema).length === 0)
        return true;
      checkUnknownRules(it, schema);
      return !schemaHasRules(schema, it.self.RULES.all);
    }
    exports.alwaysValidSchema = alwaysValidSchema;
    function checkUnknownRules(it, schema = it.schema) {
      const { opts, self } = it;
      if (!opts.strictSchema)
        return;
      if (typeof schema === "boolean")
        return;
      const rules = self.RULES.keywords;
      for (const key2 in schema) {
        if (!rules[key2])
          checkStrictMode(it, `unknown keyword: "${key2}"`);
      }
    }
    exports.checkUnknownRules = checkUnknownRules;
    function schemaHasRules(schema, rules) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key2 in schema)
        if (rules[key2])
          return true;
      return false;
    }
    exports.schemaHasRules = schemaHasRules;
    function schemaHasRulesButRef(schema, RULES) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key2 in schema)
        if (key2 !== "$ref" && RULES.all[key2])
          return true;
      return false;
    }
    exports.schemaHasRulesButRef = schemaHasRulesButRef;
    function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
      if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
          return schema;
        if (typeof schema == "string")
          return (0, codegen_1._)`${schema}`;
      }
      return (0, codegen_1._)`${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
    }
    exports.schemaRefOrVal = schemaRefOrVal;
    function unescapeFragment(str) {
      return unescapeJsonPointer(decodeURIComponent(str));
    }
    exports.unescapeFragment = unescapeFragment;
    function escapeFragment(str) {
      return encodeURIComponent(escapeJsonPointer(str));
    }
    exports.escapeFragment = escapeFragment;
    function escapeJsonPointer(str) {
      if (typeof str == "number")
        return `${str}`;
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
    exports.escapeJsonPointer = escapeJsonPointer;
    function unescapeJsonPointer(str) {
      return str.replace(/~1/g, "/").replace(/~0/g, "~");
    }
    exports.unescapeJsonPointer = unescapeJsonPointer;
    function eachItem(xs, f) {
      if (Array.isArray(xs)) {
        for (const x of xs)
          f(x);
      } else {
        f(xs);
      }
    }
    exports.eachItem = eachItem;
    function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName }) {
      return (gen, from, to, toName) => {
        const res = to === void 0 ? from : to instanceof codegen_1.Name ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to) : from instanceof codegen_1.Name ? (mergeToName(gen, to, from), from) : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
      };
    }
    exports.mergeEvaluated = {
      props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => {
          gen.if((0, codegen_1._)`${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._)`${to} || {}`).code((0, codegen_1._)`Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => {
          if (from === true) {
            gen.assign(to, true);
          } else {
            gen.assign(to, (0, codegen_1._)`${to} || {}`);
            setEvaluated(gen, to, from);
          }
        }),
        mergeValues: (from, to) => from === true ? true : { ...from, ...to },
        resultToName: evaluatedPropsToName
      }),
      items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._)`${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._)`${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => from === true ? true : Math.max(from, to),
        resultToName: (gen, items) => gen.var("items", items)
      })
    };
    function evaluatedPropsToName(gen, ps) {
      if (ps === true)
        return gen.var("props", true);
      const props = gen.var("props", (0, codegen_1._)`{}`);
      if (ps !== void 0)
        setEvaluated(gen, props, ps);
      return props;
    }
    exports.evaluatedPropsToName = evaluatedPropsToName;
    function setEvaluated(gen, props, ps) {
      Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._)`${props}${(0, codegen_1.getProperty)(p)}`, true));
    }
    exports.setEvaluated = setEvaluated;
    var snippets = {};
    function useFunc(gen, f) {
      return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code))
      });
    }
    exports.useFunc = useFunc;
    var Type;
    (function(Type2) {
      Type2[Type2["Num"] = 0] = "Num";
      Type2[Type2["Str"] = 1] = "Str";
    })(Type || (exports.Type = Type = {}));
    function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
      if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type.Num;
        return jsPropertySyntax ? isNumber ? (0, codegen_1._)`"[" + ${dataProp} + "]"` : (0, codegen_1._)`"['" + ${dataProp} + "']"` : isNumber ? (0, codegen_1._)`"/" + ${dataProp}` : (0, codegen_1._)`"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`;
      }
      return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
    }
    exports.getErrorPath = getErrorPath;
    function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
      if (!mode)
        return;
      msg = `strict mode: ${msg}`;
      if (mode === true)
        throw new Error(msg);
      it.self.logger.warn(msg);
    }
    exports.checkStrictMode = checkStrictMode;
  }
});

// node_modules/ajv/dist/compile/names.js
var require_names = __commonJS({
  "node_modules/ajv/dist/compile/names.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var names = {
      // validation function arguments
      data: new codegen_1.Name("data"),
      // data passed to validation function
      // args passed from referencing schema
      valCxt: new codegen_1.Name("valCxt"),
      // validation/data context - should not be used directly, it is destructured to the names below
      instancePath: new codegen_1.Name("instancePath"),
      parentData: new codegen_1.Name("parentData"),
      parentDataProperty: new codegen_1.Name("parentDataProperty"),
      rootData: new codegen_1.Name("rootData"),
      // root data - same as the data passed to the first/top validation function
      dynamicAnchors: new codegen_1.Name("dynamicAnchors"),
      // used to support recursiveRef and dynamicRef
      // function scoped variables
      vErrors: new codegen_1.Name("vErrors"),
      // null or array of validation errors
      errors: new codegen_1.Name("errors"),
      // counter of validation errors
      this: new codegen_1.Name("this"),
      // "globals"
      self: new codegen_1.Name("self"),
      scope: new codegen_1.Name("scope"),
      // JTD serialize/parse name for JSON string and position
      json: new codegen_1.Name("json"),
      jsonPos: new codegen_1.Name("jsonPos"),
      jsonLen: new codegen_1.Name("jsonLen"),
      jsonPart: new codegen_1.Name("jsonPart")
    };
    exports.default = names;
  }
});

// node_modules/ajv/dist/compile/errors.js
var require_errors2 = __commonJS({
  "node_modules/ajv/dist/compile/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    exports.keywordError = {
      message: ({ keyword }) => (0, codegen_1.str)`must pass "${keyword}" keyword validation`
    };
    exports.keyword$DataError = {
      message: ({ keyword, schemaType }) => schemaType ? (0, codegen_1.str)`"${keyword}" keyword must be ${schemaType} ($data)` : (0, codegen_1.str)`"${keyword}" keyword is invalid ($data)`
    };
    function reportError(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error, errorPaths);
      if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : compositeRule || allErrors) {
        addError(gen, errObj);
      } else {
        returnErrors(it, (0, codegen_1._)`[${errObj}]`);
      }
    }
    exports.reportError = reportError;
    function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error, errorPaths);
      addError(gen, errObj);
      if (!(compositeRule || allErrors)) {
        returnErrors(it, names_1.default.vErrors);
      }
    }
    exports.reportExtraError = reportExtraError;
    function resetErrorsCount(gen, errsCount) {
      gen.assign(names_1.default.errors, errsCount);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._)`${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
    }
    exports.resetErrorsCount = resetErrorsCount;
    function extendErrors({ gen, keyword, schemaValue, data, errsCount, it }) {
      if (errsCount === void 0)
        throw new Error("ajv implementation error");
      const err = gen.name("err");
      gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._)`${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._)`${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._)`${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
        gen.assign((0, codegen_1._)`${err}.schemaPath`, (0, codegen_1.str)`${it.errSchemaPath}/${keyword}`);
        if (it.opts.verbose) {
          gen.assign((0, codegen_1._)`${err}.schema`, schemaValue);
          gen.assign((0, codegen_1._)`${err}.data`, data);
        }
      });
    }
    exports.extendErrors = extendErrors;
    function addError(gen, errObj) {
      const err = gen.const("err", errObj);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._)`[${err}]`), (0, codegen_1._)`${names_1.default.vErrors}.push(${err})`);
      gen.code((0, codegen_1._)`${names_1.default.errors}++`);
    }
    function returnErrors(it, errs) {
      const { gen, validateName, schemaEnv } = it;
      if (schemaEnv.$async) {
        gen.throw((0, codegen_1._)`new ${it.ValidationError}(${errs})`);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, errs);
        gen.return(false);
      }
    }
    var E = {
      keyword: new codegen_1.Name("keyword"),
      schemaPath: new codegen_1.Name("schemaPath"),
      // also used in JTD errors
      params: new codegen_1.Name("params"),
      propertyName: new codegen_1.Name("propertyName"),
      message: new codegen_1.Name("message"),
      schema: new codegen_1.Name("schema"),
      parentSchema: new codegen_1.Name("parentSchema")
    };
    function errorObjectCode(cxt, error, errorPaths) {
      const { createErrors } = cxt.it;
      if (createErrors === false)
        return (0, codegen_1._)`{}`;
      return errorObject(cxt, error, errorPaths);
    }
    function errorObject(cxt, error, errorPaths = {}) {
      const { gen, it } = cxt;
      const keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths)
      ];
      extraErrorProps(cxt, error, keyValues);
      return gen.object(...keyValues);
    }
    function errorInstancePath({ errorPath }, { instancePath }) {
      const instPath = instancePath ? (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}` : errorPath;
      return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
    }
    function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
      let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str)`${errSchemaPath}/${keyword}`;
      if (schemaPath) {
        schPath = (0, codegen_1.str)`${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
      }
      return [E.schemaPath, schPath];
    }
    function extraErrorProps(cxt, { params, message }, keyValues) {
      const { keyword, data, schemaValue, it } = cxt;
      const { opts, propertyName, topSchemaRef, schemaPath } = it;
      keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._)`{}`]);
      if (opts.messages) {
        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
      }
      if (opts.verbose) {
        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._)`${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
      }
      if (propertyName)
        keyValues.push([E.propertyName, propertyName]);
    }
  }
});

// node_modules/ajv/dist/compile/validate/boolSchema.js
var require_boolSchema = __commonJS({
  "node_modules/ajv/dist/compile/validate/boolSchema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
    var errors_1 = require_errors2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var boolError = {
      message: "boolean schema is false"
    };
    function topBoolOrEmptySchema(it) {
      const { gen, schema, validateName } = it;
      if (schema === false) {
        falseSchemaError(it, false);
      } else if (typeof schema == "object" && schema.$async === true) {
        gen.return(names_1.default.data);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, null);
        gen.return(true);
      }
    }
    exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
    function boolOrEmptySchema(it, valid) {
      const { gen, schema } = it;
      if (schema === false) {
        gen.var(valid, false);
        falseSchemaError(it);
      } else {
        gen.var(valid, true);
      }
    }
    exports.boolOrEmptySchema = boolOrEmptySchema;
    function falseSchemaError(it, overrideAllErrors) {
      const { gen, data } = it;
      const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it
      };
      (0, errors_1.reportError)(cxt, boolError, void 0, overrideAllErrors);
    }
  }
});

// node_modules/ajv/dist/compile/rules.js
var require_rules = __commonJS({
  "node_modules/ajv/dist/compile/rules.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getRules = exports.isJSONType = void 0;
    var _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
    var jsonTypes = new Set(_jsonTypes);
    function isJSONType(x) {
      return typeof x == "string" && jsonTypes.has(x);
    }
    exports.isJSONType = isJSONType;
    function getRules() {
      const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] }
      };
      return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {}
      };
    }
    exports.getRules = getRules;
  }
});

// node_modules/ajv/dist/compile/validate/applicability.js
var require_applicability = __commonJS({
  "node_modules/ajv/dist/compile/validate/applicability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
    function schemaHasRulesForType({ schema, self }, type) {
      const group = self.RULES.types[type];
      return group && group !== true && shouldUseGroup(schema, group);
    }
    exports.schemaHasRulesForType = schemaHasRulesForType;
    function shouldUseGroup(schema, group) {
      return group.rules.some((rule) => shouldUseRule(schema, rule));
    }
    exports.shouldUseGroup = shouldUseGroup;
    function shouldUseRule(schema, rule) {
      var _a;
      return schema[rule.keyword] !== void 0 || ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== void 0));
    }
    exports.shouldUseRule = shouldUseRule;
  }
});

// node_modules/ajv/dist/compile/validate/dataType.js
var require_dataType = __commonJS({
  "node_modules/ajv/dist/compile/validate/dataType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
    var rules_1 = require_rules();
    var applicability_1 = require_applicability();
    var errors_1 = require_errors2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var DataType;
    (function(DataType2) {
      DataType2[DataType2["Correct"] = 0] = "Correct";
      DataType2[DataType2["Wrong"] = 1] = "Wrong";
    })(DataType || (exports.DataType = DataType = {}));
    function getSchemaTypes(schema) {
      const types = getJSONTypes(schema.type);
      const hasNull = types.includes("null");
      if (hasNull) {
        if (schema.nullable === false)
          throw new Error("type: null contradicts nullable: false");
      } else {
        if (!types.length && schema.nullable !== void 0) {
          throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema.nullable === true)
          types.push("null");
      }
      return types;
    }
    exports.getSchemaTypes = getSchemaTypes;
    function getJSONTypes(ts) {
      const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
      if (types.every(rules_1.isJSONType))
        return types;
      throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
    }
    exports.getJSONTypes = getJSONTypes;
    function coerceAndCheckDataType(it, types) {
      const { gen, data, opts } = it;
      const coerceTo = coerceToTypes(types, opts.coerceTypes);
      const checkTypes = types.length > 0 && !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
      if (checkTypes) {
        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
          if (coerceTo.length)
            coerceData(it, types, coerceTo);
          else
            reportTypeError(it);
        });
      }
      return checkTypes;
    }
    exports.coerceAndCheckDataType = coerceAndCheckDataType;
    var COERCIBLE = /* @__PURE__ */ new Set(["string", "number", "integer", "boolean", "null"]);
    function coerceToTypes(types, coerceTypes) {
      return coerceTypes ? types.filter((t) => COERCIBLE.has(t) || coerceTypes === "array" && t === "array") : [];
    }
    function coerceData(it, types, coerceTo) {
      const { gen, data, opts } = it;
      const dataType = gen.let("dataType", (0, codegen_1._)`typeof ${data}`);
      const coerced = gen.let("coerced", (0, codegen_1._)`undefined`);
      if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._)`${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen.assign(data, (0, codegen_1._)`${data}[0]`).assign(dataType, (0, codegen_1._)`typeof ${data}`).if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
      }
      gen.if((0, codegen_1._)`${coerced} !== undefined`);
      for (const t of coerceTo) {
        if (COERCIBLE.has(t) || t === "array" && opts.coerceTypes === "array") {
          coerceSpecificType(t);
        }
      }
      gen.else();
      reportTypeError(it);
      gen.endIf();
      gen.if((0, codegen_1._)`${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it, coerced);
      });
      function coerceSpecificType(t) {
        switch (t) {
          case "string":
            gen.elseIf((0, codegen_1._)`${dataType} == "number" || ${dataType} == "boolean"`).assign(coerced, (0, codegen_1._)`"" + ${data}`).elseIf((0, codegen_1._)`${data} === null`).assign(coerced, (0, codegen_1._)`""`);
            return;
          case "number":
            gen.elseIf((0, codegen_1._)`${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "integer":
            gen.elseIf((0, codegen_1._)`${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "boolean":
            gen.elseIf((0, codegen_1._)`${data} === "false" || ${data} === 0 || ${data} === null`).assign(coerced, false).elseIf((0, codegen_1._)`${data} === "true" || ${data} === 1`).assign(coerced, true);
            return;
          case "null":
            gen.elseIf((0, codegen_1._)`${data} === "" || ${data} === 0 || ${data} === false`);
            gen.assign(coerced, null);
            return;
          case "array":
            gen.elseIf((0, codegen_1._)`${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`).assign(coerced, (0, codegen_1._)`[${data}]`);
        }
      }
    }
    function assignParentData({ gen, parentData, parentDataProperty }, expr) {
      gen.if((0, codegen_1._)`${parentData} !== undefined`, () => gen.assign((0, codegen_1._)`${parentData}[${parentDataProperty}]`, expr));
    }
    function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
      const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
      let cond;
      switch (dataType) {
        case "null":
          return (0, codegen_1._)`${data} ${EQ} null`;
        case "array":
          cond = (0, codegen_1._)`Array.isArray(${data})`;
          break;
        case "object":
          cond = (0, codegen_1._)`${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
          break;
        case "integer":
          cond = numCond((0, codegen_1._)`!(${data} % 1) && !isNaN(${data})`);
          break;
        case "number":
          cond = numCond();
          break;
        default:
          return (0, codegen_1._)`typeof ${data} ${EQ} ${dataType}`;
      }
      return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
      function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._)`typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._)`isFinite(${data})` : codegen_1.nil);
      }
    }
    exports.checkDataType = checkDataType;
    function checkDataTypes(dataTypes, data, strictNums, correct) {
      if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
      }
      let cond;
      const types = (0, util_1.toHash)(dataTypes);
      if (types.array && types.object) {
        const notObj = (0, codegen_1._)`typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._)`!${data} || ${notObj}`;
        delete types.null;
        delete types.array;
        delete types.object;
      } else {
        cond = codegen_1.nil;
      }
      if (types.number)
        delete types.integer;
      for (const t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
      return cond;
    }
    exports.checkDataTypes = checkDataTypes;
    var typeError = {
      message: ({ schema }) => `must be ${schema}`,
      params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._)`{type: ${schema}}` : (0, codegen_1._)`{type: ${schemaValue}}`
    };
    function reportTypeError(it) {
      const cxt = getTypeErrorContext(it);
      (0, errors_1.reportError)(cxt, typeError);
    }
    exports.reportTypeError = reportTypeError;
    function getTypeErrorContext(it) {
      const { gen, data, schema } = it;
      const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
      return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it
      };
    }
  }
});

// node_modules/ajv/dist/compile/validate/defaults.js
var require_defaults = __commonJS({
  "node_modules/ajv/dist/compile/validate/defaults.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.assignDefaults = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function assignDefaults(it, ty) {
      const { properties, items } = it.schema;
      if (ty === "object" && properties) {
        for (const key2 in properties) {
          assignDefault(it, key2, properties[key2].default);
        }
      } else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it, i, sch.default));
      }
    }
    exports.assignDefaults = assignDefaults;
    function assignDefault(it, prop, defaultValue) {
      const { gen, compositeRule, data, opts } = it;
      if (defaultValue === void 0)
        return;
      const childData = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(prop)}`;
      if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
      }
      let condition = (0, codegen_1._)`${childData} === undefined`;
      if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._)`${condition} || ${childData} === null || ${childData} === ""`;
      }
      gen.if(condition, (0, codegen_1._)`${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
    }
  }
});

// node_modules/ajv/dist/vocabularies/code.js
var require_code2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    var util_2 = require_util();
    function checkReportMissingProp(cxt, prop) {
      const { gen, data, it } = cxt;
      gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._)`${prop}` }, true);
        cxt.error();
      });
    }
    exports.checkReportMissingProp = checkReportMissingProp;
    function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
      return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._)`${missing} = ${prop}`)));
    }
    exports.checkMissingProp = checkMissingProp;
    function reportMissingProp(cxt, missing) {
      cxt.setParams({ missingProperty: missing }, true);
      cxt.error();
    }
    exports.reportMissingProp = reportMissingProp;
    function hasPropFunc(gen) {
      return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._)`Object.prototype.hasOwnProperty`
      });
    }
    exports.hasPropFunc = hasPropFunc;
    function isOwnProperty(gen, data, property) {
      return (0, codegen_1._)`${hasPropFunc(gen)}.call(${data}, ${property})`;
    }
    exports.isOwnProperty = isOwnProperty;
    function propertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
      return ownProperties ? (0, codegen_1._)`${cond} && ${isOwnProperty(gen, data, property)}` : cond;
    }
    exports.propertyInData = propertyInData;
    function noPropertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} === undefined`;
      return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
    }
    exports.noPropertyInData = noPropertyInData;
    function allSchemaProperties(schemaMap) {
      return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
    }
    exports.allSchemaProperties = allSchemaProperties;
    function schemaProperties(it, schemaMap) {
      return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
    }
    exports.schemaProperties = schemaProperties;
    function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
      const dataAndSchema = passSchema ? (0, codegen_1._)`${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
      const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData]
      ];
      if (it.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
      const args = (0, codegen_1._)`${dataAndSchema}, ${gen.object(...valCxt)}`;
      return context !== codegen_1.nil ? (0, codegen_1._)`${func}.call(${context}, ${args})` : (0, codegen_1._)`${func}(${args})`;
    }
    exports.callValidateCode = callValidateCode;
    var newRegExp = (0, codegen_1._)`new RegExp`;
    function usePattern({ gen, it: { opts } }, pattern) {
      const u = opts.unicodeRegExp ? "u" : "";
      const { regExp } = opts.code;
      const rx = regExp(pattern, u);
      return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._)`${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`
      });
    }
    exports.usePattern = usePattern;
    function validateArray(cxt) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      if (it.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
      }
      gen.var(valid, true);
      validateItems(() => gen.break());
      return valid;
      function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        gen.forRange("i", 0, len, (i) => {
          cxt.subschema({
            keyword,
            dataProp: i,
            dataPropType: util_1.Type.Num
          }, valid);
          gen.if((0, codegen_1.not)(valid), notValid);
        });
      }
    }
    exports.validateArray = validateArray;
    function validateUnion(cxt) {
      const { gen, schema, keyword, it } = cxt;
      if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
      const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
      if (alwaysValid && !it.opts.unevaluated)
        return;
      const valid = gen.let("valid", false);
      const schValid = gen.name("_valid");
      gen.block(() => schema.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
          keyword,
          schemaProp: i,
          compositeRule: true
        }, schValid);
        gen.assign(valid, (0, codegen_1._)`${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        if (!merged)
          gen.if((0, codegen_1.not)(valid));
      }));
      cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
    }
    exports.validateUnion = validateUnion;
  }
});

// node_modules/ajv/dist/compile/validate/keyword.js
var require_keyword = __commonJS({
  "node_modules/ajv/dist/compile/validate/keyword.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var code_1 = require_code2();
    var errors_1 = require_errors2();
    function macroKeywordCode(cxt, def) {
      const { gen, keyword, schema, parentSchema, it } = cxt;
      const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
      const schemaRef = useKeyword(gen, keyword, macroSchema);
      if (it.opts.validateSchema !== false)
        it.self.validateSchema(macroSchema, true);
      const valid = gen.name("valid");
      cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true
      }, valid);
      cxt.pass(valid, () => cxt.error(true));
    }
    exports.macroKeywordCode = macroKeywordCode;
    function funcKeywordCode(cxt, def) {
      var _a;
      const { gen, keyword, schema, parentSchema, $data, it } = cxt;
      checkAsyncKeyword(it, def);
      const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
      const validateRef = useKeyword(gen, keyword, validate);
      const valid = gen.let("valid");
      cxt.block$data(valid, validateKeyword);
      cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
      function validateKeyword() {
        if (def.errors === false) {
          assignValid();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => cxt.error());
        } else {
          const ruleErrs = def.async ? validateAsync() : validateSync();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => addErrs(cxt, ruleErrs));
        }
      }
      function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._)`await `), (e) => gen.assign(valid, false).if((0, codegen_1._)`${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._)`${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
      }
      function validateSync() {
        const validateErrs = (0, codegen_1._)`${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
      }
      function assignValid(_await = def.async ? (0, codegen_1._)`await ` : codegen_1.nil) {
        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !("compile" in def && !$data || def.schema === false);
        gen.assign(valid, (0, codegen_1._)`${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
      }
      function reportErrs(errors) {
        var _a2;
        gen.if((0, codegen_1.not)((_a2 = def.valid) !== null && _a2 !== void 0 ? _a2 : valid), errors);
      }
    }
    exports.funcKeywordCode = funcKeywordCode;
    function modifyData(cxt) {
      const { gen, data, it } = cxt;
      gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._)`${it.parentData}[${it.parentDataProperty}]`));
    }
    function addErrs(cxt, errs) {
      const { gen } = cxt;
      gen.if((0, codegen_1._)`Array.isArray(${errs})`, () => {
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`).assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
      }, () => cxt.error());
    }
    function checkAsyncKeyword({ schemaEnv }, def) {
      if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
    }
    function useKeyword(gen, keyword, result) {
      if (result === void 0)
        throw new Error(`keyword "${keyword}" failed to compile`);
      return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
    }
    function validSchemaType(schema, schemaType, allowUndefined = false) {
      return !schemaType.length || schemaType.some((st) => st === "array" ? Array.isArray(schema) : st === "object" ? schema && typeof schema == "object" && !Array.isArray(schema) : typeof schema == st || allowUndefined && typeof schema == "undefined");
    }
    exports.validSchemaType = validSchemaType;
    function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
      if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
      }
      const deps = def.dependencies;
      if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
      }
      if (def.validateSchema) {
        const valid = def.validateSchema(schema[keyword]);
        if (!valid) {
          const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` + self.errorsText(def.validateSchema.errors);
          if (opts.validateSchema === "log")
            self.logger.error(msg);
          else
            throw new Error(msg);
        }
      }
    }
    exports.validateKeywordUsage = validateKeywordUsage;
  }
});

// node_modules/ajv/dist/compile/validate/subschema.js
var require_subschema = __commonJS({
  "node_modules/ajv/dist/compile/validate/subschema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
      if (keyword !== void 0 && schema !== void 0) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
      }
      if (keyword !== void 0) {
        const sch = it.schema[keyword];
        return schemaProp === void 0 ? {
          schema: sch,
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}`
        } : {
          schema: sch[schemaProp],
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`
        };
      }
      if (schema !== void 0) {
        if (schemaPath === void 0 || errSchemaPath === void 0 || topSchemaRef === void 0) {
          throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
          schema,
          schemaPath,
          topSchemaRef,
          errSchemaPath
        };
      }
      throw new Error('either "keyword" or "schema" must be passed');
    }
    exports.getSubschema = getSubschema;
    function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
      if (data !== void 0 && dataProp !== void 0) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
      }
      const { gen } = it;
      if (dataProp !== void 0) {
        const { errorPath, dataPathArr, opts } = it;
        const nextData = gen.let("data", (0, codegen_1._)`${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._)`${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
      }
      if (data !== void 0) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true);
        dataContextProps(nextData);
        if (propertyName !== void 0)
          subschema.propertyName = propertyName;
      }
      if (dataTypes)
        subschema.dataTypes = dataTypes;
      function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it.dataLevel + 1;
        subschema.dataTypes = [];
        it.definedProperties = /* @__PURE__ */ new Set();
        subschema.parentData = it.data;
        subschema.dataNames = [...it.dataNames, _nextData];
      }
    }
    exports.extendSubschemaData = extendSubschemaData;
    function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
      if (compositeRule !== void 0)
        subschema.compositeRule = compositeRule;
      if (createErrors !== void 0)
        subschema.createErrors = createErrors;
      if (allErrors !== void 0)
        subschema.allErrors = allErrors;
      subschema.jtdDiscriminator = jtdDiscriminator;
      subschema.jtdMetadata = jtdMetadata;
    }
    exports.extendSubschemaMode = extendSubschemaMode;
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return false;
        var length, i, keys;
        if (Array.isArray(a)) {
          length = a.length;
          if (length != b.length) return false;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return false;
          return true;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length) return false;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
        for (i = length; i-- !== 0; ) {
          var key2 = keys[i];
          if (!equal(a[key2], b[key2])) return false;
        }
        return true;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/json-schema-traverse/index.js
var require_json_schema_traverse = __commonJS({
  "node_modules/json-schema-traverse/index.js"(exports, module) {
    "use strict";
    var traverse = module.exports = function(schema, opts, cb) {
      if (typeof opts == "function") {
        cb = opts;
        opts = {};
      }
      cb = opts.cb || cb;
      var pre = typeof cb == "function" ? cb : cb.pre || function() {
      };
      var post = cb.post || function() {
      };
      _traverse(opts, pre, post, schema, "", schema);
    };
    traverse.keywords = {
      additionalItems: true,
      items: true,
      contains: true,
      additionalProperties: true,
      propertyNames: true,
      not: true,
      if: true,
      then: true,
      else: true
    };
    traverse.arrayKeywords = {
      items: true,
      allOf: true,
      anyOf: true,
      oneOf: true
    };
    traverse.propsKeywords = {
      $defs: true,
      definitions: true,
      properties: true,
      patternProperties: true,
      dependencies: true
    };
    traverse.skipKeywords = {
      default: true,
      enum: true,
      const: true,
      required: true,
      maximum: true,
      minimum: true,
      exclusiveMaximum: true,
      exclusiveMinimum: true,
      multipleOf: true,
      maxLength: true,
      minLength: true,
      pattern: true,
      format: true,
      maxItems: true,
      minItems: true,
      uniqueItems: true,
      maxProperties: true,
      minProperties: true
    };
    function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
      if (schema && typeof schema == "object" && !Array.isArray(schema)) {
        pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
        for (var key2 in schema) {
          var sch = schema[key2];
          if (Array.isArray(sch)) {
            if (key2 in traverse.arrayKeywords) {
              for (var i = 0; i < sch.length; i++)
                _traverse(opts, pre, post, sch[i], jsonPtr + "/" + key2 + "/" + i, rootSchema, jsonPtr, key2, schema, i);
            }
          } else if (key2 in traverse.propsKeywords) {
            if (sch && typeof sch == "object") {
              for (var prop in sch)
                _traverse(opts, pre, post, sch[prop], jsonPtr + "/" + key2 + "/" + escapeJsonPtr(prop), rootSchema, jsonPtr, key2, schema, prop);
            }
          } else if (key2 in traverse.keywords || opts.allKeys && !(key2 in traverse.skipKeywords)) {
            _traverse(opts, pre, post, sch, jsonPtr + "/" + key2, rootSchema, jsonPtr, key2, schema);
          }
        }
        post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
      }
    }
    function escapeJsonPtr(str) {
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
  }
});

// node_modules/ajv/dist/compile/resolve.js
var require_resolve = __commonJS({
  "node_modules/ajv/dist/compile/resolve.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
    var util_1 = require_util();
    var equal = require_fast_deep_equal();
    var traverse = require_json_schema_traverse();
    var SIMPLE_INLINED = /* @__PURE__ */ new Set([
      "type",
      "format",
      "pattern",
      "maxLength",
      "minLength",
      "maxProperties",
      "minProperties",
      "maxItems",
      "minItems",
      "maximum",
      "minimum",
      "uniqueItems",
      "multipleOf",
      "required",
      "enum",
      "const"
    ]);
    function inlineRef(schema, limit = true) {
      if (typeof schema == "boolean")
        return true;
      if (limit === true)
        return !hasRef(schema);
      if (!limit)
        return false;
      return countKeys(schema) <= limit;
    }
    exports.inlineRef = inlineRef;
    var REF_KEYWORDS = /* @__PURE__ */ new Set([
      "$ref",
      "$recursiveRef",
      "$recursiveAnchor",
      "$dynamicRef",
      "$dynamicAnchor"
    ]);
    function hasRef(schema) {
      for (const key2 in schema) {
        if (REF_KEYWORDS.has(key2))
          return true;
        const sch = schema[key2];
        if (Array.isArray(sch) && sch.some(hasRef))
          return true;
        if (typeof sch == "object" && hasRef(sch))
          return true;
      }
      return false;
    }
    function countKeys(schema) {
      let count = 0;
      for (const key2 in schema) {
        if (key2 === "$ref")
          return Infinity;
        count++;
        if (SIMPLE_INLINED.has(key2))
          continue;
        if (typeof schema[key2] == "object") {
          (0, util_1.eachItem)(schema[key2], (sch) => count += countKeys(sch));
        }
        if (count === Infinity)
          return Infinity;
      }
      return count;
    }
    function getFullPath(resolver, id = "", normalize) {
      if (normalize !== false)
        id = normalizeId(id);
      const p = resolver.parse(id);
      return _getFullPath(resolver, p);
    }
    exports.getFullPath = getFullPath;
    function _getFullPath(resolver, p) {
      const serialized = resolver.serialize(p);
      return serialized.split("#")[0] + "#";
    }
    exports._getFullPath = _getFullPath;
    var TRAILING_SLASH_HASH = /#\/?$/;
    function normalizeId(id) {
      return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
    }
    exports.normalizeId = normalizeId;
    function resolveUrl(resolver, baseId, id) {
      id = normalizeId(id);
      return resolver.resolve(baseId, id);
    }
    exports.resolveUrl = resolveUrl;
    var ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
    function getSchemaRefs(schema, baseId) {
      if (typeof schema == "boolean")
        return {};
      const { schemaId, uriResolver } = this.opts;
      const schId = normalizeId(schema[schemaId] || baseId);
      const baseIds = { "": schId };
      const pathPrefix = getFullPath(uriResolver, schId, false);
      const localRefs = {};
      const schemaRefs = /* @__PURE__ */ new Set();
      traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === void 0)
          return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
          innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
          const _resolve = this.opts.uriResolver.resolve;
          ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
          if (schemaRefs.has(ref))
            throw ambiguos(ref);
          schemaRefs.add(ref);
          let schOrRef = this.refs[ref];
          if (typeof schOrRef == "string")
            schOrRef = this.refs[schOrRef];
          if (typeof schOrRef == "object") {
            checkAmbiguosRef(sch, schOrRef.schema, ref);
          } else if (ref !== normalizeId(fullPath)) {
            if (ref[0] === "#") {
              checkAmbiguosRef(sch, localRefs[ref], ref);
              localRefs[ref] = sch;
            } else {
              this.refs[ref] = fullPath;
            }
          }
          return ref;
        }
        function addAnchor(anchor) {
          if (typeof anchor == "string") {
            if (!ANCHOR.test(anchor))
              throw new Error(`invalid anchor "${anchor}"`);
            addRef.call(this, `#${anchor}`);
          }
        }
      });
      return localRefs;
      function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== void 0 && !equal(sch1, sch2))
          throw ambiguos(ref);
      }
      function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
      }
    }
    exports.getSchemaRefs = getSchemaRefs;
  }
});

// node_modules/ajv/dist/compile/validate/index.js
var require_validate = __commonJS({
  "node_modules/ajv/dist/compile/validate/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
    var boolSchema_1 = require_boolSchema();
    var dataType_1 = require_dataType();
    var applicability_1 = require_applicability();
    var dataType_2 = require_dataType();
    var defaults_1 = require_defaults();
    var keyword_1 = require_keyword();
    var subschema_1 = require_subschema();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var errors_1 = require_errors2();
    function validateFunctionCode(it) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          topSchemaObjCode(it);
          return;
        }
      }
      validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
    }
    exports.validateFunctionCode = validateFunctionCode;
    function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
      if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
          gen.code((0, codegen_1._)`"use strict"; ${funcSourceUrl(schema, opts)}`);
          destructureValCxtES5(gen, opts);
          gen.code(body);
        });
      } else {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
      }
    }
    function destructureValCxt(opts) {
      return (0, codegen_1._)`{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._)`, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
    }
    function destructureValCxtES5(gen, opts) {
      gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
      }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`""`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`{}`);
      });
    }
    function topSchemaObjCode(it) {
      const { schema, opts, gen } = it;
      validateFunction(it, () => {
        if (opts.$comment && schema.$comment)
          commentKeyword(it);
        checkNoDefault(it);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
          resetEvaluated(it);
        typeAndKeywords(it);
        returnResults(it);
      });
      return;
    }
    function resetEvaluated(it) {
      const { gen, validateName } = it;
      it.evaluated = gen.const("evaluated", (0, codegen_1._)`${validateName}.evaluated`);
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._)`${it.evaluated}.props`, (0, codegen_1._)`undefined`));
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._)`${it.evaluated}.items`, (0, codegen_1._)`undefined`));
    }
    function funcSourceUrl(schema, opts) {
      const schId = typeof schema == "object" && schema[opts.schemaId];
      return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._)`/*# sourceURL=${schId} */` : codegen_1.nil;
    }
    function subschemaCode(it, valid) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          subSchemaObjCode(it, valid);
          return;
        }
      }
      (0, boolSchema_1.boolOrEmptySchema)(it, valid);
    }
    function schemaCxtHasRules({ schema, self }) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key2 in schema)
        if (self.RULES.all[key2])
          return true;
      return false;
    }
    function isSchemaObj(it) {
      return typeof it.schema != "boolean";
    }
    function subSchemaObjCode(it, valid) {
      const { schema, gen, opts } = it;
      if (opts.$comment && schema.$comment)
        commentKeyword(it);
      updateContext(it);
      checkAsyncSchema(it);
      const errsCount = gen.const("_errs", names_1.default.errors);
      typeAndKeywords(it, errsCount);
      gen.var(valid, (0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
    }
    function checkKeywords(it) {
      (0, util_1.checkUnknownRules)(it);
      checkRefsAndKeywords(it);
    }
    function typeAndKeywords(it, errsCount) {
      if (it.opts.jtd)
        return schemaKeywords(it, [], false, errsCount);
      const types = (0, dataType_1.getSchemaTypes)(it.schema);
      const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
      schemaKeywords(it, types, !checkedTypes, errsCount);
    }
    function checkRefsAndKeywords(it) {
      const { schema, errSchemaPath, opts, self } = it;
      if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
      }
    }
    function checkNoDefault(it) {
      const { schema, opts } = it;
      if (schema.default !== void 0 && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
      }
    }
    function updateContext(it) {
      const schId = it.schema[it.opts.schemaId];
      if (schId)
        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
    }
    function checkAsyncSchema(it) {
      if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
    }
    function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
      const msg = schema.$comment;
      if (opts.$comment === true) {
        gen.code((0, codegen_1._)`${names_1.default.self}.logger.log(${msg})`);
      } else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str)`${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._)`${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
      }
    }
    function returnResults(it) {
      const { gen, schemaEnv, validateName, ValidationError, opts } = it;
      if (schemaEnv.$async) {
        gen.if((0, codegen_1._)`${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._)`new ${ValidationError}(${names_1.default.vErrors})`));
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
          assignEvaluated(it);
        gen.return((0, codegen_1._)`${names_1.default.errors} === 0`);
      }
    }
    function assignEvaluated({ gen, evaluated, props, items }) {
      if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.props`, props);
      if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.items`, items);
    }
    function schemaKeywords(it, types, typeErrors, errsCount) {
      const { gen, schema, data, allErrors, opts, self } = it;
      const { RULES } = self;
      if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition));
        return;
      }
      if (!opts.jtd)
        checkStrictTypes(it, types);
      gen.block(() => {
        for (const group of RULES.rules)
          groupKeywords(group);
        groupKeywords(RULES.post);
      });
      function groupKeywords(group) {
        if (!(0, applicability_1.shouldUseGroup)(schema, group))
          return;
        if (group.type) {
          gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
          iterateKeywords(it, group);
          if (types.length === 1 && types[0] === group.type && typeErrors) {
            gen.else();
            (0, dataType_2.reportTypeError)(it);
          }
          gen.endIf();
        } else {
          iterateKeywords(it, group);
        }
        if (!allErrors)
          gen.if((0, codegen_1._)`${names_1.default.errors} === ${errsCount || 0}`);
      }
    }
    function iterateKeywords(it, group) {
      const { gen, schema, opts: { useDefaults } } = it;
      if (useDefaults)
        (0, defaults_1.assignDefaults)(it, group.type);
      gen.block(() => {
        for (const rule of group.rules) {
          if ((0, applicability_1.shouldUseRule)(schema, rule)) {
            keywordCode(it, rule.keyword, rule.definition, group.type);
          }
        }
      });
    }
    function checkStrictTypes(it, types) {
      if (it.schemaEnv.meta || !it.opts.strictTypes)
        return;
      checkContextTypes(it, types);
      if (!it.opts.allowUnionTypes)
        checkMultipleTypes(it, types);
      checkKeywordTypes(it, it.dataTypes);
    }
    function checkContextTypes(it, types) {
      if (!types.length)
        return;
      if (!it.dataTypes.length) {
        it.dataTypes = types;
        return;
      }
      types.forEach((t) => {
        if (!includesType(it.dataTypes, t)) {
          strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }
      });
      narrowSchemaTypes(it, types);
    }
    function checkMultipleTypes(it, ts) {
      if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
      }
    }
    function checkKeywordTypes(it, ts) {
      const rules = it.self.RULES.all;
      for (const keyword in rules) {
        const rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
          const { type } = rule.definition;
          if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
            strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
          }
        }
      }
    }
    function hasApplicableType(schTs, kwdT) {
      return schTs.includes(kwdT) || kwdT === "number" && schTs.includes("integer");
    }
    function includesType(ts, t) {
      return ts.includes(t) || t === "integer" && ts.includes("number");
    }
    function narrowSchemaTypes(it, withTypes) {
      const ts = [];
      for (const t of it.dataTypes) {
        if (includesType(withTypes, t))
          ts.push(t);
        else if (withTypes.includes("integer") && t === "number")
          ts.push("integer");
      }
      it.dataTypes = ts;
    }
    function strictTypesError(it, msg) {
      const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
      msg += ` at "${schemaPath}" (strictTypes)`;
      (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
    }
    var KeywordCxt = class {
      constructor(it, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
        this.gen = it.gen;
        this.allErrors = it.allErrors;
        this.keyword = keyword;
        this.data = it.data;
        this.schema = it.schema[keyword];
        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it.schema;
        this.params = {};
        this.it = it;
        this.def = def;
        if (this.$data) {
          this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        } else {
          this.schemaCode = this.schemaValue;
          if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
            throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
          }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
          this.errsCount = it.gen.const("_errs", names_1.default.errors);
        }
      }
      result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
      }
      failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
          failAction();
        else
          this.error();
        if (successAction) {
          this.gen.else();
          successAction();
          if (this.allErrors)
            this.gen.endIf();
        } else {
          if (this.allErrors)
            this.gen.endIf();
          else
            this.gen.else();
        }
      }
      pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), void 0, failAction);
      }
      fail(condition) {
        if (condition === void 0) {
          this.error();
          if (!this.allErrors)
            this.gen.if(false);
          return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
          this.gen.endIf();
        else
          this.gen.else();
      }
      fail$data(condition) {
        if (!this.$data)
          return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._)`${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
      }
      error(append, errorParams, errorPaths) {
        if (errorParams) {
          this.setParams(errorParams);
          this._error(append, errorPaths);
          this.setParams({});
          return;
        }
        this._error(append, errorPaths);
      }
      _error(append, errorPaths) {
        ;
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
      }
      $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
      }
      reset() {
        if (this.errsCount === void 0)
          throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
      }
      ok(cond) {
        if (!this.allErrors)
          this.gen.if(cond);
      }
      setParams(obj, assign) {
        if (assign)
          Object.assign(this.params, obj);
        else
          this.params = obj;
      }
      block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
          this.check$data(valid, $dataValid);
          codeBlock();
        });
      }
      check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
          return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._)`${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
          gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
          gen.elseIf(this.invalid$data());
          this.$dataError();
          if (valid !== codegen_1.nil)
            gen.assign(valid, false);
        }
        gen.else();
      }
      invalid$data() {
        const { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
          if (schemaType.length) {
            if (!(schemaCode instanceof codegen_1.Name))
              throw new Error("ajv implementation error");
            const st = Array.isArray(schemaType) ? schemaType : [schemaType];
            return (0, codegen_1._)`${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
          }
          return codegen_1.nil;
        }
        function invalid$DataSchema() {
          if (def.validateSchema) {
            const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema });
            return (0, codegen_1._)`!${validateSchemaRef}(${schemaCode})`;
          }
          return codegen_1.nil;
        }
      }
      subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: void 0, props: void 0 };
        subschemaCode(nextContext, valid);
        return nextContext;
      }
      mergeEvaluated(schemaCxt, toName) {
        const { it, gen } = this;
        if (!it.opts.unevaluated)
          return;
        if (it.props !== true && schemaCxt.props !== void 0) {
          it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
        }
        if (it.items !== true && schemaCxt.items !== void 0) {
          it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
        }
      }
      mergeValidEvaluated(schemaCxt, valid) {
        const { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
          gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
          return true;
        }
      }
    };
    exports.KeywordCxt = KeywordCxt;
    function keywordCode(it, keyword, def, ruleType) {
      const cxt = new KeywordCxt(it, def, keyword);
      if ("code" in def) {
        def.code(cxt, ruleType);
      } else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      } else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
      } else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      }
    }
    var JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
    var RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
    function getData($data, { dataLevel, dataNames, dataPathArr }) {
      let jsonPointer;
      let data;
      if ($data === "")
        return names_1.default.rootData;
      if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
      } else {
        const matches = RELATIVE_JSON_POINTER.exec($data);
        if (!matches)
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches[1];
        jsonPointer = matches[2];
        if (jsonPointer === "#") {
          if (up >= dataLevel)
            throw new Error(errorMsg("property/index", up));
          return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
          throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
          return data;
      }
      let expr = data;
      const segments = jsonPointer.split("/");
      for (const segment of segments) {
        if (segment) {
          data = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
          expr = (0, codegen_1._)`${expr} && ${data}`;
        }
      }
      return expr;
      function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
      }
    }
    exports.getData = getData;
  }
});

// node_modules/ajv/dist/runtime/validation_error.js
var require_validation_error = __commonJS({
  "node_modules/ajv/dist/runtime/validation_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var ValidationError = class extends Error {
      constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
      }
    };
    exports.default = ValidationError;
  }
});

// node_modules/ajv/dist/compile/ref_error.js
var require_ref_error = __commonJS({
  "node_modules/ajv/dist/compile/ref_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var resolve_1 = require_resolve();
    var MissingRefError = class extends Error {
      constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
      }
    };
    exports.default = MissingRefError;
  }
});

// node_modules/ajv/dist/compile/index.js
var require_compile = __commonJS({
  "node_modules/ajv/dist/compile/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
    var codegen_1 = require_codegen();
    var validation_error_1 = require_validation_error();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var validate_1 = require_validate();
    var SchemaEnv = class {
      constructor(env) {
        var _a;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema;
        if (typeof env.schema == "object")
          schema = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
        this.refs = {};
      }
    };
    exports.SchemaEnv = SchemaEnv;
    function compileSchema(sch) {
      const _sch = getCompilingSchema.call(this, sch);
      if (_sch)
        return _sch;
      const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId);
      const { es5, lines } = this.opts.code;
      const { ownProperties } = this.opts;
      const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
      let _ValidationError;
      if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
          ref: validation_error_1.default,
          code: (0, codegen_1._)`require("ajv/dist/runtime/validation_error").default`
        });
      }
      const validateName = gen.scopeName("validate");
      sch.validateName = validateName;
      const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil],
        // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: /* @__PURE__ */ new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) } : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._)`""`,
        opts: this.opts,
        self: this
      };
      let sourceCode;
      try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        if (this.opts.code.process)
          sourceCode = this.opts.code.process(sourceCode, sch);
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
          validate.$async = true;
        if (this.opts.code.source === true) {
          validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
          const { props, items } = schemaCxt;
          validate.evaluated = {
            props: props instanceof codegen_1.Name ? void 0 : props,
            items: items instanceof codegen_1.Name ? void 0 : items,
            dynamicProps: props instanceof codegen_1.Name,
            dynamicItems: items instanceof codegen_1.Name
          };
          if (validate.source)
            validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
      } catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
          this.logger.error("Error compiling schema, function code:", sourceCode);
        throw e;
      } finally {
        this._compilations.delete(sch);
      }
    }
    exports.compileSchema = compileSchema;
    function resolveRef(root, baseId, ref) {
      var _a;
      ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
      const schOrFunc = root.refs[ref];
      if (schOrFunc)
        return schOrFunc;
      let _sch = resolve2.call(this, root, ref);
      if (_sch === void 0) {
        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref];
        const { schemaId } = this.opts;
        if (schema)
          _sch = new SchemaEnv({ schema, schemaId, root, baseId });
      }
      if (_sch === void 0)
        return;
      return root.refs[ref] = inlineOrCompile.call(this, _sch);
    }
    exports.resolveRef = resolveRef;
    function inlineOrCompile(sch) {
      if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
      return sch.validate ? sch : compileSchema.call(this, sch);
    }
    function getCompilingSchema(schEnv) {
      for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
          return sch;
      }
    }
    exports.getCompilingSchema = getCompilingSchema;
    function sameSchemaEnv(s1, s2) {
      return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
    }
    function resolve2(root, ref) {
      let sch;
      while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
      return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
    }
    function resolveSchema(root, ref) {
      const p = this.opts.uriResolver.parse(ref);
      const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
      let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, void 0);
      if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
      }
      const id = (0, resolve_1.normalizeId)(refPath);
      const schOrRef = this.refs[id] || this.schemas[id];
      if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
          return;
        return getJsonPointer.call(this, p, sch);
      }
      if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
      if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
      if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema[schemaId];
        if (schId)
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema, schemaId, root, baseId });
      }
      return getJsonPointer.call(this, p, schOrRef);
    }
    exports.resolveSchema = resolveSchema;
    var PREVENT_SCOPE_CHANGE = /* @__PURE__ */ new Set([
      "properties",
      "patternProperties",
      "enum",
      "dependencies",
      "definitions"
    ]);
    function getJsonPointer(parsedRef, { baseId, schema, root }) {
      var _a;
      if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
      for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema === "boolean")
          return;
        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === void 0)
          return;
        schema = partSchema;
        const schId = typeof schema === "object" && schema[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
      }
      let env;
      if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
      }
      const { schemaId } = this.opts;
      env = env || new SchemaEnv({ schema, schemaId, root, baseId });
      if (env.schema !== env.root.schema)
        return env;
      return void 0;
    }
  }
});

// node_modules/ajv/dist/refs/data.json
var require_data = __commonJS({
  "node_modules/ajv/dist/refs/data.json"(exports, module) {
    module.exports = {
      $id: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
      description: "Meta-schema for $data reference (JSON AnySchema extension proposal)",
      type: "object",
      required: ["$data"],
      properties: {
        $data: {
          type: "string",
          anyOf: [{ format: "relative-json-pointer" }, { format: "json-pointer" }]
        }
      },
      additionalProperties: false
    };
  }
});

// node_modules/fast-uri/lib/utils.js
var require_utils = __commonJS({
  "node_modules/fast-uri/lib/utils.js"(exports, module) {
    "use strict";
    var isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu);
    var isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u);
    var isPort = RegExp.prototype.test.bind(/^\d*$/u);
    var isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu);
    var isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu);
    var isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u);
    var isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u);
    var isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u);
    var BYTE_HEX = new Array(256);
    {
      const HEX_DIGITS = "0123456789ABCDEF";
      for (let i = 0; i < 256; i++) {
        BYTE_HEX[i] = "%" + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15];
      }
    }
    function percentEncodeNonAscii(cp) {
      if (cp < 2048) {
        return BYTE_HEX[192 | cp >> 6] + BYTE_HEX[128 | cp & 63];
      }
      if (cp < 65536) {
        return BYTE_HEX[224 | cp >> 12] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
      }
      return BYTE_HEX[240 | cp >> 18] + BYTE_HEX[128 | cp >> 12 & 63] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
    }
    function stringArrayToHexStripped(input) {
      let acc = "";
      let code = 0;
      let i = 0;
      for (i = 0; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (code === 48) {
          continue;
        }
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
        break;
      }
      for (i += 1; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
      }
      return acc;
    }
    var isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/);
    var isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/);
    var isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/);
    var nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);
    function isZoneIdentifier(zone) {
      if (zone.length === 0) return false;
      for (let i = 0; i < zone.length; i++) {
        if (isZoneCharacter(zone[i])) continue;
        if (zone[i] === "%" && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
          i += 2;
          continue;
        }
        return false;
      }
      return true;
    }
    function compressIPv6ZeroRun(hextets) {
      let bestStart = -1;
      let bestLength = 0;
      let runStart = -1;
      let runLength = 0;
      for (let i = 0; i < hextets.length; i++) {
        if (hextets[i] === "0") {
          if (runStart === -1) runStart = i;
          runLength++;
          if (runLength > bestLength) {
            bestLength = runLength;
            bestStart = runStart;
          }
        } else {
          runStart = -1;
          runLength = 0;
        }
      }
      if (bestLength < 2) return hextets.join(":");
      const head = hextets.slice(0, bestStart).join(":");
      const tail = hextets.slice(bestStart + bestLength).join(":");
      return head + "::" + tail;
    }
    function normalizeIPv6Address(input) {
      const compression = input.indexOf("::");
      if (compression !== -1 && input.indexOf("::", compression + 1) !== -1) return void 0;
      const left = compression === -1 ? input.split(":") : input.slice(0, compression).split(":");
      const right = compression === -1 ? [] : input.slice(compression + 2).split(":");
      if (compression !== -1) {
        if (left.length === 1 && left[0] === "") left.length = 0;
        if (right.length === 1 && right[0] === "") right.length = 0;
      }
      const parts = left.concat(right);
      let hextetCount = 0;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === "") return void 0;
        if (part.indexOf(".") !== -1) {
          if (i !== parts.length - 1 || compression !== -1 && right.length === 0 || !isIPv4(part)) return void 0;
          hextetCount += 2;
          continue;
        }
        if (!isHextet(part)) return void 0;
        parts[i] = parseInt(part, 16).toString(16);
        hextetCount++;
      }
      if (compression === -1) {
        if (hextetCount !== 8) return void 0;
        return compressIPv6ZeroRun(parts);
      }
      if (hextetCount >= 8) return void 0;
      const expanded = parts.slice(0, left.length);
      for (let i = hextetCount; i < 8; i++) expanded.push("0");
      for (let i = left.length; i < parts.length; i++) expanded.push(parts[i]);
      return compressIPv6ZeroRun(expanded);
    }
    function normalizeIPv6(host) {
      const bracketed = host[0] === "[" && host[host.length - 1] === "]";
      const hasBracket = host[0] === "[" || host[host.length - 1] === "]";
      if (hasBracket && !bracketed) return { host, isIPV6: false, error: true };
      let input = bracketed ? host.slice(1, -1) : host;
      if (bracketed && isIPvFuture(input)) {
        input = input.toLowerCase();
        return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true };
      }
      if (findToken(input, ":") < 2) {
        return { host, isIPV6: false, error: bracketed };
      }
      let zoneIdentifier = "";
      const zoneSeparator = input.indexOf("%");
      if (zoneSeparator !== -1) {
        const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === "%25" ? 3 : 1;
        zoneIdentifier = input.slice(zoneSeparator + separatorLength);
        if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true };
        input = input.slice(0, zoneSeparator);
      }
      const address = normalizeIPv6Address(input);
      if (address === void 0) return { host, isIPV6: false, error: true };
      return {
        host: address + (zoneIdentifier ? "%" + zoneIdentifier : ""),
        escapedHost: address + (zoneIdentifier ? "%25" + zoneIdentifier : ""),
        isIPV6: true
      };
    }
    function findToken(str, token) {
      let ind = 0;
      for (let i = 0; i < str.length; i++) {
        if (str[i] === token) ind++;
      }
      return ind;
    }
    function removeDotSegments(path2) {
      let input = path2;
      const output = [];
      let nextSlash = -1;
      let len = 0;
      while (len = input.length) {
        if (len === 1) {
          if (input === ".") {
            break;
          } else if (input === "/") {
            output.push("/");
            break;
          } else {
            output.push(input);
            break;
          }
        } else if (len === 2) {
          if (input[0] === ".") {
            if (input[1] === ".") {
              break;
            } else if (input[1] === "/") {
              input = input.slice(2);
              continue;
            }
          } else if (input[0] === "/") {
            if (input[1] === "." || input[1] === "/") {
              output.push("/");
              break;
            }
          }
        } else if (len === 3) {
          if (input === "/..") {
            if (output.length !== 0) {
              output.pop();
            }
            output.push("/");
            break;
          }
        }
        if (input[0] === ".") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(3);
              continue;
            }
          } else if (input[1] === "/") {
            input = input.slice(2);
            continue;
          }
        } else if (input[0] === "/") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(2);
              continue;
            } else if (input[2] === ".") {
              if (input[3] === "/") {
                input = input.slice(3);
                if (output.length !== 0) {
                  output.pop();
                }
                continue;
              }
            }
          }
        }
        if ((nextSlash = input.indexOf("/", 1)) === -1) {
          output.push(input);
          break;
        } else {
          output.push(input.slice(0, nextSlash));
          input = input.slice(nextSlash);
        }
      }
      return output.join("");
    }
    function removeDotSegmentsRelative(path2) {
      if (path2 === "" || path2[0] === "/") {
        return removeDotSegments(path2);
      }
      const segments = path2.split("/");
      const last = segments.length - 1;
      const output = [];
      let trailingDirectory = false;
      for (let i = 0; i <= last; i++) {
        const segment = segments[i];
        if (segment === "." || segment === "..") {
          if (segment === "..") {
            if (output.length !== 0 && output[output.length - 1] !== "..") {
              output.pop();
            } else {
              output.push("..");
            }
          }
          trailingDirectory = i === last;
        } else {
          output.push(segment);
        }
      }
      if (trailingDirectory && output[output.length - 1] !== "..") {
        output.push("");
      }
      if (output.length === 0 || output[0] === "" || output[0].includes(":")) {
        output.unshift(".");
      }
      return output.join("/");
    }
    var HOST_DELIMS = { "@": "%40", "/": "%2F", "?": "%3F", "#": "%23", ":": "%3A" };
    var HOST_DELIM_RE = /[@/?#:]/g;
    var HOST_DELIM_NO_COLON_RE = /[@/?#]/g;
    function reescapeHostDelimiters(host, isIP) {
      const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
      re.lastIndex = 0;
      return host.replace(re, (ch) => HOST_DELIMS[ch]);
    }
    function normalizePercentEncoding(input, decodeUnreserved = false) {
      if (input.indexOf("%") === -1) {
        return input;
      }
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decodeUnreserved && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        output += input[i];
      }
      return output;
    }
    function normalizePathEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decoded !== "." && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isPathCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function serializePathEncoding(input, pathNoScheme = false) {
      let output = "";
      let firstSegment = pathNoScheme && input[0] !== "/";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (ch === "/") {
          firstSegment = false;
        }
        if (isPathCharacter(ch) && (ch !== ":" || !firstSegment)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeComponent(input, isAllowed) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (isAllowed(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeUserinfo(input) {
      return encodeComponent(input, isUserinfoCharacter);
    }
    function encodeQuery(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function encodeFragment(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function isEscapeSafe(cp) {
      return cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122 || cp === 42 || cp === 43 || cp === 45 || cp === 46 || cp === 47 || cp === 64 || cp === 95;
    }
    function normalizeQueryFragmentEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isQueryFragmentCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function escapePreservingEscapes(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        output += escape(input[i]);
      }
      return output;
    }
    function recomposeAuthority(component) {
      const uriTokens = [];
      if (component.userinfo !== void 0) {
        uriTokens.push(encodeUserinfo(component.userinfo));
        uriTokens.push("@");
      }
      if (component.host !== void 0) {
        let host = component.host;
        if (!isIPv4(host)) {
          let ipV6res = normalizeIPv6(host);
          if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
            host = normalizePercentEncoding(host, true);
            ipV6res = normalizeIPv6(host);
          }
          if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
            host = `[${ipV6res.escapedHost}]`;
          } else {
            host = reescapeHostDelimiters(host, false);
          }
        }
        uriTokens.push(host);
      }
      if (typeof component.port === "number" || typeof component.port === "string") {
        const port = String(component.port);
        if (!isPort(port)) {
          throw new TypeError("URI port is malformed.");
        }
        uriTokens.push(":");
        uriTokens.push(port);
      }
      return uriTokens.length ? uriTokens.join("") : void 0;
    }
    module.exports = {
      nonSimpleDomain,
      recomposeAuthority,
      reescapeHostDelimiters,
      normalizePercentEncoding,
      normalizePathEncoding,
      serializePathEncoding,
      normalizeQueryFragmentEncoding,
      encodeUserinfo,
      encodeQuery,
      encodeFragment,
      escapePreservingEscapes,
      removeDotSegments,
      removeDotSegmentsRelative,
      isIPv4,
      isUUID,
      normalizeIPv6,
      stringArrayToHexStripped
    };
  }
});

// node_modules/fast-uri/lib/schemes.js
var require_schemes = __commonJS({
  "node_modules/fast-uri/lib/schemes.js"(exports, module) {
    "use strict";
    var { isUUID } = require_utils();
    var URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu;
    var supportedSchemeNames = (
      /** @type {const} */
      [
        "http",
        "https",
        "ws",
        "wss",
        "urn",
        "urn:uuid"
      ]
    );
    function isValidSchemeName(name) {
      return supportedSchemeNames.indexOf(
        /** @type {*} */
        name
      ) !== -1;
    }
    function wsIsSecure(wsComponent) {
      if (wsComponent.secure === true) {
        return true;
      } else if (wsComponent.secure === false) {
        return false;
      } else if (wsComponent.scheme) {
        return wsComponent.scheme.length === 3 && (wsComponent.scheme[0] === "w" || wsComponent.scheme[0] === "W") && (wsComponent.scheme[1] === "s" || wsComponent.scheme[1] === "S") && (wsComponent.scheme[2] === "s" || wsComponent.scheme[2] === "S");
      } else {
        return false;
      }
    }
    function httpParse(component) {
      if (!component.host) {
        component.error = component.error || "HTTP URIs must have a host.";
      }
      return component;
    }
    function httpSerialize(component) {
      const secure = String(component.scheme).toLowerCase() === "https";
      if (component.port === (secure ? 443 : 80) || component.port === "") {
        component.port = void 0;
      }
      if (!component.path) {
        component.path = "/";
      }
      return component;
    }
    function wsParse(wsComponent) {
      wsComponent.secure = wsIsSecure(wsComponent);
      wsComponent.resourceName = (wsComponent.path || "/") + (wsComponent.query ? "?" + wsComponent.query : "");
      wsComponent.path = void 0;
      wsComponent.query = void 0;
      return wsComponent;
    }
    function wsSerialize(wsComponent) {
      if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === "") {
        wsComponent.port = void 0;
      }
      if (typeof wsComponent.secure === "boolean") {
        wsComponent.scheme = wsComponent.secure ? "wss" : "ws";
        wsComponent.secure = void 0;
      }
      if (wsComponent.resourceName) {
        const queryIndex = wsComponent.resourceName.indexOf("?");
        const path2 = queryIndex === -1 ? wsComponent.resourceName : wsComponent.resourceName.slice(0, queryIndex);
        wsComponent.path = path2 && path2 !== "/" ? path2 : void 0;
        wsComponent.query = queryIndex === -1 ? void 0 : wsComponent.resourceName.slice(queryIndex + 1);
        wsComponent.resourceName = void 0;
      }
      wsComponent.fragment = void 0;
      return wsComponent;
    }
    function urnParse(urnComponent, options) {
      if (!urnComponent.path) {
        urnComponent.error = "URN can not be parsed";
        return urnComponent;
      }
      const matches = urnComponent.path.match(URN_REG);
      if (matches && matches[0] === urnComponent.path) {
        const scheme = options.scheme || urnComponent.scheme || "urn";
        urnComponent.nid = matches[1].toLowerCase();
        urnComponent.nss = matches[2];
        const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`;
        const schemeHandler = getSchemeHandler(urnScheme);
        urnComponent.path = void 0;
        if (schemeHandler) {
          urnComponent = schemeHandler.parse(urnComponent, options);
        }
      } else {
        urnComponent.error = urnComponent.error || "URN can not be parsed.";
      }
      return urnComponent;
    }
    function urnSerialize(urnComponent, options) {
      if (urnComponent.nid === void 0) {
        throw new Error("URN without nid cannot be serialized");
      }
      const scheme = options.scheme || urnComponent.scheme || "urn";
      const nid = urnComponent.nid.toLowerCase();
      const urnScheme = `${scheme}:${options.nid || nid}`;
      const schemeHandler = getSchemeHandler(urnScheme);
      if (schemeHandler) {
        urnComponent = schemeHandler.serialize(urnComponent, options);
      }
      const uriComponent = urnComponent;
      const nss = urnComponent.nss;
      uriComponent.path = `${nid || options.nid}:${nss}`;
      options.skipEscape = true;
      return uriComponent;
    }
    function urnuuidParse(urnComponent, options) {
      const uuidComponent = urnComponent;
      uuidComponent.uuid = uuidComponent.nss;
      uuidComponent.nss = void 0;
      if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
        uuidComponent.error = uuidComponent.error || "UUID is not valid.";
      }
      return uuidComponent;
    }
    function urnuuidSerialize(uuidComponent) {
      const urnComponent = uuidComponent;
      urnComponent.nss = (uuidComponent.uuid || "").toLowerCase();
      return urnComponent;
    }
    var http = (
      /** @type {SchemeHandler} */
      {
        scheme: "http",
        domainHost: true,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var https = (
      /** @type {SchemeHandler} */
      {
        scheme: "https",
        domainHost: http.domainHost,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var ws = (
      /** @type {SchemeHandler} */
      {
        scheme: "ws",
        domainHost: true,
        parse: wsParse,
        serialize: wsSerialize
      }
    );
    var wss = (
      /** @type {SchemeHandler} */
      {
        scheme: "wss",
        domainHost: ws.domainHost,
        parse: ws.parse,
        serialize: ws.serialize
      }
    );
    var urn = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn",
        parse: urnParse,
        serialize: urnSerialize,
        skipNormalize: true
      }
    );
    var urnuuid = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn:uuid",
        parse: urnuuidParse,
        serialize: urnuuidSerialize,
        skipNormalize: true
      }
    );
    var SCHEMES = (
      /** @type {Record<SchemeName, SchemeHandler>} */
      {
        http,
        https,
        ws,
        wss,
        urn,
        "urn:uuid": urnuuid
      }
    );
    Object.setPrototypeOf(SCHEMES, null);
    function getSchemeHandler(scheme) {
      return scheme && (SCHEMES[
        /** @type {SchemeName} */
        scheme
      ] || SCHEMES[
        /** @type {SchemeName} */
        scheme.toLowerCase()
      ]) || void 0;
    }
    module.exports = {
      wsIsSecure,
      SCHEMES,
      isValidSchemeName,
      getSchemeHandler
    };
  }
});

// node_modules/fast-uri/index.js
var require_fast_uri = __commonJS({
  "node_modules/fast-uri/index.js"(exports, module) {
    "use strict";
    var { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = require_utils();
    var { SCHEMES, getSchemeHandler } = require_schemes();
    var VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u;
    var MALFORMED_SCHEME_ERROR = "URI scheme is malformed.";
    var MALFORMED_HOST_ERROR = "URI host is malformed.";
    var FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;
    function validateScheme(scheme) {
      const stringScheme = String(scheme);
      if (!VALID_SCHEME.test(stringScheme)) {
        throw new TypeError(MALFORMED_SCHEME_ERROR);
      }
      return stringScheme;
    }
    function normalize(uri, options) {
      if (typeof uri === "string") {
        uri = /** @type {T} */
        normalizeString(uri, options);
      } else if (typeof uri === "object") {
        uri = /** @type {T} */
        parse(serialize(uri, options), options);
      }
      return uri;
    }
    function resolve2(baseURI, relativeURI, options) {
      const schemelessOptions = options ? Object.assign({ scheme: "null" }, options) : { scheme: "null" };
      const {
        parsed: baseParsed,
        malformedAuthorityOrPort: baseMalformed,
        malformedPercentEncoding: baseMalformedPercentEncoding,
        malformedSchemeSpecific: baseMalformedSchemeSpecific,
        malformedHost: baseMalformedHost,
        malformedScheme: baseMalformedScheme
      } = parseWithStatus(baseURI, schemelessOptions);
      const {
        parsed: relativeParsed,
        malformedAuthorityOrPort: relativeMalformed,
        malformedPercentEncoding: relativeMalformedPercentEncoding,
        malformedSchemeSpecific: relativeMalformedSchemeSpecific,
        malformedHost: relativeMalformedHost,
        malformedScheme: relativeMalformedScheme
      } = parseWithStatus(relativeURI, schemelessOptions);
      if (baseMalformed || relativeMalformed || baseMalformedPercentEncoding || relativeMalformedPercentEncoding || baseMalformedSchemeSpecific || relativeMalformedSchemeSpecific || baseMalformedHost || relativeMalformedHost || baseMalformedScheme || relativeMalformedScheme) {
        throw new Error(baseParsed.error || relativeParsed.error || "URI is malformed.");
      }
      const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true);
      const resolvedSchemeHandler = getSchemeHandler(options && options.scheme || resolved.scheme);
      const resolvedHost = resolved.host;
      const resolvedHostIsIP = resolvedHost !== void 0 && resolvedHost !== "" && (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6);
      if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
        throw new Error(MALFORMED_HOST_ERROR);
      }
      canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP);
      const encodedASCIIHost = resolvedHost && resolvedHost.indexOf("%") !== -1 && !new RegExp("\\P{ASCII}", "u").test(resolvedHost);
      if (resolved.error && !encodedASCIIHost) {
        throw new Error(resolved.error);
      }
      schemelessOptions.skipEscape = true;
      return serialize(resolved, schemelessOptions);
    }
    function resolveComponent(base, relative, options, skipNormalization) {
      const target = {};
      if (!skipNormalization) {
        base = parse(serialize(base, options), options);
        relative = parse(serialize(relative, options), options);
      }
      options = options || {};
      if (!options.tolerant && relative.scheme) {
        target.scheme = relative.scheme;
        target.userinfo = relative.userinfo;
        target.host = relative.host;
        target.port = relative.port;
        target.path = removeDotSegments(relative.path || "");
        target.query = relative.query;
      } else {
        if (relative.userinfo !== void 0 || relative.host !== void 0 || relative.port !== void 0) {
          target.userinfo = relative.userinfo;
          target.host = relative.host;
          target.port = relative.port;
          target.path = removeDotSegments(relative.path || "");
          target.query = relative.query;
        } else {
          if (!relative.path) {
            target.path = base.path;
            if (relative.query !== void 0) {
              target.query = relative.query;
            } else {
              target.query = base.query;
            }
          } else {
            if (relative.path[0] === "/") {
              target.path = removeDotSegments(relative.path);
            } else {
              const baseHasAuthority = base.userinfo !== void 0 || base.host !== void 0 || base.port !== void 0;
              if (baseHasAuthority && !base.path) {
                target.path = "/" + relative.path;
              } else if (!base.path) {
                target.path = relative.path;
              } else {
                target.path = base.path.slice(0, base.path.lastIndexOf("/") + 1) + relative.path;
              }
              target.path = base.scheme === void 0 && !baseHasAuthority && target.path[0] !== "/" ? removeDotSegmentsRelative(target.path) : removeDotSegments(target.path);
            }
            target.query = relative.query;
          }
          target.userinfo = base.userinfo;
          target.host = base.host;
          target.port = base.port;
        }
        target.scheme = base.scheme;
      }
      target.fragment = relative.fragment;
      return target;
    }
    function equal(uriA, uriB, options) {
      const normalizedA = normalizeComparableURI(uriA, options);
      const normalizedB = normalizeComparableURI(uriB, options);
      return normalizedA !== void 0 && normalizedB !== void 0 && normalizedA === normalizedB;
    }
    function serialize(cmpts, opts) {
      const component = {
        host: cmpts.host,
        scheme: cmpts.scheme,
        userinfo: cmpts.userinfo,
        port: cmpts.port,
        path: cmpts.path,
        query: cmpts.query,
        nid: cmpts.nid,
        nss: cmpts.nss,
        uuid: cmpts.uuid,
        fragment: cmpts.fragment,
        reference: cmpts.reference,
        resourceName: cmpts.resourceName,
        secure: cmpts.secure,
        error: ""
      };
      const options = Object.assign({}, opts);
      const uriTokens = [];
      if (component.scheme) {
        component.scheme = validateScheme(component.scheme);
      }
      const schemeHandler = getSchemeHandler(options.scheme || component.scheme);
      if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options);
      const hasAuthority = component.userinfo !== void 0 || component.host !== void 0 || component.port !== void 0;
      const schemelessReference = (component.scheme === void 0 || options.reference === "suffix") && !hasAuthority;
      const pathNoScheme = !options.skipEscape && schemelessReference;
      if (component.path !== void 0) {
        if (!options.skipEscape) {
          component.path = serializePathEncoding(component.path, pathNoScheme);
        } else {
          component.path = normalizePercentEncoding(component.path);
        }
      }
      if (options.reference !== "suffix" && component.scheme) {
        component.scheme = validateScheme(component.scheme);
        uriTokens.push(component.scheme, ":");
      }
      const authority = recomposeAuthority(component);
      if (authority !== void 0) {
        if (options.reference !== "suffix") {
          uriTokens.push("//");
        }
        uriTokens.push(authority);
        if (component.path && component.path[0] !== "/") {
          uriTokens.push("/");
        }
      }
      if (component.path !== void 0) {
        let s = component.path;
        if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
          s = schemelessReference && s[0] !== "/" ? removeDotSegmentsRelative(s) : removeDotSegments(s);
        }
        if (schemelessReference) {
          s = serializePathEncoding(s, true);
        }
        if (authority === void 0 && s[0] === "/" && s[1] === "/") {
          s = "/%2F" + s.slice(2);
        }
        uriTokens.push(s);
      }
      if (component.query !== void 0) {
        uriTokens.push("?", encodeQuery(component.query));
      }
      if (component.fragment !== void 0) {
        uriTokens.push("#", encodeFragment(component.fragment));
      }
      return uriTokens.join("");
    }
    var URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u;
    var AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/;
    var AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;
    function getParseError(parsed, matches) {
      if (matches[2] !== void 0 && parsed.path && parsed.path[0] !== "/") {
        return 'URI path must start with "/" when authority is present.';
      }
      if (typeof parsed.port === "number" && (parsed.port < 0 || parsed.port > 65535)) {
        return "URI port is malformed.";
      }
      return void 0;
    }
    function hasMalformedPercentEncoding(component) {
      if (component === void 0) return false;
      let percent = component.indexOf("%");
      while (percent !== -1) {
        if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
          return true;
        }
        percent = component.indexOf("%", percent + 3);
      }
      return false;
    }
    function isIPLiteral(host) {
      return host[0] === "[" && host[host.length - 1] === "]";
    }
    function hasMalformedComponentPercentEncoding(matches) {
      const host = matches[4];
      return hasMalformedPercentEncoding(matches[3]) || host !== void 0 && !isIPLiteral(host) && hasMalformedPercentEncoding(host) || hasMalformedPercentEncoding(matches[6]) || hasMalformedPercentEncoding(matches[7]) || hasMalformedPercentEncoding(matches[8]);
    }
    function canonicalizeHost(parsed, options, schemeHandler, isIP) {
      if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP)) {
        parsed.error = parsed.error || MALFORMED_HOST_ERROR;
        return true;
      }
      if (!options.unicodeSupport && (!schemeHandler || !schemeHandler.unicodeSupport) && parsed.host && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && isIP === false && nonSimpleDomain(parsed.host)) {
        let url;
        try {
          url = new URL("http://" + parsed.host);
        } catch (e) {
          parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e;
          return true;
        }
        if (!isHostOnlyURL(url)) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR;
          return true;
        }
        parsed.host = url.hostname;
      }
      return false;
    }
    function hasForbiddenDomainHost(parsed, options, schemeHandler, isIP) {
      return Boolean(
        parsed.host && isIP === false && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
      );
    }
    function isHostOnlyURL(url) {
      return url.username === "" && url.password === "" && url.port === "" && url.pathname === "/" && url.search === "" && url.hash === "" && url.hostname !== "";
    }
    function parseWithStatus(uri, opts) {
      const options = Object.assign({}, opts);
      const parsed = {
        scheme: void 0,
        userinfo: void 0,
        host: "",
        port: void 0,
        path: "",
        query: void 0,
        fragment: void 0
      };
      let malformedAuthorityOrPort = false;
      let malformedPercentEncoding = false;
      let malformedSchemeSpecific = false;
      let malformedHost = false;
      let malformedIPLiteral = false;
      let malformedScheme = false;
      let isIP = false;
      if (options.reference === "suffix") {
        if (options.scheme) {
          uri = options.scheme + ":" + uri;
        } else {
          uri = "//" + uri;
        }
      }
      const authorityMatch = uri.match(AUTHORITY_PREFIX);
      if (authorityMatch !== null && authorityMatch[1].indexOf("\\") !== -1) {
        parsed.error = "URI authority must not contain a literal backslash.";
        malformedAuthorityOrPort = true;
      }
      const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION);
      if (introducerMatch !== null) {
        const region = introducerMatch[1];
        const normalizedRegion = region.replace(/[\t\n\r]/g, "");
        if (normalizedRegion.length >= 2) {
          if (normalizedRegion.slice(0, 2) !== "//") {
            parsed.error = parsed.error || "URI authority must not contain a literal backslash.";
            malformedAuthorityOrPort = true;
          } else if (region.length !== normalizedRegion.length) {
            parsed.error = parsed.error || "URI authority introducer must not contain whitespace.";
            malformedAuthorityOrPort = true;
          }
        }
      }
      const matches = uri.match(URI_PARSE);
      if (matches) {
        parsed.scheme = matches[1];
        parsed.userinfo = matches[3];
        parsed.host = matches[4];
        parsed.port = parseInt(matches[5], 10);
        parsed.path = matches[6] || "";
        parsed.query = matches[7];
        parsed.fragment = matches[8];
        if (parsed.scheme !== void 0) {
          if (VALID_SCHEME.test(parsed.scheme)) {
            parsed.scheme = parsed.scheme.toLowerCase();
          } else {
            parsed.error = parsed.error || MALFORMED_SCHEME_ERROR;
            malformedScheme = true;
          }
        }
        malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches);
        if (malformedPercentEncoding) {
          parsed.error = parsed.error || "URI contains malformed percent-encoding.";
        }
        if (isNaN(parsed.port)) {
          parsed.port = matches[5];
        }
        const parseError = getParseError(parsed, matches);
        if (parseError !== void 0) {
          parsed.error = parsed.error || parseError;
          malformedAuthorityOrPort = true;
        }
        if (parsed.host) {
          const ipv4result = isIPv4(parsed.host);
          if (ipv4result === false) {
            const bracketedIPLiteral = isIPLiteral(parsed.host);
            const hasIPLiteralBracket = parsed.host.indexOf("[") !== -1 || parsed.host.indexOf("]") !== -1;
            const ipv6result = normalizeIPv6(parsed.host);
            isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true;
            malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true);
            parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase();
            if (malformedIPLiteral) {
              parsed.error = parsed.error || MALFORMED_HOST_ERROR;
              malformedAuthorityOrPort = true;
            }
          } else {
            isIP = true;
          }
        }
        if (parsed.scheme === void 0 && parsed.userinfo === void 0 && parsed.host === void 0 && parsed.port === void 0 && parsed.query === void 0 && !parsed.path) {
          parsed.reference = "same-document";
        } else if (parsed.scheme === void 0) {
          parsed.reference = "relative";
        } else if (parsed.fragment === void 0) {
          parsed.reference = "absolute";
        } else {
          parsed.reference = "uri";
        }
        if (options.reference && options.reference !== "suffix" && options.reference !== parsed.reference) {
          parsed.error = parsed.error || "URI is not a " + options.reference + " reference.";
        }
        const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme);
        if (!malformedIPLiteral) {
          malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP);
        }
        if (uri.indexOf("%") !== -1 && parsed.host !== void 0 && !malformedIPLiteral) {
          let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true);
          if (!isIP) {
            host = normalizePercentEncoding(host.toLowerCase());
          }
          parsed.host = isIP || options.scheme !== "null" ? reescapeHostDelimiters(host, isIP) : host;
        }
        if (!schemeHandler || schemeHandler && !schemeHandler.skipNormalize) {
          if (parsed.path) {
            parsed.path = normalizePathEncoding(parsed.path);
          }
          if (parsed.query) {
            parsed.query = normalizeQueryFragmentEncoding(parsed.query);
          }
          if (parsed.fragment) {
            parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment);
          }
        }
        if (schemeHandler && schemeHandler.parse) {
          schemeHandler.parse(parsed, options);
          if (schemeHandler === SCHEMES.urn && parsed.nid === void 0) {
            malformedSchemeSpecific = true;
          }
        }
      } else {
        parsed.error = parsed.error || "URI can not be parsed.";
      }
      return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme };
    }
    function parse(uri, opts) {
      return parseWithStatus(uri, opts).parsed;
    }
    function normalizeString(uri, opts) {
      return normalizeStringWithStatus(uri, opts).normalized;
    }
    function normalizeStringWithStatus(uri, opts) {
      const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts);
      return {
        normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
        malformedAuthorityOrPort,
        malformedPercentEncoding,
        malformedSchemeSpecific,
        malformedHost,
        malformedScheme
      };
    }
    function normalizeComparableURI(uri, opts) {
      if (typeof uri !== "string" && typeof uri !== "object") {
        return void 0;
      }
      let value;
      try {
        value = typeof uri === "string" ? uri : serialize(uri, opts);
      } catch {
        return void 0;
      }
      const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts);
      return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? void 0 : normalized;
    }
    var fastUri = {
      SCHEMES,
      normalize,
      resolve: resolve2,
      resolveComponent,
      equal,
      serialize,
      parse
    };
    module.exports = fastUri;
    module.exports.default = fastUri;
    module.exports.fastUri = fastUri;
  }
});

// node_modules/ajv/dist/runtime/uri.js
var require_uri = __commonJS({
  "node_modules/ajv/dist/runtime/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var uri = require_fast_uri();
    uri.code = 'require("ajv/dist/runtime/uri").default';
    exports.default = uri;
  }
});

// node_modules/ajv/dist/core.js
var require_core = __commonJS({
  "node_modules/ajv/dist/core.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    var ref_error_1 = require_ref_error();
    var rules_1 = require_rules();
    var compile_1 = require_compile();
    var codegen_2 = require_codegen();
    var resolve_1 = require_resolve();
    var dataType_1 = require_dataType();
    var util_1 = require_util();
    var $dataRefSchema = require_data();
    var uri_1 = require_uri();
    var defaultRegExp = (str, flags) => new RegExp(str, flags);
    defaultRegExp.code = "new RegExp";
    var META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
    var EXT_SCOPE_NAMES = /* @__PURE__ */ new Set([
      "validate",
      "serialize",
      "parse",
      "wrapper",
      "root",
      "schema",
      "keyword",
      "pattern",
      "formats",
      "validate$data",
      "func",
      "obj",
      "Error"
    ]);
    var removedOptions = {
      errorDataPath: "",
      format: "`validateFormats: false` can be used instead.",
      nullable: '"nullable" keyword is supported by default.',
      jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
      extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
      missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
      processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
      sourceCode: "Use option `code: {source: true}`",
      strictDefaults: "It is default now, see option `strict`.",
      strictKeywords: "It is default now, see option `strict`.",
      uniqueItems: '"uniqueItems" keyword is always validated.',
      unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
      cache: "Map is used as cache, schema object as key.",
      serialize: "Map is used as cache, schema object as key.",
      ajvErrors: "It is default now."
    };
    var deprecatedOptions = {
      ignoreKeywordsWithRef: "",
      jsPropertySyntax: "",
      unicode: '"minLength"/"maxLength" account for unicode characters by default.'
    };
    var MAX_EXPRESSION = 200;
    function requiredOptions(o) {
      var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
      const s = o.strict;
      const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
      const optimize = _optz === true || _optz === void 0 ? 1 : _optz || 0;
      const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
      const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
      return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver
      };
    }
    var Ajv = class {
      constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = /* @__PURE__ */ Object.create(null);
        this._compilations = /* @__PURE__ */ new Set();
        this._loading = {};
        this._cache = /* @__PURE__ */ new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
          addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
          addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
          this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
      }
      _addVocabularies() {
        this.addKeyword("$async");
      }
      _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
          _dataRefSchema = { ...$dataRefSchema };
          _dataRefSchema.id = _dataRefSchema.$id;
          delete _dataRefSchema.$id;
        }
        if (meta && $data)
          this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
      }
      defaultMeta() {
        const { meta, schemaId } = this.opts;
        return this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : void 0;
      }
      validate(schemaKeyRef, data) {
        let v;
        if (typeof schemaKeyRef == "string") {
          v = this.getSchema(schemaKeyRef);
          if (!v)
            throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        } else {
          v = this.compile(schemaKeyRef);
        }
        const valid = v(data);
        if (!("$async" in v))
          this.errors = v.errors;
        return valid;
      }
      compile(schema, _meta) {
        const sch = this._addSchema(schema, _meta);
        return sch.validate || this._compileSchemaEnv(sch);
      }
      compileAsync(schema, meta) {
        if (typeof this.opts.loadSchema != "function") {
          throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta);
        async function runCompileAsync(_schema, _meta) {
          await loadMetaSchema.call(this, _schema.$schema);
          const sch = this._addSchema(_schema, _meta);
          return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
          if ($ref && !this.getSchema($ref)) {
            await runCompileAsync.call(this, { $ref }, true);
          }
        }
        async function _compileAsync(sch) {
          try {
            return this._compileSchemaEnv(sch);
          } catch (e) {
            if (!(e instanceof ref_error_1.default))
              throw e;
            checkLoaded.call(this, e);
            await loadMissingSchema.call(this, e.missingSchema);
            return _compileAsync.call(this, sch);
          }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
          if (this.refs[ref]) {
            throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
          }
        }
        async function loadMissingSchema(ref) {
          const _schema = await _loadSchema.call(this, ref);
          if (!this.refs[ref])
            await loadMetaSchema.call(this, _schema.$schema);
          if (!this.refs[ref])
            this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
          const p = this._loading[ref];
          if (p)
            return p;
          try {
            return await (this._loading[ref] = loadSchema(ref));
          } finally {
            delete this._loading[ref];
          }
        }
      }
      // Adds schema to the instance
      addSchema(schema, key2, _meta, _validateSchema = this.opts.validateSchema) {
        if (Array.isArray(schema)) {
          for (const sch of schema)
            this.addSchema(sch, void 0, _meta, _validateSchema);
          return this;
        }
        let id;
        if (typeof schema === "object") {
          const { schemaId } = this.opts;
          id = schema[schemaId];
          if (id !== void 0 && typeof id != "string") {
            throw new Error(`schema ${schemaId} must be string`);
          }
        }
        key2 = (0, resolve_1.normalizeId)(key2 || id);
        this._checkUnique(key2);
        this.schemas[key2] = this._addSchema(schema, _meta, key2, _validateSchema, true);
        return this;
      }
      // Add schema that will be used to validate other schemas
      // options in META_IGNORE_OPTIONS are alway set to false
      addMetaSchema(schema, key2, _validateSchema = this.opts.validateSchema) {
        this.addSchema(schema, key2, true, _validateSchema);
        return this;
      }
      //  Validate schema against its meta-schema
      validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
          return true;
        let $schema;
        $schema = schema.$schema;
        if ($schema !== void 0 && typeof $schema != "string") {
          throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
          this.logger.warn("meta-schema not available");
          this.errors = null;
          return true;
        }
        const valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
          const message = "schema is invalid: " + this.errorsText();
          if (this.opts.validateSchema === "log")
            this.logger.error(message);
          else
            throw new Error(message);
        }
        return valid;
      }
      // Get compiled schema by `key` or `ref`.
      // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
      getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
          keyRef = sch;
        if (sch === void 0) {
          const { schemaId } = this.opts;
          const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
          sch = compile_1.resolveSchema.call(this, root, keyRef);
          if (!sch)
            return;
          this.refs[keyRef] = sch;
        }
        return sch.validate || this._compileSchemaEnv(sch);
      }
      // Remove cached schema(s).
      // If no parameter is passed all schemas but meta-schemas are removed.
      // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
      // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
      removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
          this._removeAllSchemas(this.schemas, schemaKeyRef);
          this._removeAllSchemas(this.refs, schemaKeyRef);
          return this;
        }
        switch (typeof schemaKeyRef) {
          case "undefined":
            this._removeAllSchemas(this.schemas);
            this._removeAllSchemas(this.refs);
            this._cache.clear();
            return this;
          case "string": {
            const sch = getSchEnv.call(this, schemaKeyRef);
            if (typeof sch == "object")
              this._cache.delete(sch.schema);
            delete this.schemas[schemaKeyRef];
            delete this.refs[schemaKeyRef];
            return this;
          }
          case "object": {
            const cacheKey = schemaKeyRef;
            this._cache.delete(cacheKey);
            let id = schemaKeyRef[this.opts.schemaId];
            if (id) {
              id = (0, resolve_1.normalizeId)(id);
              delete this.schemas[id];
              delete this.refs[id];
            }
            return this;
          }
          default:
            throw new Error("ajv.removeSchema: invalid parameter");
        }
      }
      // add "vocabulary" - a collection of keywords
      addVocabulary(definitions) {
        for (const def of definitions)
          this.addKeyword(def);
        return this;
      }
      addKeyword(kwdOrDef, def) {
        let keyword;
        if (typeof kwdOrDef == "string") {
          keyword = kwdOrDef;
          if (typeof def == "object") {
            this.logger.warn("these parameters are deprecated, see docs for addKeyword");
            def.keyword = keyword;
          }
        } else if (typeof kwdOrDef == "object" && def === void 0) {
          def = kwdOrDef;
          keyword = def.keyword;
          if (Array.isArray(keyword) && !keyword.length) {
            throw new Error("addKeywords: keyword must be string or non-empty array");
          }
        } else {
          throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
          (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
          return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
          ...def,
          type: (0, dataType_1.getJSONTypes)(def.type),
          schemaType: (0, dataType_1.getJSONTypes)(def.schemaType)
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0 ? (k) => addRule.call(this, k, definition) : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
        return this;
      }
      getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
      }
      // Remove keyword
      removeKeyword(keyword) {
        const { RULES } = this;
        delete RULES.keywords[keyword];
        delete RULES.all[keyword];
        for (const group of RULES.rules) {
          const i = group.rules.findIndex((rule) => rule.keyword === keyword);
          if (i >= 0)
            group.rules.splice(i, 1);
        }
        return this;
      }
      // Add format
      addFormat(name, format) {
        if (typeof format == "string")
          format = new RegExp(format);
        this.formats[name] = format;
        return this;
      }
      errorsText(errors = this.errors, { separator = ", ", dataVar = "data" } = {}) {
        if (!errors || errors.length === 0)
          return "No errors";
        return errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).reduce((text, msg) => text + separator + msg);
      }
      $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
          const segments = jsonPointer.split("/").slice(1);
          let keywords = metaSchema;
          for (const seg of segments)
            keywords = keywords[seg];
          for (const key2 in rules) {
            const rule = rules[key2];
            if (typeof rule != "object")
              continue;
            const { $data } = rule.definition;
            const schema = keywords[key2];
            if ($data && schema)
              keywords[key2] = schemaOrData(schema);
          }
        }
        return metaSchema;
      }
      _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
          const sch = schemas[keyRef];
          if (!regex || regex.test(keyRef)) {
            if (typeof sch == "string") {
              delete schemas[keyRef];
            } else if (sch && !sch.meta) {
              this._cache.delete(sch.schema);
              delete schemas[keyRef];
            }
          }
        }
      }
      _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema == "object") {
          id = schema[schemaId];
        } else {
          if (this.opts.jtd)
            throw new Error("schema must be object");
          else if (typeof schema != "boolean")
            throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== void 0)
          return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
          if (baseId)
            this._checkUnique(baseId);
          this.refs[baseId] = sch;
        }
        if (validateSchema)
          this.validateSchema(schema, true);
        return sch;
      }
      _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
          throw new Error(`schema with key or id "${id}" already exists`);
        }
      }
      _compileSchemaEnv(sch) {
        if (sch.meta)
          this._compileMetaSchema(sch);
        else
          compile_1.compileSchema.call(this, sch);
        if (!sch.validate)
          throw new Error("ajv implementation error");
        return sch.validate;
      }
      _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
          compile_1.compileSchema.call(this, sch);
        } finally {
          this.opts = currentOpts;
        }
      }
    };
    Ajv.ValidationError = validation_error_1.default;
    Ajv.MissingRefError = ref_error_1.default;
    exports.default = Ajv;
    function checkOptions(checkOpts, options, msg, log = "error") {
      for (const key2 in checkOpts) {
        const opt = key2;
        if (opt in options)
          this.logger[log](`${msg}: option ${key2}. ${checkOpts[opt]}`);
      }
    }
    function getSchEnv(keyRef) {
      keyRef = (0, resolve_1.normalizeId)(keyRef);
      return this.schemas[keyRef] || this.refs[keyRef];
    }
    function addInitialSchemas() {
      const optsSchemas = this.opts.schemas;
      if (!optsSchemas)
        return;
      if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
      else
        for (const key2 in optsSchemas)
          this.addSchema(optsSchemas[key2], key2);
    }
    function addInitialFormats() {
      for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
          this.addFormat(name, format);
      }
    }
    function addInitialKeywords(defs) {
      if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
      }
      this.logger.warn("keywords option as map is deprecated, pass array");
      for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
          def.keyword = keyword;
        this.addKeyword(def);
      }
    }
    function getMetaSchemaOptions() {
      const metaOpts = { ...this.opts };
      for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
      return metaOpts;
    }
    var noLogs = { log() {
    }, warn() {
    }, error() {
    } };
    function getLogger(logger) {
      if (logger === false)
        return noLogs;
      if (logger === void 0)
        return console;
      if (logger.log && logger.warn && logger.error)
        return logger;
      throw new Error("logger must implement log, warn and error methods");
    }
    var KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
    function checkKeyword(keyword, def) {
      const { RULES } = this;
      (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
          throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
          throw new Error(`Keyword ${kwd} has invalid name`);
      });
      if (!def)
        return;
      if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
      }
    }
    function addRule(keyword, definition, dataType) {
      var _a;
      const post = definition === null || definition === void 0 ? void 0 : definition.post;
      if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
      const { RULES } = this;
      let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
      if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES.rules.push(ruleGroup);
      }
      RULES.keywords[keyword] = true;
      if (!definition)
        return;
      const rule = {
        keyword,
        definition: {
          ...definition,
          type: (0, dataType_1.getJSONTypes)(definition.type),
          schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType)
        }
      };
      if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
      else
        ruleGroup.rules.push(rule);
      RULES.all[keyword] = rule;
      (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
    }
    function addBeforeRule(ruleGroup, rule, before) {
      const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
      if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
      } else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
      }
    }
    function keywordMetaschema(def) {
      let { metaSchema } = def;
      if (metaSchema === void 0)
        return;
      if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
      def.validateSchema = this.compile(metaSchema, true);
    }
    var $dataRef = {
      $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"
    };
    function schemaOrData(schema) {
      return { anyOf: [schema, $dataRef] };
    }
  }
});

// node_modules/ajv/dist/vocabularies/core/id.js
var require_id = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/id.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var def = {
      keyword: "id",
      code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/ref.js
var require_ref = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/ref.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.callRef = exports.getValidate = void 0;
    var ref_error_1 = require_ref_error();
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var compile_1 = require_compile();
    var util_1 = require_util();
    var def = {
      keyword: "$ref",
      schemaType: "string",
      code(cxt) {
        const { gen, schema: $ref, it } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
          return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === void 0)
          throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
          return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
          if (env === root)
            return callRef(cxt, validateName, env, env.$async);
          const rootName = gen.scopeValue("root", { ref: root });
          return callRef(cxt, (0, codegen_1._)`${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
          const v = getValidate(cxt, sch);
          callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
          const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
          const valid = gen.name("valid");
          const schCxt = cxt.subschema({
            schema: sch,
            dataTypes: [],
            schemaPath: codegen_1.nil,
            topSchemaRef: schName,
            errSchemaPath: $ref
          }, valid);
          cxt.mergeEvaluated(schCxt);
          cxt.ok(valid);
        }
      }
    };
    function getValidate(cxt, sch) {
      const { gen } = cxt;
      return sch.validate ? gen.scopeValue("validate", { ref: sch.validate }) : (0, codegen_1._)`${gen.scopeValue("wrapper", { ref: sch })}.validate`;
    }
    exports.getValidate = getValidate;
    function callRef(cxt, v, sch, $async) {
      const { gen, it } = cxt;
      const { allErrors, schemaEnv: env, opts } = it;
      const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
      if ($async)
        callAsyncRef();
      else
        callSyncRef();
      function callAsyncRef() {
        if (!env.$async)
          throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
          gen.code((0, codegen_1._)`await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
          addEvaluatedFrom(v);
          if (!allErrors)
            gen.assign(valid, true);
        }, (e) => {
          gen.if((0, codegen_1._)`!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
          addErrorsFrom(e);
          if (!allErrors)
            gen.assign(valid, false);
        });
        cxt.ok(valid);
      }
      function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
      }
      function addErrorsFrom(source2) {
        const errs = (0, codegen_1._)`${source2}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`);
        gen.assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
      }
      function addEvaluatedFrom(source2) {
        var _a;
        if (!it.opts.unevaluated)
          return;
        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        if (it.props !== true) {
          if (schEvaluated && !schEvaluated.dynamicProps) {
            if (schEvaluated.props !== void 0) {
              it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
            }
          } else {
            const props = gen.var("props", (0, codegen_1._)`${source2}.evaluated.props`);
            it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
          }
        }
        if (it.items !== true) {
          if (schEvaluated && !schEvaluated.dynamicItems) {
            if (schEvaluated.items !== void 0) {
              it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
            }
          } else {
            const items = gen.var("items", (0, codegen_1._)`${source2}.evaluated.items`);
            it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
          }
        }
      }
    }
    exports.callRef = callRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/index.js
var require_core2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var id_1 = require_id();
    var ref_1 = require_ref();
    var core = [
      "$schema",
      "$id",
      "$defs",
      "$vocabulary",
      { keyword: "$comment" },
      "definitions",
      id_1.default,
      ref_1.default
    ];
    exports.default = core;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitNumber.js
var require_limitNumber = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitNumber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var ops = codegen_1.operators;
    var KWDs = {
      maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
      minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
      exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
      exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE }
    };
    var error = {
      message: ({ keyword, schemaCode }) => (0, codegen_1.str)`must be ${KWDs[keyword].okStr} ${schemaCode}`,
      params: ({ keyword, schemaCode }) => (0, codegen_1._)`{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`
    };
    var def = {
      keyword: Object.keys(KWDs),
      type: "number",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._)`${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/multipleOf.js
var require_multipleOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/multipleOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => (0, codegen_1._)`{multipleOf: ${schemaCode}}`
    };
    var def = {
      keyword: "multipleOf",
      type: "number",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, schemaCode, it } = cxt;
        const prec = it.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid = prec ? (0, codegen_1._)`Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}` : (0, codegen_1._)`${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._)`(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str) {
      const len = str.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitLength.js
var require_limitLength = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitLength.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var ucs2length_1 = require_ucs2length();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} characters`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxLength", "minLength"],
      type: "string",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode, it } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it.opts.unicode === false ? (0, codegen_1._)`${data}.length` : (0, codegen_1._)`${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._)`${len} ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/pattern.js
var require_pattern = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var util_1 = require_util();
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match pattern "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{pattern: ${schemaCode}}`
    };
    var def = {
      keyword: "pattern",
      type: "string",
      schemaType: "string",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
          const { regExp } = it.opts.code;
          const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._)`new RegExp` : (0, util_1.useFunc)(gen, regExp);
          const valid = gen.let("valid");
          gen.try(() => gen.assign(valid, (0, codegen_1._)`${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
          cxt.fail$data((0, codegen_1._)`!${valid}`);
        } else {
          const regExp = (0, code_1.usePattern)(cxt, schema);
          cxt.fail$data((0, codegen_1._)`!${regExp}.test(${data})`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitProperties.js
var require_limitProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} properties`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxProperties", "minProperties"],
      type: "object",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`Object.keys(${data}).length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/required.js
var require_required = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/required.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { missingProperty } }) => (0, codegen_1.str)`must have required property '${missingProperty}'`,
      params: ({ params: { missingProperty } }) => (0, codegen_1._)`{missingProperty: ${missingProperty}}`
    };
    var def = {
      keyword: "required",
      type: "object",
      schemaType: "array",
      $data: true,
      error,
      code(cxt) {
        const { gen, schema, schemaCode, data, $data, it } = cxt;
        const { opts } = it;
        if (!$data && schema.length === 0)
          return;
        const useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors)
          allErrorsMode();
        else
          exitOnErrorMode();
        if (opts.strictRequired) {
          const props = cxt.parentSchema.properties;
          const { definedProperties } = cxt.it;
          for (const requiredKey of schema) {
            if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === void 0 && !definedProperties.has(requiredKey)) {
              const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
              const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
              (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
            }
          }
        }
        function allErrorsMode() {
          if (useLoop || $data) {
            cxt.block$data(codegen_1.nil, loopAllRequired);
          } else {
            for (const prop of schema) {
              (0, code_1.checkReportMissingProp)(cxt, prop);
            }
          }
        }
        function exitOnErrorMode() {
          const missing = gen.let("missing");
          if (useLoop || $data) {
            const valid = gen.let("valid", true);
            cxt.block$data(valid, () => loopUntilMissing(missing, valid));
            cxt.ok(valid);
          } else {
            gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
          }
        }
        function loopAllRequired() {
          gen.forOf("prop", schemaCode, (prop) => {
            cxt.setParams({ missingProperty: prop });
            gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
          });
        }
        function loopUntilMissing(missing, valid) {
          cxt.setParams({ missingProperty: missing });
          gen.forOf(missing, schemaCode, () => {
            gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
            gen.if((0, codegen_1.not)(valid), () => {
              cxt.error();
              gen.break();
            });
          }, codegen_1.nil);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitItems.js
var require_limitItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} items`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxItems", "minItems"],
      type: "array",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`${data}.length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// node_modules/ajv/dist/vocabularies/validation/uniqueItems.js
var require_uniqueItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/uniqueItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dataType_1 = require_dataType();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: ({ params: { i, j } }) => (0, codegen_1.str)`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => (0, codegen_1._)`{i: ${i}, j: ${j}}`
    };
    var def = {
      keyword: "uniqueItems",
      type: "array",
      schemaType: "boolean",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
          return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._)`${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
          const i = gen.let("i", (0, codegen_1._)`${data}.length`);
          const j = gen.let("j");
          cxt.setParams({ i, j });
          gen.assign(valid, true);
          gen.if((0, codegen_1._)`${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
          return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
          const item = gen.name("item");
          const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
          const indices = gen.const("indices", (0, codegen_1._)`{}`);
          gen.for((0, codegen_1._)`;${i}--;`, () => {
            gen.let(item, (0, codegen_1._)`${data}[${i}]`);
            gen.if(wrongType, (0, codegen_1._)`continue`);
            if (itemTypes.length > 1)
              gen.if((0, codegen_1._)`typeof ${item} == "string"`, (0, codegen_1._)`${item} += "_"`);
            gen.if((0, codegen_1._)`typeof ${indices}[${item}] == "number"`, () => {
              gen.assign(j, (0, codegen_1._)`${indices}[${item}]`);
              cxt.error();
              gen.assign(valid, false).break();
            }).code((0, codegen_1._)`${indices}[${item}] = ${i}`);
          });
        }
        function loopN2(i, j) {
          const eql = (0, util_1.useFunc)(gen, equal_1.default);
          const outer = gen.name("outer");
          gen.label(outer).for((0, codegen_1._)`;${i}--;`, () => gen.for((0, codegen_1._)`${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._)`${eql}(${data}[${i}], ${data}[${j}])`, () => {
            cxt.error();
            gen.assign(valid, false).break(outer);
          })));
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/const.js
var require_const = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/const.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: "must be equal to constant",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValue: ${schemaCode}}`
    };
    var def = {
      keyword: "const",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schemaCode, schema } = cxt;
        if ($data || schema && typeof schema == "object") {
          cxt.fail$data((0, codegen_1._)`!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        } else {
          cxt.fail((0, codegen_1._)`${schema} !== ${data}`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/enum.js
var require_enum = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/enum.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: "must be equal to one of the allowed values",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValues: ${schemaCode}}`
    };
    var def = {
      keyword: "enum",
      schemaType: "array",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
          throw new Error("enum must have non-empty array");
        const useLoop = schema.length >= it.opts.loopEnum;
        let eql;
        const getEql = () => eql !== null && eql !== void 0 ? eql : eql = (0, util_1.useFunc)(gen, equal_1.default);
        let valid;
        if (useLoop || $data) {
          valid = gen.let("valid");
          cxt.block$data(valid, loopEnum);
        } else {
          if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
          const vSchema = gen.const("vSchema", schemaCode);
          valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
          gen.assign(valid, false);
          gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._)`${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
          const sch = schema[i];
          return typeof sch === "object" && sch !== null ? (0, codegen_1._)`${getEql()}(${data}, ${vSchema}[${i}])` : (0, codegen_1._)`${data} === ${sch}`;
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/index.js
var require_validation = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var limitNumber_1 = require_limitNumber();
    var multipleOf_1 = require_multipleOf();
    var limitLength_1 = require_limitLength();
    var pattern_1 = require_pattern();
    var limitProperties_1 = require_limitProperties();
    var required_1 = require_required();
    var limitItems_1 = require_limitItems();
    var uniqueItems_1 = require_uniqueItems();
    var const_1 = require_const();
    var enum_1 = require_enum();
    var validation = [
      // number
      limitNumber_1.default,
      multipleOf_1.default,
      // string
      limitLength_1.default,
      pattern_1.default,
      // object
      limitProperties_1.default,
      required_1.default,
      // array
      limitItems_1.default,
      uniqueItems_1.default,
      // any
      { keyword: "type", schemaType: ["string", "array"] },
      { keyword: "nullable", schemaType: "boolean" },
      const_1.default,
      enum_1.default
    ];
    exports.default = validation;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalItems.js
var require_additionalItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateAdditionalItems = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "additionalItems",
      type: "array",
      schemaType: ["boolean", "object"],
      before: "uniqueItems",
      error,
      code(cxt) {
        const { parentSchema, it } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
          (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
          return;
        }
        validateAdditionalItems(cxt, items);
      }
    };
    function validateAdditionalItems(cxt, items) {
      const { gen, schema, data, keyword, it } = cxt;
      it.items = true;
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      if (schema === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._)`${len} <= ${items.length}`);
      } else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        const valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items.length}`);
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
      }
      function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
          cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
          if (!it.allErrors)
            gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
      }
    }
    exports.validateAdditionalItems = validateAdditionalItems;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items.js
var require_items = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateTuple = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "array", "boolean"],
      before: "uniqueItems",
      code(cxt) {
        const { schema, it } = cxt;
        if (Array.isArray(schema))
          return validateTuple(cxt, "additionalItems", schema);
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    function validateTuple(cxt, extraItems, schArr = cxt.schema) {
      const { gen, parentSchema, data, keyword, it } = cxt;
      checkStrictTuple(parentSchema);
      if (it.opts.unevaluated && schArr.length && it.items !== true) {
        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
      }
      const valid = gen.name("valid");
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it, sch))
          return;
        gen.if((0, codegen_1._)`${len} > ${i}`, () => cxt.subschema({
          keyword,
          schemaProp: i,
          dataProp: i
        }, valid));
        cxt.ok(valid);
      });
      function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
          const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
          (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
      }
    }
    exports.validateTuple = validateTuple;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/prefixItems.js
var require_prefixItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/prefixItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var items_1 = require_items();
    var def = {
      keyword: "prefixItems",
      type: "array",
      schemaType: ["array"],
      before: "uniqueItems",
      code: (cxt) => (0, items_1.validateTuple)(cxt, "items")
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items2020.js
var require_items2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var additionalItems_1 = require_additionalItems();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      error,
      code(cxt) {
        const { schema, parentSchema, it } = cxt;
        const { prefixItems } = parentSchema;
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        if (prefixItems)
          (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
          cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/contains.js
var require_contains = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/contains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1.str)`must contain at least ${min} valid item(s)` : (0, codegen_1.str)`must contain at least ${min} and no more than ${max} valid item(s)`,
      params: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1._)`{minContains: ${min}}` : (0, codegen_1._)`{minContains: ${min}, maxContains: ${max}}`
    };
    var def = {
      keyword: "contains",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it.opts.next) {
          min = minContains === void 0 ? 1 : minContains;
          max = maxContains;
        } else {
          min = 1;
        }
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        cxt.setParams({ min, max });
        if (max === void 0 && min === 0) {
          (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
          return;
        }
        if (max !== void 0 && min > max) {
          (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
          cxt.fail();
          return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          let cond = (0, codegen_1._)`${len} >= ${min}`;
          if (max !== void 0)
            cond = (0, codegen_1._)`${cond} && ${len} <= ${max}`;
          cxt.pass(cond);
          return;
        }
        it.items = true;
        const valid = gen.name("valid");
        if (max === void 0 && min === 1) {
          validateItems(valid, () => gen.if(valid, () => gen.break()));
        } else if (min === 0) {
          gen.let(valid, true);
          if (max !== void 0)
            gen.if((0, codegen_1._)`${data}.length > 0`, validateItemsWithCount);
        } else {
          gen.let(valid, false);
          validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
          const schValid = gen.name("_valid");
          const count = gen.let("count", 0);
          validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
          gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
              keyword: "contains",
              dataProp: i,
              dataPropType: util_1.Type.Num,
              compositeRule: true
            }, _valid);
            block();
          });
        }
        function checkLimits(count) {
          gen.code((0, codegen_1._)`${count}++`);
          if (max === void 0) {
            gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true).break());
          } else {
            gen.if((0, codegen_1._)`${count} > ${max}`, () => gen.assign(valid, false).break());
            if (min === 1)
              gen.assign(valid, true);
            else
              gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true));
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependencies.js
var require_dependencies = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependencies.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    exports.error = {
      message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str)`must have ${property_ies} ${deps} when property ${property} is present`;
      },
      params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._)`{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`
      // TODO change to reference
    };
    var def = {
      keyword: "dependencies",
      type: "object",
      schemaType: "object",
      error: exports.error,
      code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
      }
    };
    function splitDependencies({ schema }) {
      const propertyDeps = {};
      const schemaDeps = {};
      for (const key2 in schema) {
        if (key2 === "__proto__")
          continue;
        const deps = Array.isArray(schema[key2]) ? propertyDeps : schemaDeps;
        deps[key2] = schema[key2];
      }
      return [propertyDeps, schemaDeps];
    }
    function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
      const { gen, data, it } = cxt;
      if (Object.keys(propertyDeps).length === 0)
        return;
      const missing = gen.let("missing");
      for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
          continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
          property: prop,
          depsCount: deps.length,
          deps: deps.join(", ")
        });
        if (it.allErrors) {
          gen.if(hasProperty, () => {
            for (const depProp of deps) {
              (0, code_1.checkReportMissingProp)(cxt, depProp);
            }
          });
        } else {
          gen.if((0, codegen_1._)`${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
          (0, code_1.reportMissingProp)(cxt, missing);
          gen.else();
        }
      }
    }
    exports.validatePropertyDeps = validatePropertyDeps;
    function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
          continue;
        gen.if(
          (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties),
          () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
          },
          () => gen.var(valid, true)
          // TODO var
        );
        cxt.ok(valid);
      }
    }
    exports.validateSchemaDeps = validateSchemaDeps;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/propertyNames.js
var require_propertyNames = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/propertyNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: "property name must be valid",
      params: ({ params }) => (0, codegen_1._)`{propertyName: ${params.propertyName}}`
    };
    var def = {
      keyword: "propertyNames",
      type: "object",
      schemaType: ["object", "boolean"],
      error,
      code(cxt) {
        const { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key2) => {
          cxt.setParams({ propertyName: key2 });
          cxt.subschema({
            keyword: "propertyNames",
            data: key2,
            dataTypes: ["string"],
            propertyName: key2,
            compositeRule: true
          }, valid);
          gen.if((0, codegen_1.not)(valid), () => {
            cxt.error(true);
            if (!it.allErrors)
              gen.break();
          });
        });
        cxt.ok(valid);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js
var require_additionalProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var util_1 = require_util();
    var error = {
      message: "must NOT have additional properties",
      params: ({ params }) => (0, codegen_1._)`{additionalProperty: ${params.additionalProperty}}`
    };
    var def = {
      keyword: "additionalProperties",
      type: ["object"],
      schemaType: ["boolean", "object"],
      allowUndefined: true,
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        const { allErrors, opts } = it;
        it.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
          return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
          gen.forIn("key", data, (key2) => {
            if (!props.length && !patProps.length)
              additionalPropertyCode(key2);
            else
              gen.if(isAdditional(key2), () => additionalPropertyCode(key2));
          });
        }
        function isAdditional(key2) {
          let definedProp;
          if (props.length > 8) {
            const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
            definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key2);
          } else if (props.length) {
            definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._)`${key2} === ${p}`));
          } else {
            definedProp = codegen_1.nil;
          }
          if (patProps.length) {
            definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._)`${(0, code_1.usePattern)(cxt, p)}.test(${key2})`));
          }
          return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key2) {
          gen.code((0, codegen_1._)`delete ${data}[${key2}]`);
        }
        function additionalPropertyCode(key2) {
          if (opts.removeAdditional === "all" || opts.removeAdditional && schema === false) {
            deleteAdditional(key2);
            return;
          }
          if (schema === false) {
            cxt.setParams({ additionalProperty: key2 });
            cxt.error();
            if (!allErrors)
              gen.break();
            return;
          }
          if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
            const valid = gen.name("valid");
            if (opts.removeAdditional === "failing") {
              applyAdditionalSchema(key2, valid, false);
              gen.if((0, codegen_1.not)(valid), () => {
                cxt.reset();
                deleteAdditional(key2);
              });
            } else {
              applyAdditionalSchema(key2, valid);
              if (!allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
            }
          }
        }
        function applyAdditionalSchema(key2, valid, errors) {
          const subschema = {
            keyword: "additionalProperties",
            dataProp: key2,
            dataPropType: util_1.Type.Str
          };
          if (errors === false) {
            Object.assign(subschema, {
              compositeRule: true,
              createErrors: false,
              allErrors: false
            });
          }
          cxt.subschema(subschema, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/properties.js
var require_properties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/properties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var validate_1 = require_validate();
    var code_1 = require_code2();
    var util_1 = require_util();
    var additionalProperties_1 = require_additionalProperties();
    var def = {
      keyword: "properties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === void 0) {
          additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema);
        for (const prop of allProps) {
          it.definedProperties.add(prop);
        }
        if (it.opts.unevaluated && allProps.length && it.props !== true) {
          it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
          return;
        const valid = gen.name("valid");
        for (const prop of properties) {
          if (hasDefault(prop)) {
            applyPropertySchema(prop);
          } else {
            gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
            applyPropertySchema(prop);
            if (!it.allErrors)
              gen.else().var(valid, true);
            gen.endIf();
          }
          cxt.it.definedProperties.add(prop);
          cxt.ok(valid);
        }
        function hasDefault(prop) {
          return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== void 0;
        }
        function applyPropertySchema(prop) {
          cxt.subschema({
            keyword: "properties",
            schemaProp: prop,
            dataProp: prop
          }, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/patternProperties.js
var require_patternProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/patternProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var util_2 = require_util();
    var def = {
      keyword: "patternProperties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, data, parentSchema, it } = cxt;
        const { opts } = it;
        const patterns = (0, code_1.allSchemaProperties)(schema);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 || alwaysValidPatterns.length === patterns.length && (!it.opts.unevaluated || it.props === true)) {
          return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
          it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
        }
        const { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
          for (const pat of patterns) {
            if (checkProperties)
              checkMatchingProperties(pat);
            if (it.allErrors) {
              validateProperties(pat);
            } else {
              gen.var(valid, true);
              validateProperties(pat);
              gen.if(valid);
            }
          }
        }
        function checkMatchingProperties(pat) {
          for (const prop in checkProperties) {
            if (new RegExp(pat).test(prop)) {
              (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
            }
          }
        }
        function validateProperties(pat) {
          gen.forIn("key", data, (key2) => {
            gen.if((0, codegen_1._)`${(0, code_1.usePattern)(cxt, pat)}.test(${key2})`, () => {
              const alwaysValid = alwaysValidPatterns.includes(pat);
              if (!alwaysValid) {
                cxt.subschema({
                  keyword: "patternProperties",
                  schemaProp: pat,
                  dataProp: key2,
                  dataPropType: util_2.Type.Str
                }, valid);
              }
              if (it.opts.unevaluated && props !== true) {
                gen.assign((0, codegen_1._)`${props}[${key2}]`, true);
              } else if (!alwaysValid && !it.allErrors) {
                gen.if((0, codegen_1.not)(valid), () => gen.break());
              }
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/not.js
var require_not = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/not.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "not",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      code(cxt) {
        const { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          cxt.fail();
          return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
          keyword: "not",
          compositeRule: true,
          createErrors: false,
          allErrors: false
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
      },
      error: { message: "must NOT be valid" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/anyOf.js
var require_anyOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/anyOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var def = {
      keyword: "anyOf",
      schemaType: "array",
      trackErrors: true,
      code: code_1.validateUnion,
      error: { message: "must match a schema in anyOf" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/oneOf.js
var require_oneOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/oneOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: "must match exactly one schema in oneOf",
      params: ({ params }) => (0, codegen_1._)`{passingSchemas: ${params.passing}}`
    };
    var def = {
      keyword: "oneOf",
      schemaType: "array",
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
          return;
        const schArr = schema;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
          schArr.forEach((sch, i) => {
            let schCxt;
            if ((0, util_1.alwaysValidSchema)(it, sch)) {
              gen.var(schValid, true);
            } else {
              schCxt = cxt.subschema({
                keyword: "oneOf",
                schemaProp: i,
                compositeRule: true
              }, schValid);
            }
            if (i > 0) {
              gen.if((0, codegen_1._)`${schValid} && ${valid}`).assign(valid, false).assign(passing, (0, codegen_1._)`[${passing}, ${i}]`).else();
            }
            gen.if(schValid, () => {
              gen.assign(valid, true);
              gen.assign(passing, i);
              if (schCxt)
                cxt.mergeEvaluated(schCxt, codegen_1.Name);
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/allOf.js
var require_allOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/allOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "allOf",
      schemaType: "array",
      code(cxt) {
        const { gen, schema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema.forEach((sch, i) => {
          if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
          const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
          cxt.ok(valid);
          cxt.mergeEvaluated(schCxt);
        });
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/if.js
var require_if = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/if.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params }) => (0, codegen_1.str)`must match "${params.ifClause}" schema`,
      params: ({ params }) => (0, codegen_1._)`{failingKeyword: ${params.ifClause}}`
    };
    var def = {
      keyword: "if",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, parentSchema, it } = cxt;
        if (parentSchema.then === void 0 && parentSchema.else === void 0) {
          (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it, "then");
        const hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
          return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
          const ifClause = gen.let("ifClause");
          cxt.setParams({ ifClause });
          gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        } else if (hasThen) {
          gen.if(schValid, validateClause("then"));
        } else {
          gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
          const schCxt = cxt.subschema({
            keyword: "if",
            compositeRule: true,
            createErrors: false,
            allErrors: false
          }, schValid);
          cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
          return () => {
            const schCxt = cxt.subschema({ keyword }, schValid);
            gen.assign(valid, schValid);
            cxt.mergeValidEvaluated(schCxt, valid);
            if (ifClause)
              gen.assign(ifClause, (0, codegen_1._)`${keyword}`);
            else
              cxt.setParams({ ifClause: keyword });
          };
        }
      }
    };
    function hasSchema(it, keyword) {
      const schema = it.schema[keyword];
      return schema !== void 0 && !(0, util_1.alwaysValidSchema)(it, schema);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/thenElse.js
var require_thenElse = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/thenElse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: ["then", "else"],
      schemaType: ["object", "boolean"],
      code({ keyword, parentSchema, it }) {
        if (parentSchema.if === void 0)
          (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/index.js
var require_applicator = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var additionalItems_1 = require_additionalItems();
    var prefixItems_1 = require_prefixItems();
    var items_1 = require_items();
    var items2020_1 = require_items2020();
    var contains_1 = require_contains();
    var dependencies_1 = require_dependencies();
    var propertyNames_1 = require_propertyNames();
    var additionalProperties_1 = require_additionalProperties();
    var properties_1 = require_properties();
    var patternProperties_1 = require_patternProperties();
    var not_1 = require_not();
    var anyOf_1 = require_anyOf();
    var oneOf_1 = require_oneOf();
    var allOf_1 = require_allOf();
    var if_1 = require_if();
    var thenElse_1 = require_thenElse();
    function getApplicator(draft2020 = false) {
      const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default
      ];
      if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
      else
        applicator.push(additionalItems_1.default, items_1.default);
      applicator.push(contains_1.default);
      return applicator;
    }
    exports.default = getApplicator;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/dynamicAnchor.js
var require_dynamicAnchor = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/dynamicAnchor.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.dynamicAnchor = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var compile_1 = require_compile();
    var ref_1 = require_ref();
    var def = {
      keyword: "$dynamicAnchor",
      schemaType: "string",
      code: (cxt) => dynamicAnchor(cxt, cxt.schema)
    };
    function dynamicAnchor(cxt, anchor) {
      const { gen, it } = cxt;
      it.schemaEnv.root.dynamicAnchors[anchor] = true;
      const v = (0, codegen_1._)`${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`;
      const validate = it.errSchemaPath === "#" ? it.validateName : _getValidate(cxt);
      gen.if((0, codegen_1._)`!${v}`, () => gen.assign(v, validate));
    }
    exports.dynamicAnchor = dynamicAnchor;
    function _getValidate(cxt) {
      const { schemaEnv, schema, self } = cxt.it;
      const { root, baseId, localRefs, meta } = schemaEnv.root;
      const { schemaId } = self.opts;
      const sch = new compile_1.SchemaEnv({ schema, schemaId, root, baseId, localRefs, meta });
      compile_1.compileSchema.call(self, sch);
      return (0, ref_1.getValidate)(cxt, sch);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/dynamicRef.js
var require_dynamicRef = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/dynamicRef.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.dynamicRef = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var ref_1 = require_ref();
    var def = {
      keyword: "$dynamicRef",
      schemaType: "string",
      code: (cxt) => dynamicRef(cxt, cxt.schema)
    };
    function dynamicRef(cxt, ref) {
      const { gen, keyword, it } = cxt;
      if (ref[0] !== "#")
        throw new Error(`"${keyword}" only supports hash fragment reference`);
      const anchor = ref.slice(1);
      if (it.allErrors) {
        _dynamicRef();
      } else {
        const valid = gen.let("valid", false);
        _dynamicRef(valid);
        cxt.ok(valid);
      }
      function _dynamicRef(valid) {
        if (it.schemaEnv.root.dynamicAnchors[anchor]) {
          const v = gen.let("_v", (0, codegen_1._)`${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`);
          gen.if(v, _callRef(v, valid), _callRef(it.validateName, valid));
        } else {
          _callRef(it.validateName, valid)();
        }
      }
      function _callRef(validate, valid) {
        return valid ? () => gen.block(() => {
          (0, ref_1.callRef)(cxt, validate);
          gen.let(valid, true);
        }) : () => (0, ref_1.callRef)(cxt, validate);
      }
    }
    exports.dynamicRef = dynamicRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/recursiveAnchor.js
var require_recursiveAnchor = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/recursiveAnchor.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dynamicAnchor_1 = require_dynamicAnchor();
    var util_1 = require_util();
    var def = {
      keyword: "$recursiveAnchor",
      schemaType: "boolean",
      code(cxt) {
        if (cxt.schema)
          (0, dynamicAnchor_1.dynamicAnchor)(cxt, "");
        else
          (0, util_1.checkStrictMode)(cxt.it, "$recursiveAnchor: false is ignored");
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/recursiveRef.js
var require_recursiveRef = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/recursiveRef.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dynamicRef_1 = require_dynamicRef();
    var def = {
      keyword: "$recursiveRef",
      schemaType: "string",
      code: (cxt) => (0, dynamicRef_1.dynamicRef)(cxt, cxt.schema)
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/index.js
var require_dynamic = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dynamicAnchor_1 = require_dynamicAnchor();
    var dynamicRef_1 = require_dynamicRef();
    var recursiveAnchor_1 = require_recursiveAnchor();
    var recursiveRef_1 = require_recursiveRef();
    var dynamic = [dynamicAnchor_1.default, dynamicRef_1.default, recursiveAnchor_1.default, recursiveRef_1.default];
    exports.default = dynamic;
  }
});

// node_modules/ajv/dist/vocabularies/validation/dependentRequired.js
var require_dependentRequired = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/dependentRequired.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dependencies_1 = require_dependencies();
    var def = {
      keyword: "dependentRequired",
      type: "object",
      schemaType: "object",
      error: dependencies_1.error,
      code: (cxt) => (0, dependencies_1.validatePropertyDeps)(cxt)
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependentSchemas.js
var require_dependentSchemas = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependentSchemas.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dependencies_1 = require_dependencies();
    var def = {
      keyword: "dependentSchemas",
      type: "object",
      schemaType: "object",
      code: (cxt) => (0, dependencies_1.validateSchemaDeps)(cxt)
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitContains.js
var require_limitContains = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitContains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: ["maxContains", "minContains"],
      type: "array",
      schemaType: "number",
      code({ keyword, parentSchema, it }) {
        if (parentSchema.contains === void 0) {
          (0, util_1.checkStrictMode)(it, `"${keyword}" without "contains" is ignored`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/next.js
var require_next = __commonJS({
  "node_modules/ajv/dist/vocabularies/next.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dependentRequired_1 = require_dependentRequired();
    var dependentSchemas_1 = require_dependentSchemas();
    var limitContains_1 = require_limitContains();
    var next = [dependentRequired_1.default, dependentSchemas_1.default, limitContains_1.default];
    exports.default = next;
  }
});

// node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedProperties.js
var require_unevaluatedProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    var error = {
      message: "must NOT have unevaluated properties",
      params: ({ params }) => (0, codegen_1._)`{unevaluatedProperty: ${params.unevaluatedProperty}}`
    };
    var def = {
      keyword: "unevaluatedProperties",
      type: "object",
      schemaType: ["boolean", "object"],
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, data, errsCount, it } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        const { allErrors, props } = it;
        if (props instanceof codegen_1.Name) {
          gen.if((0, codegen_1._)`${props} !== true`, () => gen.forIn("key", data, (key2) => gen.if(unevaluatedDynamic(props, key2), () => unevaluatedPropCode(key2))));
        } else if (props !== true) {
          gen.forIn("key", data, (key2) => props === void 0 ? unevaluatedPropCode(key2) : gen.if(unevaluatedStatic(props, key2), () => unevaluatedPropCode(key2)));
        }
        it.props = true;
        cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function unevaluatedPropCode(key2) {
          if (schema === false) {
            cxt.setParams({ unevaluatedProperty: key2 });
            cxt.error();
            if (!allErrors)
              gen.break();
            return;
          }
          if (!(0, util_1.alwaysValidSchema)(it, schema)) {
            const valid = gen.name("valid");
            cxt.subschema({
              keyword: "unevaluatedProperties",
              dataProp: key2,
              dataPropType: util_1.Type.Str
            }, valid);
            if (!allErrors)
              gen.if((0, codegen_1.not)(valid), () => gen.break());
          }
        }
        function unevaluatedDynamic(evaluatedProps, key2) {
          return (0, codegen_1._)`!${evaluatedProps} || !${evaluatedProps}[${key2}]`;
        }
        function unevaluatedStatic(evaluatedProps, key2) {
          const ps = [];
          for (const p in evaluatedProps) {
            if (evaluatedProps[p] === true)
              ps.push((0, codegen_1._)`${key2} !== ${p}`);
          }
          return (0, codegen_1.and)(...ps);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedItems.js
var require_unevaluatedItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "unevaluatedItems",
      type: "array",
      schemaType: ["boolean", "object"],
      error,
      code(cxt) {
        const { gen, schema, data, it } = cxt;
        const items = it.items || 0;
        if (items === true)
          return;
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        if (schema === false) {
          cxt.setParams({ len: items });
          cxt.fail((0, codegen_1._)`${len} > ${items}`);
        } else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
          const valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items}`);
          gen.if((0, codegen_1.not)(valid), () => validateItems(valid, items));
          cxt.ok(valid);
        }
        it.items = true;
        function validateItems(valid, from) {
          gen.forRange("i", from, len, (i) => {
            cxt.subschema({ keyword: "unevaluatedItems", dataProp: i, dataPropType: util_1.Type.Num }, valid);
            if (!it.allErrors)
              gen.if((0, codegen_1.not)(valid), () => gen.break());
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/unevaluated/index.js
var require_unevaluated = __commonJS({
  "node_modules/ajv/dist/vocabularies/unevaluated/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var unevaluatedProperties_1 = require_unevaluatedProperties();
    var unevaluatedItems_1 = require_unevaluatedItems();
    var unevaluated = [unevaluatedProperties_1.default, unevaluatedItems_1.default];
    exports.default = unevaluated;
  }
});

// node_modules/ajv/dist/vocabularies/format/format.js
var require_format = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/format.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match format "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{format: ${schemaCode}}`
    };
    var def = {
      keyword: "format",
      type: ["number", "string"],
      schemaType: "string",
      $data: true,
      error,
      code(cxt, ruleType) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
          return;
        if ($data)
          validate$DataFormat();
        else
          validateFormat();
        function validate$DataFormat() {
          const fmts = gen.scopeValue("formats", {
            ref: self.formats,
            code: opts.code.formats
          });
          const fDef = gen.const("fDef", (0, codegen_1._)`${fmts}[${schemaCode}]`);
          const fType = gen.let("fType");
          const format = gen.let("format");
          gen.if((0, codegen_1._)`typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._)`${fDef}.type || "string"`).assign(format, (0, codegen_1._)`${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._)`"string"`).assign(format, fDef));
          cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
          function unknownFmt() {
            if (opts.strictSchema === false)
              return codegen_1.nil;
            return (0, codegen_1._)`${schemaCode} && !${format}`;
          }
          function invalidFmt() {
            const callFormat = schemaEnv.$async ? (0, codegen_1._)`(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))` : (0, codegen_1._)`${format}(${data})`;
            const validData = (0, codegen_1._)`(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
            return (0, codegen_1._)`${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
          }
        }
        function validateFormat() {
          const formatDef = self.formats[schema];
          if (!formatDef) {
            unknownFormat();
            return;
          }
          if (formatDef === true)
            return;
          const [fmtType, format, fmtRef] = getFormat(formatDef);
          if (fmtType === ruleType)
            cxt.pass(validCondition());
          function unknownFormat() {
            if (opts.strictSchema === false) {
              self.logger.warn(unknownMsg());
              return;
            }
            throw new Error(unknownMsg());
            function unknownMsg() {
              return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
            }
          }
          function getFormat(fmtDef) {
            const code = fmtDef instanceof RegExp ? (0, codegen_1.regexpCode)(fmtDef) : opts.code.formats ? (0, codegen_1._)`${opts.code.formats}${(0, codegen_1.getProperty)(schema)}` : void 0;
            const fmt2 = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
            if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
              return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._)`${fmt2}.validate`];
            }
            return ["string", fmtDef, fmt2];
          }
          function validCondition() {
            if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
              if (!schemaEnv.$async)
                throw new Error("async format in sync schema");
              return (0, codegen_1._)`await ${fmtRef}(${data})`;
            }
            return typeof format == "function" ? (0, codegen_1._)`${fmtRef}(${data})` : (0, codegen_1._)`${fmtRef}.test(${data})`;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/format/index.js
var require_format2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var format_1 = require_format();
    var format = [format_1.default];
    exports.default = format;
  }
});

// node_modules/ajv/dist/vocabularies/metadata.js
var require_metadata = __commonJS({
  "node_modules/ajv/dist/vocabularies/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.contentVocabulary = exports.metadataVocabulary = void 0;
    exports.metadataVocabulary = [
      "title",
      "description",
      "default",
      "deprecated",
      "readOnly",
      "writeOnly",
      "examples"
    ];
    exports.contentVocabulary = [
      "contentMediaType",
      "contentEncoding",
      "contentSchema"
    ];
  }
});

// node_modules/ajv/dist/vocabularies/draft2020.js
var require_draft2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/draft2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var core_1 = require_core2();
    var validation_1 = require_validation();
    var applicator_1 = require_applicator();
    var dynamic_1 = require_dynamic();
    var next_1 = require_next();
    var unevaluated_1 = require_unevaluated();
    var format_1 = require_format2();
    var metadata_1 = require_metadata();
    var draft2020Vocabularies = [
      dynamic_1.default,
      core_1.default,
      validation_1.default,
      (0, applicator_1.default)(true),
      format_1.default,
      metadata_1.metadataVocabulary,
      metadata_1.contentVocabulary,
      next_1.default,
      unevaluated_1.default
    ];
    exports.default = draft2020Vocabularies;
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/types.js
var require_types = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DiscrError = void 0;
    var DiscrError;
    (function(DiscrError2) {
      DiscrError2["Tag"] = "tag";
      DiscrError2["Mapping"] = "mapping";
    })(DiscrError || (exports.DiscrError = DiscrError = {}));
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/index.js
var require_discriminator = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var types_1 = require_types();
    var compile_1 = require_compile();
    var ref_error_1 = require_ref_error();
    var util_1 = require_util();
    var error = {
      message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag ? `tag "${tagName}" must be string` : `value of tag "${tagName}" must be in oneOf`,
      params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._)`{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`
    };
    var def = {
      keyword: "discriminator",
      type: "object",
      schemaType: "object",
      error,
      code(cxt) {
        const { gen, data, schema, parentSchema, it } = cxt;
        const { oneOf } = parentSchema;
        if (!it.opts.discriminator) {
          throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema.propertyName;
        if (typeof tagName != "string")
          throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
          throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
          throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._)`typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
          const mapping = getMapping();
          gen.if(false);
          for (const tagValue in mapping) {
            gen.elseIf((0, codegen_1._)`${tag} === ${tagValue}`);
            gen.assign(valid, applyTagSchema(mapping[tagValue]));
          }
          gen.else();
          cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
          gen.endIf();
        }
        function applyTagSchema(schemaProp) {
          const _valid = gen.name("valid");
          const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
          cxt.mergeEvaluated(schCxt, codegen_1.Name);
          return _valid;
        }
        function getMapping() {
          var _a;
          const oneOfMapping = {};
          const topRequired = hasRequired(parentSchema);
          let tagRequired = true;
          for (let i = 0; i < oneOf.length; i++) {
            let sch = oneOf[i];
            if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
              const ref = sch.$ref;
              sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
              if (sch instanceof compile_1.SchemaEnv)
                sch = sch.schema;
              if (sch === void 0)
                throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
            }
            const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
            if (typeof propSch != "object") {
              throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
            }
            tagRequired = tagRequired && (topRequired || hasRequired(sch));
            addMappings(propSch, i);
          }
          if (!tagRequired)
            throw new Error(`discriminator: "${tagName}" must be required`);
          return oneOfMapping;
          function hasRequired({ required }) {
            return Array.isArray(required) && required.includes(tagName);
          }
          function addMappings(sch, i) {
            if (sch.const) {
              addMapping(sch.const, i);
            } else if (sch.enum) {
              for (const tagValue of sch.enum) {
                addMapping(tagValue, i);
              }
            } else {
              throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
            }
          }
          function addMapping(tagValue, i) {
            if (typeof tagValue != "string" || tagValue in oneOfMapping) {
              throw new Error(`discriminator: "${tagName}" values must be unique strings`);
            }
            oneOfMapping[tagValue] = i;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/schema.json
var require_schema4 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/schema.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/schema",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/core": true,
        "https://json-schema.org/draft/2020-12/vocab/applicator": true,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": true,
        "https://json-schema.org/draft/2020-12/vocab/validation": true,
        "https://json-schema.org/draft/2020-12/vocab/meta-data": true,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": true,
        "https://json-schema.org/draft/2020-12/vocab/content": true
      },
      $dynamicAnchor: "meta",
      title: "Core and Validation specifications meta-schema",
      allOf: [
        { $ref: "meta/core" },
        { $ref: "meta/applicator" },
        { $ref: "meta/unevaluated" },
        { $ref: "meta/validation" },
        { $ref: "meta/meta-data" },
        { $ref: "meta/format-annotation" },
        { $ref: "meta/content" }
      ],
      type: ["object", "boolean"],
      $comment: "This meta-schema also defines keywords that have appeared in previous drafts in order to prevent incompatible extensions as they remain in common use.",
      properties: {
        definitions: {
          $comment: '"definitions" has been replaced by "$defs".',
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          deprecated: true,
          default: {}
        },
        dependencies: {
          $comment: '"dependencies" has been split and replaced by "dependentSchemas" and "dependentRequired" in order to serve their differing semantics.',
          type: "object",
          additionalProperties: {
            anyOf: [{ $dynamicRef: "#meta" }, { $ref: "meta/validation#/$defs/stringArray" }]
          },
          deprecated: true,
          default: {}
        },
        $recursiveAnchor: {
          $comment: '"$recursiveAnchor" has been replaced by "$dynamicAnchor".',
          $ref: "meta/core#/$defs/anchorString",
          deprecated: true
        },
        $recursiveRef: {
          $comment: '"$recursiveRef" has been replaced by "$dynamicRef".',
          $ref: "meta/core#/$defs/uriReferenceString",
          deprecated: true
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/applicator.json
var require_applicator2 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/applicator.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/applicator",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/applicator": true
      },
      $dynamicAnchor: "meta",
      title: "Applicator vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        prefixItems: { $ref: "#/$defs/schemaArray" },
        items: { $dynamicRef: "#meta" },
        contains: { $dynamicRef: "#meta" },
        additionalProperties: { $dynamicRef: "#meta" },
        properties: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          default: {}
        },
        patternProperties: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          propertyNames: { format: "regex" },
          default: {}
        },
        dependentSchemas: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          default: {}
        },
        propertyNames: { $dynamicRef: "#meta" },
        if: { $dynamicRef: "#meta" },
        then: { $dynamicRef: "#meta" },
        else: { $dynamicRef: "#meta" },
        allOf: { $ref: "#/$defs/schemaArray" },
        anyOf: { $ref: "#/$defs/schemaArray" },
        oneOf: { $ref: "#/$defs/schemaArray" },
        not: { $dynamicRef: "#meta" }
      },
      $defs: {
        schemaArray: {
          type: "array",
          minItems: 1,
          items: { $dynamicRef: "#meta" }
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json
var require_unevaluated2 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/unevaluated",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": true
      },
      $dynamicAnchor: "meta",
      title: "Unevaluated applicator vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        unevaluatedItems: { $dynamicRef: "#meta" },
        unevaluatedProperties: { $dynamicRef: "#meta" }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/content.json
var require_content = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/content.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/content",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/content": true
      },
      $dynamicAnchor: "meta",
      title: "Content vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        contentEncoding: { type: "string" },
        contentMediaType: { type: "string" },
        contentSchema: { $dynamicRef: "#meta" }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/core.json
var require_core3 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/core.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/core",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/core": true
      },
      $dynamicAnchor: "meta",
      title: "Core vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        $id: {
          $ref: "#/$defs/uriReferenceString",
          $comment: "Non-empty fragments not allowed.",
          pattern: "^[^#]*#?$"
        },
        $schema: { $ref: "#/$defs/uriString" },
        $ref: { $ref: "#/$defs/uriReferenceString" },
        $anchor: { $ref: "#/$defs/anchorString" },
        $dynamicRef: { $ref: "#/$defs/uriReferenceString" },
        $dynamicAnchor: { $ref: "#/$defs/anchorString" },
        $vocabulary: {
          type: "object",
          propertyNames: { $ref: "#/$defs/uriString" },
          additionalProperties: {
            type: "boolean"
          }
        },
        $comment: {
          type: "string"
        },
        $defs: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" }
        }
      },
      $defs: {
        anchorString: {
          type: "string",
          pattern: "^[A-Za-z_][-A-Za-z0-9._]*$"
        },
        uriString: {
          type: "string",
          format: "uri"
        },
        uriReferenceString: {
          type: "string",
          format: "uri-reference"
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json
var require_format_annotation = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/format-annotation",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": true
      },
      $dynamicAnchor: "meta",
      title: "Format vocabulary meta-schema for annotation results",
      type: ["object", "boolean"],
      properties: {
        format: { type: "string" }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/meta-data.json
var require_meta_data = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/meta-data.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/meta-data",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/meta-data": true
      },
      $dynamicAnchor: "meta",
      title: "Meta-data vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        title: {
          type: "string"
        },
        description: {
          type: "string"
        },
        default: true,
        deprecated: {
          type: "boolean",
          default: false
        },
        readOnly: {
          type: "boolean",
          default: false
        },
        writeOnly: {
          type: "boolean",
          default: false
        },
        examples: {
          type: "array",
          items: true
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/validation.json
var require_validation2 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/validation.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/validation",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/validation": true
      },
      $dynamicAnchor: "meta",
      title: "Validation vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        type: {
          anyOf: [
            { $ref: "#/$defs/simpleTypes" },
            {
              type: "array",
              items: { $ref: "#/$defs/simpleTypes" },
              minItems: 1,
              uniqueItems: true
            }
          ]
        },
        const: true,
        enum: {
          type: "array",
          items: true
        },
        multipleOf: {
          type: "number",
          exclusiveMinimum: 0
        },
        maximum: {
          type: "number"
        },
        exclusiveMaximum: {
          type: "number"
        },
        minimum: {
          type: "number"
        },
        exclusiveMinimum: {
          type: "number"
        },
        maxLength: { $ref: "#/$defs/nonNegativeInteger" },
        minLength: { $ref: "#/$defs/nonNegativeIntegerDefault0" },
        pattern: {
          type: "string",
          format: "regex"
        },
        maxItems: { $ref: "#/$defs/nonNegativeInteger" },
        minItems: { $ref: "#/$defs/nonNegativeIntegerDefault0" },
        uniqueItems: {
          type: "boolean",
          default: false
        },
        maxContains: { $ref: "#/$defs/nonNegativeInteger" },
        minContains: {
          $ref: "#/$defs/nonNegativeInteger",
          default: 1
        },
        maxProperties: { $ref: "#/$defs/nonNegativeInteger" },
        minProperties: { $ref: "#/$defs/nonNegativeIntegerDefault0" },
        required: { $ref: "#/$defs/stringArray" },
        dependentRequired: {
          type: "object",
          additionalProperties: {
            $ref: "#/$defs/stringArray"
          }
        }
      },
      $defs: {
        nonNegativeInteger: {
          type: "integer",
          minimum: 0
        },
        nonNegativeIntegerDefault0: {
          $ref: "#/$defs/nonNegativeInteger",
          default: 0
        },
        simpleTypes: {
          enum: ["array", "boolean", "integer", "null", "number", "object", "string"]
        },
        stringArray: {
          type: "array",
          items: { type: "string" },
          uniqueItems: true,
          default: []
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/index.js
var require_json_schema_2020_12 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var metaSchema = require_schema4();
    var applicator = require_applicator2();
    var unevaluated = require_unevaluated2();
    var content = require_content();
    var core = require_core3();
    var format = require_format_annotation();
    var metadata = require_meta_data();
    var validation = require_validation2();
    var META_SUPPORT_DATA = ["/properties"];
    function addMetaSchema2020($data) {
      ;
      [
        metaSchema,
        applicator,
        unevaluated,
        content,
        core,
        with$data(this, format),
        metadata,
        with$data(this, validation)
      ].forEach((sch) => this.addMetaSchema(sch, void 0, false));
      return this;
      function with$data(ajv, sch) {
        return $data ? ajv.$dataMetaSchema(sch, META_SUPPORT_DATA) : sch;
      }
    }
    exports.default = addMetaSchema2020;
  }
});

// node_modules/ajv/dist/2020.js
var require__ = __commonJS({
  "node_modules/ajv/dist/2020.js"(exports, module) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv2020 = void 0;
    var core_1 = require_core();
    var draft2020_1 = require_draft2020();
    var discriminator_1 = require_discriminator();
    var json_schema_2020_12_1 = require_json_schema_2020_12();
    var META_SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema";
    var Ajv20202 = class extends core_1.default {
      constructor(opts = {}) {
        super({
          ...opts,
          dynamicRef: true,
          next: true,
          unevaluated: true
        });
      }
      _addVocabularies() {
        super._addVocabularies();
        draft2020_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
          this.addKeyword(discriminator_1.default);
      }
      _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        const { $data, meta } = this.opts;
        if (!meta)
          return;
        json_schema_2020_12_1.default.call(this, $data);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
      }
      defaultMeta() {
        return this.opts.defaultMeta = super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : void 0);
      }
    };
    exports.Ajv2020 = Ajv20202;
    module.exports = exports = Ajv20202;
    module.exports.Ajv2020 = Ajv20202;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.default = Ajv20202;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function() {
      return validation_error_1.default;
    } });
    var ref_error_1 = require_ref_error();
    Object.defineProperty(exports, "MissingRefError", { enumerable: true, get: function() {
      return ref_error_1.default;
    } });
  }
});

// src/policy/errors.ts
var PolicyError = class extends GateError {
  problems;
  constructor(problems) {
    if (problems.length === 0) throw new Error("PolicyError needs at least one problem");
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: run model-gate validate to list them)` : "";
    super("policy.invalid", `${first.message}${more}`, { where: { file: first.file, line: first.line, col: first.col } });
    this.name = "PolicyError";
    this.problems = problems;
  }
};

// src/gates/thresholds.ts
function evaluateThresholds(gate, thresholds, metrics, ci, gateOn, position) {
  const checks = [];
  for (const [metric, t] of Object.entries(thresholds ?? {})) {
    const pos = position(["gates", gate, "thresholds", metric]);
    const raw = metrics[metric];
    const value = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    const check = { metric, value, pass: false };
    if (t.min !== void 0) check.min = t.min;
    if (t.max !== void 0) check.max = t.max;
    if (pos) Object.assign(check, { file: pos.file, line: pos.line, col: pos.col });
    if (value === null) {
      check.pass = false;
      check.message = `${metric} could not be measured (${raw === void 0 ? "not reported" : String(raw)}), so its threshold fails`;
      checks.push(check);
      continue;
    }
    const interval = ci?.[metric];
    const pick = (side) => {
      if (gateOn === "point" || !interval) return value;
      const worse = side === "min" ? interval[0] : interval[1];
      const better = side === "min" ? interval[1] : interval[0];
      return gateOn === "conservative" ? worse : better;
    };
    let pass = true;
    const reasons = [];
    if (t.min !== void 0) {
      const v = pick("min");
      if (!(v >= t.min)) {
        pass = false;
        reasons.push(`${fmt(v)} < min ${t.min}`);
      }
      check.compared = v;
    }
    if (t.max !== void 0) {
      const v = pick("max");
      if (!(v <= t.max)) {
        pass = false;
        reasons.push(`${fmt(v)} > max ${t.max}`);
      }
      check.compared = t.min !== void 0 && !pass && reasons.length === 1 && reasons[0].includes("min") ? check.compared : v;
    }
    if (check.compared === value) delete check.compared;
    check.pass = pass;
    if (!pass) {
      const basis = gateOn === "point" || !interval ? "" : ` (gate-on ${gateOn}: ${gateOn === "conservative" ? "worse" : "better"} 95% bound)`;
      check.message = `${gate}.${metric} ${reasons.join(" and ")}${basis}`;
    }
    checks.push(check);
  }
  return checks;
}
function fmt(v) {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, "");
}

// src/model/scores.ts
function logSumExp(z, off, c) {
  let m = -Infinity;
  for (let k = 0; k < c; k++) if (z[off + k] > m) m = z[off + k];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < c; k++) s += Math.exp(z[off + k] - m);
  return m + Math.log(s);
}
function softmaxRow(z, off, c, out) {
  const lse2 = logSumExp(z, off, c);
  for (let k = 0; k < c; k++) out[k] = Math.exp(z[off + k] - lse2);
}
function argmaxRow(z, off, c) {
  let best = 0;
  for (let k = 1; k < c; k++) if (z[off + k] > z[off + best]) best = k;
  return best;
}

// src/stats/roc.ts
function sortRoc(scores, positives, fprBounds) {
  const P = positives, N = scores.length - positives;
  const order = sortDescending(scores);
  const groupEnd = new Uint8Array(P + N), isPositive = new Uint8Array(P + N);
  let distinct = 0;
  for (let j = 0; j < order.length; j++) {
    if (order[j] < P) isPositive[j] = 1;
    if (j === order.length - 1 || scores[order[j + 1]] !== scores[order[j]]) {
      groupEnd[j] = 1;
      distinct++;
    }
  }
  const maxFp = fprBounds.map((b) => {
    let fp = 0;
    while (fp < N && (fp + 1) / N <= b) fp++;
    return fp;
  });
  return { positives: P, negatives: N, order, isPositive, groupEnd, distinct, maxFp };
}
function sortDescending(v) {
  const n = v.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => v[b] - v[a] || a - b);
  return idx;
}
function sweep(s, w, out) {
  if (s.distinct === s.order.length) {
    sweepDistinct(s, w, out);
    return;
  }
  const P = s.positives, N = s.negatives, order = s.order, groupEnd = s.groupEnd, isPositive = s.isPositive, n = order.length;
  const f1 = s.maxFp[0], f2 = s.maxFp[1];
  let tp = 0, fp = 0, tpG = 0, fpG = 0, num2 = 0, adv = 0, t1 = 0, t2 = 0;
  for (let j = 0; j < n; j++) {
    const wk = w[order[j]];
    const mk = isPositive[j] * wk;
    tpG += mk;
    fpG += wk - mk;
    if (groupEnd[j] === 1) {
      num2 += tpG * (2 * (N - fp - fpG) + fpG);
      tp += tpG;
      fp += fpG;
      tpG = 0;
      fpG = 0;
      const a = tp * N - fp * P;
      if (a > adv) adv = a;
      if (fp <= f1) t1 = tp;
      if (fp <= f2) t2 = tp;
    }
  }
  out.auc = num2 / (2 * P * N);
  out.advantage = adv / (P * N);
  out.tpr001 = t1 / P;
  out.tpr0001 = t2 / P;
}
function sweepDistinct(s, w, out) {
  const P = s.positives, N = s.negatives, order = s.order, isPositive = s.isPositive, n = order.length;
  const f1 = s.maxFp[0], f2 = s.maxFp[1];
  let tp = 0, fp = 0, num = 0, adv = 0, t1 = 0, t2 = 0, j = 0;
  for (; j < n; j++) {
    const wk = w[order[j]];
    if (isPositive[j] === 1) {
      num += wk * (N - fp);
      tp += wk;
      const a = tp * N - fp * P;
      if (a > adv) adv = a;
      if (fp <= f1) t1 = tp;
      if (fp <= f2) t2 = tp;
    } else {
      fp += wk;
      if (fp > f1) {
        j++;
        break;
      }
    }
  }
  if (w instanceof Uint8Array && P + N < 8e6) {
    const NP = N + P;
    let a = tp * N - fp * P;
    for (; j < n; j++) {
      const wk = w[order[j]];
      const mw = wk * isPositive[j] | 0;
      num += mw * (N - fp | 0) | 0;
      fp = fp + wk - mw | 0;
      a += (mw * NP | 0) - wk * P;
      adv = a > adv ? a : adv;
    }
  }
  for (; j < n; j++) {
    const wk = w[order[j]];
    const mw = wk * isPositive[j];
    num += mw * (N - fp);
    tp += mw;
    fp += wk - mw;
    const a = tp * N - fp * P;
    adv = a > adv ? a : adv;
  }
  out.auc = num / (P * N);
  out.advantage = adv / (P * N);
  out.tpr001 = t1 / P;
  out.tpr0001 = t2 / P;
}
function rocAuc(score, positive) {
  const n = score.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i])) throw new RangeError(`score ${i} is NaN`);
    nPos += positive[i];
  }
  if (nPos === 0 || nPos === n) return null;
  const all = new Float64Array(n);
  let p = 0, q = nPos;
  for (let i = 0; i < n; i++) all[positive[i] ? p++ : q++] = score[i];
  const out = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 };
  sweep(sortRoc(all, nPos, [0, 0]), new Uint8Array(n).fill(1), out);
  return out.auc;
}

// src/gates/accuracy/policy.ts
var ACCURACY_METRICS = ["accuracy", "precision", "recall", "f1", "roc_auc"];

// src/gates/accuracy/index.ts
var accuracyGate = {
  name: "accuracy",
  metrics: ACCURACY_METRICS,
  async run(ctx) {
    const policy = ctx.policy;
    const pred = await ctx.predictions(policy.dataset);
    return accuracyMetrics(pred, policy["positive-label"]);
  }
};
function accuracyMetrics(pred, positiveLabel) {
  const labels = pred.labels;
  if (!labels) {
    throw new GateError("accuracy.labels", `dataset "${pred.dataset}" has no labels: the accuracy gate needs a label column (datasets.${pred.dataset}.label)`);
  }
  const n = pred.rows;
  if (n === 0) {
    throw new GateError("accuracy.no-rows", `dataset "${pred.dataset}" has no labelled rows: the accuracy gate has nothing to measure; check the dataset and its label column`);
  }
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) {
      throw new GateError("accuracy.labels", `dataset "${pred.dataset}" row ${i + 1} has a missing or unknown label: the accuracy gate counts labelled rows only; fix the data (label, label-map)`);
    }
  }
  let correct = 0;
  for (let i = 0; i < n; i++) if (pred.predicted[i] === labels[i]) correct++;
  const metrics = { accuracy: correct / n };
  const details = { rows: n, classes: pred.classLabels };
  if (pred.classes === 2) {
    const pos = positiveIndex(pred, positiveLabel);
    let tp = 0, fp = 0, fn = 0, tn = 0;
    for (let i = 0; i < n; i++) {
      const y = labels[i] === pos, p = pred.predicted[i] === pos;
      if (y && p) tp++;
      else if (!y && p) fp++;
      else if (y && !p) fn++;
      else tn++;
    }
    metrics.precision = tp + fp > 0 ? tp / (tp + fp) : null;
    metrics.recall = tp + fn > 0 ? tp / (tp + fn) : null;
    metrics.f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : null;
    if (pred.scores) {
      const score = new Float64Array(n);
      const row = new Float64Array(2);
      for (let i = 0; i < n; i++) {
        if (pred.kind === "logits") {
          softmaxRow(pred.scores, i * 2, 2, row);
          score[i] = row[pos];
        } else score[i] = pred.scores[i * 2 + pos];
      }
      const isPos = new Uint8Array(n);
      for (let i = 0; i < n; i++) isPos[i] = labels[i] === pos ? 1 : 0;
      metrics.roc_auc = rocAuc(score, isPos);
    } else {
      metrics.roc_auc = null;
      details.roc_auc = "the model outputs only labels: no scores to rank, so roc_auc is not measured";
    }
    details.confusion = { tp, fp, fn, tn };
    details.positive_class = pred.classLabels[pos];
  }
  return { metrics, details };
}
function positiveIndex(pred, positiveLabel) {
  if (positiveLabel === void 0) return 1;
  const idx = pred.classLabels.findIndex((c) => String(c) === String(positiveLabel));
  if (idx < 0) {
    throw new GateError("accuracy.positive-label", `positive-label ${JSON.stringify(positiveLabel)} is not one of the model's classes (${pred.classLabels.map((c) => JSON.stringify(c)).join(", ")})`);
  }
  return idx;
}

// src/gates/robustness/policy.ts
var ROBUSTNESS_METRICS = [
  "clean_accuracy",
  "robust_accuracy",
  "attack_success_rate",
  "prediction_stability",
  "max_perturbation",
  "max_perturbation_ratio"
];

// src/data/sample.ts
import { createHash } from "node:crypto";

// src/util/random.ts
function fnv1a(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}
function splitmix32(state) {
  state.s = state.s + 2654435769 >>> 0;
  let z = state.s;
  z = Math.imul(z ^ z >>> 16, 2246822507) >>> 0;
  z = Math.imul(z ^ z >>> 13, 3266489909) >>> 0;
  return (z ^ z >>> 16) >>> 0;
}
function rng(seed, label = "") {
  const st = { s: (fnv1a(label) ^ seed >>> 0 ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 668265261)) >>> 0 };
  let a = splitmix32(st), b = splitmix32(st), c = splitmix32(st), d = splitmix32(st);
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = () => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = b << 9 >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  const next = () => nextU32() / 4294967296;
  let spare = null;
  const self = {
    next,
    int(n) {
      if (n <= 0) throw new RangeError("rng.int needs n > 0");
      if (n <= 2 ** 32) {
        const limit = Math.floor(4294967296 / n) * n;
        let x = nextU32();
        while (x >= limit) x = nextU32();
        return x % n;
      }
      return Math.floor(next() * n);
    },
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    uniform(lo, hi) {
      return lo + (hi - lo) * next();
    },
    binomial(n, p) {
      if (p <= 0 || n <= 0) return 0;
      if (p >= 1) return n;
      if (p > 0.5) return n - self.binomial(n, 1 - p);
      const logq = Math.log1p(-p);
      let x = 0, sum = 0;
      for (; ; ) {
        let u = 0;
        while (u === 0) u = next();
        sum += Math.floor(Math.log(u) / logq) + 1;
        if (sum > n) return x;
        x++;
      }
    },
    shuffle(arr) {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = self.int(i + 1);
        const t = arr[i];
        arr[i] = arr[j];
        arr[j] = t;
      }
    }
  };
  return self;
}
function rotl(x, k) {
  return (x << k | x >>> 32 - k) >>> 0;
}

// src/data/sample.ts
var MAX_LABELS = 50;
var FIRST_ROWS = 10;
function describeSample(ds, rows, limit, mode) {
  const all = limit === void 0 || limit >= ds.rows;
  const out = { mode: all ? "all" : mode, rows: rows.length, of: ds.rows, first_rows: [], rows_sha256: "" };
  const h = createHash("sha256");
  for (let i = 0; i < rows.length; i++) h.update(`${rows[i] + 1}
`);
  out.rows_sha256 = h.digest("hex");
  out.first_rows = Array.from(rows.subarray(0, FIRST_ROWS), (r) => r + 1);
  if (ds.labels) {
    const counts = /* @__PURE__ */ new Map();
    for (const r of rows) {
      const { key: key2, order } = labelKey(ds.labels, r);
      const c = counts.get(key2);
      if (c) c.rows++;
      else counts.set(key2, { order, rows: 1 });
    }
    const sorted = [...counts.entries()].sort(([, a], [, b]) => byOrder(a.order, b.order));
    out.per_label = Object.fromEntries(sorted.slice(0, MAX_LABELS).map(([k, c]) => [k, c.rows]));
    if (sorted.length > MAX_LABELS) {
      const rest = sorted.slice(MAX_LABELS);
      out.other_labels = { labels: rest.length, rows: rest.reduce((a, [, c]) => a + c.rows, 0) };
    }
  }
  if (!all && mode === "first") {
    out.note = ds.labels ? `sample: first: the first ${rows.length} rows, whatever their labels (sample: stratified keeps each label's share)` : `the dataset has no labels, so limit takes the first ${rows.length} rows (give it labels for a stratified sample)`;
  }
  return out;
}
function labelKey(labels, i) {
  if (labels.kind === "number") {
    const v2 = labels.values[i];
    return Number.isNaN(v2) ? { key: "(missing)", order: [2, 0] } : { key: String(Object.is(v2, -0) ? 0 : v2), order: [0, v2] };
  }
  const v = labels.values[i];
  return v === null ? { key: "(missing)", order: [2, 0] } : { key: v, order: [1, v] };
}
function byOrder(a, b) {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
function sampleRows(ds, limit, mode, seed) {
  const n = ds.rows;
  if (limit !== void 0 && (!Number.isSafeInteger(limit) || limit <= 0)) {
    throw new GateError("data.sample", `dataset "${ds.name}": limit must be a positive integer, not ${String(limit)}`);
  }
  if (mode !== "first" && mode !== "stratified") {
    throw new GateError("data.sample", `dataset "${ds.name}": sample must be "first" or "stratified", not ${JSON.stringify(mode)}`);
  }
  if (mode === "stratified" && !ds.labels) {
    throw new GateError("data.sample", `dataset "${ds.name}": "sample: stratified" needs labels: add "label" (or "labels" for .npy), or use "sample: first"`);
  }
  const take = limit === void 0 ? n : Math.min(limit, n);
  if (take === n || mode === "first") {
    const out2 = new Int32Array(take);
    for (let i = 0; i < take; i++) out2[i] = i;
    return out2;
  }
  const labels = ds.labels;
  const groups = /* @__PURE__ */ new Map();
  for (let i = 0; i < n; i++) {
    let key2;
    let order;
    if (labels.kind === "number") {
      const v = labels.values[i];
      if (Number.isNaN(v)) {
        key2 = "missing";
        order = [2, 0];
      } else {
        key2 = `n:${Object.is(v, -0) ? 0 : v}`;
        order = [0, v];
      }
    } else {
      const v = labels.values[i];
      if (v === null) {
        key2 = "missing";
        order = [2, 0];
      } else {
        key2 = `s:${v}`;
        order = [1, v];
      }
    }
    let g = groups.get(key2);
    if (!g) {
      g = { key: key2, order, rows: [] };
      groups.set(key2, g);
    }
    g.rows.push(i);
  }
  const strata = [...groups.values()].sort((a, b) => {
    if (a.order[0] !== b.order[0]) return a.order[0] - b.order[0];
    const x = a.order[1], y = b.order[1];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const quota = strata.map((g) => Math.floor(take * g.rows.length / n));
  const rem = strata.map((g) => take * g.rows.length % n);
  let left = take - quota.reduce((a, b) => a + b, 0);
  const byRem = strata.map((_, k) => k).sort((a, b) => rem[b] - rem[a] || a - b);
  for (const k of byRem) {
    if (left === 0) break;
    if (rem[k] > 0) {
      quota[k]++;
      left--;
    }
  }
  const chosen = [];
  strata.forEach((g, k) => {
    const q = quota[k];
    if (q === 0) return;
    const r = rng(seed, `sample:stratified:${g.key}`);
    const rows = g.rows;
    for (let i = 0; i < q; i++) {
      const j = i + r.int(rows.length - i);
      const t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
      chosen.push(rows[i]);
    }
  });
  const out = Int32Array.from(chosen);
  out.sort();
  return out;
}

// src/gates/robustness/constraints.ts
var BALL_TOLERANCE = 1e-6;
var f32 = new Float32Array(1);
var u32 = new Uint32Array(f32.buffer);
function nextFloat32Toward(v, toward) {
  if (v === toward) return v;
  f32[0] = v;
  if (v === 0) {
    u32[0] = 1;
    return toward > 0 ? f32[0] : -f32[0];
  }
  if (v < toward === v > 0) u32[0] += 1;
  else u32[0] -= 1;
  return f32[0];
}
function perFeature(v, D, dflt, what) {
  if (v === void 0) return new Float64Array(D).fill(dflt);
  if (typeof v === "number") return new Float64Array(D).fill(v);
  if (v.length !== D) throw new RangeError(`${what} has ${v.length} values for ${D} features`);
  return Float64Array.from(v);
}
function makeConstraints(spec) {
  const D = spec.D;
  const norm = spec.norm;
  const eps = perFeature(spec.eps, D, 0, "epsilon");
  const lo = perFeature(spec.lo, D, -Infinity, "lower bounds");
  const hi = perFeature(spec.hi, D, Infinity, "upper bounds");
  const mutable = spec.mutable ? Uint8Array.from(spec.mutable) : new Uint8Array(D).fill(1);
  const integer = spec.integer ? Uint8Array.from(spec.integer) : new Uint8Array(D);
  const groups = (spec.oneHotGroups ?? []).map((g) => Int32Array.from(g));
  const maxCat = spec.maxCategoricalChanges ?? 1;
  const inOneHot = new Uint8Array(D);
  for (const g of groups) for (const i of g) inOneHot[i] = 1;
  for (let i = 0; i < D; i++) {
    if (!(eps[i] >= 0) || !Number.isFinite(eps[i])) throw new RangeError(`epsilon of feature ${i} is ${eps[i]}`);
    if (inOneHot[i]) {
      eps[i] = mutable[i] ? 1 : 0;
      lo[i] = Math.max(lo[i], 0);
      hi[i] = Math.min(hi[i], 1);
    }
    if (!mutable[i]) eps[i] = 0;
    if (eps[i] === 0) mutable[i] = 0;
  }
  const ball = new Uint8Array(D);
  for (let i = 0; i < D; i++) ball[i] = mutable[i] && !inOneHot[i] ? 1 : 0;
  const clampF32 = (x, c, e, l, h) => {
    const a = Math.max(c - e, l), b = Math.min(c + e, h);
    if (!(a <= b) || Number.isNaN(x)) return c;
    let r = Math.fround(x < a ? a : x > b ? b : x);
    while (r > b) r = nextFloat32Toward(r, -Infinity);
    while (r < a) r = nextFloat32Toward(r, Infinity);
    return r <= b ? r : c;
  };
  const simple = !integer.some((v) => v) && groups.length === 0;
  const projectRow = (x, xo, x0, co) => {
    if (norm === "linf" && simple) {
      for (let i = 0; i < D; i++) {
        const c = x0[co + i];
        const e = eps[i];
        if (e === 0) {
          x[xo + i] = c;
          continue;
        }
        const a = c - e > lo[i] ? c - e : lo[i];
        const b = c + e < hi[i] ? c + e : hi[i];
        const v = x[xo + i];
        if (!(a <= b) || v !== v) {
          x[xo + i] = c;
          continue;
        }
        const r = Math.fround(v < a ? a : v > b ? b : v);
        x[xo + i] = r > b || r < a ? clampF32(v, c, e, lo[i], hi[i]) : r;
      }
      return;
    }
    if (norm === "linf") {
      for (let i = 0; i < D; i++) {
        const c = x0[co + i];
        if (!mutable[i]) {
          x[xo + i] = c;
          continue;
        }
        if (inOneHot[i]) continue;
        x[xo + i] = clampF32(x[xo + i], c, eps[i], lo[i], hi[i]);
      }
    } else {
      let s = 0;
      for (let i = 0; i < D; i++) {
        if (!ball[i]) continue;
        const d = (x[xo + i] - x0[co + i]) / eps[i];
        s += d * d;
      }
      const nrm = Math.sqrt(s);
      const scale = nrm > 1 ? 1 / (nrm + 1e-12) : 1;
      for (let i = 0; i < D; i++) {
        const c = x0[co + i];
        if (!mutable[i]) {
          x[xo + i] = c;
          continue;
        }
        if (inOneHot[i]) continue;
        let v = c + (x[xo + i] - c) * scale;
        if (v > hi[i]) v = hi[i];
        if (v < lo[i]) v = lo[i];
        x[xo + i] = clampF32(v, c, Infinity, lo[i], hi[i]);
      }
      for (let guard = 0; guard < 60 && ballRatio(x, xo, x0, co) > 1; guard++) {
        const k = 1 - 2 ** -(22 - Math.min(guard, 20));
        for (let i = 0; i < D; i++) {
          if (!ball[i]) continue;
          const c = x0[co + i];
          let r = Math.fround(c + (x[xo + i] - c) * k);
          if (Math.abs(r - c) >= Math.abs(x[xo + i] - c) && r !== c) r = nextFloat32Toward(r, c);
          x[xo + i] = r;
        }
      }
    }
    let anyInt = false;
    for (let i = 0; i < D; i++) {
      if (!integer[i] || !mutable[i] || inOneHot[i]) continue;
      anyInt = true;
      const c = x0[co + i];
      let v = Math.round(x[xo + i]);
      if (!(v >= lo[i] && v <= hi[i] && Math.abs(v - c) <= eps[i])) v = x[xo + i] > c ? Math.floor(x[xo + i]) : Math.ceil(x[xo + i]);
      if (!(v >= lo[i] && v <= hi[i] && Math.abs(v - c) <= eps[i])) v = c;
      x[xo + i] = v;
    }
    if (anyInt && norm === "l2" && ballRatio(x, xo, x0, co) > 1) {
      for (let i = 0; i < D; i++) {
        if (!integer[i] || !mutable[i] || inOneHot[i]) continue;
        const c = x0[co + i];
        const v = x[xo + i];
        x[xo + i] = v > c ? Math.max(c, Math.floor(v)) : Math.min(c, Math.ceil(v));
      }
      if (ballRatio(x, xo, x0, co) > 1) {
        for (let i = 0; i < D; i++) if (integer[i] && !inOneHot[i]) x[xo + i] = x0[co + i];
      }
    }
    if (groups.length > 0) {
      const changes = [];
      for (let gi = 0; gi < groups.length; gi++) {
        const g = groups[gi];
        let k = -1, best = -Infinity, orig = -1;
        for (const i of g) {
          if (x0[co + i] > 0.5 && orig < 0) orig = i;
          if (x[xo + i] > best) {
            best = x[xo + i];
            k = i;
          }
        }
        if (!mutable[g[0]] || k === orig || orig < 0 || !(best > x[xo + orig])) {
          for (const i of g) x[xo + i] = x0[co + i];
          continue;
        }
        changes.push({ g: gi, k, score: best - x[xo + orig] });
      }
      changes.sort((a, b) => b.score - a.score || a.g - b.g);
      for (let c = 0; c < changes.length; c++) {
        const g = groups[changes[c].g];
        for (const i of g) x[xo + i] = c < maxCat ? i === changes[c].k ? 1 : 0 : x0[co + i];
      }
    }
  };
  const ballRatio = (x, xo, x0, co) => {
    if (norm === "linf") {
      let m = 0;
      for (let i = 0; i < D; i++) {
        if (!ball[i]) continue;
        const r = Math.abs(x[xo + i] - x0[co + i]) / eps[i];
        if (r > m) m = r;
      }
      return m;
    }
    let s = 0;
    for (let i = 0; i < D; i++) {
      if (!ball[i]) continue;
      const d = (x[xo + i] - x0[co + i]) / eps[i];
      s += d * d;
    }
    return Math.sqrt(s);
  };
  const self = {
    D,
    norm,
    eps,
    lo,
    hi,
    mutable,
    integer,
    oneHotGroups: groups,
    maxCategoricalChanges: maxCat,
    inOneHot,
    project(xAdv, x0, n, rows) {
      for (let r = 0; r < n; r++) projectRow(xAdv, r * D, x0, (rows ? rows[r] : r) * D);
    },
    perturbation(x, xo, x0, co) {
      let abs = 0;
      if (norm === "linf") {
        for (let i = 0; i < D; i++) if (!inOneHot[i]) abs = Math.max(abs, Math.abs(x[xo + i] - x0[co + i]));
      } else {
        let s = 0;
        for (let i = 0; i < D; i++) if (!inOneHot[i]) s += (x[xo + i] - x0[co + i]) ** 2;
        abs = Math.sqrt(s);
      }
      let immovable = 0;
      for (let i = 0; i < D; i++) if (!inOneHot[i] && !ball[i] && x[xo + i] !== x0[co + i]) immovable = Infinity;
      let categorical = 0;
      for (const g of groups) {
        let diff = false;
        for (const i of g) if (x[xo + i] !== x0[co + i]) diff = true;
        if (diff) categorical++;
      }
      return { abs, ratio: Math.max(ballRatio(x, xo, x0, co), immovable), categorical };
    },
    feasible(x, xo, x0, co) {
      const p = self.perturbation(x, xo, x0, co);
      if (!(p.ratio <= 1 + BALL_TOLERANCE) || p.categorical > maxCat) return false;
      for (let i = 0; i < D; i++) {
        const v = x[xo + i];
        if (!(v >= lo[i] && v <= hi[i])) {
          if (v !== x0[co + i]) return false;
        }
        if (integer[i] && !Number.isInteger(v) && v !== x0[co + i]) return false;
      }
      for (const g of groups) {
        let ones2 = 0, zeros = 0;
        for (const i of g) {
          if (x[xo + i] === 1) ones2++;
          else if (x[xo + i] === 0) zeros++;
        }
        const same = g.every((i) => x[xo + i] === x0[co + i]);
        if (!same && (ones2 !== 1 || ones2 + zeros !== g.length)) return false;
      }
      return true;
    }
  };
  return self;
}

// src/gates/robustness/attacks/common.ts
function gatherRows(src, D, idx) {
  const out = new Float32Array(idx.length * D);
  for (let r = 0; r < idx.length; r++) out.set(src.subarray(idx[r] * D, idx[r] * D + D), r * D);
  return out;
}
function pointRng(input, label, point) {
  return rng(input.seed, `${label}#${input.ids[point]}`);
}
function randomStart(c, kind, x0, x0Row, x, r, g) {
  const D = c.D;
  const t = new Float64Array(D);
  if (c.norm === "linf") {
    for (let i = 0; i < D; i++) if (c.mutable[i]) t[i] = 2 * g.next() - 1;
    if (kind === "autoattack") {
      let m = 0;
      for (let i = 0; i < D; i++) m = Math.max(m, Math.abs(t[i]));
      for (let i = 0; i < D; i++) t[i] /= m + 1e-12;
    }
  } else {
    let s = 0, d = 0;
    for (let i = 0; i < D; i++) if (c.mutable[i]) {
      t[i] = g.normal();
      s += t[i] * t[i];
      d++;
    }
    const nrm = Math.sqrt(s) + 1e-12;
    const radius = kind === "autoattack" ? 1 : Math.pow(g.next(), 1 / Math.max(1, d));
    for (let i = 0; i < D; i++) t[i] = t[i] / nrm * radius;
  }
  for (let i = 0; i < D; i++) x[r * D + i] = x0[x0Row * D + i] + c.eps[i] * t[i];
}
function ascentDirection(c, grad, r, out) {
  const D = c.D;
  const o = r * D;
  if (c.norm === "linf") {
    for (let i = 0; i < D; i++) out[i] = c.eps[i] * Math.sign(grad[o + i]);
    for (const g of c.oneHotGroups) {
      let m = 0;
      for (const i of g) m = Math.max(m, Math.abs(grad[o + i]));
      for (const i of g) out[i] = m > 0 ? c.eps[i] * grad[o + i] / m : 0;
    }
    return;
  }
  let s = 0;
  for (let i = 0; i < D; i++) {
    const v = c.eps[i] * grad[o + i];
    s += v * v;
  }
  const nrm = Math.sqrt(s) + 1e-12;
  for (let i = 0; i < D; i++) out[i] = c.eps[i] * c.eps[i] * grad[o + i] / nrm;
}
function needGradient(input, name) {
  const f = input.oracle.lossAndGrad;
  if (!f) throw new Error(`${name} needs the model's gradient, which this oracle does not provide`);
  return f.bind(input.oracle);
}

// src/gates/robustness/chunks.ts
var ATTACK_ARRAYS = 10;
var ATTACK_SHARE = 0.25;
function pointsPerCall(D, budget, gradBatch) {
  return Math.max(1, gradBatch, Math.floor(ATTACK_SHARE * budget / (ATTACK_ARRAYS * D * 4)));
}
function chunkOracle(base, idx) {
  const global = (points) => Int32Array.from(points, (p) => idx[p]);
  const o = {
    classes: base.classes,
    get queries() {
      return base.queries;
    },
    set queries(v) {
      base.queries = v;
    },
    logits: (x, points) => base.logits(x, global(points))
  };
  if (base.lossAndGrad) {
    const lg = base.lossAndGrad.bind(base);
    o.lossAndGrad = (x, points, labels, loss, targets) => lg(x, global(points), labels, loss, targets);
  }
  return o;
}
async function runInChunks(atk, input, perCall) {
  const act = [];
  for (let p = 0; p < input.n; p++) if (input.active[p]) act.push(p);
  if (act.length <= perCall) return atk.run(input);
  const D = input.constraints.D;
  const out = { xAdv: input.x0.slice(), success: new Uint8Array(input.n), queries: 0 };
  const progress = input.progress;
  let doneBefore = 0, brokenBefore = 0, perPoint;
  for (let s = 0; s < act.length; s += perCall) {
    const idx = Int32Array.from(act.slice(s, s + perCall));
    const m = idx.length;
    const later = act.length - s - m;
    const r = await atk.run({
      ...input,
      x0: gatherRows(input.x0, D, idx),
      n: m,
      labels: Int32Array.from(idx, (p) => input.labels[p]),
      active: new Uint8Array(m).fill(1),
      oracle: chunkOracle(input.oracle, idx),
      ids: Int32Array.from(idx, (p) => input.ids[p]),
      progress: progress && ((p) => {
        perPoint ??= p.remainingQueries / m;
        progress({
          done: doneBefore + p.done,
          broken: p.broken === void 0 ? void 0 : brokenBefore + p.broken,
          remainingQueries: p.remainingQueries + later * perPoint
        });
      })
    });
    doneBefore += m;
    for (let k = 0; k < m; k++) brokenBefore += r.success[k];
    out.queries += r.queries;
    for (let k = 0; k < m; k++) {
      const p = idx[k];
      out.xAdv.set(r.xAdv.subarray(k * D, k * D + D), p * D);
      out.success[p] = r.success[k];
      if (r.progressed) (out.progressed ??= new Uint8Array(input.n))[p] = r.progressed[k];
      if (r.certified) (out.certified ??= new Uint8Array(input.n))[p] = r.certified[k];
    }
  }
  return out;
}

// src/gates/robustness/oracle.ts
import * as ort from "onnxruntime-node";
async function chunked(n, batch, f) {
  const out = [];
  for (let s = 0; s < n; s += batch) out.push(await f(s, Math.min(n, s + batch)));
  return out;
}
function forwardOracle(setup) {
  const { D, classes: C } = setup;
  const self = {
    classes: C,
    queries: 0,
    async logits(x, points) {
      const n = points.length;
      const out = new Float32Array(n * C);
      await chunked(n, setup.batch, async (s, e) => {
        const f = setup.feeds(x.subarray(s * D, e * D), points.subarray(s, e));
        out.set(await setup.forward(f, e - s), s * C);
      });
      self.queries += n;
      return out;
    },
    async release() {
    }
  };
  return self;
}
function whiteBoxOracle(setup) {
  const base = forwardOracle(setup);
  const { D, classes: C } = setup;
  const sessions = /* @__PURE__ */ new Map();
  const session = (loss) => {
    let s = sessions.get(loss);
    if (!s) {
      const closing = sessions.size >= (setup.sessionsAtOnce ?? Infinity) ? [...sessions.values()] : [];
      if (closing.length > 0) sessions.clear();
      s = (async () => {
        for (const open4 of closing) await (await open4.catch(() => null))?.release();
        return ort.InferenceSession.create(setup.gradient.model(loss), gradientSessionOptions(setup.sessionOptions)).catch((e) => {
          throw gradientError(`cannot load the gradient model (loss ${loss})`, e);
        });
      })();
      sessions.set(loss, s);
    }
    return s;
  };
  const batch = setup.gradient.batchable ? setup.gradBatch ?? setup.batch : 1;
  const self = {
    classes: C,
    get queries() {
      return base.queries;
    },
    set queries(v) {
      base.queries = v;
    },
    logits: (x, points) => base.logits(x, points),
    async lossAndGrad(x, points, labels, loss, targets) {
      const n = points.length;
      const sess = await session(loss);
      const logits = new Float32Array(n * C);
      const lossOut = new Float32Array(n);
      const grad = new Float32Array(n * D);
      const outs = ["mg_scores", "mg_loss", ...setup.wrt.map((_, i) => `mg_grad_${i}`)];
      await chunked(n, batch, async (s, e) => {
        const m = e - s;
        const feeds = setup.feeds(x.subarray(s * D, e * D), points.subarray(s, e));
        const lab = new BigInt64Array(m);
        for (let i = 0; i < m; i++) lab[i] = BigInt(labels[s + i]);
        feeds.mg_label = new ort.Tensor("int64", lab, [m]);
        if (loss === "dlr-targeted") {
          if (!targets) throw new Error("dlr-targeted needs targets");
          const t = new BigInt64Array(m);
          for (let i = 0; i < m; i++) t[i] = BigInt(targets[s + i]);
          feeds.mg_target = new ort.Tensor("int64", t, [m]);
        }
        let r;
        try {
          r = await sess.run(feeds, outs);
        } catch (e2) {
          const shapes = Object.entries(feeds).map(([k, t]) => `${k} ${t.type} [${t.dims.join(", ")}]`).join(", ");
          throw gradientError(`the gradient model (loss ${loss}) failed on inputs ${shapes}`, e2);
        }
        logits.set(toF32(r.mg_scores.data), s * C);
        lossOut.set(toF32(r.mg_loss.data), s);
        setup.wrt.forEach((w, i) => {
          const gdat = toF32(r[`mg_grad_${i}`].data);
          for (let row = 0; row < m; row++) {
            grad.set(gdat.subarray(row * w.width, (row + 1) * w.width), (s + row) * D + w.offset);
          }
        });
      });
      base.queries += n;
      return { logits, loss: lossOut, grad };
    },
    async release() {
      for (const s of sessions.values()) await (await s.catch(() => null))?.release();
      sessions.clear();
    }
  };
  return self;
}
function gradientError(what, e) {
  return new GateError(
    "robustness.gradient",
    `onnxruntime: ${what}: ${ortMessage(e)}: set gates.robustness.attacks to black-box attacks only (e.g. [square]) and report this model-gate bug with the model's operators`,
    { cause: e }
  );
}
function gradientSessionOptions(given) {
  return { ...sessionOptions(given?.intraOpNumThreads ?? 0), ...given };
}
function toF32(d) {
  if (d instanceof Float32Array) return d;
  return Float32Array.from(d);
}

// src/gates/robustness/attacks/apgd.ts
var NAMES = { ce: "apgd-ce", dlr: "apgd-dlr", "dlr-targeted": "apgd-t", margin: "apgd-margin" };
function apgd(opts) {
  const steps = opts.steps ?? 100;
  const restarts = opts.restarts ?? 1;
  const rho = opts.rho ?? 0.75;
  const name = opts.name ?? NAMES[opts.loss];
  const targeted = opts.loss === "dlr-targeted";
  const parameters = { loss: opts.loss, steps, restarts, rho, momentum: 0.75, initial_step: "2\xB7eps" };
  if (targeted) parameters.target_classes = opts.targetClasses ?? 9;
  return {
    name,
    method: "white-box",
    parameters,
    needsGradient: true,
    async run(input) {
      const { n, constraints: c } = input;
      const D = c.D;
      const C = input.oracle.classes;
      const startQueries = input.oracle.queries;
      const xAdv = input.x0.slice();
      const success = new Uint8Array(n);
      const nTargets = targeted ? Math.max(1, Math.min(opts.targetClasses ?? 9, C - 1)) : 1;
      const runs = nTargets * restarts, perRun = steps + 1 + (targeted ? 1 : 0);
      let run = 0;
      const tick = input.progress && ((live, itersLeft) => {
        let broken = 0, nActive = 0;
        for (let p = 0; p < n; p++) if (input.active[p]) {
          nActive++;
          broken += success[p];
        }
        const last = live === 0 || itersLeft === 0 && run === runs - 1;
        input.progress({ done: last ? nActive : broken, broken, remainingQueries: live * (itersLeft + (runs - run - 1) * perRun) });
      });
      tick?.(input.active.reduce((k, a) => k + a, 0), perRun);
      for (let t = 0; t < nTargets; t++) {
        for (let r = 0; r < restarts; r++) {
          run = t * restarts + r;
          const pts = [];
          for (let p = 0; p < n; p++) if (input.active[p] && !success[p]) pts.push(p);
          if (pts.length === 0) break;
          let targets;
          if (targeted) {
            const idx = Int32Array.from(pts);
            const z = await input.oracle.logits(gatherRows(input.x0, D, idx), idx);
            targets = new Int32Array(pts.length);
            const order = new Array(C);
            for (let q = 0; q < pts.length; q++) {
              for (let j = 0; j < C; j++) order[j] = j;
              order.sort((a, b) => z[q * C + a] - z[q * C + b] || a - b);
              targets[q] = order[C - (t + 2)];
            }
          }
          const label = targeted ? `${name}:t${t}:r${r}` : `${name}:r${r}`;
          await singleRun(input, Int32Array.from(pts), targets, label, steps, rho, opts.loss, xAdv, success, tick);
        }
      }
      run = runs - 1;
      tick?.(0, 0);
      return { xAdv, success, queries: input.oracle.queries - startQueries };
    }
  };
}
async function singleRun(input, pts, targets, label, nIter, rho, loss, xOut, success, tick) {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const m = pts.length;
  const lossAndGrad = needGradient(input, "APGD");
  const x0 = gatherRows(input.x0, D, pts);
  const y = new Int32Array(m);
  for (let q = 0; q < m; q++) y[q] = input.labels[pts[q]];
  const x = new Float32Array(m * D);
  for (let q = 0; q < m; q++) randomStart(c, "autoattack", x0, q, x, q, pointRng(input, label, pts[q]));
  c.project(x, x0, m);
  const nIter2 = Math.max(Math.floor(0.22 * nIter), 1);
  const nIterMin = Math.max(Math.floor(0.06 * nIter), 1);
  const sizeDecr = Math.max(Math.floor(0.03 * nIter), 1);
  const grad = new Float32Array(m * D);
  const xBest = new Float32Array(m * D);
  const gradBest = new Float32Array(m * D);
  const xOld = new Float32Array(m * D);
  const lossBest = new Float64Array(m);
  const lossSteps = new Float64Array(nIter * m);
  const stepSize = new Float64Array(m).fill(2);
  const broken = new Uint8Array(m);
  const lossBestLastCheck = new Float64Array(m);
  const reducedLastCheck = new Uint8Array(m).fill(1);
  const evaluate = async (rows) => {
    const xb = gatherRows(x, D, rows);
    const ids = new Int32Array(rows.length);
    const yb = new Int32Array(rows.length);
    const tb = targets ? new Int32Array(rows.length) : void 0;
    for (let q = 0; q < rows.length; q++) {
      ids[q] = pts[rows[q]];
      yb[q] = y[rows[q]];
      if (tb) tb[q] = targets[rows[q]];
    }
    const res = await lossAndGrad(xb, ids, yb, loss, tb);
    const out = new Float64Array(rows.length);
    for (let q = 0; q < rows.length; q++) {
      const l = rows[q];
      grad.set(res.grad.subarray(q * D, q * D + D), l * D);
      out[q] = res.loss[q];
      if (argmaxRow(res.logits, q * C, C) !== y[l]) {
        broken[l] = 1;
        xOut.set(x.subarray(l * D, l * D + D), pts[l] * D);
        success[pts[l]] = 1;
      }
    }
    return out;
  };
  let running = Int32Array.from({ length: m }, (_, q) => q);
  const live = () => running.reduce((k2, q) => k2 + (broken[q] ? 0 : 1), 0);
  const l0 = await evaluate(running);
  tick?.(live(), nIter);
  for (let q = 0; q < m; q++) lossBest[q] = l0[q];
  xBest.set(x);
  gradBest.set(grad);
  xOld.set(x);
  lossBestLastCheck.set(lossBest);
  let k = nIter2;
  let counter3 = 0;
  const dir = new Float64Array(D);
  const z = new Float32Array(D);
  for (let i = 0; i < nIter; i++) {
    input.checkBudget?.();
    running = running.filter((q) => !broken[q]);
    if (running.length === 0) break;
    const a = i > 0 ? 0.75 : 1;
    for (const q of running) {
      const o = q * D;
      ascentDirection(c, grad, q, dir);
      for (let j = 0; j < D; j++) z[j] = x[o + j] + stepSize[q] * dir[j];
      c.project(z, x0.subarray(o, o + D), 1);
      for (let j = 0; j < D; j++) {
        const xi = x[o + j];
        const g2 = xi - xOld[o + j];
        xOld[o + j] = xi;
        z[j] = xi + (z[j] - xi) * a + g2 * (1 - a);
      }
      c.project(z, x0.subarray(o, o + D), 1);
      x.set(z, o);
    }
    const li = await evaluate(running);
    tick?.(live(), nIter - i - 1);
    for (let r = 0; r < running.length; r++) {
      const q = running[r];
      const v = li[r];
      lossSteps[i * m + q] = v;
      if (v > lossBest[q]) {
        xBest.set(x.subarray(q * D, q * D + D), q * D);
        gradBest.set(grad.subarray(q * D, q * D + D), q * D);
        lossBest[q] = v;
      }
    }
    counter3++;
    if (counter3 === k) {
      for (const q of running) {
        if (broken[q]) continue;
        let t = 0;
        for (let cc = 0; cc < k; cc++) {
          const cur = lossSteps[(i - cc) * m + q];
          const prev = i - cc - 1 >= 0 ? lossSteps[(i - cc - 1) * m + q] : 0;
          if (cur > prev) t++;
        }
        const osc = t <= k * rho;
        const noImpr = !reducedLastCheck[q] && lossBestLastCheck[q] >= lossBest[q];
        const fl = osc || noImpr;
        reducedLastCheck[q] = fl ? 1 : 0;
        lossBestLastCheck[q] = lossBest[q];
        if (fl) {
          stepSize[q] /= 2;
          x.set(xBest.subarray(q * D, q * D + D), q * D);
          grad.set(gradBest.subarray(q * D, q * D + D), q * D);
        }
      }
      k = Math.max(k - sizeDecr, nIterMin);
      counter3 = 0;
    }
  }
}

// src/gates/robustness/attacks/pgd.ts
function pgd(opts = {}) {
  const steps = opts.steps ?? 50;
  const restarts = opts.restarts ?? 10;
  const rel = opts.stepSize ?? 2.5 / steps;
  return {
    name: "pgd",
    method: "white-box",
    parameters: { loss: "ce", steps, restarts, step: `${rel}\xB7eps`, random_start: true },
    needsGradient: true,
    run: (input) => descend(input, "pgd", steps, restarts, rel, true)
  };
}
function fgsm() {
  return {
    name: "fgsm",
    method: "white-box",
    parameters: { loss: "ce", steps: 1, step: "eps", random_start: false },
    needsGradient: true,
    run: (input) => descend(input, "fgsm", 1, 1, 1, false)
  };
}
async function descend(input, name, steps, restarts, rel, start) {
  const { n, constraints: c } = input;
  const D = c.D;
  const C = input.oracle.classes;
  const lossAndGrad = needGradient(input, name);
  const q0 = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const dir = new Float64Array(D);
  let nActive = 0;
  for (let p = 0; p < n; p++) nActive += input.active[p];
  const tick = input.progress && ((live, r, evalsLeft) => {
    let broken = 0;
    for (let p = 0; p < n; p++) broken += input.active[p] & success[p];
    const last = live === 0 || evalsLeft === 0 && r === restarts - 1;
    input.progress({ done: last ? nActive : broken, broken, remainingQueries: live * (evalsLeft + (restarts - r - 1) * (steps + 1)) });
  });
  tick?.(nActive, 0, steps + 1);
  for (let r = 0; r < restarts; r++) {
    let pts = Int32Array.from({ length: n }, (_, p) => p).filter((p) => input.active[p] && !success[p]);
    if (pts.length === 0) break;
    const x = gatherRows(input.x0, D, pts);
    if (start) {
      for (let q = 0; q < pts.length; q++) randomStart(c, "uniform-ball", input.x0, pts[q], x, q, pointRng(input, `${name}:r${r}`, pts[q]));
      c.project(x, input.x0, pts.length, pts);
    }
    let rows = Int32Array.from({ length: pts.length }, (_, q) => q);
    for (let s = 0; s <= steps; s++) {
      input.checkBudget?.();
      const xb = gatherRows(x, D, rows);
      const yb = new Int32Array(rows.length);
      for (let q = 0; q < rows.length; q++) yb[q] = input.labels[pts[q]];
      const res = s < steps ? await lossAndGrad(xb, pts, yb, "ce") : { logits: await input.oracle.logits(xb, pts), grad: new Float32Array(0), loss: new Float32Array(0) };
      const keep = [];
      for (let q = 0; q < rows.length; q++) {
        const row = rows[q];
        if (argmaxRow(res.logits, q * C, C) !== yb[q]) {
          success[pts[q]] = 1;
          xAdv.set(x.subarray(row * D, row * D + D), pts[q] * D);
          continue;
        }
        keep.push(q);
        if (s === steps) continue;
        ascentDirection(c, res.grad, q, dir);
        const o = row * D;
        for (let j = 0; j < D; j++) x[o + j] += rel * dir[j];
        c.project(x.subarray(o, o + D), input.x0, 1, Int32Array.of(pts[q]));
      }
      pts = Int32Array.from(keep, (q) => pts[q]);
      rows = Int32Array.from(keep, (q) => rows[q]);
      tick?.(pts.length, r, steps - s);
      if (pts.length === 0) break;
    }
  }
  tick?.(0, restarts - 1, 0);
  return { xAdv, success, queries: input.oracle.queries - q0 };
}

// src/gates/robustness/attacks/registry.ts
var registry = /* @__PURE__ */ new Map([
  ["apgd-ce", () => apgd({ loss: "ce" })],
  ["apgd-dlr", () => apgd({ loss: "dlr" })],
  ["apgd-t", (c) => apgd({ loss: "dlr-targeted", targetClasses: Math.min(9, c.classes - 1) })],
  ["apgd-margin", () => apgd({ loss: "margin" })],
  ["pgd", () => pgd()],
  ["fgsm", () => fgsm()]
]);
function registerAttack(name, factory) {
  registry.set(name, factory);
}
function attackFactory(name) {
  return registry.get(name);
}
var MIN_CLASSES = { "apgd-dlr": 3, "apgd-t": 4 };

// src/gates/robustness/blackbox/common.ts
function marginOf(z, r, C, y) {
  const o = r * C;
  let other = -Infinity;
  for (let j = 0; j < C; j++) if (j !== y && z[o + j] > other) other = z[o + j];
  return z[o + y] - other;
}
function misclassified(z, r, C, y) {
  return argmaxRow(z, r * C, C) !== y;
}
function rowsDiffer(a, ra, b, rb, C) {
  for (let j = 0; j < C; j++) if (a[ra * C + j] !== b[rb * C + j] && !(Number.isNaN(a[ra * C + j]) && Number.isNaN(b[rb * C + j]))) return true;
  return false;
}
function blackboxRng(input, label, point) {
  return rng(input.seed, `${label}#${input.ids[point]}`);
}
function ballFeatures(c) {
  const out = [];
  for (let i = 0; i < c.D; i++) if (c.mutable[i] && !c.inOneHot[i]) out.push(i);
  return Int32Array.from(out);
}
function mutableGroups(c) {
  return c.oneHotGroups.filter((g) => g.length > 0 && c.mutable[g[0]]);
}
function withoutBall(c, scale = 1e6) {
  const eps = new Float64Array(c.D);
  for (let i = 0; i < c.D; i++) eps[i] = c.eps[i] * scale;
  return makeConstraints({
    D: c.D,
    norm: c.norm,
    eps,
    lo: c.lo,
    hi: c.hi,
    mutable: c.mutable,
    integer: c.integer,
    oneHotGroups: c.oneHotGroups.map((g) => Int32Array.from(g)),
    maxCategoricalChanges: c.maxCategoricalChanges
  });
}
function scaledDistance(c, x, xo, x0, co) {
  let m = 0, s = 0;
  for (let i = 0; i < c.D; i++) {
    if (!c.mutable[i] || c.inOneHot[i]) continue;
    const d = Math.abs(x[xo + i] - x0[co + i]) / c.eps[i];
    if (d > m) m = d;
    s += d * d;
  }
  return c.norm === "linf" ? m : Math.sqrt(s);
}
function imageLayout(shape, D) {
  if (shape.length < 2) return null;
  const h = shape[shape.length - 2], w = shape[shape.length - 1];
  if (!(h >= 2 && w >= 2)) return null;
  const c = D / (h * w);
  if (!Number.isInteger(c) || c < 1) return null;
  return { c, h, w };
}
function boxProjector(c, x0, m) {
  if (c.norm !== "linf" || c.oneHotGroups.length > 0) return null;
  const D = c.D;
  for (let i = 0; i < D; i++) if (c.integer[i] && c.mutable[i]) return null;
  const A = new Float32Array(m * D), B = new Float32Array(m * D);
  for (let q = 0; q < m; q++) {
    for (let i = 0; i < D; i++) {
      const v0 = x0[q * D + i];
      if (!c.mutable[i]) {
        A[q * D + i] = v0;
        B[q * D + i] = v0;
        continue;
      }
      const a = Math.max(v0 - c.eps[i], c.lo[i]), b = Math.min(v0 + c.eps[i], c.hi[i]);
      let fa = Math.fround(a), fb = Math.fround(b);
      while (fa < a) fa = nextUp(fa);
      while (fb > b) fb = nextDown(fb);
      if (!(a <= b) || !(fa <= fb)) {
        A[q * D + i] = v0;
        B[q * D + i] = v0;
        continue;
      }
      A[q * D + i] = fa;
      B[q * D + i] = fb;
    }
  }
  return (x, xo, q) => {
    const o = q * D;
    for (let i = 0; i < D; i++) {
      const v = x[xo + i];
      if (v < A[o + i]) x[xo + i] = A[o + i];
      else if (v > B[o + i]) x[xo + i] = B[o + i];
      else if (v !== v) x[xo + i] = x0[o + i];
    }
  };
}
var f32b = new Float32Array(1);
var u32b = new Uint32Array(f32b.buffer);
function nextUp(v) {
  return step32(v, 1);
}
function nextDown(v) {
  return step32(v, -1);
}
function step32(v, dir) {
  if (v === 0) {
    u32b[0] = 1;
    return dir > 0 ? f32b[0] : -f32b[0];
  }
  f32b[0] = v;
  if (v > 0 === dir > 0) u32b[0] += 1;
  else u32b[0] -= 1;
  return f32b[0];
}

// src/gates/robustness/blackbox/square.ts
function roundHalfEven(v) {
  const f = Math.floor(v), d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
function pSelection(pInit, iter, nQueries, rescale) {
  const it = rescale ? Math.trunc(iter / nQueries * 1e4) : iter;
  if (10 < it && it <= 50) return pInit / 2;
  if (50 < it && it <= 200) return pInit / 4;
  if (200 < it && it <= 500) return pInit / 8;
  if (500 < it && it <= 1e3) return pInit / 16;
  if (1e3 < it && it <= 2e3) return pInit / 32;
  if (2e3 < it && it <= 4e3) return pInit / 64;
  if (4e3 < it && it <= 6e3) return pInit / 128;
  if (6e3 < it && it <= 8e3) return pInit / 256;
  if (8e3 < it) return pInit / 512;
  return pInit;
}
function etaRectangles(x, y) {
  const d = new Float64Array(x * y);
  const xc = Math.floor(x / 2) + 1, yc = Math.floor(y / 2) + 1;
  let c0 = xc - 1, c1 = yc - 1;
  for (let k = 0; k < Math.max(xc, yc); k++) {
    const r0 = Math.max(c0, 0), r1 = Math.min(c0 + 2 * k + 1, x);
    const q0 = Math.max(0, c1), q1 = Math.min(c1 + 2 * k + 1, y);
    for (let i = r0; i < r1; i++) for (let j = q0; j < q1; j++) d[i * y + j] += 1 / ((k + 1) * (k + 1));
    c0--;
    c1--;
  }
  let s = 0;
  for (const v of d) s += v * v;
  s = Math.sqrt(s);
  for (let i = 0; i < d.length; i++) d[i] /= s;
  return d;
}
function etaBlock(s) {
  const d = new Float64Array(s * s);
  const top = Math.floor(s / 2);
  if (top > 0) d.set(etaRectangles(top, s), 0);
  const bottom = etaRectangles(s - top, s);
  for (let i = 0; i < bottom.length; i++) d[top * s + i] = -bottom[i];
  let n = 0;
  for (const v of d) n += v * v;
  n = Math.sqrt(n);
  for (let i = 0; i < d.length; i++) d[i] /= n;
  return d;
}
function transpose(a, s) {
  const t = new Float64Array(s * s);
  for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) t[j * s + i] = a[i * s + j];
  return t;
}
var sign = (g) => 2 * g.next() - 1 > 0 ? 1 : -1;
function makeSquare(opts = {}) {
  const budget = opts.queries ?? 5e3;
  const pInit = opts.pInit ?? 0.8;
  const rescale = opts.rescaleSchedule ?? false;
  const name = opts.name ?? "square";
  if (!(Number.isInteger(budget) && budget >= 2)) throw new RangeError(`square needs at least 2 queries per point, got ${budget}`);
  if (!(pInit > 0 && pInit <= 1)) throw new RangeError(`square p_init must be in (0, 1], got ${pInit}`);
  return {
    name,
    method: "score-based",
    parameters: { queries: budget, p_init: pInit, loss: "margin", restarts: 1, rescale_schedule: rescale },
    needsGradient: false,
    run: (input) => runSquare(input, budget, pInit, rescale, name)
  };
}
async function runSquare(input, budget, pInit, rescale, name) {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const { n } = input;
  const startQueries = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const progressed = new Uint8Array(n);
  const act = [];
  for (let p = 0; p < n; p++) if (input.active[p]) act.push(p);
  const m = act.length;
  if (m === 0) return { xAdv, success, queries: 0, progressed };
  input.progress?.({ done: 0, broken: 0, remainingQueries: m * budget });
  const pts = Int32Array.from(act);
  const x0 = gatherRows(input.x0, D, pts);
  const y = new Int32Array(m);
  for (let q = 0; q < m; q++) y[q] = input.labels[pts[q]];
  const rngs = act.map((p) => blackboxRng(input, name, p));
  const done = new Uint8Array(m);
  const zc = await input.oracle.logits(x0, pts);
  for (let q = 0; q < m; q++) if (misclassified(zc, q, C, y[q])) {
    done[q] = 1;
    success[pts[q]] = 1;
  }
  const layout = imageLayout(input.shape, D);
  const sq = layout ? imageSteps(c, layout) : tabularSteps(c);
  const xBest = x0.slice();
  for (let q = 0; q < m; q++) if (!done[q]) sq.init(xBest, q * D, x0, q * D, rngs[q]);
  c.project(xBest, x0, m);
  const marginMin = new Float64Array(m);
  {
    const live = liveRows(done);
    const z = await input.oracle.logits(gatherRows(xBest, D, live), idxOf(pts, live));
    for (let r = 0; r < live.length; r++) {
      const q = live[r];
      if (rowsDiffer(z, r, zc, q, C)) progressed[pts[q]] = 1;
      marginMin[q] = marginOf(z, r, C, y[q]);
      if (misclassified(z, r, C, y[q])) {
        done[q] = 1;
        success[pts[q]] = 1;
      }
    }
  }
  const box = boxProjector(c, x0, m);
  const iterations = budget - 2;
  const tick = input.progress && ((itersLeft) => {
    let broken = 0;
    for (let q = 0; q < m; q++) broken += done[q];
    input.progress({ done: itersLeft === 0 ? m : broken, broken, remainingQueries: (m - broken) * itersLeft });
  });
  tick?.(iterations);
  for (let it = 0; it < iterations; it++) {
    input.checkBudget?.();
    const live = liveRows(done);
    if (live.length === 0) break;
    const p = pSelection(pInit, it, budget - 1, rescale);
    const xNew = new Float32Array(live.length * D);
    for (let r = 0; r < live.length; r++) {
      const q = live[r];
      for (let i = 0, a = r * D, b = q * D; i < D; i++) xNew[a + i] = xBest[b + i];
      sq.step(xNew, r * D, x0, q * D, p, rngs[q]);
    }
    if (box) for (let r = 0; r < live.length; r++) box(xNew, r * D, live[r]);
    else c.project(xNew, x0, live.length, live);
    const z = await input.oracle.logits(xNew, idxOf(pts, live));
    for (let r = 0; r < live.length; r++) {
      const q = live[r];
      if (!progressed[pts[q]] && rowsDiffer(z, r, zc, q, C)) progressed[pts[q]] = 1;
      const margin = marginOf(z, r, C, y[q]);
      const mis = misclassified(z, r, C, y[q]);
      if (margin < marginMin[q] || mis) {
        marginMin[q] = margin;
        for (let i = 0, a = q * D, b = r * D; i < D; i++) xBest[a + i] = xNew[b + i];
      }
      if (mis) {
        done[q] = 1;
        success[pts[q]] = 1;
      }
    }
    tick?.(iterations - it - 1);
  }
  tick?.(0);
  for (let q = 0; q < m; q++) if (success[pts[q]]) xAdv.set(xBest.subarray(q * D, q * D + D), pts[q] * D);
  return { xAdv, success, queries: input.oracle.queries - startQueries, progressed };
}
function liveRows(done) {
  const out = [];
  for (let q = 0; q < done.length; q++) if (!done[q]) out.push(q);
  return Int32Array.from(out);
}
function idxOf(pts, rows) {
  const out = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = pts[rows[r]];
  return out;
}
function imageSteps(cons, L) {
  const { c, h, w } = L;
  const nf = c * h * w;
  const eps = cons.eps;
  const hw = h * w;
  const etaCache = /* @__PURE__ */ new Map();
  const eta = (s, g) => {
    let e = etaCache.get(s);
    if (!e) {
      const b = etaBlock(s);
      e = [b, transpose(b, s)];
      etaCache.set(s, e);
    }
    return g.next() > 0.5 ? e[1] : e[0];
  };
  const randInt = (hi, g) => Math.floor(g.next() * hi);
  if (cons.norm === "linf") {
    return {
      init(x, xo, x0, co, g) {
        for (let ch = 0; ch < c; ch++) {
          for (let col = 0; col < w; col++) {
            const sgn = sign(g);
            for (let row = 0; row < h; row++) {
              const i = ch * hw + row * w + col;
              x[xo + i] = x0[co + i] + eps[i] * sgn;
            }
          }
        }
      },
      step(x, xo, _x0, _co, p, g) {
        const s = Math.min(Math.max(roundHalfEven(Math.sqrt(p * nf / c)), 1), h, w);
        const vh = randInt(h - s, g), vw = randInt(w - s, g);
        for (let ch = 0; ch < c; ch++) {
          const sgn = sign(g);
          for (let row = vh; row < vh + s; row++) {
            for (let col = vw; col < vw + s; col++) {
              const i = ch * hw + row * w + col;
              x[xo + i] += 2 * eps[i] * sgn;
            }
          }
        }
      }
    };
  }
  const delta = new Float64Array(nf);
  const toU = (x, xo, x0, co) => {
    for (let i = 0; i < nf; i++) delta[i] = eps[i] > 0 ? (x[xo + i] - x0[co + i]) / eps[i] : 0;
  };
  const fromU = (x, xo, x0, co) => {
    let s = 0;
    for (let i = 0; i < nf; i++) s += delta[i] * delta[i];
    const k = 1 / (Math.sqrt(s) + 1e-12);
    for (let i = 0; i < nf; i++) x[xo + i] = x0[co + i] + eps[i] * delta[i] * k;
  };
  return {
    init(x, xo, x0, co, g) {
      delta.fill(0);
      const s = Math.max(1, Math.floor(h / 5));
      const sp = Math.floor((h - s * 5) / 2);
      let vh = sp;
      for (let a = 0; a < Math.floor(h / s); a++) {
        let vw = sp;
        for (let b = 0; b < Math.floor(w / s); b++) {
          const e = eta(s, g);
          for (let ch = 0; ch < c; ch++) {
            const sgn = sign(g);
            for (let i = 0; i < s; i++) {
              const row = vh + i;
              if (row < 0 || row >= h) continue;
              for (let j = 0; j < s; j++) {
                const col = vw + j;
                if (col < 0 || col >= w) continue;
                delta[ch * hw + row * w + col] += e[i * s + j] * sgn;
              }
            }
          }
          vw += s;
        }
        vh += s;
      }
      for (let i = 0; i < nf; i++) if (!(eps[i] > 0)) delta[i] = 0;
      fromU(x, xo, x0, co);
    },
    step(x, xo, x0, co, p, g) {
      toU(x, xo, x0, co);
      let s = Math.max(roundHalfEven(Math.sqrt(p * nf / c)), 3);
      if (s % 2 === 0) s += 1;
      s = Math.min(s, h, w);
      const vh = randInt(h - s, g), vw = randInt(w - s, g);
      const vh2 = randInt(h - s, g), vw2 = randInt(w - s, g);
      const in1 = (r, q) => r >= vh && r < vh + s && q >= vw && q < vw + s;
      const in2 = (r, q) => r >= vh2 && r < vh2 + s && q >= vw2 && q < vw2 + s;
      let normImage = 0, normWindows = 0;
      for (let ch = 0; ch < c; ch++) {
        for (let r = 0; r < h; r++) {
          for (let q = 0; q < w; q++) {
            const v = delta[ch * hw + r * w + q];
            normImage += v * v;
            if (in1(r, q) || in2(r, q)) normWindows += v * v;
          }
        }
      }
      normImage = Math.sqrt(normImage);
      normWindows = Math.sqrt(normWindows);
      const e = eta(s, g);
      const scale = Math.sqrt(Math.max(1 - normImage * normImage, 0) / c + normWindows * normWindows);
      const nd = new Float64Array(s * s);
      const newWin = [];
      for (let ch = 0; ch < c; ch++) {
        const sgn = sign(g);
        let nw1 = 0;
        for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) {
          const v = delta[ch * hw + (vh + i) * w + vw + j];
          nw1 += v * v;
        }
        nw1 = Math.sqrt(nw1);
        let nn = 0;
        for (let i = 0; i < s; i++) {
          for (let j = 0; j < s; j++) {
            const v = e[i * s + j] * sgn + delta[ch * hw + (vh + i) * w + vw + j] / (1e-12 + nw1);
            nd[i * s + j] = v;
            nn += v * v;
          }
        }
        nn = Math.sqrt(nn);
        const win = new Float64Array(s * s);
        for (let k = 0; k < s * s; k++) win[k] = nd[k] / (1e-12 + nn) * scale;
        newWin.push(win);
      }
      for (let ch = 0; ch < c; ch++) {
        for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) delta[ch * hw + (vh2 + i) * w + vw2 + j] = 0;
      }
      for (let ch = 0; ch < c; ch++) {
        for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) delta[ch * hw + (vh + i) * w + vw + j] = newWin[ch][i * s + j];
      }
      for (let i = 0; i < nf; i++) if (!(eps[i] > 0)) delta[i] = 0;
      fromU(x, xo, x0, co);
    }
  };
}
function tabularSteps(cons) {
  const D = cons.D;
  const eps = cons.eps;
  const ball = ballFeatures(cons);
  const groups = mutableGroups(cons);
  const nB = ball.length;
  const nU = nB + groups.length;
  const maxCat = cons.maxCategoricalChanges;
  const units = new Int32Array(nU);
  const pick = (k, g) => {
    for (let i = 0; i < nU; i++) units[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + g.int(nU - i);
      const t = units[i];
      units[i] = units[j];
      units[j] = t;
    }
    return units.slice(0, k);
  };
  const pickBall = (k, g) => {
    const idx = Int32Array.from(ball);
    for (let i = 0; i < k; i++) {
      const j = i + g.int(nB - i);
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx.slice(0, k);
  };
  const categoryOf = (x, xo, grp) => {
    let k = 0;
    for (let a = 1; a < grp.length; a++) if (x[xo + grp[a]] > x[xo + grp[k]]) k = a;
    return k;
  };
  const changed = (x, xo, x0, co, grp) => {
    for (const i of grp) if (x[xo + i] !== x0[co + i]) return true;
    return false;
  };
  const moveGroups = (x, xo, x0, co, sel, g) => {
    for (const gi of sel) {
      const grp = groups[gi];
      if (grp.length < 2) continue;
      const cur = categoryOf(x, xo, grp);
      let k = g.int(grp.length - 1);
      if (k >= cur) k++;
      for (let a = 0; a < grp.length; a++) x[xo + grp[a]] = a === k ? 1 : 0;
    }
    const changedOld = [], changedNew = [];
    for (let gi = 0; gi < groups.length; gi++) {
      if (!changed(x, xo, x0, co, groups[gi])) continue;
      (sel.includes(gi) ? changedNew : changedOld).push(gi);
    }
    while (changedOld.length + changedNew.length > maxCat) {
      const from = changedOld.length > 0 ? changedOld : changedNew;
      const gi = from.splice(g.int(from.length), 1)[0];
      for (const i of groups[gi]) x[xo + i] = x0[co + i];
    }
  };
  const kOf = (p, count) => Math.min(Math.max(roundHalfEven(p * count), 1), count);
  if (cons.norm === "linf") {
    return {
      init(x, xo, x0, co, g) {
        for (const i of ball) x[xo + i] = x0[co + i] + eps[i] * sign(g);
      },
      step(x, xo, x0, co, p, g) {
        if (nU === 0) return;
        const sel = pick(kOf(p, nU), g);
        const gs = [];
        for (const u2 of sel) {
          if (u2 < nB) {
            const i = ball[u2];
            x[xo + i] += 2 * eps[i] * sign(g);
          } else gs.push(u2 - nB);
        }
        if (gs.length > 0) moveGroups(x, xo, x0, co, gs, g);
      }
    };
  }
  const u = new Float64Array(D);
  const normalise = (x, xo, x0, co) => {
    let s = 0;
    for (const i of ball) s += u[i] * u[i];
    const k = s > 0 ? 1 / (Math.sqrt(s) + 1e-12) : 0;
    for (const i of ball) x[xo + i] = x0[co + i] + eps[i] * u[i] * k;
  };
  return {
    init(x, xo, x0, co, g) {
      u.fill(0);
      for (const i of ball) u[i] = sign(g);
      normalise(x, xo, x0, co);
    },
    step(x, xo, x0, co, p, g) {
      if (nU === 0) return;
      const sel = pick(kOf(p, nU), g);
      const w1 = [], gs = [];
      for (const s of sel) {
        if (s < nB) w1.push(ball[s]);
        else gs.push(s - nB);
      }
      if (w1.length > 0) {
        u.fill(0);
        for (const i of ball) u[i] = (x[xo + i] - x0[co + i]) / eps[i];
        const w2 = pickBall(w1.length, g);
        const inW = new Uint8Array(D);
        for (const i of w1) inW[i] = 1;
        for (const i of w2) inW[i] = 1;
        let nImg = 0, nWin = 0, n1 = 0;
        for (const i of ball) {
          nImg += u[i] * u[i];
          if (inW[i]) nWin += u[i] * u[i];
        }
        for (const i of w1) n1 += u[i] * u[i];
        nImg = Math.sqrt(nImg);
        nWin = Math.sqrt(nWin);
        n1 = Math.sqrt(n1);
        const scale = Math.sqrt(Math.max(1 - nImg * nImg, 0) + nWin * nWin);
        const r = 1 / Math.sqrt(w1.length);
        const nd = w1.map((i) => sign(g) * r + u[i] / (1e-12 + n1));
        let nn = 0;
        for (const v of nd) nn += v * v;
        nn = Math.sqrt(nn);
        for (const i of w2) u[i] = 0;
        w1.forEach((i, k) => {
          u[i] = nd[k] / (1e-12 + nn) * scale;
        });
        normalise(x, xo, x0, co);
      }
      if (gs.length > 0) moveGroups(x, xo, x0, co, gs, g);
    }
  };
}

// src/gates/robustness/blackbox/hsja.ts
function makeHsja(opts = {}) {
  const budget = opts.queries ?? 5e3;
  const gamma = opts.gamma ?? 1;
  const initEvals = opts.initEvals ?? 100;
  const maxEvals = opts.maxEvals ?? 1e4;
  const initTries = opts.initTries ?? 40;
  const name = opts.name ?? "hsja";
  if (!(Number.isInteger(budget) && budget >= 20)) throw new RangeError(`hsja needs at least 20 queries per point, got ${budget}`);
  return {
    name,
    method: "decision-based",
    parameters: { queries: budget, gamma, init_evals: initEvals, max_evals: maxEvals, stepsize_search: "geometric_progression", early_stop: opts.earlyStop ?? false },
    needsGradient: false,
    run: (input) => runHsja(input, { budget, gamma, initEvals, maxEvals, initTries, earlyStop: opts.earlyStop ?? false, name })
  };
}
async function runHsja(input, P) {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const n = input.n;
  const linf = c.norm === "linf";
  const free = withoutBall(c);
  const eps = c.eps;
  const ball = ballFeatures(c);
  const d = Math.max(1, ball.length);
  const theta = linf ? P.gamma / (d * d) : P.gamma / (Math.sqrt(d) * d);
  const startQueries = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const progressed = new Uint8Array(n);
  const distance = new Float64Array(n).fill(Infinity);
  const distanceAbs = new Float64Array(n).fill(Infinity);
  const act = [];
  for (let p = 0; p < n; p++) if (input.active[p]) act.push(p);
  const m = act.length;
  if (m === 0) return { xAdv, success, queries: 0, progressed, distance, distanceAbs };
  input.progress?.({ done: 0, remainingQueries: m * P.budget });
  const pts = Int32Array.from(act);
  const x0 = gatherRows(input.x0, D, pts);
  const y = new Int32Array(m);
  for (let q = 0; q < m; q++) y[q] = input.labels[pts[q]];
  const g = act.map((p) => blackboxRng(input, P.name, p));
  const used = new Float64Array(m);
  const zc = await input.oracle.logits(x0, pts);
  for (let q = 0; q < m; q++) used[q]++;
  const live = new Uint8Array(m);
  const best = x0.slice();
  const bestDist = new Float64Array(m).fill(Infinity);
  for (let q = 0; q < m; q++) {
    if (misclassified(zc, q, C, y[q])) {
      best.set(x0.subarray(q * D, q * D + D), q * D);
      bestDist[q] = 0;
    } else live[q] = 1;
  }
  const decide = async (xs, qs) => {
    input.checkBudget?.();
    const out = new Uint8Array(qs.length);
    const CH = Math.max(1, Math.floor(262144 / Math.max(1, D)));
    for (let s = 0; s < qs.length; s += CH) {
      const e = Math.min(qs.length, s + CH);
      const sub = qs.subarray(s, e);
      const ids = new Int32Array(sub.length);
      for (let r = 0; r < sub.length; r++) ids[r] = pts[sub[r]];
      const z = await input.oracle.logits(xs.subarray(s * D, e * D), ids);
      for (let r = 0; r < sub.length; r++) {
        const q = sub[r];
        used[q]++;
        if (!progressed[pts[q]] && rowsDiffer(z, r, zc, q, C)) progressed[pts[q]] = 1;
        out[s + r] = misclassified(z, r, C, y[q]) ? 1 : 0;
      }
    }
    if (input.progress) {
      let left2 = 0;
      for (let q = 0; q < m; q++) left2 += Math.max(0, P.budget - used[q]);
      input.progress({ done: 0, remainingQueries: left2 });
    }
    return out;
  };
  const left = (q) => P.budget - 1 - used[q];
  const dist = (x, xo, q) => scaledDistance(c, x, xo, x0, q * D);
  const keepBest = (x, xo, q) => {
    const dd = dist(x, xo, q);
    if (dd < bestDist[q]) {
      bestDist[q] = dd;
      best.set(x.subarray(xo, xo + D), q * D);
    }
  };
  const noise = new Float32Array(m * D);
  const found = new Uint8Array(m);
  for (let k = 0; k < P.initTries; k++) {
    const qs = [...range(m)].filter((q) => live[q] && !found[q] && left(q) > 0);
    if (qs.length === 0) break;
    const xs = new Float32Array(qs.length * D);
    qs.forEach((q, r) => randomPoint(c, x0, q * D, xs, r * D, 2 ** k, g[q]));
    const rows = Int32Array.from(qs);
    free.project(xs, x0, qs.length, rows);
    const dec = await decide(xs, rows);
    qs.forEach((q, r) => {
      if (dec[r]) {
        found[q] = 1;
        noise.set(xs.subarray(r * D, r * D + D), q * D);
      }
    });
  }
  for (let q = 0; q < m; q++) if (live[q] && !found[q]) live[q] = 0;
  const perturbed = new Float32Array(m * D);
  {
    const lo = new Float64Array(m), hi = new Float64Array(m).fill(1);
    for (; ; ) {
      const qs = [...range(m)].filter((q) => live[q] && hi[q] - lo[q] > 1e-3 && left(q) > 0);
      if (qs.length === 0) break;
      const xs = new Float32Array(qs.length * D);
      qs.forEach((q, r) => blend(x0, q * D, noise, q * D, (lo[q] + hi[q]) / 2, xs, r * D, D));
      const rows = Int32Array.from(qs);
      free.project(xs, x0, qs.length, rows);
      const dec = await decide(xs, rows);
      qs.forEach((q, r) => {
        const mid = (lo[q] + hi[q]) / 2;
        if (dec[r]) hi[q] = mid;
        else lo[q] = mid;
      });
    }
    const cur = perturbed;
    for (let q = 0; q < m; q++) {
      if (!live[q]) continue;
      blend(x0, q * D, noise, q * D, hi[q], cur, q * D, D);
    }
    const all = Int32Array.from([...range(m)].filter((q) => live[q]));
    const tmp = gatherRows(cur, D, all);
    free.project(tmp, x0, all.length, all);
    all.forEach((q, r) => cur.set(tmp.subarray(r * D, r * D + D), q * D));
  }
  const boundarySearch = async (qs, xs) => {
    const k = qs.length;
    const distPost2 = new Float64Array(k);
    const lo = new Float64Array(k), hi = new Float64Array(k), thr = new Float64Array(k);
    for (let r = 0; r < k; r++) {
      distPost2[r] = dist(xs, r * D, qs[r]);
      if (linf) {
        hi[r] = distPost2[r];
        thr[r] = Math.min(distPost2[r] * theta, theta);
      } else {
        hi[r] = 1;
        thr[r] = theta;
      }
    }
    const proj = (r, a, out2, oo) => {
      const q = qs[r];
      if (linf) {
        for (let i = 0; i < D; i++) {
          const c0 = x0[q * D + i], v = xs[r * D + i], e = a * eps[i];
          out2[oo + i] = c.inOneHot[i] || !c.mutable[i] ? v : Math.min(Math.max(v, c0 - e), c0 + e);
        }
      } else blend(x0, q * D, xs, r * D, a, out2, oo, D);
    };
    for (; ; ) {
      const rs = [];
      for (let r = 0; r < k; r++) if ((hi[r] - lo[r]) / thr[r] > 1 && left(qs[r]) > 0 && thr[r] > 0) rs.push(r);
      if (rs.length === 0) break;
      const cand2 = new Float32Array(rs.length * D);
      rs.forEach((r, j) => proj(r, (hi[r] + lo[r]) / 2, cand2, j * D));
      const rows = Int32Array.from(rs.map((r) => qs[r]));
      free.project(cand2, x0, rs.length, rows);
      const dec = await decide(cand2, rows);
      rs.forEach((r, j) => {
        const mid = (hi[r] + lo[r]) / 2;
        if (dec[j]) hi[r] = mid;
        else lo[r] = mid;
      });
    }
    const out = new Float32Array(k * D);
    for (let r = 0; r < k; r++) proj(r, hi[r], out, r * D);
    free.project(out, x0, k, Int32Array.from(qs));
    xs.set(out);
    return distPost2;
  };
  let qsLive = [...range(m)].filter((q) => live[q]);
  let xsLive = gatherRows(perturbed, D, qsLive);
  let distPost = await boundarySearch(qsLive, xsLive);
  qsLive.forEach((q, r) => keepBest(xsLive, r * D, q));
  let range01 = 0;
  let bounded = true;
  for (const i of ball) {
    const r = (c.hi[i] - c.lo[i]) / eps[i];
    if (!Number.isFinite(r)) bounded = false;
    else range01 += r;
  }
  range01 = bounded && ball.length > 0 ? range01 / ball.length : NaN;
  for (let t = 1; ; t++) {
    const keep = [];
    qsLive.forEach((q, r) => {
      if (left(q) < 3 || P.earlyStop && bestDist[q] <= 1) return;
      keep.push(r);
    });
    if (keep.length === 0) break;
    qsLive = keep.map((r) => qsLive[r]);
    xsLive = gatherRows(xsLive, D, keep);
    distPost = Float64Array.from(keep, (r) => distPost[r]);
    const k = qsLive.length;
    const nEvals = Math.min(Math.floor(P.initEvals * Math.sqrt(t)), P.maxEvals);
    const update = new Float64Array(k * D);
    const deltas = new Float64Array(k);
    const CH = Math.max(1, Math.floor(Math.max(nEvals, Math.floor(1048576 / Math.max(1, D))) / Math.max(1, nEvals)));
    for (let s = 0; s < k; s += CH) {
      const e = Math.min(k, s + CH);
      const counts = [];
      let total = 0;
      for (let r = s; r < e; r++) {
        const cnt = Math.max(0, Math.min(nEvals, left(qsLive[r]) - 2));
        counts.push(cnt);
        total += cnt;
      }
      const cand2 = new Float32Array(total * D);
      const rvs = new Float64Array(D);
      const rows = new Int32Array(total);
      let o = 0;
      for (let r = s; r < e; r++) {
        const q = qsLive[r];
        const delta = t === 1 ? Number.isFinite(range01) ? 0.1 * range01 : 0.1 * Math.max(distPost[r], 1e-6) : linf ? d * theta * distPost[r] : Math.sqrt(d) * theta * distPost[r];
        for (let j = 0; j < counts[r - s]; j++, o++) {
          rows[o] = q;
          let nn = 0;
          for (const i of ball) {
            const v = linf ? 2 * g[q].next() - 1 : g[q].normal();
            rvs[i] = v;
            nn += v * v;
          }
          nn = Math.sqrt(nn) || 1;
          for (const i of ball) cand2[o * D + i] = xsLive[r * D + i] + delta * eps[i] * (rvs[i] / nn);
          for (let i = 0; i < D; i++) if (!(c.mutable[i] && !c.inOneHot[i])) cand2[o * D + i] = xsLive[r * D + i];
        }
        deltas[r] = delta;
      }
      free.project(cand2, x0, total, rows);
      const dec = total > 0 ? await decide(cand2, rows) : new Uint8Array(0);
      o = 0;
      for (let r = s; r < e; r++) {
        const cnt = counts[r - s];
        if (cnt === 0) {
          o += cnt;
          continue;
        }
        let mean2 = 0;
        for (let j = 0; j < cnt; j++) mean2 += 2 * dec[o + j] - 1;
        mean2 /= cnt;
        const grad = new Float64Array(D);
        for (let j = 0; j < cnt; j++) {
          const f = mean2 === 1 || mean2 === -1 ? mean2 : 2 * dec[o + j] - 1 - mean2;
          for (const i of ball) grad[i] += f * (cand2[(o + j) * D + i] - xsLive[r * D + i]) / (deltas[r] * eps[i]);
        }
        o += cnt;
        let gn = 0;
        for (const i of ball) gn += grad[i] * grad[i];
        gn = Math.sqrt(gn) || 1;
        for (const i of ball) update[r * D + i] = linf ? Math.sign(grad[i]) : grad[i] / gn;
      }
    }
    const xi = new Float64Array(k);
    const settled = new Uint8Array(k);
    for (let r = 0; r < k; r++) xi[r] = dist(xsLive, r * D, qsLive[r]) / Math.sqrt(t);
    const next = xsLive.slice();
    for (let halving = 0; halving < 40; halving++) {
      const rs = [];
      for (let r = 0; r < k; r++) if (!settled[r] && left(qsLive[r]) > 1) rs.push(r);
      if (rs.length === 0) break;
      const cand2 = new Float32Array(rs.length * D);
      rs.forEach((r, j) => {
        for (let i = 0; i < D; i++) cand2[j * D + i] = xsLive[r * D + i] + xi[r] * eps[i] * update[r * D + i];
      });
      const rows = Int32Array.from(rs.map((r) => qsLive[r]));
      free.project(cand2, x0, rs.length, rows);
      const dec = await decide(cand2, rows);
      rs.forEach((r, j) => {
        if (dec[j]) {
          settled[r] = 1;
          next.set(cand2.subarray(j * D, j * D + D), r * D);
        } else xi[r] /= 2;
      });
    }
    xsLive = next;
    distPost = await boundarySearch(qsLive, xsLive);
    qsLive.forEach((q, r) => keepBest(xsLive, r * D, q));
  }
  const cand = [];
  for (let q = 0; q < m; q++) if (Number.isFinite(bestDist[q])) cand.push(q);
  if (cand.length > 0) {
    const rows = Int32Array.from(cand);
    const xs = gatherRows(best, D, rows);
    c.project(xs, x0, cand.length, rows);
    const ids = Int32Array.from(cand, (q) => pts[q]);
    const z = await input.oracle.logits(xs, ids);
    cand.forEach((q, r) => {
      const p = pts[q];
      distance[p] = bestDist[q];
      distanceAbs[p] = c.perturbation(best, q * D, x0, q * D).abs;
      if (misclassified(z, r, C, y[q]) && c.feasible(xs, r * D, x0, q * D)) {
        success[p] = 1;
        xAdv.set(xs.subarray(r * D, r * D + D), p * D);
      }
    });
  }
  if (input.progress) {
    let broken = 0;
    for (let q = 0; q < m; q++) broken += success[pts[q]];
    input.progress({ done: m, broken, remainingQueries: 0 });
  }
  return { xAdv, success, queries: input.oracle.queries - startQueries, progressed, distance, distanceAbs };
}
function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}
function blend(a, ao, b, bo, t, out, oo, D) {
  for (let i = 0; i < D; i++) out[oo + i] = (1 - t) * a[ao + i] + t * b[bo + i];
}
function randomPoint(c, x0, co, out, oo, scale, g) {
  for (let i = 0; i < c.D; i++) {
    const v0 = x0[co + i];
    if (!c.mutable[i]) {
      out[oo + i] = v0;
      continue;
    }
    if (c.inOneHot[i]) {
      out[oo + i] = g.next();
      continue;
    }
    const lo = Number.isFinite(c.lo[i]) ? c.lo[i] : v0 - scale * c.eps[i];
    const hi = Number.isFinite(c.hi[i]) ? c.hi[i] : v0 + scale * c.eps[i];
    out[oo + i] = lo + (hi - lo) * g.next();
  }
}

// src/gates/robustness/blackbox/tree.ts
var TREE_OPS = /* @__PURE__ */ new Set(["TreeEnsembleClassifier", "TreeEnsembleRegressor", "TreeEnsemble"]);
function treeSplits(model, D, inputOffsets) {
  const m = decodeModel(model);
  const g = m.graph;
  if (!g) throw new GateError("robustness.tree-model", "the tree attack needs a model with a graph; use attacks: [square] for this model");
  const producers = /* @__PURE__ */ new Map();
  for (const n of g.node) for (const o of n.output) producers.set(o, n);
  const inputs = new Set(g.input.map((i) => i.name ?? ""));
  const sets = Array.from({ length: D }, () => /* @__PURE__ */ new Set());
  let ensembles = 0;
  const visit = (graph) => {
    for (const node of graph.node) {
      if (!TREE_OPS.has(node.opType ?? "") || (node.domain ?? "") !== "ai.onnx.ml") continue;
      ensembles++;
      let src = node.input[0] ?? "";
      for (let guard = 0; guard < 16 && !inputs.has(src); guard++) {
        const p = producers.get(src);
        if (!p || !["Identity", "Cast"].includes(p.opType ?? "")) break;
        src = p.input[0] ?? "";
      }
      if (!inputs.has(src)) {
        throw new GateError("robustness.tree-input", `the tree ensemble '${node.name ?? node.opType}' reads '${node.input[0]}', which is computed from the inputs, so its thresholds cannot be mapped to features; use attacks: [square] for this model`);
      }
      const offset = inputOffsets ? inputOffsets[src] : 0;
      if (offset === void 0) throw new GateError("robustness.tree-input", `the tree ensemble reads input '${src}', which is not in the feature space; use attacks: [square] for this model`);
      const feats = attrInts(node, "nodes_featureids") ?? [];
      const modes = attrStrings(node, "nodes_modes") ?? [];
      let values = attrFloats(node, "nodes_values");
      if (!values || values.length === 0) {
        const t = attrTensor(node, "nodes_values_as_tensor");
        if (t) values = tensorToArray(t);
      }
      if (node.opType === "TreeEnsemble") {
        const t = attrTensor(node, "nodes_splits");
        if (t) values = tensorToArray(t);
      }
      if (!values || values.length !== feats.length) {
        throw new GateError("robustness.tree-model", `the tree ensemble '${node.name ?? node.opType}' has ${feats.length} feature ids and ${values?.length ?? 0} split values; the model is malformed`);
      }
      for (let k = 0; k < feats.length; k++) {
        if (modes[k] === "LEAF") continue;
        const f = offset + feats[k];
        if (f < 0 || f >= D) throw new GateError("robustness.tree-model", `a tree splits on feature ${feats[k]} of '${src}', outside the ${D} features; the model does not match the data`);
        const v = Number(values[k]);
        if (Number.isFinite(v)) sets[f].add(v);
      }
    }
  };
  visit(g);
  const consumers = /* @__PURE__ */ new Map();
  for (const n of g.node) for (const i of n.input) {
    if (!consumers.has(i)) consumers.set(i, []);
    consumers.get(i).push(n);
  }
  let complete = true;
  const featureInputs = inputOffsets ? Object.keys(inputOffsets) : g.input.map((i) => i.name ?? "");
  const walk = (v, depth) => {
    for (const n of consumers.get(v) ?? []) {
      if (TREE_OPS.has(n.opType ?? "") && n.input[0] === v) continue;
      if (["Identity", "Cast"].includes(n.opType ?? "") && depth < 16) {
        for (const o of n.output) walk(o, depth + 1);
        continue;
      }
      complete = false;
    }
    if (g.output.some((o) => o.name === v)) complete = false;
  };
  for (const v of featureInputs) walk(v, 0);
  if (ensembles === 0) throw new GateError("robustness.tree-model", "the tree attack needs a TreeEnsembleClassifier/TreeEnsembleRegressor (ai.onnx.ml) node; use attacks: [square] or auto for this model");
  return { thresholds: sets.map((s) => Float64Array.from([...s].sort((a, b) => a - b))), ensembles, complete };
}
function makeTreeAttack(opts) {
  const budget = opts.queries ?? 5e3;
  const beam = opts.beam ?? 8;
  const exhaustive = opts.exhaustive ?? 4096;
  const minimize = opts.minimize ?? true;
  const name = opts.name ?? "tree";
  return {
    name,
    method: "score-based",
    parameters: { queries: budget, beam, exhaustive_grid: exhaustive, minimize, thresholds: opts.splits.thresholds.reduce((a, t) => a + t.length, 0) },
    needsGradient: false,
    run: (input) => runTree(input, opts.splits, budget, beam, exhaustive, minimize, name)
  };
}
function featureCandidates(c, f, x0, ths) {
  const out = /* @__PURE__ */ new Map();
  const e = c.eps[f];
  const add = (v) => {
    if (c.integer[f]) {
      for (const w of [Math.floor(v), Math.ceil(v), Math.floor(v) + 1, Math.ceil(v) - 1]) push(w);
    } else push(v);
  };
  const push = (v) => {
    if (v === x0 || !Number.isFinite(v)) return;
    const r = Math.abs(v - x0) / e;
    if (!(r <= 1) || v < c.lo[f] || v > c.hi[f]) return;
    if (Math.fround(v) !== v) return;
    out.set(v, r);
  };
  for (const t0 of ths) {
    const t = Math.fround(t0);
    if (Math.abs(t - x0) > e) continue;
    if (t > x0) {
      add(t);
      add(nextFloat32Toward(t, Infinity));
    } else if (t < x0) {
      add(t);
      add(nextFloat32Toward(t, -Infinity));
    } else {
      add(nextFloat32Toward(t, Infinity));
      add(nextFloat32Toward(t, -Infinity));
    }
  }
  return [...out].map(([v, r]) => ({ v, r })).sort((a, b) => a.r - b.r || a.v - b.v);
}
async function runTree(input, splits, budget, beamW, exhaustive, minimize, name) {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const n = input.n;
  if (splits.thresholds.length !== D) throw new GateError("robustness.tree-model", `tree splits cover ${splits.thresholds.length} features, the feature space has ${D}`);
  const startQueries = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const progressed = new Uint8Array(n);
  const distance = new Float64Array(n).fill(Infinity);
  const distanceAbs = new Float64Array(n).fill(Infinity);
  const certified = new Uint8Array(n);
  const ball = ballFeatures(c);
  const groups = mutableGroups(c);
  let nActive = 0, finished = 0, broken = 0, previous = -1;
  for (let p = 0; p < n; p++) nActive += input.active[p];
  const tick = input.progress && (() => {
    if (previous >= 0) {
      finished++;
      broken += success[previous];
    }
    input.progress({ done: finished, broken, remainingQueries: (nActive - finished) * budget });
  });
  for (let p = 0; p < n; p++) {
    if (!input.active[p]) continue;
    tick?.();
    previous = p;
    input.checkBudget?.();
    const x0 = input.x0.subarray(p * D, p * D + D).slice();
    const y = input.labels[p];
    const g = blackboxRng(input, name, p);
    let used = 0;
    const pid = new Int32Array([p]);
    const zc = await input.oracle.logits(x0, pid);
    used++;
    if (misclassified(zc, 0, C, y)) {
      success[p] = 1;
      distance[p] = 0;
      distanceAbs[p] = 0;
      continue;
    }
    const cands = [];
    const feats = [];
    for (const f of ball) {
      const cs = featureCandidates(c, f, x0[f], splits.thresholds[f]);
      if (cs.length > 0) {
        cands.push(cs);
        feats.push(f);
      }
    }
    const x0rows = x0;
    const evaluate = async (rows, k) => {
      const zero = new Int32Array(k);
      c.project(rows, x0rows, k, zero);
      const z = await input.oracle.logits(rows, new Int32Array(k).fill(p));
      used += k;
      const margin = new Float64Array(k), mis = new Uint8Array(k);
      for (let r = 0; r < k; r++) {
        if (!progressed[p] && rowsDiffer(z, r, zc, 0, C)) progressed[p] = 1;
        margin[r] = marginOf(z, r, C, y);
        mis[r] = misclassified(z, r, C, y) ? 1 : 0;
      }
      return { margin, mis };
    };
    const dist = (x, o) => scaledDistance(c, x, o, x0, 0);
    let exact = false;
    const search = async (r) => {
      const within = cands.map((cs) => cs.filter((cd) => cd.r <= r));
      let grid = 1;
      for (const w of within) {
        grid *= w.length + 1;
        if (grid > exhaustive) break;
      }
      if (groups.length === 0 && grid <= exhaustive && grid <= budget - used) {
        const combos = [];
        const idx = new Int32Array(within.length);
        for (; ; ) {
          const x = x0.slice();
          let s2 = 0, mx = 0;
          for (let j2 = 0; j2 < within.length; j2++) {
            if (idx[j2] === 0) continue;
            const cd = within[j2][idx[j2] - 1];
            x[feats[j2]] = cd.v;
            s2 += cd.r * cd.r;
            mx = Math.max(mx, cd.r);
          }
          if ((c.norm === "linf" ? mx : Math.sqrt(s2)) <= r) combos.push(x);
          let j = 0;
          while (j < within.length) {
            idx[j]++;
            if (idx[j] <= within[j].length) break;
            idx[j] = 0;
            j++;
          }
          if (j === within.length) break;
        }
        const rows = new Float32Array(combos.length * D);
        combos.forEach((x, k) => rows.set(x, k * D));
        const ev = await evaluate(rows, combos.length);
        exact = true;
        let bestK = -1, bestD = Infinity;
        for (let k = 0; k < combos.length; k++) {
          if (!ev.mis[k]) continue;
          const dd = dist(rows, k * D);
          if (dd < bestD) {
            bestD = dd;
            bestK = k;
          }
        }
        return bestK < 0 ? null : { x: rows.slice(bestK * D, bestK * D + D), d: bestD };
      }
      let states = [x0.slice()];
      const seen = /* @__PURE__ */ new Set([key(x0)]);
      for (let depth = 0; depth < feats.length + groups.length; depth++) {
        const children = [];
        for (const s of states) {
          for (let j = 0; j < feats.length; j++) {
            const f = feats[j];
            for (const cd of within[j]) {
              if (s[f] === cd.v) continue;
              const x = s.slice();
              x[f] = cd.v;
              if (c.norm === "l2" && dist(x, 0) > r) continue;
              const kx = key(x);
              if (seen.has(kx)) continue;
              seen.add(kx);
              children.push(x);
            }
          }
          for (const grp of groups) {
            for (const i of grp) {
              if (s[i] === 1) continue;
              const x = s.slice();
              for (const j of grp) x[j] = j === i ? 1 : 0;
              const kx = key(x);
              if (seen.has(kx)) continue;
              seen.add(kx);
              children.push(x);
            }
          }
        }
        if (children.length === 0) return null;
        const room = budget - used;
        if (room <= 0) return null;
        if (children.length > room) {
          shuffle(children, g);
          children.length = room;
        }
        const rows = new Float32Array(children.length * D);
        children.forEach((x, k) => rows.set(x, k * D));
        const ev = await evaluate(rows, children.length);
        let bestK = -1, bestD = Infinity;
        for (let k = 0; k < children.length; k++) {
          if (!ev.mis[k]) continue;
          const dd = dist(rows, k * D);
          if (dd < bestD) {
            bestD = dd;
            bestK = k;
          }
        }
        if (bestK >= 0) return { x: rows.slice(bestK * D, bestK * D + D), d: bestD };
        const order = children.map((_, k) => ({ k, m: ev.margin[k], t: g.next(), d: dist(rows, k * D) }));
        order.sort((a, b) => a.m - b.m || a.t - b.t);
        states = order.slice(0, beamW).map((o) => rows.slice(o.k * D, o.k * D + D));
      }
      return null;
    };
    let found = await search(1);
    if (!found && exact && splits.complete) certified[p] = 1;
    if (found && minimize && !exact) {
      const radii = [...new Set(cands.flatMap((cs) => cs.map((cd) => cd.r)).filter((r) => r < found.d))].sort((a, b) => a - b);
      let lo = 0, hi = radii.length;
      while (lo < hi && used < budget) {
        const mid = lo + hi >> 1;
        const f2 = await search(radii[mid]);
        if (f2 && f2.d < found.d) {
          found = f2;
          let k = mid;
          while (k > 0 && radii[k - 1] >= f2.d) k--;
          hi = k;
        } else lo = mid + 1;
      }
    }
    if (found) {
      const xs = found.x.slice();
      c.project(xs, x0, 1);
      if (c.feasible(xs, 0, x0, 0)) {
        success[p] = 1;
        xAdv.set(xs, p * D);
        distance[p] = found.d;
        distanceAbs[p] = c.perturbation(xs, 0, x0, 0).abs;
      }
    }
  }
  tick?.();
  return { xAdv, success, queries: input.oracle.queries - startQueries, progressed, certified, distance, distanceAbs };
}
function key(x) {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("base64");
}
function shuffle(a, g) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = g.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

// src/gates/robustness/blackbox/inconclusive.ts
function isInconclusive(result, active) {
  if (!result.progressed) return false;
  let attacked = 0;
  for (let p = 0; p < active.length; p++) {
    if (!active[p]) continue;
    attacked++;
    if (result.progressed[p] || result.success[p] || result.certified?.[p]) return false;
  }
  return attacked > 0;
}
function assertConclusive(attack, result, active) {
  if (!isInconclusive(result, active)) return;
  let n = 0;
  for (const a of active) n += a;
  const hint = attack.name === "square" ? "for tree ensembles use attacks: [tree] (or auto); otherwise check that the model scores depend on the perturbed features and that epsilon is not too small" : "check that the model output depends on the perturbed features and that epsilon and the query budget are not too small";
  throw new GateError(
    "robustness.inconclusive",
    `the ${attack.name} attack is inconclusive: the model's scores never changed on any of the ${n} attacked points, so the result says nothing about robustness; ${hint}`
  );
}

// src/gates/robustness/blackbox/index.ts
registerAttack("square", (ctx) => makeSquare({ queries: ctx.queries }));
registerAttack("hsja", (ctx) => makeHsja({ queries: ctx.queries }));
function hasTreeEnsemble(model) {
  const g = decodeModel(model).graph;
  const visit = (graph) => {
    if (!graph) return false;
    for (const n of graph.node) {
      if ((n.domain ?? "") === "ai.onnx.ml" && /^TreeEnsemble(Classifier|Regressor)?$/.test(n.opType ?? "")) return true;
      for (const a of n.attribute) {
        if (a.g && visit(a.g)) return true;
        for (const sg of a.graphs ?? []) if (visit(sg)) return true;
      }
    }
    return false;
  };
  return visit(g);
}
function autoBlackbox(info) {
  if (info.treeEnsemble) return "tree";
  return info.outputKind === "label" ? "hsja" : "square";
}

// src/gates/robustness/one-hot.ts
function resolveOneHotGroups(groups, featureNames, dataset, featIndex, bad) {
  const owner = /* @__PURE__ */ new Map();
  return groups.map((g, gi) => {
    let idx;
    if (Array.isArray(g)) {
      idx = g.map((r, k) => featIndex(r, ["one-hot", gi, k]));
    } else {
      const where = ["one-hot", gi, "prefix"];
      const at = `gates.robustness.one-hot[${gi}].prefix ${JSON.stringify(g.prefix)}`;
      if (!featureNames) bad(where, `${at}: dataset "${dataset}" is a tensor without column names: list the group's 0-based feature indices instead`);
      idx = [];
      featureNames.forEach((n, i) => {
        if (n.startsWith(g.prefix)) idx.push(i);
      });
      if (idx.length === 0) {
        const shown = featureNames.slice(0, 20).join(", ") + (featureNames.length > 20 ? ", ..." : "");
        bad(where, `${at} matches no feature column of dataset "${dataset}" (features: ${shown}): fix the prefix, or list the group's columns`);
      }
      if (idx.length === 1) {
        bad(where, `${at} matches only one feature column ("${featureNames[idx[0]]}") of dataset "${dataset}": a one-hot group needs at least two columns; fix the prefix, or drop the group`);
      }
    }
    for (const i of idx) {
      const prev = owner.get(i);
      if (prev !== void 0 && prev !== gi) {
        const name = featureNames ? `"${featureNames[i]}"` : `feature ${i}`;
        bad(["one-hot", gi], `gates.robustness.one-hot[${gi}] and one-hot[${prev}] both contain ${name}: a column belongs to one group`);
      }
      owner.set(i, gi);
    }
    return Int32Array.from(idx);
  });
}

// src/gates/robustness/index.ts
var GRADIENT_ATTACKS = /* @__PURE__ */ new Set(["apgd-ce", "apgd-dlr", "apgd-t", "apgd-margin", "pgd", "fgsm"]);
var robustnessGate = {
  name: "robustness",
  metrics: ROBUSTNESS_METRICS,
  run: runRobustness
};
function modelOf(ctx) {
  if (!ctx.model) {
    throw new GateError("robustness.model", `internal error: the robustness gate did not receive a loaded model (ctx.model): ${INTERNAL_HINT}`);
  }
  return ctx.model;
}
async function runRobustness(ctx) {
  const pol = ctx.policy;
  const model = modelOf(ctx);
  const where = (path2) => {
    const p = ctx.position(["gates", "robustness", ...path2]);
    return p ? { file: p.file, line: p.line, col: p.col } : void 0;
  };
  const bad = (path2, msg) => {
    throw new GateError("robustness.policy", msg, { where: where(path2) });
  };
  const ds = ctx.dataset(pol.dataset);
  const preds = await ctx.predictions(pol.dataset);
  const view = model.featureView(pol.dataset);
  const D = view.dim;
  const sampleMode = model.sampleMode?.(pol.dataset) ?? (ds.labels ? "stratified" : "first");
  const rows = sampleRows(ds, pol.limit, sampleMode, ctx.seed);
  const n = rows.length;
  if (n === 0) bad(["dataset"], `dataset "${pol.dataset}" has no rows to attack`);
  const C = preds.classes;
  const predicted = pol.labels === "predicted";
  const y = new Int32Array(n);
  const truth = preds.labels;
  for (let i = 0; i < n; i++) {
    if (predicted) y[i] = preds.predicted[rows[i]];
    else {
      if (!truth) bad(["labels"], `dataset "${pol.dataset}" has no labels: add a label column, or set labels: predicted to measure prediction_stability`);
      y[i] = truth[rows[i]];
      if (y[i] < 0) bad(["labels"], `dataset "${pol.dataset}" row ${rows[i] + 1} has a missing or unknown label: fix the data or set labels: predicted`);
    }
  }
  const x0 = view.features(rows);
  const featIndex = (ref, path2) => {
    if (typeof ref === "number") {
      if (!Number.isInteger(ref) || ref < 0 || ref >= D) bad(path2, `feature index ${ref} is outside 0..${D - 1}`);
      return ref;
    }
    const names2 = view.featureNames;
    const i = names2 ? names2.indexOf(ref) : -1;
    if (i < 0) bad(path2, `"${ref}" is not a feature of dataset "${pol.dataset}"${names2 ? ` (features: ${names2.slice(0, 20).join(", ")}${names2.length > 20 ? ", ..." : ""})` : " (a tensor dataset: use 0-based feature indices)"}`);
    return i;
  };
  const mutable = Uint8Array.from(view.perturbable);
  (pol.immutable ?? []).forEach((r, k) => {
    mutable[featIndex(r, ["immutable", k])] = 0;
  });
  const integer = new Uint8Array(D);
  (pol.integer ?? []).forEach((r, k) => {
    integer[featIndex(r, ["integer", k])] = 1;
  });
  const groups = resolveOneHotGroups(pol["one-hot"] ?? [], view.featureNames, pol.dataset, featIndex, bad);
  const perFeature2 = (v, path2) => {
    if (typeof v === "number") return v;
    if (v.length !== D) bad(path2, `has ${v.length} values but the model takes ${D} features`);
    return Float64Array.from(v);
  };
  const lo = pol.bounds ? perFeature2(pol.bounds[0], ["bounds", 0]) : void 0;
  const hi = pol.bounds ? perFeature2(pol.bounds[1], ["bounds", 1]) : void 0;
  if (lo !== void 0 && hi !== void 0) {
    const at = (b, j) => typeof b === "number" ? b : b[j];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < D; j++) {
        const v = x0[i * D + j];
        if (!mutable[j] || v >= at(lo, j) && v <= at(hi, j)) continue;
        const name = view.featureNames ? `"${view.featureNames[j]}"` : `feature ${j}`;
        bad(["bounds"], `dataset "${pol.dataset}" row ${rows[i] + 1}: ${name} is ${v}, outside the bounds [${at(lo, j)}, ${at(hi, j)}]: widen the bounds or fix the data`);
      }
    }
  }
  let std = null;
  if (pol["epsilon-scale"] === "std") {
    std = featureStd(view, ds.rows, mutable);
    const j = std.findIndex((s) => Number.isNaN(s));
    if (j >= 0) {
      const name = view.featureNames ? `"${view.featureNames[j]}"` : `feature ${j}`;
      bad(["epsilon-scale"], `dataset "${pol.dataset}": ${name} has missing values, so its standard deviation (epsilon-scale: std) is undefined: fill them in the data, list the feature under immutable, or use epsilon-scale: absolute`);
    }
  }
  const epsList = (Array.isArray(pol.epsilon) ? pol.epsilon.slice() : [pol.epsilon]).sort((a, b) => a - b);
  const integerOnly = (view.fixedInputs ?? []).length > 0 && (view.floatInputs ?? []).length === 0;
  if (!integerOnly) assertSomethingToPerturb(D, mutable, groups, std, pol["max-categorical-changes"] ?? 1, pol.dataset, (msg) => bad(["immutable"], msg));
  const constraintsFor = (eps) => makeConstraints({
    D,
    norm: pol.norm,
    eps: std ? Float64Array.from(std, (s) => s * eps) : eps,
    lo,
    hi,
    mutable,
    integer,
    oneHotGroups: groups,
    maxCategoricalChanges: pol["max-categorical-changes"] ?? 1
  });
  const warnings = [];
  const outName = model.output.name;
  const setup = {
    classes: C,
    D,
    batch: Math.max(1, view.batchSize),
    feeds: (x, points) => view.feeds(x, Int32Array.from(points, (p) => rows[p])),
    forward: async (feeds, m) => scoresOf((await model.run(feeds, [outName]))[outName], m, C, model.output.kind, preds.classLabels)
  };
  const plain = forwardOracle(setup);
  const cleanScores = await plain.logits(x0, Int32Array.from({ length: n }, (_, i) => i));
  const correct = new Uint8Array(n);
  let nCorrect = 0;
  for (let i = 0; i < n; i++) {
    const k = argmaxRow(cleanScores, i * C, C);
    if (k !== preds.predicted[rows[i]]) {
      warnings.push(`the clean prediction of row ${rows[i] + 1} differs from the shared predictions (${k} vs ${preds.predicted[rows[i]]}); the gate's own forward pass is used`);
    }
    correct[i] = k === y[i] ? 1 : 0;
    nCorrect += correct[i];
  }
  let gradient = null;
  let gradientInfo;
  const budget = model.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
  const wrt = floatInputs(view, x0, rows);
  const derivedOptions = derivedSessionOptions(model);
  try {
    if (model.output.kind === "label") throw new UnsupportedOpError("output", outName, "the model outputs labels only");
    if (!wrt.ok) throw new UnsupportedOpError("input", "", wrt.reason);
    gradient = await prepareGradient({
      bytes: model.bytes,
      wrt: wrt.inputs.map((w) => w.name),
      output: outName,
      outputKind: model.output.kind,
      sessionOptions: derivedOptions,
      probeFeeds: (m) => view.feeds(tile(x0, D, m), new Int32Array(m).fill(rows[0]))
    });
    if (gradient.classes !== C) throw new UnsupportedOpError("output", outName, `the gradient graph sees ${gradient.classes} classes, the predictions ${C}`);
    const mb = (b) => Math.round(b / (1024 * 1024) * 1e3) / 1e3;
    const gradBatch = gradient.batchable ? gradientBatch(gradient.memory, budget, Math.max(view.batchSize, 128)) : 1;
    gradientInfo = {
      available: true,
      opset: gradient.opset,
      converted: gradient.converted,
      ops: gradient.ops,
      batchable: gradient.batchable,
      batch: gradBatch,
      sessions_at_once: gradientSessionsAtOnce(gradient.memory, gradBatch, budget),
      memory_mb: { per_row: mb(gradient.memory.perRow), weights: mb(gradient.memory.weights), budget: mb(budget) }
    };
  } catch (e) {
    if (!(e instanceof UnsupportedOpError)) throw e;
    gradient = null;
    gradientInfo = { available: false, op: e.op, node: e.nodeName, reason: e.reason, ...e.missing.length > 0 ? { missing: e.missing.map((m) => ({ ...m })) } : {} };
    warnings.push(`no white-box attack: ${e.message}; falling back to black-box attacks (their robust accuracy is an upper bound)`);
  }
  const fixed = view.fixedInputs ?? [];
  if (fixed.length > 0) {
    const list = fixed.map((f) => `"${f.name}" (${f.type} ${fmtShape(f.shape)})`).join(", ");
    const what = fixed.every((f) => f.type !== "string") ? "integer (token ids or category codes)" : "not float (integer codes, token ids or text)";
    const is = fixed.length === 1 ? `model input ${list} is ${what} and stays fixed` : `model inputs ${list} are ${what} and stay fixed`;
    if ((view.floatInputs ?? []).length === 0) {
      throw new GateError(
        "robustness.integer-inputs",
        `the robustness gate perturbs float inputs only: ${is}, so there is nothing to perturb: remove gates.robustness for this model, or gate a model that takes float features (e.g. the embeddings)`,
        { where: where(["dataset"]), details: { dataset: pol.dataset, gradient: gradientInfo, integer_inputs: fixed.map((f) => f.name) } }
      );
    }
    warnings.push(`the gate perturbs float inputs only: ${is}`);
  }
  const oracle = gradient ? whiteBoxOracle({
    ...setup,
    gradBatch: gradientInfo.available ? gradientInfo.batch : 1,
    sessionsAtOnce: gradientInfo.available ? gradientInfo.sessions_at_once : 1,
    gradient,
    wrt: wrt.ok ? wrt.inputs : [],
    sessionOptions: derivedOptions
  }) : plain;
  const treeEnsemble = hasTreeEnsemble(model.bytes);
  const names = planAttacks(pol.attacks, C, gradient !== null, model.output.kind, treeEnsemble, warnings, bad);
  const attacks = names.map((nm) => {
    if (nm === "tree") {
      const offsets = wrt.ok ? Object.fromEntries(wrt.inputs.map((w) => [w.name, w.offset])) : void 0;
      try {
        return makeTreeAttack({ splits: treeSplits(model.bytes, D, offsets), queries: pol.queries });
      } catch (e) {
        if (pol.attacks !== "auto" || !(e instanceof GateError) || e.code !== "robustness.tree-input") throw e;
        const instead = model.output.kind === "label" ? "hsja" : "square";
        warnings.push(`the tree attack cannot run (${e.message}); ${instead} is used instead`);
        return attackFactory(instead)({ classes: C, queries: pol.queries });
      }
    }
    return attackFactory(nm)({ classes: C, queries: pol.queries });
  });
  let certified = 0;
  const perCall = pointsPerCall(D, budget, gradientInfo.available ? gradientInfo.batch : setup.batch);
  const perEps = [];
  const broken = new Uint8Array(n);
  const xAdvAll = x0.slice();
  let blackOnly = 0;
  try {
    for (const eps of epsList) {
      const c = constraintsFor(eps);
      const reports = [];
      let carried = 0;
      for (let i = 0; i < n; i++) {
        if (broken[i] && !c.feasible(xAdvAll, i * D, x0, i * D)) broken[i] = 0;
        if (broken[i]) carried++;
      }
      let brokenByGradient = 0;
      for (const atk of attacks) {
        ctx.checkBudget();
        const active = new Uint8Array(n);
        let nActive = 0;
        for (let i = 0; i < n; i++) if (correct[i] && !broken[i]) {
          active[i] = 1;
          nActive++;
        }
        if (nActive === 0) {
          reports.push({ name: atk.name, method: atk.method, parameters: atk.parameters, queries: 0, points_broken: 0, skipped: "no points left" });
          continue;
        }
        const task = `robustness: ${atk.name} eps=${Number(eps.toPrecision(4))}`;
        const q0 = oracle.queries;
        const sink = ctx.progress;
        sink?.({ phase: "start", task, unit: "points", done: 0, total: nActive, broken: 0, queries: 0 });
        const res2 = await runInChunks(atk, {
          x0,
          n,
          shape: view.rowShape,
          labels: y,
          active,
          constraints: c,
          oracle,
          ids: rows,
          seed: ctx.seed,
          checkBudget: () => ctx.checkBudget(),
          progress: sink && ((p) => sink({
            phase: "update",
            task,
            unit: "points",
            done: p.done,
            total: nActive,
            broken: p.broken,
            queries: oracle.queries - q0,
            remainingQueries: p.remainingQueries
          }))
        }, perCall);
        const claimed = Int32Array.from({ length: n }, (_, i) => i).filter((i) => active[i] && res2.success[i]);
        let confirmed = 0, unconfirmed = 0;
        if (claimed.length > 0) {
          const xs = new Float32Array(claimed.length * D);
          claimed.forEach((p, k) => xs.set(res2.xAdv.subarray(p * D, p * D + D), k * D));
          const z = await plain.logits(xs, claimed);
          claimed.forEach((p, k) => {
            const ok = c.feasible(xs, k * D, x0, p * D) && argmaxRow(z, k * C, C) !== y[p];
            if (ok) {
              broken[p] = 1;
              xAdvAll.set(xs.subarray(k * D, k * D + D), p * D);
              confirmed++;
            } else unconfirmed++;
          });
        }
        if (atk.method !== "white-box") {
          assertConclusive(atk, res2, active);
          const cert = res2.certified;
          if (cert && eps === epsList[epsList.length - 1]) {
            for (let i = 0; i < n; i++) if (active[i] && cert[i] && !broken[i]) certified++;
          }
          if (confirmed > 0 && gradient) {
            warnings.push(`at epsilon ${eps}, ${atk.name} broke ${confirmed} points that the gradient attacks could not: this can be a sign of gradient masking (AutoAttack's warning); treat white-box numbers with care`);
          }
          if (!gradient) blackOnly += confirmed;
        } else brokenByGradient += confirmed;
        sink?.({ phase: "end", task, unit: "points", done: nActive, total: nActive, broken: confirmed, queries: res2.queries });
        const rep = { name: atk.name, method: atk.method, parameters: atk.parameters, queries: res2.queries, points_broken: confirmed };
        if (unconfirmed) rep.unconfirmed = unconfirmed;
        reports.push(rep);
      }
      const res = summarise(eps, n, correct, broken, predicted, truth ? Int32Array.from(rows, (r) => truth[r]) : null, y, c, xAdvAll, x0, D, reports, cleanScores, C);
      res.carried_over = carried;
      perEps.push(res);
    }
  } finally {
    await oracle.release();
  }
  const last = perEps[perEps.length - 1];
  const bound = 1 + BALL_TOLERANCE;
  for (const r of perEps) {
    if (r.max_perturbation_ratio !== null && !(r.max_perturbation_ratio <= bound)) {
      throw new GateError("robustness.internal", `internal error: an adversarial example exceeds epsilon ${r.epsilon} (ratio ${r.max_perturbation_ratio}); the result is not trustworthy: ${INTERNAL_HINT}`);
    }
  }
  if (nCorrect === 0) {
    const unmeasured = ["attack_success_rate", "max_perturbation", "max_perturbation_ratio"];
    const gated = unmeasured.find((m) => pol.thresholds?.[m] !== void 0);
    const what = `the model misclassifies all ${n} clean points of dataset "${pol.dataset}", so no point was attacked`;
    if (gated) {
      throw new GateError(
        "robustness.nothing-attacked",
        `${what} and gates.robustness.thresholds.${gated} cannot be measured: check the model and the data, or gate on ${predicted ? "prediction_stability" : "robust_accuracy"} (0 here)`,
        { where: where(["thresholds", gated]) }
      );
    }
    warnings.push(`${what}: ${predicted ? "prediction_stability" : "robust_accuracy"} is 0; ${unmeasured.join(", ").replace(/, (?=[^,]*$)/, " and ")} are not measured`);
  }
  const metrics = {
    clean_accuracy: last.clean_accuracy,
    attack_success_rate: last.attack_success_rate,
    max_perturbation: last.max_perturbation,
    max_perturbation_ratio: last.max_perturbation_ratio
  };
  if (predicted) metrics.prediction_stability = last.prediction_stability;
  else metrics.robust_accuracy = last.robust_accuracy;
  metrics.per_epsilon = perEps.map((r) => ({
    epsilon: r.epsilon,
    clean_accuracy: r.clean_accuracy,
    ...predicted ? { prediction_stability: r.prediction_stability } : { robust_accuracy: r.robust_accuracy },
    attack_success_rate: r.attack_success_rate,
    max_perturbation: r.max_perturbation,
    max_perturbation_ratio: r.max_perturbation_ratio
  }));
  const details = {
    dataset: pol.dataset,
    sample: describeSample(ds, rows, pol.limit, sampleMode),
    points: n,
    clean_correct: nCorrect,
    points_attacked: nCorrect,
    points_per_call: Math.min(perCall, n),
    norm: pol.norm,
    epsilon: epsList.length === 1 ? epsList[0] : epsList,
    epsilon_scale: pol["epsilon-scale"],
    labels: predicted ? "predicted" : "true",
    method: gradient ? "white-box" : attacks.some((a) => a.method === "decision-based") ? "decision-based" : "score-based",
    gradient: gradientInfo,
    attacks: last.attacks,
    per_epsilon: perEps,
    bound: gradient && blackOnly === 0 ? "upper bound (attack-based)" : "upper bound (black-box attacks)",
    queries: oracle.queries
  };
  if (certified > 0) details.certified_robust = certified;
  return { metrics, details, warnings };
}
function summarise(eps, n, correct, broken, predicted, truth, y, c, xAdv, x0, D, attacks, clean, C) {
  let nc = 0, nb = 0, robust = 0, maxAbs = 0, maxRatio = 0, cleanTrue = 0, nTrue = 0;
  for (let i = 0; i < n; i++) {
    if (correct[i]) nc++;
    if (correct[i] && broken[i]) nb++;
    if (correct[i] && !broken[i]) robust++;
    if (broken[i]) {
      const p = c.perturbation(xAdv, i * D, x0, i * D);
      maxAbs = Math.max(maxAbs, p.abs);
      maxRatio = Math.max(maxRatio, p.ratio);
    }
    if (truth && truth[i] >= 0) {
      nTrue++;
      if (argmaxRow(clean, i * C, C) === truth[i]) cleanTrue++;
    }
  }
  return {
    epsilon: eps,
    clean_accuracy: predicted ? nTrue > 0 ? cleanTrue / nTrue : null : nc / n,
    robust_accuracy: predicted ? null : robust / n,
    prediction_stability: predicted ? robust / n : null,
    attack_success_rate: nc > 0 ? nb / nc : null,
    max_perturbation: nc > 0 ? maxAbs : null,
    max_perturbation_ratio: nc > 0 ? maxRatio : null,
    points_broken: nb,
    attacks
  };
  void y;
}
function planAttacks(spec, C, white, kind, treeEnsemble, warnings, bad) {
  if (spec === "auto" || spec === void 0) {
    if (!white) return [autoBlackbox({ treeEnsemble, outputKind: kind })];
    const out2 = C >= 4 ? ["apgd-ce", "apgd-t", "apgd-dlr"] : ["apgd-ce", C === 3 ? "apgd-dlr" : "apgd-margin"];
    if (attackFactory("square")) out2.push("square");
    else warnings.push("the black-box Square attack is not available in this build; attacks: auto ran the gradient attacks only");
    return out2;
  }
  const out = [];
  spec.forEach((name, k) => {
    if (name !== "tree" && !attackFactory(name)) bad(["attacks", k], `attack "${name}" is not available in this build`);
    if (name === "square" && kind === "label") bad(["attacks", k], "square needs scores but the model outputs only labels: use hsja, or expose a scores output (model.output)");
    if (GRADIENT_ATTACKS.has(name) && !white) {
      warnings.push(`${name} needs the model's gradient, which is not available (see details.gradient); skipped`);
      return;
    }
    const min = MIN_CLASSES[name];
    if (min && C < min) bad(["attacks", k], `${name} needs at least ${min} classes; the model has ${C} (use apgd-ce, apgd-margin or apgd-dlr)`);
    out.push(name);
  });
  if (out.length === 0) bad(["attacks"], "no listed attack can run on this model (the gradient is not available): add a black-box attack such as square");
  return out;
}
function floatInputs(view, x0, rows) {
  if (view.floatInputs) return { ok: true, inputs: view.floatInputs.map((f) => ({ name: f.name, offset: f.offset, width: f.width })) };
  const feeds = view.feeds(x0.subarray(0, view.dim), rows.subarray(0, 1));
  const names = Object.keys(feeds);
  const floats = names.filter((k) => feeds[k].type === "float32" || feeds[k].type === "float64");
  if (floats.length === 1 && feeds[floats[0]].size === view.dim) return { ok: true, inputs: [{ name: floats[0], offset: 0, width: view.dim }] };
  return { ok: false, reason: `cannot map the gradient of the model inputs (${names.join(", ")}) back to the ${view.dim} features` };
}
function tile(x0, D, m) {
  const out = new Float32Array(m * D);
  for (let i = 0; i < m; i++) out.set(x0.subarray(0, D), i * D);
  return out;
}
function scoresOf(t, n, C, kind, classLabels = []) {
  const out = new Float32Array(n * C);
  if (kind === "label") {
    const d2 = t.data;
    const index = new Map(classLabels.map((v, i) => [String(v), i]));
    for (let i = 0; i < n; i++) {
      const k = index.get(String(d2[i]));
      if (k === void 0) throw new GateError("robustness.output", `the model predicted label ${String(d2[i])}, which is not one of the dataset's classes`);
      out[i * C + k] = 1;
    }
    return out;
  }
  const d = t.data;
  const per = t.size / n;
  if (per === C) {
    for (let i = 0; i < n * C; i++) out[i] = d[i];
    return out;
  }
  if (per === 1 && C === 2) {
    for (let i = 0; i < n; i++) {
      if (kind === "probabilities") {
        out[2 * i] = 1 - d[i];
        out[2 * i + 1] = d[i];
      } else {
        out[2 * i] = 0;
        out[2 * i + 1] = d[i];
      }
    }
    return out;
  }
  throw new GateError("robustness.output", `the model output has ${per} values per row but the predictions have ${C} classes`);
}
function assertSomethingToPerturb(D, mutable, groups, std, maxCategorical, dataset, fail) {
  const inGroup = new Uint8Array(D);
  for (const g of groups) for (const j of g) inGroup[j] = 1;
  let nMutable = 0, ball = 0, zeroStd = 0, fixedHot = 0;
  for (let j = 0; j < D; j++) {
    if (!mutable[j]) continue;
    nMutable++;
    if (inGroup[j]) continue;
    if (std && !(std[j] > 0)) zeroStd++;
    else ball++;
  }
  const categorical = maxCategorical >= 1 && groups.some((g) => g.reduce((k, j) => k + mutable[j], 0) >= 2);
  if (ball > 0 || categorical) return;
  for (let j = 0; j < D; j++) if (mutable[j] && inGroup[j]) fixedHot++;
  const head = `no feature of dataset "${dataset}" can be perturbed`;
  const tail = "so no point would be attacked: leave some features out of gates.robustness.immutable";
  if (nMutable === 0) fail(`${head} (all ${D} features are immutable or not perturbable), ${tail}, or remove the gate`);
  const one = nMutable === 1;
  const why = [];
  if (zeroStd) why.push(one ? "its epsilon is 0 because its standard deviation on the dataset is 0 (epsilon-scale: std)" : `${zeroStd} have epsilon 0 because their standard deviation on the dataset is 0 (epsilon-scale: std)`);
  if (fixedHot) why.push(one ? `it is a one-hot column that may not change (max-categorical-changes ${maxCategorical})` : `${fixedHot} are one-hot columns that may not change (max-categorical-changes ${maxCategorical})`);
  const fixes = [zeroStd ? "use epsilon-scale: absolute" : "", fixedHot ? "raise max-categorical-changes" : ""].filter(Boolean);
  fail(`${head} (${nMutable} of ${D} features ${one ? "is" : "are"} mutable, and ${why.join(" and ")}), ${tail}${fixes.map((f) => `, or ${f}`).join("")}`);
}
function featureStd(view, nRows, mutable) {
  const D = view.dim;
  const all = view.features(Int32Array.from({ length: nRows }, (_, i) => i));
  const mean2 = new Float64Array(D), sq = new Float64Array(D);
  for (let r = 0; r < nRows; r++) for (let j = 0; j < D; j++) mean2[j] += all[r * D + j];
  for (let j = 0; j < D; j++) mean2[j] /= nRows;
  for (let r = 0; r < nRows; r++) for (let j = 0; j < D; j++) sq[j] += (all[r * D + j] - mean2[j]) ** 2;
  return Float64Array.from(sq, (s, j) => mutable[j] ? Math.sqrt(s / nRows) : 0);
}
function derivedSessionOptions(model) {
  return { intraOpNumThreads: model.threads, interOpNumThreads: 1, ...model.externalData?.length ? { externalData: model.externalData } : {} };
}

// src/stats/quantile.ts
function quantileSorted(v, q) {
  const n = v.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos), hi = Math.min(n - 1, lo + 1);
  const f = pos - lo;
  return f === 0 ? v[lo] : v[lo] + (v[hi] - v[lo]) * f;
}

// src/gates/memorisation/bootstrap.ts
import { Worker } from "node:worker_threads";

// src/gates/memorisation/roc.ts
var FPR_BOUNDS = [0.01, 1e-3];
var ATTACK_METRICS = ["auc", "advantage", "tpr_at_fpr_0.01", "tpr_at_fpr_0.001"];
function sortScores(member, nonMember, what) {
  const P = member.length, N = nonMember.length;
  if (P === 0 || N === 0) {
    throw new GateError(
      "memorisation.empty",
      `the ${P === 0 ? "members" : "non-members"} dataset has no rows; the attack needs at least one member and one non-member`
    );
  }
  const all = new Float64Array(P + N);
  all.set(member, 0);
  all.set(nonMember, P);
  for (let i = 0; i < all.length; i++) {
    if (!Number.isFinite(all[i])) {
      const which = i < P ? `member row ${i}` : `non-member row ${i - P}`;
      throw new GateError(
        "memorisation.non-finite",
        `the ${what} score of ${which} is ${all[i]}; membership scores must be finite numbers: check the model's outputs for that row`
      );
    }
  }
  return sortRoc(all, P, FPR_BOUNDS);
}
var onesCache = /* @__PURE__ */ new Map();
function ones(n) {
  let o = onesCache.get(n);
  if (!o) {
    o = new Uint8Array(n).fill(1);
    if (onesCache.size > 8) onesCache.clear();
    onesCache.set(n, o);
  }
  return o;
}
function sweepMetrics(s, w = null) {
  const o = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 };
  sweep(s, w ?? ones(s.positives + s.negatives), o);
  return { auc: o.auc, advantage: o.advantage, "tpr_at_fpr_0.01": o.tpr001, "tpr_at_fpr_0.001": o.tpr0001 };
}

// src/gates/memorisation/bootstrap.ts
var TASK = "memorisation: bootstrap";
function tracker(input, task, total) {
  const sink = input.progress;
  sink?.({ phase: "start", task, unit: "resamples", done: 0, total });
  return {
    half: (offset) => (done) => {
      input.onProgress?.();
      sink?.({ phase: "update", task, unit: "resamples", done: offset + done, total });
    },
    end: () => sink?.({ phase: "end", task, unit: "resamples", done: total, total })
  };
}
var BOOTSTRAP_LABEL = "memorisation/bootstrap";
function halfJobs(input) {
  const { attacks, memberCorrect, nonMemberCorrect } = relabel(Object.values(input.attacks), input.memberCorrect, input.nonMemberCorrect);
  const B = input.resamples;
  const counts = [Math.ceil(B / 2), Math.floor(B / 2)];
  return counts.map((count, h) => ({ attacks, memberCorrect, nonMemberCorrect, count, state: streamState(input.seed, h) }));
}
function relabel(attacks, mc, nc) {
  const { positives: P, order } = attacks[0];
  const label = new Int32Array(order.length);
  let im = 0, inn = P;
  for (let j = 0; j < order.length; j++) label[order[j]] = order[j] < P ? im++ : inn++;
  const memberCorrect = new Uint8Array(P), nonMemberCorrect = new Uint8Array(order.length - P);
  for (let i = 0; i < P; i++) memberCorrect[label[i]] = mc[i];
  for (let i = P; i < order.length; i++) nonMemberCorrect[label[i] - P] = nc[i - P];
  const out = attacks.map((a) => ({ ...a, order: a.order.map((r) => label[r]) }));
  return { attacks: out, memberCorrect, nonMemberCorrect, label };
}
function bootstrap(input) {
  const jobs = halfJobs(input);
  const t = tracker(input, TASK, input.resamples);
  let offset = 0;
  const halves = jobs.map((j) => {
    const r = runHalf(j, t.half(offset));
    offset += j.count;
    return r;
  });
  t.end();
  return combine(input, halves);
}
var PARALLEL_MIN_WORK = 2e7;
async function bootstrapParallel(input) {
  const names = Object.keys(input.attacks);
  const first = input.attacks[names[0]];
  const work = input.resamples * (first.positives + first.negatives) * (1 + names.length);
  if (work < PARALLEL_MIN_WORK || input.resamples < 2) return bootstrap(input);
  const [j0, j1] = halfJobs(input);
  let worker = null;
  let pending;
  try {
    worker = new Worker(workerSource(), { eval: true });
    const w = worker;
    pending = new Promise((resolve2) => {
      w.once("message", (m) => resolve2("error" in m ? null : m));
      w.once("error", () => resolve2(null));
      w.once("exit", () => resolve2(null));
    });
    w.postMessage(j1);
    await Promise.race([new Promise((resolve2) => w.once("online", resolve2)), pending]);
  } catch {
    pending = Promise.resolve(null);
  }
  try {
    const t0 = tracker(input, `${TASK} (this thread's half; the other half on a worker thread)`, j0.count);
    const r0 = runHalf(j0, t0.half(0));
    t0.end();
    let r1 = await pending;
    if (r1) workerStats.halves++;
    else {
      const t1 = tracker(input, `${TASK} (the second half, on this thread: the worker could not run)`, j1.count);
      r1 = runHalf(j1, t1.half(0));
      t1.end();
    }
    return combine(input, [r0, r1]);
  } finally {
    if (worker) void worker.terminate();
  }
}
var workerStats = { halves: 0 };
var source = null;
function workerSource() {
  source ??= [
    "const { parentPort } = require('node:worker_threads');",
    ...[runHalf, drawU8, drawU32, hitsOf, sweep, sweepDistinct].map(String),
    `parentPort.once('message', (job) => {
      try {
        const r = ${runHalf.name}(job, undefined);
        parentPort.postMessage(r, [r.metrics.buffer, r.memberHits.buffer, r.nonMemberHits.buffer]);
      } catch (e) { parentPort.postMessage({ error: String(e) }); }
    });`
  ].join("\n");
  return source;
}
function combine(input, halves) {
  const names = Object.keys(input.attacks);
  const A = names.length, B = input.resamples;
  const first = input.attacks[names[0]];
  const P = first.positives, N = first.negatives;
  const per = names.map(() => ATTACK_METRICS.map(() => new Float64Array(B)));
  const worst = ATTACK_METRICS.map(() => new Float64Array(B));
  const train = new Float64Array(B), holdout = new Float64Array(B), gap = new Float64Array(B);
  let b = 0;
  for (const h of halves) {
    const cnt = h.memberHits.length;
    for (let i = 0; i < cnt; i++, b++) {
      train[b] = h.memberHits[i] / P;
      holdout[b] = h.nonMemberHits[i] / N;
      gap[b] = train[b] - holdout[b];
      for (let a = 0; a < A; a++) {
        for (let k = 0; k < 4; k++) {
          const v = h.metrics[(i * A + a) * 4 + k];
          per[a][k][b] = v;
          if (a === 0 || v > worst[k][b]) worst[k][b] = v;
        }
      }
    }
  }
  const toRec = (arrs) => {
    const o = {};
    ATTACK_METRICS.forEach((k, i) => {
      o[k] = percentileInterval(arrs[i]);
    });
    return o;
  };
  const attacks = {};
  names.forEach((a, i) => {
    attacks[a] = toRec(per[i]);
  });
  return {
    attacks,
    worst: toRec(worst),
    accuracy: { train_accuracy: percentileInterval(train), holdout_accuracy: percentileInterval(holdout), generalization_gap: percentileInterval(gap) }
  };
}
function runHalf(job, onProgress) {
  const atts = job.attacks, A = atts.length, cnt = job.count;
  const P = atts[0].positives, N = atts[0].negatives;
  const st = job.state, mc = job.memberCorrect, nc = job.nonMemberCorrect;
  const metrics = new Float64Array(cnt * A * 4), memberHits = new Float64Array(cnt), nonMemberHits = new Float64Array(cnt);
  const w8 = new Uint8Array(P + N);
  let w32 = null;
  const out = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 };
  for (let b = 0; b < cnt; b++) {
    if (onProgress && (b & 63) === 0) onProgress(b);
    let w = w8;
    if (w32 === null) {
      const saved = st.slice();
      w8.fill(0);
      if (!drawU8(w8, 0, P, st) || !drawU8(w8, P, N, st)) {
        st.set(saved);
        w32 = new Uint32Array(P + N);
      }
    }
    if (w32 !== null) {
      w32.fill(0);
      drawU32(w32, 0, P, st);
      drawU32(w32, P, N, st);
      w = w32;
    }
    memberHits[b] = hitsOf(w, 0, P, mc);
    nonMemberHits[b] = hitsOf(w, P, N, nc);
    for (let a = 0; a < A; a++) {
      sweep(atts[a], w, out);
      const o = (b * A + a) * 4;
      metrics[o] = out.auc;
      metrics[o + 1] = out.advantage;
      metrics[o + 2] = out.tpr001;
      metrics[o + 3] = out.tpr0001;
    }
  }
  return { metrics, memberHits, nonMemberHits };
}
function hitsOf(w, off, n, correct) {
  let h = 0;
  for (let i = 0; i < n; i++) h += w[off + i] * correct[i];
  return h;
}
function streamState(seed, half = 0) {
  const r = rng(seed, `${BOOTSTRAP_LABEL}#${half}`);
  const st = new Uint32Array(4);
  for (let i = 0; i < 4; i++) st[i] = Math.floor(r.next() * 4294967296);
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  return st;
}
function drawU8(w, off, n, st) {
  let a = st[0] | 0, b = st[1] | 0, c = st[2] | 0, d = st[3] | 0;
  const thr = 4294967296 % n;
  let ok = true;
  for (let i = 0; i < n; i++) {
    let prod = 0, idx = 0;
    do {
      const b5 = Math.imul(b, 5);
      const r = Math.imul(b5 << 7 | b5 >>> 25, 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = d << 11 | d >>> 21;
      prod = r * n;
      idx = prod * 23283064365386963e-26 | 0;
    } while (prod - idx * 4294967296 < thr);
    const v = w[off + idx] + 1;
    if (v > 255) {
      ok = false;
      break;
    }
    w[off + idx] = v;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  return ok;
}
function drawU32(w, off, n, st) {
  let a = st[0] | 0, b = st[1] | 0, c = st[2] | 0, d = st[3] | 0;
  const thr = 4294967296 % n;
  for (let i = 0; i < n; i++) {
    let prod = 0, idx = 0;
    do {
      const b5 = Math.imul(b, 5);
      const r = Math.imul(b5 << 7 | b5 >>> 25, 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = d << 11 | d >>> 21;
      prod = r * n;
      idx = prod * 23283064365386963e-26 | 0;
    } while (prod - idx * 4294967296 < thr);
    w[off + idx]++;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
}
function percentileInterval(v, level = 0.95) {
  v.sort();
  const a = (1 - level) / 2;
  return [quantileSorted(v, a), quantileSorted(v, 1 - a)];
}

// src/data/duplicates.ts
import { createHash as createHash2 } from "node:crypto";
function rowKeys(ds, rows, columns) {
  const n = rows ? rows.length : ds.rows;
  const rowAt = (i) => rows ? rows[i] : i;
  const out = new Array(n);
  if (ds.tensor && columns === void 0) {
    const { data, shape } = ds.tensor;
    const per = shape.slice(1).reduce((a, b) => a * b, 1);
    const tmp = new Float32Array(per);
    const bytes = new Uint8Array(tmp.buffer);
    for (let i = 0; i < n; i++) {
      const r = rowAt(i);
      checkRow(ds, r);
      for (let k = 0; k < per; k++) {
        const v = data[r * per + k];
        tmp[k] = v === 0 ? 0 : Number.isNaN(v) ? NaN : v;
      }
      out[i] = digest(bytes);
    }
    return out;
  }
  const names = (columns ?? ds.features).slice().sort();
  const cols = names.map((c) => {
    const col = ds.columns.get(c);
    if (!col) throw new GateError("data.columns", `dataset "${ds.name}" has no column ${JSON.stringify(c)}`);
    return col;
  });
  const enc = new TextEncoder();
  let buf = new Uint8Array(64);
  let dv = new DataView(buf.buffer);
  let len = 0;
  const ensure = (extra) => {
    if (len + extra <= buf.length) return;
    const next = new Uint8Array(Math.max(buf.length * 2, len + extra));
    next.set(buf.subarray(0, len));
    buf = next;
    dv = new DataView(buf.buffer);
  };
  for (let i = 0; i < n; i++) {
    const r = rowAt(i);
    checkRow(ds, r);
    len = 0;
    for (const col of cols) {
      if (col.kind === "number") {
        ensure(9);
        const v = col.values[r];
        buf[len] = 1;
        dv.setFloat64(len + 1, v === 0 ? 0 : Number.isNaN(v) ? NaN : v, true);
        len += 9;
      } else {
        const v = col.values[r];
        if (v === null) {
          ensure(1);
          buf[len++] = 2;
        } else {
          const b = enc.encode(v);
          ensure(5 + b.length);
          buf[len] = 3;
          dv.setUint32(len + 1, b.length, true);
          buf.set(b, len + 5);
          len += 5 + b.length;
        }
      }
    }
    out[i] = digest(buf.subarray(0, len));
  }
  return out;
}
function checkRow(ds, r) {
  if (!Number.isInteger(r) || r < 0 || r >= ds.rows) throw new GateError("data.rows", `dataset "${ds.name}": row ${r} is out of range (0..${ds.rows - 1})`);
}
function digest(bytes) {
  return createHash2("sha256").update(bytes).digest().subarray(0, 16).toString("base64url");
}

// src/gates/memorisation/leakage.ts
function rowKeys2(ds) {
  const keys = rowKeys(ds);
  const labels = ds.labels;
  if (!labels) return keys;
  return keys.map((k, r) => `${k}|${cell(labels, r)}`);
}
function cell(c, r) {
  if (c.kind === "number") {
    const v = c.values[r];
    return Number.isNaN(v) ? "n:NaN" : `n:${v === 0 ? 0 : v}`;
  }
  return c.values[r] === null ? "null" : `s:${JSON.stringify(c.values[r])}`;
}
function countShared(a, b) {
  return countSharedAny(a, [b]);
}
function countSharedAny(a, others) {
  const set = /* @__PURE__ */ new Set();
  for (const o of others) for (const k of o) set.add(k);
  let n = 0;
  for (const k of a) if (set.has(k)) n++;
  return n;
}

// src/gates/memorisation/lira.ts
var PER_RECORD_MIN_MODELS = 64;
function liraOffline(target, refs, perRecordMinModels = PER_RECORD_MIN_MODELS) {
  const n = target.length, K = refs.length;
  if (K === 0) throw new RangeError("liraOffline needs at least one reference model");
  const mu = new Float64Array(n), varI = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += refs[k][i];
    const m = s / K;
    let ss = 0;
    for (let k = 0; k < K; k++) {
      const d = refs[k][i] - m;
      ss += d * d;
    }
    mu[i] = m;
    varI[i] = K > 1 ? ss / (K - 1) : 0;
  }
  const scores = new Float64Array(n);
  if (K >= perRecordMinModels) {
    for (let i = 0; i < n; i++) scores[i] = (target[i] - mu[i]) / Math.max(Math.sqrt(varI[i]), 1e-30);
    return { scores, variance: "per-record", sigma: null };
  }
  let pooled = 0;
  for (let i = 0; i < n; i++) pooled += varI[i];
  let sigma = Math.sqrt(pooled / n);
  if (!(sigma > 0)) sigma = 1;
  for (let i = 0; i < n; i++) scores[i] = (target[i] - mu[i]) / sigma;
  return { scores, variance: "global", sigma };
}

// src/gates/memorisation/reference.ts
function getReferenceRunner(ctx) {
  const r = ctx.referenceModels;
  if (!r) {
    throw new GateError(
      "memorisation.reference-runner",
      "memorisation: the policy lists reference-models but this engine provides no way to run them (ctx.referenceModels); this is an internal error: remove reference-models or report it"
    );
  }
  return r;
}

// src/gates/memorisation/rmia.ts
var DEFAULT_OFFLINE_A = 0.3;
var DEFAULT_GAMMA = 1;
function logLikelihoodRatios(target, refs, a) {
  const n = target.length, K = refs.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(refs[k][i]);
    const prOut = s / K;
    const pr = (1 + a) / 2 * prOut + (1 - a) / 2;
    out[i] = target[i] - Math.log(pr);
  }
  return out;
}
function rmiaOffline(input) {
  const a = input.a ?? DEFAULT_OFFLINE_A, gamma = input.gamma ?? DEFAULT_GAMMA;
  if (input.refsX.length === 0) throw new RangeError("rmiaOffline needs at least one reference model");
  if (input.targetZ.length === 0) throw new RangeError("rmiaOffline needs at least one population record");
  const lx = logLikelihoodRatios(input.targetX, input.refsX, a);
  const lz = logLikelihoodRatios(input.targetZ, input.refsZ, a);
  lz.sort();
  const logGamma = Math.log(gamma), m = lz.length;
  const scores = new Float64Array(lx.length);
  for (let i = 0; i < lx.length; i++) {
    const t = lx[i] - logGamma;
    let lo = 0, hi = m;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (lz[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    scores[i] = lo / m;
  }
  return { scores, a, gamma, population: m };
}

// src/gates/memorisation/policy.ts
var MEMORISATION_METRICS = [
  "auc",
  "advantage",
  "tpr_at_fpr_0.01",
  "tpr_at_fpr_0.001",
  "train_accuracy",
  "holdout_accuracy",
  "generalization_gap"
];

// src/gates/memorisation/scores.ts
var SCORE_KINDS = ["loss", "confidence", "entropy", "logit-scaled"];
var PROB_EPS = 1e-12;
function lse(v, off, n, skip = -1) {
  let m = -Infinity, at = -1;
  for (let i = 0; i < n; i++) if (i !== skip && v[off + i] > m) {
    m = v[off + i];
    at = i;
  }
  if (m === -Infinity) return -Infinity;
  if (m === Infinity) return Infinity;
  let rest = 0;
  for (let i = 0; i < n; i++) if (i !== skip && i !== at) rest += Math.exp(v[off + i] - m);
  return m + Math.log1p(rest);
}
function rowFromLogits(z, off, c, y, out) {
  let m = -Infinity, at = 0;
  for (let i = 0; i < c; i++) if (z[off + i] > m) {
    m = z[off + i];
    at = i;
  }
  let rest = 0;
  for (let i = 0; i < c; i++) if (i !== at) rest += Math.exp(z[off + i] - m);
  const logZ = Math.log1p(rest);
  const logPy = z[off + y] - m - logZ;
  const othersLse = lse(z, off, c, y);
  const log1mPy = othersLse - (m + logZ);
  out[0] = logPy;
  out[1] = z[off + y] - othersLse;
  const oneMinusPy = Math.exp(log1mPy);
  let mentr = -oneMinusPy * logPy;
  for (let i = 0; i < c; i++) {
    if (i === y) continue;
    const pi = Math.exp(z[off + i] - m - logZ);
    if (pi === 0) continue;
    const log1mPi = pi <= 0.5 ? Math.log1p(-pi) : lse(z, off, c, i) - (m + logZ);
    mentr -= pi * log1mPi;
  }
  out[2] = -mentr;
}
function rowFromProbabilities(p, off, c, y, out) {
  let clamped = 0;
  const cl = (v) => {
    if (v < PROB_EPS) {
      clamped++;
      return PROB_EPS;
    }
    if (v > 1) {
      clamped++;
      return 1;
    }
    return v;
  };
  const py = cl(p[off + y]);
  let others = 0;
  for (let i = 0; i < c; i++) if (i !== y) others += Math.min(1, Math.max(PROB_EPS, p[off + i]));
  const oneMinusPy = Math.min(1, Math.max(PROB_EPS, others));
  const logPy = Math.log(py);
  out[0] = logPy;
  out[1] = logPy - Math.log(oneMinusPy);
  let mentr = -oneMinusPy * logPy;
  for (let i = 0; i < c; i++) {
    if (i === y) continue;
    const pi = cl(p[off + i]);
    mentr -= pi * Math.log(Math.max(PROB_EPS, 1 - pi));
  }
  out[2] = -mentr;
  return clamped;
}
function allScores(pred, what) {
  if (pred.kind === "label" || !pred.scores) {
    throw new GateError(
      "memorisation.label-only",
      `memorisation: the model gives only predicted labels on dataset '${what}'; membership scores need logits or probabilities: configure model.output to a logits or probabilities output`
    );
  }
  if (!pred.labels) {
    throw new GateError(
      "memorisation.no-labels",
      `memorisation: dataset '${what}' has no labels; membership scores need the true label of every record: set its 'label' in the policy`
    );
  }
  const n = pred.rows, c = pred.classes;
  if (c < 2) {
    throw new GateError("memorisation.classes", `memorisation: the model has ${c} output class(es) on dataset '${what}'; membership scores need at least 2`);
  }
  if (pred.scores.length !== n * c || pred.labels.length !== n) {
    throw new GateError("memorisation.shape", `memorisation: predictions for dataset '${what}' have inconsistent sizes (rows ${n}, classes ${c}, scores ${pred.scores.length}, labels ${pred.labels.length}); this is an internal error`);
  }
  const loss = new Float64Array(n), confidence = new Float64Array(n), negMentr = new Float64Array(n), logitScaled = new Float64Array(n);
  const correct = new Uint8Array(n);
  const out = new Float64Array(3);
  let clamped = 0;
  const fromLogits = pred.kind === "logits";
  for (let r = 0; r < n; r++) {
    const y = pred.labels[r];
    if (!(y >= 0 && y < c)) {
      throw new GateError(
        "memorisation.missing-label",
        `memorisation: row ${r} of dataset '${what}' has ${y < 0 ? "a missing or unknown label" : `label index ${y} outside the model's ${c} classes`}; every member and non-member needs a valid label: fix or drop that row`
      );
    }
    if (fromLogits) rowFromLogits(pred.scores, r * c, c, y, out);
    else clamped += rowFromProbabilities(pred.scores, r * c, c, y, out);
    if (!Number.isFinite(out[0]) || !Number.isFinite(out[1]) || !Number.isFinite(out[2])) {
      throw new GateError(
        "memorisation.non-finite",
        `memorisation: the model's ${pred.kind} for row ${r} of dataset '${what}' give a non-finite membership score (NaN or infinite outputs); the gate cannot rank records: check the model and that row's features`
      );
    }
    loss[r] = out[0];
    confidence[r] = Math.exp(out[0]);
    logitScaled[r] = out[1];
    negMentr[r] = out[2];
    correct[r] = pred.predicted[r] === y ? 1 : 0;
  }
  return { loss, confidence, negMentr, logitScaled, correct, clamped };
}

// src/gates/memorisation/index.ts
var DEFAULT_BOOTSTRAP = 1e3;
var memorisationGate = {
  name: "memorisation",
  metrics: MEMORISATION_METRICS,
  checkKeys: ["max-duplicates"],
  run: runMemorisation
};
async function runMemorisation(ctx) {
  const p = ctx.policy;
  const where = (path2) => {
    const pos = ctx.position(["gates", "memorisation", ...path2]);
    return pos ? { file: pos.file, line: pos.line, col: pos.col } : void 0;
  };
  const score = p.score ?? "loss";
  if (!SCORE_KINDS.includes(score)) {
    throw new GateError("memorisation.policy", `unknown score '${String(score)}'; use one of ${SCORE_KINDS.join(", ")}`, { where: where(["score"]) });
  }
  const resamples = p.bootstrap ?? DEFAULT_BOOTSTRAP;
  if (!Number.isInteger(resamples) || resamples < 0) {
    throw new GateError("memorisation.policy", `bootstrap must be a whole number \u2265 0, got ${String(resamples)}`, { where: where(["bootstrap"]) });
  }
  const refModels = p["reference-models"] ?? [];
  if (refModels.length > 0 && !p.population) {
    throw new GateError(
      "memorisation.policy",
      "memorisation: reference-models are listed but no population dataset; RMIA compares each record against population records: add population: <dataset> (records that are not members)",
      { where: where(["reference-models"]) }
    );
  }
  if (p.population && p.population === p.members) {
    throw new GateError("memorisation.policy", `population '${p.population}' is the members dataset; the population must be records that are not members`, { where: where(["population"]) });
  }
  if (p.members === p["non-members"]) {
    throw new GateError("memorisation.policy", `members and non-members are the same dataset '${p.members}'`, { where: where(["non-members"]) });
  }
  const warnings = [];
  const membersPred = await ctx.predictions(p.members);
  const nonPred = await ctx.predictions(p["non-members"]);
  if (membersPred.classes !== nonPred.classes) {
    throw new GateError("memorisation.shape", `the model gives ${membersPred.classes} classes on '${p.members}' but ${nonPred.classes} on '${p["non-members"]}'`);
  }
  const mAll = allScores(membersPred, p.members);
  const nAll = allScores(nonPred, p["non-members"]);
  const clamps = /* @__PURE__ */ new Map();
  noteClamps(clamps, "the model", membersPred, mAll, p.members);
  noteClamps(clamps, "the model", nonPred, nAll, p["non-members"]);
  const P = membersPred.rows, N = nonPred.rows;
  for (const b of FPR_BOUNDS) {
    const metric = `tpr_at_fpr_${b}`;
    const need = Math.round(1 / b);
    if (p.thresholds && metric in p.thresholds && N < need) {
      throw new GateError(
        "memorisation.too-few-non-members",
        `a threshold on ${metric} needs at least ${need} non-members, '${p["non-members"]}' has ${N}; below that it is the TPR at zero false positives and would pass unmeasured: add non-members or remove that threshold`,
        { where: where(["thresholds", metric]) }
      );
    }
  }
  const attacks = [{
    name: score,
    member: pickScore(mAll, score),
    nonMember: pickScore(nAll, score),
    info: { kind: "reference-free", score, source: membersPred.kind }
  }];
  let refDetails;
  if (refModels.length > 0) {
    const popName = p.population;
    const runner = getReferenceRunner(ctx);
    const popPred = await ctx.predictions(popName);
    const zAll = allScores(popPred, popName);
    noteClamps(clamps, "the model", popPred, zAll, popName);
    const refM = [], refN = [], refZ = [];
    for (let k = 0; k < refModels.length; k++) {
      const ref = refModels[k];
      const label = `reference model ${ref.path}`;
      const got = [];
      for (const [ds, target] of [[p.members, membersPred], [p["non-members"], nonPred], [popName, popPred]]) {
        ctx.checkBudget();
        const rp = await runner.predictions(ref.path, ref.sha256, ds);
        if (rp.rows !== target.rows || rp.classes !== target.classes) {
          throw new GateError(
            "memorisation.reference-shape",
            `${label} gives ${rp.rows} rows \xD7 ${rp.classes} classes on '${ds}', the model ${target.rows} \xD7 ${target.classes}; reference models must solve the same task with the same classes`,
            { where: where(["reference-models", k, "path"]) }
          );
        }
        const s = allScores(rp, `${ds}' (${label})`);
        noteClamps(clamps, "reference models", rp, s, ds);
        got.push(s);
      }
      refM.push(got[0]);
      refN.push(got[1]);
      refZ.push(got[2]);
    }
    const lira = liraOffline(concat(mAll.logitScaled, nAll.logitScaled), refM.map((r, k) => concat(r.logitScaled, refN[k].logitScaled)));
    attacks.push({
      name: "lira",
      member: lira.scores.subarray(0, P),
      nonMember: lira.scores.subarray(P),
      info: { kind: "reference-model", method: "offline LiRA (Carlini et al. 2022), one-sided Gaussian test on logit-scaled confidence; score = (\u03C6 \u2212 \u03BC_out)/\u03C3_out", variance: lira.variance, sigma: lira.sigma, reference_models: refModels.length }
    });
    const rmia = rmiaOffline({
      targetX: concat(mAll.loss, nAll.loss),
      refsX: refM.map((r, k) => concat(r.loss, refN[k].loss)),
      targetZ: zAll.loss,
      refsZ: refZ.map((r) => r.loss)
    });
    attacks.push({
      name: "rmia",
      member: rmia.scores.subarray(0, P),
      nonMember: rmia.scores.subarray(P),
      info: { kind: "reference-model", method: "offline RMIA (Zarifzadeh et al. 2024): fraction of population records z with LR(x)/LR(z) \u2265 \u03B3", a: rmia.a, gamma: rmia.gamma, population: rmia.population, reference_models: refModels.length }
    });
    refDetails = { reference_models: refModels.map((r) => ({ path: r.path, sha256: r.sha256 })), population: { dataset: popName, rows: popPred.rows } };
  } else {
    refDetails = { reference_models: [], note: `no reference-models in the policy: only the reference-free '${score}' score was used (reference-model attacks such as LiRA and RMIA are usually stronger, so this is a lower bound on the leakage)` };
  }
  for (const [who, c] of clamps) {
    warnings.push(`${who} give${who === "the model" ? "s" : ""} probabilities, not logits, on ${[...c.datasets].map((d) => `'${d}'`).join(", ")}; probabilities were clamped to [${PROB_EPS}, 1] before taking logs (${c.values} value(s) clamped), so very confident records may tie and the attack may look weaker: expose the logits (model.output) for exact scores`);
  }
  const sorted = {};
  const perAttack = {};
  for (const a of attacks) {
    sorted[a.name] = sortScores(a.member, a.nonMember, a.name);
    perAttack[a.name] = sweepMetrics(sorted[a.name]);
  }
  const worst = {};
  const worstBy = {};
  for (const m of ATTACK_METRICS) {
    let best = -Infinity, by = "";
    for (const a of attacks) if (perAttack[a.name][m] > best) {
      best = perAttack[a.name][m];
      by = a.name;
    }
    worst[m] = best;
    worstBy[m] = by;
  }
  const trainAcc = mean(mAll.correct), holdAcc = mean(nAll.correct);
  const dup = duplicates(ctx, p);
  const metrics = {
    ...worst,
    train_accuracy: trainAcc,
    holdout_accuracy: holdAcc,
    generalization_gap: trainAcc - holdAcc,
    members: P,
    non_members: N,
    duplicates: dup.total
  };
  let ci;
  const bootAttacks = {};
  if (resamples > 0) {
    const bs = await bootstrapParallel({
      attacks: sorted,
      memberCorrect: mAll.correct,
      nonMemberCorrect: nAll.correct,
      resamples,
      seed: ctx.seed,
      onProgress: () => ctx.checkBudget(),
      progress: ctx.progress
    });
    ci = { ...bs.worst, ...bs.accuracy };
    for (const a of attacks) bootAttacks[a.name] = bs.attacks[a.name];
  }
  const details = {
    ...refDetails,
    attacks: Object.fromEntries(attacks.map((a) => [a.name, { ...a.info, metrics: perAttack[a.name], ...ci ? { ci: bootAttacks[a.name] } : {} }])),
    worst_case: worstBy,
    score,
    bootstrap: { resamples, method: "stratified (members and non-members resampled separately), multinomial counts over pre-sorted scores; 95% percentile interval, linear interpolation", seed_label: "memorisation/bootstrap#0, memorisation/bootstrap#1 (two fixed halves of the resamples)" },
    duplicates: dup.details
  };
  const notes = [];
  for (const b of FPR_BOUNDS) {
    if (N < Math.round(1 / b)) notes.push(`tpr_at_fpr_${b} is the TPR at zero false positives: only ${N} non-members (< ${Math.round(1 / b)}); it cannot be gated on`);
  }
  if (notes.length) details.tpr_notes = notes;
  const extraChecks = [];
  if (p["max-duplicates"] !== void 0) {
    const max = p["max-duplicates"];
    const pos = ctx.position(["gates", "memorisation", "max-duplicates"]);
    const value = dup.total;
    const pass = value <= max;
    const check = { metric: "duplicates", max, value, pass };
    if (!pass) {
      check.message = `memorisation.duplicates ${value} > max ${max}: ${value} member record(s) also appear among the non-members${p.population ? " or the population" : ""}; remove them from the evaluation data`;
    }
    if (pos) Object.assign(check, { file: pos.file, line: pos.line, col: pos.col });
    extraChecks.push(check);
  }
  return { metrics, ...ci ? { ci } : {}, details, warnings, extraChecks };
}
function pickScore(s, kind) {
  return kind === "loss" ? s.loss : kind === "confidence" ? s.confidence : kind === "entropy" ? s.negMentr : s.logitScaled;
}
function noteClamps(clamps, who, pred, s, ds) {
  if (pred.kind !== "probabilities") return;
  const c = clamps.get(who) ?? { datasets: /* @__PURE__ */ new Set(), values: 0 };
  c.datasets.add(ds);
  c.values += s.clamped;
  clamps.set(who, c);
}
function concat(a, b) {
  const o = new Float64Array(a.length + b.length);
  o.set(a, 0);
  o.set(b, a.length);
  return o;
}
function mean(c) {
  let s = 0;
  for (let i = 0; i < c.length; i++) s += c[i];
  return s / c.length;
}
function duplicates(ctx, p) {
  const mk = rowKeys2(ctx.dataset(p.members));
  const nk = rowKeys2(ctx.dataset(p["non-members"]));
  const pk = p.population ? rowKeys2(ctx.dataset(p.population)) : null;
  const d = {
    method: "exact match of all feature values and the label; duplicates = members that also occur among the non-members or the population",
    members_in_non_members: countShared(mk, nk),
    ...pk ? { members_in_population: countShared(mk, pk), population: p.population } : {},
    repeated_within_members: mk.length - new Set(mk).size
  };
  return { total: countSharedAny(mk, pk ? [nk, pk] : [nk]), details: d };
}

// src/gates/fairness/binomial.ts
var TABLE_SIZE = 1024;
var LOG_FACT = new Float64Array(TABLE_SIZE);
for (let k = 1; k < TABLE_SIZE; k++) LOG_FACT[k] = LOG_FACT[k - 1] + Math.log(k);
var HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
function logFactorial(k) {
  if (k < TABLE_SIZE) return LOG_FACT[k];
  const inv = 1 / k;
  const inv2 = inv * inv;
  return (k + 0.5) * Math.log(k) - k + HALF_LOG_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}
function binomial(r, n, p) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(r, n, 1 - p);
  if (n * p < 10) return inversion(r, n, p);
  return btrs(r, n, p);
}
function inversion(r, n, p) {
  const s = p / (1 - p);
  const a = (n + 1) * s;
  for (; ; ) {
    let f = Math.exp(n * Math.log1p(-p));
    let u = r.next();
    let k = 0;
    while (u > f) {
      u -= f;
      k++;
      if (k > n) break;
      f *= a / k - s;
    }
    if (k <= n) return k;
  }
}
function btrs(r, n, p) {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (; ; ) {
    const u = r.next() - 0.5;
    let v = r.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log(v * alpha / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

// src/gates/fairness/compute.ts
var AGGREGATES = [
  "demographic_parity_difference",
  "demographic_parity_ratio",
  "equalized_odds_difference",
  "equalized_odds_ratio",
  "equal_opportunity_difference",
  "equal_opportunity_ratio"
];
var REFERENCE_AGGREGATES = ["disparate_impact", "statistical_parity_difference"];
var TP = 0;
var FP = 1;
var TN = 2;
var FN = 3;
var ratioOrNull = (num, den) => den > 0 ? num / den : null;
function ratesFromCells(tp, fp, tn, fn) {
  const positives = tp + fn;
  const negatives = fp + tn;
  const count = positives + negatives;
  return {
    count,
    positives,
    negatives,
    selected: tp + fp,
    tp,
    fp,
    tn,
    fn,
    selection_rate: ratioOrNull(tp + fp, count),
    true_positive_rate: ratioOrNull(tp, positives),
    false_positive_rate: ratioOrNull(fp, negatives),
    false_negative_rate: ratioOrNull(fn, positives),
    accuracy: ratioOrNull(tp + tn, count)
  };
}
function confusionCells(yTrue, yPred, group, groups) {
  const n = yTrue.length;
  if (yPred.length !== n || group.length !== n) throw new RangeError("y_true, y_pred and groups differ in length");
  const counts = new Float64Array(groups * 4);
  const cellOf = new Int32Array([TN, FP, FN, TP]);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g < 0) continue;
    counts[4 * g + cellOf[yTrue[i] << 1 | yPred[i]]]++;
  }
  return counts;
}
function aggregate(cells, include, reference, names, excluded) {
  const G = include.length;
  const sel = { min: Infinity, max: -Infinity, argmin: -1, argmax: -1, n: 0 };
  const tpr = { min: Infinity, max: -Infinity, argmin: -1, argmax: -1, n: 0 };
  const fpr = { min: Infinity, max: -Infinity, argmin: -1, argmax: -1, n: 0 };
  const push = (e, v, g) => {
    if (v < e.min) {
      e.min = v;
      e.argmin = g;
    }
    if (v > e.max) {
      e.max = v;
      e.argmax = g;
    }
    e.n++;
  };
  for (let g = 0; g < G; g++) {
    if (!include[g]) continue;
    const tp = cells[4 * g + TP], fp = cells[4 * g + FP], tn = cells[4 * g + TN], fn = cells[4 * g + FN];
    const count = tp + fp + tn + fn;
    if (count > 0) push(sel, (tp + fp) / count, g);
    if (tp + fn > 0) push(tpr, tp / (tp + fn), g);
    else if (excluded) excluded.push({ group: names?.[g] ?? String(g), metric: "true_positive_rate", reason: "no positive labels: true_positive_rate is undefined (null); left out of equal_opportunity_* and equalized_odds_* (Fairlearn would count it as 0)" });
    if (fp + tn > 0) push(fpr, fp / (fp + tn), g);
    else if (excluded) excluded.push({ group: names?.[g] ?? String(g), metric: "false_positive_rate", reason: "no negative labels: false_positive_rate is undefined (null); left out of equalized_odds_* (Fairlearn would count it as 0)" });
  }
  const diff = (e) => e.n >= 2 ? e.max - e.min : null;
  const ratio = (e) => e.n >= 2 && e.max > 0 ? e.min / e.max : null;
  const dpd = diff(sel), dpr = ratio(sel);
  const tprD = diff(tpr), tprR = ratio(tpr), fprD = diff(fpr), fprR = ratio(fpr);
  const metrics = {
    demographic_parity_difference: dpd,
    demographic_parity_ratio: dpr,
    equalized_odds_difference: tprD === null || fprD === null ? null : Math.max(tprD, fprD),
    equalized_odds_ratio: tprR === null || fprR === null ? null : Math.min(tprR, fprR),
    equal_opportunity_difference: tprD,
    equal_opportunity_ratio: tprR
  };
  const components = {
    selection_rate_difference: dpd,
    selection_rate_ratio: dpr,
    true_positive_rate_difference: tprD,
    true_positive_rate_ratio: tprR,
    false_positive_rate_difference: fprD,
    false_positive_rate_ratio: fprR,
    selection_rate_min_group: sel.n ? sel.argmin : null,
    selection_rate_max_group: sel.n ? sel.argmax : null,
    true_positive_rate_min_group: tpr.n ? tpr.argmin : null,
    true_positive_rate_max_group: tpr.n ? tpr.argmax : null,
    false_positive_rate_min_group: fpr.n ? fpr.argmin : null,
    false_positive_rate_max_group: fpr.n ? fpr.argmax : null
  };
  const result = { metrics, components };
  if (reference) {
    let refSel = 0, refCount = 0;
    for (const g of reference.groups) {
      refSel += cells[4 * g + TP] + cells[4 * g + FP];
      refCount += cells[4 * g + TP] + cells[4 * g + FP] + cells[4 * g + TN] + cells[4 * g + FN];
    }
    const refRate = refCount > 0 ? refSel / refCount : null;
    const di = new Array(G).fill(null);
    let diMin = null;
    let spd = null, spdGroup = -1;
    for (let g = 0; g < G; g++) {
      if (!include[g] || g === reference.self || refRate === null) continue;
      const count = cells[4 * g + TP] + cells[4 * g + FP] + cells[4 * g + TN] + cells[4 * g + FN];
      const rate = (cells[4 * g + TP] + cells[4 * g + FP]) / count;
      const d = rate - refRate;
      if (spd === null || Math.abs(d) > Math.abs(spd)) {
        spd = d;
        spdGroup = g;
      }
      if (refRate > 0) {
        di[g] = rate / refRate;
        if (diMin === null || di[g] < diMin) diMin = di[g];
      }
    }
    metrics.disparate_impact = diMin;
    metrics.statistical_parity_difference = spd;
    result.disparateImpact = di;
    result.referenceSelectionRate = refRate;
    result.spdGroup = spdGroup;
  }
  return result;
}
function bootstrap2(cells, include, reference, metricNames, point, resamples, r, checkBudget) {
  const G = include.length;
  const draws = new Float64Array(cells.length);
  const needed = new Uint8Array(G);
  for (let g = 0; g < G; g++) needed[g] = include[g];
  for (const g of reference?.groups ?? []) needed[g] = 1;
  const values = metricNames.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    if (checkBudget && (b & 63) === 0) checkBudget(b);
    for (let g = 0; g < G; g++) {
      if (!needed[g]) continue;
      const tp = cells[4 * g + TP], fp = cells[4 * g + FP], tn = cells[4 * g + TN];
      const n = tp + fp + tn + cells[4 * g + FN];
      const dTP = binomial(r, n, tp / n);
      let rest = n - dTP, restMass = n - tp;
      const dFP = restMass > 0 ? binomial(r, rest, fp / restMass) : 0;
      rest -= dFP;
      restMass -= fp;
      const dTN = restMass > 0 ? binomial(r, rest, tn / restMass) : 0;
      draws[4 * g + TP] = dTP;
      draws[4 * g + FP] = dFP;
      draws[4 * g + TN] = dTN;
      draws[4 * g + FN] = rest - dTN;
    }
    const m = aggregate(draws, include, reference).metrics;
    for (let j = 0; j < metricNames.length; j++) {
      const v = m[metricNames[j]];
      values[j][b] = v === null || v === void 0 ? NaN : v;
    }
  }
  const ci = {};
  const undefinedResamples = {};
  const noInterval = [];
  metricNames.forEach((name, j) => {
    if (point[name] === null || point[name] === void 0) return;
    const finite = values[j].filter((v) => Number.isFinite(v)).sort();
    const missing = resamples - finite.length;
    if (missing > 0) undefinedResamples[name] = missing;
    if (finite.length === 0 || missing * 2 > resamples) {
      noInterval.push(name);
      return;
    }
    ci[name] = [quantileSorted(finite, 0.025), quantileSorted(finite, 0.975)];
  });
  return { ci, undefinedResamples, noInterval };
}

// src/gates/fairness/groups.ts
var MISSING = "(missing)";
function encodeColumn(col, rows) {
  const codes = new Int32Array(rows);
  if (col.kind === "string") {
    const seen2 = /* @__PURE__ */ new Map();
    const firstSeen2 = [];
    let hasMissing2 = false;
    for (let i = 0; i < rows; i++) {
      const v = col.values[i];
      if (v === null || v === void 0) {
        codes[i] = -1;
        hasMissing2 = true;
        continue;
      }
      let c = seen2.get(v);
      if (c === void 0) {
        c = firstSeen2.length;
        seen2.set(v, c);
        firstSeen2.push(v);
      }
      codes[i] = c;
    }
    const order2 = firstSeen2.map((_, i) => i).sort((a, b) => firstSeen2[a] < firstSeen2[b] ? -1 : firstSeen2[a] > firstSeen2[b] ? 1 : 0);
    return remap(codes, order2, firstSeen2, hasMissing2);
  }
  const seen = /* @__PURE__ */ new Map();
  const firstSeen = [];
  let hasMissing = false;
  for (let i = 0; i < rows; i++) {
    let v = col.values[i];
    if (Number.isNaN(v)) {
      codes[i] = -1;
      hasMissing = true;
      continue;
    }
    if (v === 0) v = 0;
    let c = seen.get(v);
    if (c === void 0) {
      c = firstSeen.length;
      seen.set(v, c);
      firstSeen.push(v);
    }
    codes[i] = c;
  }
  const order = firstSeen.map((_, i) => i).sort((a, b) => firstSeen[a] - firstSeen[b]);
  return remap(codes, order, firstSeen, hasMissing);
}
function remap(codes, order, firstSeen, hasMissing) {
  const rank = new Int32Array(firstSeen.length);
  order.forEach((orig, r) => {
    rank[orig] = r;
  });
  const missingCode = firstSeen.length;
  for (let i = 0; i < codes.length; i++) codes[i] = codes[i] < 0 ? missingCode : rank[codes[i]];
  const values = order.map((o) => firstSeen[o]);
  if (hasMissing) values.push(null);
  return { codes, values };
}
function formatValue(v) {
  return v === null ? MISSING : String(v);
}
function encodeGroups(columns, rows) {
  const enc = columns.map((c) => encodeColumn(c.column, rows));
  let product = 1;
  for (const e of enc) product *= Math.max(1, e.values.length);
  const combo = new Float64Array(rows);
  const strides = [];
  let s = 1;
  for (let c = enc.length - 1; c >= 0; c--) {
    strides[c] = s;
    s *= Math.max(1, enc[c].values.length);
  }
  if (product > Number.MAX_SAFE_INTEGER) throw new RangeError("too many combinations of sensitive values");
  for (let i = 0; i < rows; i++) {
    let k = 0;
    for (let c = 0; c < enc.length; c++) k += enc[c].codes[i] * strides[c];
    combo[i] = k;
  }
  const index = new Int32Array(rows);
  let present;
  if (product <= 1 << 22) {
    const slot = new Int32Array(product).fill(-1);
    for (let i = 0; i < rows; i++) slot[combo[i]] = 0;
    present = [];
    for (let k = 0; k < product; k++) if (slot[k] === 0) {
      slot[k] = present.length;
      present.push(k);
    }
    for (let i = 0; i < rows; i++) index[i] = slot[combo[i]];
  } else {
    const slot = /* @__PURE__ */ new Map();
    for (let i = 0; i < rows; i++) slot.set(combo[i], 0);
    present = [...slot.keys()].sort((a, b) => a - b);
    present.forEach((k, g) => slot.set(k, g));
    for (let i = 0; i < rows; i++) index[i] = slot.get(combo[i]);
  }
  const groups = present.map((k) => {
    const values = {};
    const parts = [];
    columns.forEach((col, c) => {
      const code = Math.floor(k / strides[c]) % Math.max(1, enc[c].values.length);
      const v = enc[c].values[code];
      values[col.name] = v;
      parts.push(`${col.name}=${formatValue(v)}`);
    });
    return { key: parts.join(", "), values };
  });
  return { index, groups, levels: columns.map((c, i) => ({ name: c.name, values: enc[i].values })) };
}

// src/gates/fairness/predictions.ts
var show = (v) => typeof v === "string" ? JSON.stringify(v) : String(v);
function findPositiveIndex(classLabels, wanted, where) {
  const list = classLabels.map(show).join(", ");
  if (wanted === void 0) {
    if (classLabels.length === 2) return 1;
    throw new GateError(
      "fairness.positive-label",
      `gates.fairness.positive-label is required for a model with ${classLabels.length} classes (${list}): name the class to evaluate against the rest`,
      { where }
    );
  }
  let idx = classLabels.findIndex((c) => c === wanted);
  if (idx < 0) idx = classLabels.findIndex((c) => String(c) === String(wanted));
  if (idx < 0 && typeof wanted === "string" && wanted.trim() !== "" && Number.isFinite(Number(wanted))) {
    idx = classLabels.findIndex((c) => typeof c === "number" && c === Number(wanted));
  }
  if (idx < 0) {
    throw new GateError(
      "fairness.positive-label",
      `gates.fairness.positive-label ${show(wanted)} is not one of the model's classes (${list}): use one of them`,
      { where }
    );
  }
  return idx;
}
function notFinite(dataset, row) {
  throw new GateError("fairness.predictions", `the model's score for row ${row + 1} of dataset "${dataset}" is NaN: cannot apply decision-threshold; check the model and the input transform`);
}
function binarise(pred, opts) {
  const n = pred.rows;
  if (!pred.labels) {
    throw new GateError("fairness.labels", `dataset "${pred.dataset}" has no labels: the fairness gate needs them (set \`label\` on the dataset)`);
  }
  if (pred.classes < 2 || pred.classLabels.length < 2) {
    throw new GateError("fairness.classes", `the model has ${pred.classes} class(es) on dataset "${pred.dataset}": the fairness gate needs a classifier with at least two`);
  }
  const pos = findPositiveIndex(pred.classLabels, opts.positiveLabel, opts.where?.("positive-label"));
  const t = opts.decisionThreshold;
  const yTrue = new Uint8Array(n);
  const yPred = new Uint8Array(n);
  const unlabelled = new Uint8Array(n);
  let unlabelledCount = 0;
  for (let i = 0; i < n; i++) {
    const y = pred.labels[i];
    if (y < 0) {
      unlabelled[i] = 1;
      unlabelledCount++;
      continue;
    }
    yTrue[i] = y === pos ? 1 : 0;
  }
  let rule;
  if (t === void 0) {
    for (let i = 0; i < n; i++) yPred[i] = pred.predicted[i] === pos ? 1 : 0;
    rule = pred.kind === "label" ? "the model's predicted label" : "argmax of the model scores";
  } else {
    if (!(typeof t === "number" && t >= 0 && t <= 1)) {
      throw new GateError("fairness.decision-threshold", `gates.fairness.decision-threshold must be a probability in [0, 1], got ${String(t)}`, { where: opts.where?.("decision-threshold") });
    }
    if (pred.kind === "label" || !pred.scores) {
      throw new GateError(
        "fairness.decision-threshold",
        `gates.fairness.decision-threshold cannot apply: the model gives only labels (no scores) on dataset "${pred.dataset}"; remove decision-threshold or use a model output with probabilities or logits`,
        { where: opts.where?.("decision-threshold") }
      );
    }
    const C = pred.classes;
    const s = pred.scores;
    if (s.length !== n * C) throw new GateError("fairness.predictions", `model scores have ${s.length} values, expected ${n} rows \xD7 ${C} classes`);
    if (pred.kind === "probabilities") {
      for (let i = 0; i < n; i++) {
        const v = s[i * C + pos];
        if (Number.isNaN(v)) notFinite(pred.dataset, i);
        yPred[i] = v >= t ? 1 : 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        let mx = -Infinity;
        for (let j = 0; j < C; j++) if (s[i * C + j] > mx) mx = s[i * C + j];
        let den = 0;
        for (let j = 0; j < C; j++) den += Math.exp(s[i * C + j] - mx);
        const prob = Math.exp(s[i * C + pos] - mx) / den;
        if (Number.isNaN(prob)) notFinite(pred.dataset, i);
        yPred[i] = prob >= t ? 1 : 0;
      }
    }
    rule = `P(${show(pred.classLabels[pos])}) >= ${t}${pred.kind === "logits" ? " (softmax of the logits)" : ""}`;
  }
  return { yTrue, yPred, unlabelled, unlabelledCount, positiveIndex: pos, positiveLabel: pred.classLabels[pos], rule };
}

// src/gates/fairness/policy.ts
var FAIRNESS_METRICS = [...AGGREGATES, ...REFERENCE_AGGREGATES];

// src/gates/fairness/index.ts
var FOUR_FIFTHS = 0.8;
var SORT_FOR = {
  demographic_parity_difference: { column: "selection_rate", worstFirst: "asc" },
  demographic_parity_ratio: { column: "selection_rate", worstFirst: "asc" },
  equal_opportunity_difference: { column: "true_positive_rate", worstFirst: "asc" },
  equal_opportunity_ratio: { column: "true_positive_rate", worstFirst: "asc" },
  disparate_impact: { column: "disparate_impact", worstFirst: "asc" },
  statistical_parity_difference: { column: "selection_rate", worstFirst: "asc" }
};
var fairnessGate = {
  name: "fairness",
  metrics: FAIRNESS_METRICS,
  async run(ctx) {
    const p = ctx.policy;
    const pos = (...path2) => ctx.position(["gates", "fairness", ...path2]);
    const sensitive = typeof p.sensitive === "string" ? [p.sensitive] : [...p.sensitive ?? []];
    if (sensitive.length === 0) {
      throw new GateError("fairness.sensitive", "gates.fairness.sensitive names no column: list the sensitive columns of the dataset", { where: pos("sensitive") });
    }
    const dupe = sensitive.find((c, i) => sensitive.indexOf(c) !== i);
    if (dupe !== void 0) {
      throw new GateError("fairness.sensitive", `gates.fairness.sensitive lists "${dupe}" twice: list each column once`, { where: pos("sensitive") });
    }
    const minGroupSize = p["min-group-size"] ?? 30;
    const resamples = p.bootstrap ?? 1e3;
    const gateOn = p["gate-on"] ?? "point";
    if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
      throw new GateError("fairness.min-group-size", `gates.fairness.min-group-size must be a positive integer, got ${String(minGroupSize)}`, { where: pos("min-group-size") });
    }
    if (!Number.isInteger(resamples) || resamples < 0) {
      throw new GateError("fairness.bootstrap", `gates.fairness.bootstrap must be a non-negative integer, got ${String(resamples)}`, { where: pos("bootstrap") });
    }
    const reference = p["reference-group"];
    for (const m of REFERENCE_AGGREGATES) {
      if (p.thresholds?.[m] && !reference) {
        throw new GateError("fairness.reference-group", `gates.fairness.thresholds.${m} needs gates.fairness.reference-group (the group to compare with), e.g. reference-group: { ${sensitive[0]}: <value> }`, { where: pos("thresholds", m) });
      }
    }
    const dataset = ctx.dataset(p.dataset);
    const available = [...dataset.columns.keys()];
    const cols = sensitive.map((name, i) => {
      const column = dataset.columns.get(name);
      if (!column) {
        throw new GateError(
          "fairness.sensitive",
          `sensitive column "${name}" is not in dataset "${p.dataset}" (${dataset.path}); available columns: ${available.length ? available.join(", ") : "(none: the dataset is not tabular)"}`,
          { where: (Array.isArray(p.sensitive) ? pos("sensitive", i) : void 0) ?? pos("sensitive") }
        );
      }
      return { name, column };
    });
    const predictions = await ctx.predictions(p.dataset);
    if (predictions.rows !== dataset.rows) {
      throw new GateError("fairness.predictions", `predictions cover ${predictions.rows} rows but dataset "${p.dataset}" has ${dataset.rows}: the fairness gate needs every row`);
    }
    const bin = binarise(predictions, {
      positiveLabel: p["positive-label"],
      decisionThreshold: p["decision-threshold"],
      where: (key2) => pos(key2)
    });
    if (bin.unlabelledCount === dataset.rows) {
      throw new GateError("fairness.labels", `no row of dataset "${p.dataset}" has a known label: check \`label\` and \`label-map\``);
    }
    const grouping = encodeGroups(cols, dataset.rows);
    const G = grouping.groups.length;
    const names = grouping.groups.map((g) => g.key);
    const index = grouping.index;
    if (bin.unlabelledCount > 0) {
      for (let i = 0; i < index.length; i++) if (bin.unlabelled[i]) index[i] = -1;
    }
    const cells = confusionCells(bin.yTrue, bin.yPred, index, G);
    const include = new Uint8Array(G);
    const excluded = [];
    for (let g = 0; g < G; g++) {
      const n = cells[4 * g + TP] + cells[4 * g + FP] + cells[4 * g + TN] + cells[4 * g + FN];
      if (n >= minGroupSize) include[g] = 1;
      else excluded.push({ group: names[g], metric: "all", reason: `${n} rows < min-group-size ${minGroupSize}: left out of every aggregate` });
    }
    const left = include.reduce((a, b) => a + b, 0);
    if (left < 2) {
      const sizes = names.map((k, g) => `${k}: ${cells[4 * g] + cells[4 * g + 1] + cells[4 * g + 2] + cells[4 * g + 3]}`).join("; ");
      throw new GateError(
        "fairness.groups",
        `fairness needs at least two groups with >= ${minGroupSize} rows (min-group-size) in dataset "${p.dataset}" by ${sensitive.join(" \xD7 ")}, found ${left} (${sizes || "no rows"}): use more data, fewer sensitive columns or a smaller min-group-size`,
        { where: pos("sensitive") }
      );
    }
    let ref;
    let referenceInfo;
    if (reference) ref = resolveReference(reference, grouping, cells, minGroupSize, sensitive, pos);
    const point = aggregate(cells, include, ref, names, excluded);
    const metrics = { ...point.metrics };
    const metricNames = Object.keys(metrics);
    const nullReasons = {};
    const tprGroups = countDefined(cells, include, "tpr"), fprGroups = countDefined(cells, include, "fpr");
    for (const m of metricNames) {
      if (metrics[m] !== null) continue;
      nullReasons[m] = explainNull(m, tprGroups, fprGroups, point.referenceSelectionRate);
    }
    let ci;
    let boot = { resamples: 0 };
    const warnings = [];
    if (resamples > 0) {
      const task = "fairness: bootstrap", unit = "resamples", sink = ctx.progress;
      sink?.({ phase: "start", task, unit, done: 0, total: resamples });
      const b = bootstrap2(cells, include, ref, metricNames, metrics, resamples, rng(ctx.seed, "fairness"), (done) => {
        ctx.checkBudget();
        sink?.({ phase: "update", task, unit, done, total: resamples });
      });
      sink?.({ phase: "end", task, unit, done: resamples, total: resamples });
      ci = b.ci;
      boot = {
        resamples,
        method: "stratified by group: each group keeps its size; its confusion cells (TP, FP, TN, FN) are redrawn from a multinomial with the observed proportions",
        interval: "95 % percentile (2.5 % and 97.5 %, linear interpolation)",
        undefined_resamples: b.undefinedResamples,
        no_interval: b.noInterval
      };
      if (b.noInterval.length) warnings.push(`fairness: no bootstrap interval for ${b.noInterval.join(", ")} (undefined in more than half of the resamples); gate-on uses the point value for them`);
    }
    if (ref && reference) {
      referenceInfo = {
        spec: reference,
        groups: ref.groups.map((g) => names[g]),
        count: ref.groups.reduce((a, g) => a + cells[4 * g] + cells[4 * g + 1] + cells[4 * g + 2] + cells[4 * g + 3], 0),
        selection_rate: point.referenceSelectionRate ?? null,
        compared: ref.self >= 0 ? "every included group except the reference" : "every included group (the reference pools all rows matching it)",
        statistical_parity_group: point.spdGroup !== void 0 && point.spdGroup >= 0 ? names[point.spdGroup] : null,
        four_fifths_below: grouping.groups.map((_, g) => g).filter((g) => point.disparateImpact?.[g] !== null && point.disparateImpact[g] < FOUR_FIFTHS).map((g) => names[g])
      };
    }
    const rows = grouping.groups.map((info, g) => {
      const r = ratesFromCells(cells[4 * g + TP], cells[4 * g + FP], cells[4 * g + TN], cells[4 * g + FN]);
      const row = {
        group: info.key,
        values: info.values,
        count: r.count,
        positives: r.positives,
        negatives: r.negatives,
        selected: r.selected,
        selection_rate: r.selection_rate,
        true_positive_rate: r.true_positive_rate,
        false_positive_rate: r.false_positive_rate,
        false_negative_rate: r.false_negative_rate,
        accuracy: r.accuracy,
        included: include[g] === 1
      };
      if (ref) {
        const di = point.disparateImpact?.[g] ?? null;
        row.disparate_impact = di;
        row.four_fifths = di === null ? null : di >= FOUR_FIFTHS;
        row.reference = ref.groups.includes(g);
      }
      return row;
    });
    const checks = evaluateThresholds("fairness", p.thresholds, metrics, ci, gateOn, () => void 0);
    const failing = checks.find((c) => !c.pass)?.metric;
    let sortedBy = "group";
    if (failing) {
      let spec = SORT_FOR[failing];
      if (failing === "equalized_odds_difference" || failing === "equalized_odds_ratio") {
        const c = point.components;
        const tprWorse = failing === "equalized_odds_difference" ? (c.true_positive_rate_difference ?? -1) >= (c.false_positive_rate_difference ?? -1) : (c.true_positive_rate_ratio ?? 2) <= (c.false_positive_rate_ratio ?? 2);
        spec = tprWorse ? { column: "true_positive_rate", worstFirst: "asc" } : { column: "false_positive_rate", worstFirst: "desc" };
      }
      if (spec) {
        sortedBy = `${spec.column} (${spec.worstFirst === "asc" ? "lowest" : "highest"} first; ${failing} fails)`;
        const key2 = spec.column;
        const order = rows.map((_, i) => i);
        order.sort((a, b) => {
          const va = rows[a][key2], vb = rows[b][key2];
          const na = va === null || va === void 0, nb = vb === null || vb === void 0;
          if (na || nb) return na === nb ? a - b : na ? 1 : -1;
          const d = spec.worstFirst === "asc" ? va - vb : vb - va;
          return d !== 0 ? d : a - b;
        });
        const sorted = order.map((i) => rows[i]);
        rows.splice(0, rows.length, ...sorted);
      }
    }
    const componentNames = {};
    for (const [k, v] of Object.entries(point.components)) componentNames[k] = k.endsWith("_group") ? v === null ? null : names[v] : v;
    const details = {
      dataset: p.dataset,
      sensitive,
      positive_label: bin.positiveLabel,
      decision_rule: bin.rule,
      min_group_size: minGroupSize,
      rows: dataset.rows,
      groups: rows,
      sorted_by: sortedBy,
      groups_total: G,
      groups_included: left,
      excluded,
      components: componentNames,
      conventions: "Fairlearn between_groups: difference = max - min, ratio = min / max over included groups (0/0 -> null; Fairlearn gives NaN); equalized_odds_* = worst of TPR and FPR. A rate with a zero denominator is null and that group is left out of that aggregate (Fairlearn, through scikit-learn, would count it as 0)." + (ref ? " disparate_impact = the lowest selection-rate ratio to the reference over the groups compared (four-fifths rule: < 0.8 flagged); statistical_parity_difference = the group \u2212 reference selection-rate difference with the largest absolute value, sign kept." : ""),
      bootstrap: boot
    };
    if (Object.keys(nullReasons).length) details.null_metrics = nullReasons;
    if (bin.unlabelledCount > 0) {
      details.rows_without_label = bin.unlabelledCount;
      warnings.push(`fairness: ${bin.unlabelledCount} row(s) of "${p.dataset}" have no known label and were left out`);
    }
    if (referenceInfo) details.reference_group = referenceInfo;
    const out = { metrics, details };
    if (ci) out.ci = ci;
    if (warnings.length) out.warnings = warnings;
    return out;
  }
};
function countDefined(cells, include, which) {
  let n = 0;
  for (let g = 0; g < include.length; g++) {
    if (!include[g]) continue;
    const den = which === "tpr" ? cells[4 * g + TP] + cells[4 * g + FN] : cells[4 * g + FP] + cells[4 * g + TN];
    if (den > 0) n++;
  }
  return n;
}
function explainNull(metric, tprGroups, fprGroups, refRate) {
  const few = (what, n) => `only ${n} included group(s) have a defined ${what}; at least two are needed`;
  if (metric.startsWith("demographic_parity_ratio")) return "every included group has selection rate 0: min / max is 0/0";
  if (metric.startsWith("equal_opportunity")) return tprGroups < 2 ? few("true_positive_rate", tprGroups) : "every included group has true_positive_rate 0: min / max is 0/0";
  if (metric.startsWith("equalized_odds")) {
    if (tprGroups < 2) return few("true_positive_rate", tprGroups);
    if (fprGroups < 2) return few("false_positive_rate", fprGroups);
    return "a true/false positive rate is 0 in every included group: min / max is 0/0";
  }
  if (metric === "disparate_impact") return refRate === 0 ? "the reference group has selection rate 0: the ratio is undefined" : "no group to compare with the reference";
  if (metric === "statistical_parity_difference") return "no group to compare with the reference";
  return "undefined";
}
function resolveReference(spec, grouping, cells, minGroupSize, sensitive, pos) {
  const keys = Object.keys(spec);
  if (keys.length === 0) throw new GateError("fairness.reference-group", "gates.fairness.reference-group is empty: name a value for at least one sensitive column", { where: pos("reference-group") });
  const wanted = {};
  for (const k of keys) {
    if (!sensitive.includes(k)) {
      throw new GateError("fairness.reference-group", `gates.fairness.reference-group names "${k}", which is not a sensitive column (${sensitive.join(", ")})`, { where: pos("reference-group", k) });
    }
    const level = grouping.levels.find((l) => l.name === k);
    const v = spec[k];
    const match = level.values.find((x) => x !== null && (x === v || String(x) === String(v)));
    if (match === void 0) {
      throw new GateError(
        "fairness.reference-group",
        `gates.fairness.reference-group ${k}: ${JSON.stringify(v)} does not occur in the data; values present: ${level.values.map((x) => formatValue(x)).join(", ")}`,
        { where: pos("reference-group", k) }
      );
    }
    wanted[k] = match;
  }
  const groups = [];
  grouping.groups.forEach((g, i) => {
    if (keys.every((k) => g.values[k] === wanted[k])) groups.push(i);
  });
  const desc = keys.map((k) => `${k}=${formatValue(wanted[k])}`).join(", ");
  if (groups.length === 0) {
    throw new GateError("fairness.reference-group", `gates.fairness.reference-group (${desc}) matches no row: that combination does not occur in the data`, { where: pos("reference-group") });
  }
  const count = groups.reduce((a, g) => a + cells[4 * g] + cells[4 * g + 1] + cells[4 * g + 2] + cells[4 * g + 3], 0);
  if (count < minGroupSize) {
    throw new GateError("fairness.reference-group", `gates.fairness.reference-group (${desc}) has ${count} labelled rows < min-group-size ${minGroupSize}: choose a larger reference group`, { where: pos("reference-group") });
  }
  const self = keys.length === sensitive.length ? groups[0] : -1;
  return { groups, self };
}

// src/gates/model-card/index.ts
var modelCardGate = {
  name: "model-card",
  /** No thresholds: the claims are the checks. */
  metrics: [],
  checkKeys: ["claims"],
  stage: "after-measuring",
  run: async (ctx) => runModelCard(ctx)
};
function runModelCard(ctx) {
  const policy = ctx.policy;
  const card = ctx.card;
  if (!card) {
    throw new GateError("model-card.card", `internal error: the model-card gate did not receive the model card (ctx.card): ${INTERNAL_HINT}`);
  }
  const claims = card.claims;
  const extraChecks = [];
  for (const c of claims) {
    const claimed = typeof c.claimed === "number" ? c.note === "claim read as a percentage" ? c.claimed / 100 : c.claimed : Number.NaN;
    extraChecks.push({
      metric: `claim:${c.claim}`,
      value: c.measured,
      ...Number.isFinite(claimed) ? { min: claimed - c.tolerance, max: claimed + c.tolerance } : {},
      // A claim the policy lists that could not be compared is not a pass (it makes the gate an error below).
      pass: c.pass === true || c.pass === false && c.onMismatch === "warn",
      ...c.pass === false ? { message: `model card claims ${c.claim} = ${JSON.stringify(c.claimed)}${c.dataset ? ` on ${c.dataset}` : ""}, measured ${c.measured} (tolerance ${c.tolerance})` } : c.note ? { message: c.note } : {},
      file: c.file,
      ...c.line ? { line: c.line, col: c.col } : {}
    });
  }
  const problems = [];
  if (!card.exists) {
    problems.push(new GateError("model-card.missing", `model.card ${card.path} does not exist, so none of its claims can be compared: commit the model card, or fix model.card in the policy`, { where: card.where }));
  } else if (Object.keys(policy.claims).length === 0) {
    problems.push(new GateError("model-card.no-claims", "gates.model-card lists no claims, so it compares nothing: list the card metrics to compare under claims (e.g. accuracy: { measured: accuracy }), or remove the gate", { where: ctx.position(["gates", "model-card"]) }));
  }
  for (const c of claims) {
    if (c.pass !== null) continue;
    problems.push(new GateError("model-card.not-compared", c.note ?? `the card's ${c.claim} claim cannot be compared`, { where: { file: c.file, ...c.line ? { line: c.line, col: c.col } : {} } }));
  }
  return {
    metrics: { claims_checked: claims.filter((c) => c.pass !== null).length, mismatches: claims.filter((c) => c.pass === false).length },
    details: { on_mismatch: policy["on-mismatch"] },
    extraChecks,
    ...problems.length ? { problems } : {}
  };
}

// src/gates/registry.ts
var GATES = [accuracyGate, robustnessGate, memorisationGate, fairnessGate, modelCardGate];

// src/policy/load.ts
var import__ = __toESM(require__(), 1);
var import_yaml = __toESM(require_dist(), 1);
import { createHash as createHash3 } from "node:crypto";

// policies/model-gate.schema.json
var model_gate_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/acme/model-gate/policies/model-gate.schema.json",
  title: "model-gate policy, version 1",
  description: "The model-gate policy (YAML). Every key is documented here; unknown keys are errors. Paths are relative to the action's working-directory and must stay inside the workspace (no absolute paths, no `..` that leaves it, no symlink pointing out).",
  type: "object",
  additionalProperties: false,
  required: ["version", "model", "signature"],
  properties: {
    version: {
      description: "Policy format version. Must be 1.",
      const: 1
    },
    seed: {
      description: "Seed of every random choice (sampling, attacks, bootstrap). It lives in the policy, not in the action inputs, so a pull request cannot shop for a lucky seed.",
      type: "integer",
      minimum: 0,
      maximum: 9007199254740991,
      default: 0
    },
    "budget-minutes": {
      description: 'Time budget of the whole run in minutes. Past it the verdict is error ("budget exceeded").',
      type: "number",
      exclusiveMinimum: 0,
      default: 60
    },
    "memory-budget-mb": {
      description: "Memory the white-box attacks' gradient model may use, in MB. The rows per gradient run are chosen so that its estimated working set (the forward activations per row, the weights) fits; a large model then runs in smaller batches instead of exhausting the runner. No number depends on it beyond float rounding.",
      type: "number",
      minimum: 64,
      default: 1024
    },
    model: { $ref: "#/$defs/model" },
    signature: { $ref: "#/$defs/signature" },
    datasets: {
      description: "Named datasets that the gates refer to.",
      type: "object",
      propertyNames: { $ref: "#/$defs/name" },
      additionalProperties: { $ref: "#/$defs/dataset" },
      default: {}
    },
    gates: { $ref: "#/$defs/gates", default: {} }
  },
  $defs: {
    name: {
      description: "A dataset name: letters, digits, `_`, `-`, `.`; starting with a letter or digit.",
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
    },
    path: {
      description: "A path relative to the working directory, inside the workspace.",
      type: "string",
      minLength: 1
    },
    sha256: {
      description: "A sha256 pin: 64 hexadecimal characters (optionally prefixed with `sha256:`). A mismatch is tampering: verdict fail.",
      type: "string",
      pattern: "^(sha256:)?[0-9a-fA-F]{64}$"
    },
    column: {
      description: "A column name (tabular data) or a feature index (0-based, in the flattened feature tensor of `.npy` data).",
      type: ["string", "integer"],
      minimum: 0
    },
    threshold: {
      description: "A threshold on one metric: `min` (the metric must be >= min) and/or `max` (<= max). A metric that cannot be measured fails its threshold.",
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: {
        min: { description: "Lowest passing value (inclusive).", type: "number" },
        max: { description: "Highest passing value (inclusive).", type: "number" }
      }
    },
    "gate-on": {
      description: "What a threshold is compared with: `point` (the metric), `conservative` (the 95% bootstrap bound worse for the model) or `lenient` (the bound better for the model).",
      enum: ["point", "conservative", "lenient"]
    },
    bootstrap: {
      description: "Bootstrap resamples for every confidence interval (`ci`). 0 disables intervals (then gate-on must be point).",
      type: "integer",
      minimum: 0
    },
    model: {
      description: "The ONNX model under test.",
      type: "object",
      additionalProperties: false,
      required: ["path"],
      properties: {
        path: { $ref: "#/$defs/path", description: "The ONNX model file. Git LFS pointer files are detected and explained." },
        card: { $ref: "#/$defs/path", description: "Optional Hugging Face style model card (Markdown with YAML front matter)." },
        inputs: {
          description: "How dataset columns feed the model's inputs: input name -> columns. Default: one float input fed with all features.",
          type: "object",
          minProperties: 1,
          additionalProperties: {
            type: "object",
            additionalProperties: false,
            required: ["from"],
            properties: {
              from: {
                description: "The column feeding this input, or the list of columns forming one tensor (in this order).",
                "x-error": "a column name or a non-empty list of column names",
                anyOf: [
                  { type: "string", minLength: 1 },
                  { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", minLength: 1 } }
                ]
              },
              dtype: {
                description: "Element type fed to the input. Default: the model input's own type.",
                enum: ["float32", "float64", "int64", "int32", "string", "bool"]
              }
            }
          }
        },
        output: {
          description: "Which model output to use and what it holds. Default: detected (sklearn label + probabilities -> probabilities; a graph ending in Softmax that also exposes its input -> that input as logits; one float [N, C] output -> logits unless the graph ends in Softmax/Sigmoid); an ambiguous model is an error, not a guess.",
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: { description: "Output name in the ONNX graph.", type: "string", minLength: 1 },
            kind: { description: "What the output holds.", enum: ["logits", "probabilities", "label"] }
          }
        }
      }
    },
    signature: {
      description: "Signature verification (runs before the model is ever executed). With `required: true` (the default) an unsigned model or a wrong signer fails; exactly one of keyless, key or certificate-roots says who may sign.",
      type: "object",
      additionalProperties: false,
      properties: {
        required: { description: "When true an unsigned model fails the gate.", type: "boolean", default: true },
        bundle: { $ref: "#/$defs/path", description: "The signature: an OMS bundle (model_signing), a Sigstore bundle, or a cosign raw signature." },
        format: {
          description: "Signature format; `auto` detects it.",
          enum: ["auto", "oms", "sigstore-bundle", "cosign"],
          default: "auto"
        },
        subject: { $ref: "#/$defs/path", description: "What the signature covers: the model file or its folder. Default: model.path." },
        keyless: {
          description: "Keyless (Sigstore/Fulcio) signing: the certificate identity and OIDC issuer the signer must have. Exactly one of identity and identity-regex.",
          type: "object",
          additionalProperties: false,
          required: ["issuer"],
          properties: {
            identity: {
              description: "The exact certificate identity (SAN), or a list of accepted identities.",
              "x-error": "a string or a non-empty list of strings",
              anyOf: [
                { type: "string", minLength: 1 },
                { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", minLength: 1 } }
              ]
            },
            "identity-regex": { description: "An anchored regular expression (^...$) the identity must match; only when asked for explicitly.", type: "string", minLength: 1 },
            issuer: { description: "The OIDC issuer, e.g. https://token.actions.githubusercontent.com.", type: "string", minLength: 1 }
          },
          "x-error": { none: "needs identity or identity-regex", many: "has both identity and identity-regex: keep one" },
          oneOf: [
            { required: ["identity"] },
            { required: ["identity-regex"] }
          ]
        },
        key: { $ref: "#/$defs/path", description: "A PEM public key the model must be signed with (no transparency log: the report says so). Read from the base commit on pull requests." },
        "certificate-roots": {
          description: "PEM root certificate(s) the signing certificate must chain to (no transparency log). Read from the base commit on pull requests.",
          "x-error": "a path or a non-empty list of paths",
          anyOf: [
            { type: "string", minLength: 1 },
            { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", minLength: 1 } }
          ]
        },
        "trusted-root": { $ref: "#/$defs/path", description: "A Sigstore trusted_root.json. Default: the public-good root shipped in dist. Read from the base commit on pull requests." },
        "ignore-paths": {
          description: "Paths inside the signed subject that the signature does not cover (the model card is normally inside it).",
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/$defs/path" },
          default: []
        }
      },
      if: { not: { required: ["required"], properties: { required: { const: false } } } },
      then: {
        required: ["bundle"],
        "x-error": { none: "needs one of keyless, key or certificate-roots (or required: false)", many: "names more than one of keyless, key and certificate-roots: keep exactly one" },
        oneOf: [
          { required: ["keyless"] },
          { required: ["key"] },
          { required: ["certificate-roots"] }
        ]
      }
    },
    dataset: {
      description: "A dataset file: .csv, .npy (labels from a second .npy) or .parquet.",
      type: "object",
      additionalProperties: false,
      required: ["path"],
      properties: {
        path: { $ref: "#/$defs/path", description: "The data file: .csv | .npy | .parquet." },
        label: { description: "The label column (tabular data).", type: "string", minLength: 1 },
        labels: { $ref: "#/$defs/path", description: "A .npy file with one label per row (for .npy features)." },
        sha256: { $ref: "#/$defs/sha256", description: "Pin of the data file's sha256. A mismatch is tampering: verdict fail." },
        "labels-sha256": { $ref: "#/$defs/sha256", description: "Pin of the labels file's sha256." },
        exclude: {
          description: "Columns never fed to the model (the default features are all columns but the label and these).",
          type: "array",
          uniqueItems: true,
          items: { type: "string", minLength: 1 },
          default: []
        },
        transform: {
          description: "Optional preprocessing of numeric features, applied in this order: x / scale, (x - mean) / std, reshape.",
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          properties: {
            scale: { description: "Divide every feature by this number (e.g. 255 for pixels).", type: "number", exclusiveMinimum: 0 },
            mean: {
              description: "Subtracted after scaling: one number, or one per channel/feature.",
              "x-error": "a number or a non-empty list of numbers",
              anyOf: [{ type: "number" }, { type: "array", minItems: 1, items: { type: "number" } }]
            },
            std: {
              description: "Divided by after subtracting the mean: one positive number, or one per channel/feature.",
              "x-error": "a positive number or a non-empty list of positive numbers",
              anyOf: [
                { type: "number", exclusiveMinimum: 0 },
                { type: "array", minItems: 1, items: { type: "number", exclusiveMinimum: 0 } }
              ]
            },
            reshape: {
              description: "Shape of one row after the transform, without the batch dimension (e.g. [1, 28, 28]).",
              type: "array",
              minItems: 1,
              items: { type: "integer", minimum: 1 }
            }
          }
        },
        "label-map": {
          description: 'Maps label values as written in the data to class values (e.g. {">50K.": 1, "<=50K.": 0}).',
          type: "object",
          minProperties: 1,
          additionalProperties: { type: ["integer", "string"] }
        },
        sample: {
          description: "Which rows a gate's `limit` takes: `stratified` by label (seeded; every label keeps its share), or the `first` rows. Default: `stratified` when the dataset has labels (`label` or `labels`), else `first`.",
          enum: ["first", "stratified"]
        }
      }
    },
    gates: {
      description: "The gates to run. A configured gate that cannot run, or that checks nothing (no thresholds; memorisation: nor max-duplicates), is an error, never a pass.",
      type: "object",
      additionalProperties: false,
      properties: {
        accuracy: { $ref: "#/$defs/accuracy" },
        robustness: { $ref: "#/$defs/robustness" },
        memorisation: { $ref: "#/$defs/memorisation" },
        fairness: { $ref: "#/$defs/fairness" },
        "model-card": { $ref: "#/$defs/model-card" }
      }
    },
    accuracy: {
      description: "Accuracy on a labelled dataset (binary tasks also precision, recall, f1, roc_auc).",
      type: "object",
      additionalProperties: false,
      required: ["dataset"],
      properties: {
        dataset: { $ref: "#/$defs/name", description: "The dataset (a key of `datasets`)." },
        thresholds: {
          description: "Thresholds per metric.",
          type: "object",
          propertyNames: { enum: ["accuracy", "precision", "recall", "f1", "roc_auc"] },
          additionalProperties: false,
          properties: {
            accuracy: { $ref: "#/$defs/threshold", description: "Share of correct predictions." },
            precision: { $ref: "#/$defs/threshold", description: "Binary: precision of the positive class." },
            recall: { $ref: "#/$defs/threshold", description: "Binary: recall of the positive class." },
            f1: { $ref: "#/$defs/threshold", description: "Binary: F1 of the positive class." },
            roc_auc: { $ref: "#/$defs/threshold", description: "Binary: area under the ROC curve (as scikit-learn's roc_auc_score)." }
          }
        }
      }
    },
    robustness: {
      description: "Adversarial robustness within an epsilon ball (AutoAttack / RobustBench conventions).",
      type: "object",
      additionalProperties: false,
      required: ["dataset", "epsilon"],
      properties: {
        dataset: { $ref: "#/$defs/name", description: "The dataset (a key of `datasets`)." },
        limit: { description: "Number of points attacked (taken as the dataset's `sample` says). Default: all rows.", type: "integer", minimum: 1 },
        norm: { description: "Perturbation norm.", enum: ["linf", "l2"], default: "linf" },
        epsilon: {
          description: "Perturbation radius, or a list of radii: thresholds apply at the largest; all are reported.",
          "x-error": "a positive number or a non-empty list of positive numbers",
          anyOf: [
            { type: "number", exclusiveMinimum: 0 },
            { type: "array", minItems: 1, uniqueItems: true, items: { type: "number", exclusiveMinimum: 0 } }
          ]
        },
        "epsilon-scale": {
          description: "`absolute`: epsilon in feature units; `std`: epsilon times each feature's standard deviation on the dataset.",
          enum: ["absolute", "std"],
          default: "absolute"
        },
        bounds: {
          description: "Valid range of the features: [lo, hi], each a number or a list with one number per feature. Default: none.",
          type: "array",
          minItems: 2,
          maxItems: 2,
          items: {
            "x-error": "a number or a non-empty list of numbers",
            anyOf: [{ type: "number" }, { type: "array", minItems: 1, items: { type: "number" } }]
          }
        },
        immutable: {
          description: "Features that are never perturbed.",
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/$defs/column" },
          default: []
        },
        integer: {
          description: "Features that stay integral.",
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/$defs/column" },
          default: []
        },
        "one-hot": {
          description: 'One-hot groups: each the columns of one categorical feature (exactly one is 1), as a list of columns, or `{ prefix: "occupation_" }` for every feature column whose name starts with the prefix (it must match at least two).',
          type: "array",
          items: {
            "x-error": 'a list of at least two columns, or { prefix: "<column name prefix>" }',
            anyOf: [
              { type: "array", minItems: 2, uniqueItems: true, items: { $ref: "#/$defs/column" } },
              {
                type: "object",
                additionalProperties: false,
                required: ["prefix"],
                properties: { prefix: { description: "The start of the group's column names, e.g. `occupation_`.", type: "string", minLength: 1 } }
              }
            ]
          },
          default: []
        },
        "max-categorical-changes": { description: "One-hot groups that may change per point.", type: "integer", minimum: 0, default: 1 },
        attacks: {
          description: "`auto` or a list of attacks: apgd-ce, apgd-dlr, apgd-t, apgd-margin, pgd, fgsm (white-box), square (score-based), hsja (decision-based), tree (exact search on tree ensembles).",
          "x-error": "auto or a non-empty list of attack names",
          anyOf: [
            { const: "auto" },
            {
              type: "array",
              minItems: 1,
              uniqueItems: true,
              items: { enum: ["apgd-ce", "apgd-dlr", "apgd-t", "apgd-margin", "pgd", "fgsm", "square", "hsja", "tree"] }
            }
          ],
          default: "auto"
        },
        queries: { description: "Model queries per point for black-box attacks.", type: "integer", minimum: 1, default: 5e3 },
        labels: {
          description: "`true`: attacks must keep the true label (metric robust_accuracy); `predicted`: the model's own clean prediction (data without labels; metric prediction_stability).",
          enum: [true, "predicted"],
          default: true
        },
        thresholds: {
          description: "Thresholds per metric (at the largest epsilon).",
          type: "object",
          propertyNames: { enum: ["clean_accuracy", "robust_accuracy", "attack_success_rate", "prediction_stability", "max_perturbation", "max_perturbation_ratio"] },
          additionalProperties: false,
          properties: {
            clean_accuracy: { $ref: "#/$defs/threshold", description: "Accuracy on the unperturbed points." },
            robust_accuracy: { $ref: "#/$defs/threshold", description: "Share of all evaluated points classified correctly and kept correct by every attack." },
            attack_success_rate: { $ref: "#/$defs/threshold", description: "Share of clean-correct points some attack flipped." },
            prediction_stability: { $ref: "#/$defs/threshold", description: "With labels: predicted, share of points whose prediction no attack changed." },
            max_perturbation: { $ref: "#/$defs/threshold", description: "Largest perturbation found (absolute)." },
            max_perturbation_ratio: { $ref: "#/$defs/threshold", description: "Largest |delta_i| / epsilon_i (per-feature epsilon)." }
          }
        }
      }
    },
    memorisation: {
      description: "Membership inference: can training records (members) be told apart from held-out records (non-members)?",
      type: "object",
      additionalProperties: false,
      required: ["members", "non-members"],
      properties: {
        members: { $ref: "#/$defs/name", description: "Dataset of training records." },
        "non-members": { $ref: "#/$defs/name", description: "Dataset of held-out records (never trained on)." },
        score: { description: "Membership score: -loss (cross-entropy of the true label), confidence, entropy, or logit-scaled confidence.", enum: ["loss", "confidence", "entropy", "logit-scaled"], default: "loss" },
        "reference-models": {
          description: "Optional reference models for offline LiRA / RMIA. They are executed, so each is pinned by sha256.",
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["path", "sha256"],
            properties: {
              path: { $ref: "#/$defs/path", description: "The reference ONNX model." },
              sha256: { $ref: "#/$defs/sha256", description: "Pin of the reference model." }
            }
          }
        },
        population: { $ref: "#/$defs/name", description: "Dataset for RMIA's population term (never members). Needed with reference-models." },
        "max-duplicates": { description: "Most exact duplicate records allowed between members and non-members/population. Default: none (reported only).", type: "integer", minimum: 0 },
        "gate-on": { $ref: "#/$defs/gate-on", default: "point" },
        bootstrap: { $ref: "#/$defs/bootstrap", default: 1e3 },
        thresholds: {
          description: "Thresholds per metric.",
          type: "object",
          propertyNames: { enum: ["auc", "advantage", "tpr_at_fpr_0.01", "tpr_at_fpr_0.001", "train_accuracy", "holdout_accuracy", "generalization_gap"] },
          additionalProperties: false,
          properties: {
            auc: { $ref: "#/$defs/threshold", description: "ROC AUC of the membership score (ties averaged)." },
            advantage: { $ref: "#/$defs/threshold", description: "Max over thresholds of TPR - FPR." },
            "tpr_at_fpr_0.01": { $ref: "#/$defs/threshold", description: "Largest TPR at FPR <= 0.01 (gating on it needs >= 100 non-members)." },
            "tpr_at_fpr_0.001": { $ref: "#/$defs/threshold", description: "Largest TPR at FPR <= 0.001 (gating on it needs >= 1000 non-members)." },
            train_accuracy: { $ref: "#/$defs/threshold", description: "Accuracy on the members." },
            holdout_accuracy: { $ref: "#/$defs/threshold", description: "Accuracy on the non-members." },
            generalization_gap: { $ref: "#/$defs/threshold", description: "train_accuracy - holdout_accuracy." }
          }
        }
      }
    },
    fairness: {
      description: "Group fairness over the sensitive columns (Fairlearn conventions).",
      type: "object",
      additionalProperties: false,
      required: ["dataset", "sensitive"],
      properties: {
        dataset: { $ref: "#/$defs/name", description: "The dataset (a key of `datasets`)." },
        sensitive: {
          description: "Sensitive columns of the dataset; several = intersectional groups.",
          type: "array",
          minItems: 1,
          uniqueItems: true,
          items: { type: "string", minLength: 1 }
        },
        "positive-label": { description: "The favourable outcome (class value as written in the data). Default: the second class of a binary task.", type: ["integer", "string"] },
        "decision-threshold": { description: "Predict the positive label when its probability is >= this. Default: argmax.", type: "number", minimum: 0, maximum: 1 },
        "reference-group": {
          description: "Optional reference group (sensitive column -> value) for disparate_impact and statistical_parity_difference.",
          type: "object",
          minProperties: 1,
          additionalProperties: { type: ["string", "number", "boolean"] }
        },
        "min-group-size": { description: "Groups with fewer rows are left out (and listed).", type: "integer", minimum: 1, default: 30 },
        "gate-on": { $ref: "#/$defs/gate-on", default: "point" },
        bootstrap: { $ref: "#/$defs/bootstrap", default: 1e3 },
        thresholds: {
          description: "Thresholds per metric.",
          type: "object",
          propertyNames: { enum: ["demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference", "equalized_odds_ratio", "equal_opportunity_difference", "equal_opportunity_ratio", "disparate_impact", "statistical_parity_difference"] },
          additionalProperties: false,
          properties: {
            demographic_parity_difference: { $ref: "#/$defs/threshold", description: "Max - min selection rate over groups." },
            demographic_parity_ratio: { $ref: "#/$defs/threshold", description: "Min / max selection rate." },
            equalized_odds_difference: { $ref: "#/$defs/threshold", description: "Max of the TPR difference and the FPR difference." },
            equalized_odds_ratio: { $ref: "#/$defs/threshold", description: "Min of the TPR ratio and the FPR ratio." },
            equal_opportunity_difference: { $ref: "#/$defs/threshold", description: "Max - min true positive rate." },
            equal_opportunity_ratio: { $ref: "#/$defs/threshold", description: "Min / max true positive rate." },
            disparate_impact: { $ref: "#/$defs/threshold", description: "Needs reference-group: selection rate of a group / the reference group's (four-fifths rule: min 0.8)." },
            statistical_parity_difference: { $ref: "#/$defs/threshold", description: "Needs reference-group: selection rate of a group minus the reference group's." }
          }
        }
      }
    },
    "model-card": {
      description: "Claimed vs measured: the model card's metrics (model-index) compared with what the gates measured. Without this gate, card metrics whose type equals a measured metric's name are compared (tolerance 0.01, warn).",
      type: "object",
      additionalProperties: false,
      properties: {
        claims: {
          description: "Card metric type -> the measured metric it must match. List at least one: a listed claim that cannot be compared (missing card, no or invalid front matter, no such metric in the card, a value that is not a number, a metric this run did not measure) is an error.",
          type: "object",
          additionalProperties: {
            type: "object",
            additionalProperties: false,
            required: ["measured"],
            properties: {
              measured: {
                description: "The measured metric's name.",
                enum: ["accuracy", "precision", "recall", "f1", "roc_auc", "clean_accuracy", "robust_accuracy", "attack_success_rate", "prediction_stability", "max_perturbation", "max_perturbation_ratio", "auc", "advantage", "tpr_at_fpr_0.01", "tpr_at_fpr_0.001", "train_accuracy", "holdout_accuracy", "generalization_gap", "demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference", "equalized_odds_ratio", "equal_opportunity_difference", "equal_opportunity_ratio", "disparate_impact", "statistical_parity_difference"]
              },
              tolerance: { description: "Largest accepted |claimed - measured|.", type: "number", minimum: 0, default: 0.01 }
            }
          },
          default: {}
        },
        "on-mismatch": { description: "What a claim outside its tolerance does: `warn` or `fail` the gate.", enum: ["warn", "fail"], default: "warn" }
      }
    }
  }
};

// src/policy/suggest.ts
function closest(word, candidates) {
  const norm = (s) => s.toLowerCase().replace(/_/g, "-");
  const w = norm(word);
  let best;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    const d = osaDistance(w, norm(c));
    if (d < bestD) {
      bestD = d;
      best = c;
      tie = false;
    } else if (d === bestD) {
      tie = true;
    }
  }
  if (best === void 0) return void 0;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  if (bestD > limit || tie) return void 0;
  return best;
}
function osaDistance(a, b) {
  const m = a.length, n = b.length;
  const d = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

// src/policy/types.ts
var GATE_NAMES = GATES.map((g) => g.name);
var GATE_METRICS = Object.fromEntries(
  GATES.filter((g) => g.metrics.length > 0).map((g) => [g.name, g.metrics])
);
function formatPath(path2) {
  let out = "";
  for (const seg of path2) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out === "" ? "(the policy)" : out;
}

// src/policy/checks.ts
function policyPaths(policy) {
  const out = [];
  const add = (path2, value, trust = false) => {
    if (typeof value === "string") out.push({ path: path2, value, trust });
  };
  add(["model", "path"], policy.model?.path);
  add(["model", "card"], policy.model?.card);
  const s = policy.signature;
  if (s) {
    add(["signature", "bundle"], s.bundle);
    add(["signature", "subject"], s.subject);
    add(["signature", "key"], s.key, true);
    const roots = s["certificate-roots"];
    if (Array.isArray(roots)) roots.forEach((r, i) => add(["signature", "certificate-roots", i], r, true));
    else add(["signature", "certificate-roots"], roots, true);
    add(["signature", "trusted-root"], s["trusted-root"], true);
  }
  for (const [name, ds] of Object.entries(policy.datasets ?? {})) {
    add(["datasets", name, "path"], ds?.path);
    add(["datasets", name, "labels"], ds?.labels);
  }
  const refs = policy.gates?.memorisation?.["reference-models"];
  if (Array.isArray(refs)) refs.forEach((r, i) => add(["gates", "memorisation", "reference-models", i, "path"], r?.path));
  return out;
}
function pathProblem(value) {
  if (value.includes("\0")) return "contains a NUL byte";
  if (/^[a-zA-Z]:/.test(value) || value.startsWith("/") || value.startsWith("\\")) return "is absolute";
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value)) return "is a URL, not a file path";
  let depth = 0;
  for (const seg of value.split(/[\\/]+/)) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      depth--;
      if (depth < 0) return "leaves the working directory (..)";
    } else {
      depth++;
    }
  }
  return null;
}
function checkPaths(policy, written = () => true) {
  const issues = [];
  for (const p of policyPaths(policy)) {
    if (p.path[0] === "signature" && p.path[1] === "subject" && !written(p.path)) continue;
    const prob = pathProblem(p.value);
    if (prob) issues.push({ path: p.path, where: "value", message: `${formatPath(p.path)} ${JSON.stringify(p.value)} ${prob}: use a path relative to the working directory, inside the workspace` });
  }
  const ignore = policy.signature?.["ignore-paths"];
  if (Array.isArray(ignore)) {
    ignore.forEach((v, i) => {
      const prob = typeof v === "string" ? pathProblem(v) : null;
      if (prob) issues.push({ path: ["signature", "ignore-paths", i], where: "value", message: `signature.ignore-paths[${i}] ${JSON.stringify(v)} ${prob}: use a path relative to the working directory, inside the signed subject` });
    });
  }
  return issues;
}
var METRIC_RANGE = {};
for (const g of ["accuracy", "robustness", "memorisation", "fairness"]) for (const m of GATE_METRICS[g] ?? []) METRIC_RANGE[m] = [0, 1];
METRIC_RANGE.generalization_gap = [-1, 1];
METRIC_RANGE.statistical_parity_difference = [-1, 1];
METRIC_RANGE.disparate_impact = [0, Infinity];
METRIC_RANGE.max_perturbation = [0, Infinity];
METRIC_RANGE.max_perturbation_ratio = [0, Infinity];
var GATE_OF = {};
for (const [g, ms] of Object.entries(GATE_METRICS)) for (const m of ms) GATE_OF[m] = g;
function checkPolicy(policy, written = () => true, tolerant = false) {
  const issues = checkPaths(policy, written);
  const issue = (path2, where, message) => {
    issues.push({ path: path2, where, message });
  };
  const part = (value, check) => {
    if (value === void 0 || value === null) return;
    try {
      check(value);
    } catch (e) {
      if (!tolerant) throw e;
    }
  };
  const datasets = Object.keys(policy.datasets ?? {});
  const kl = policy.signature?.keyless;
  part(kl?.["identity-regex"], (re) => {
    const path2 = ["signature", "keyless", "identity-regex"];
    let ok = true;
    try {
      new RegExp(re);
    } catch (e) {
      ok = false;
      issue(path2, "value", `${formatPath(path2)} is not a valid regular expression: ${e.message}`);
    }
    if (ok && !(re.startsWith("^") && re.endsWith("$") && !re.endsWith("\\$"))) {
      issue(path2, "value", `${formatPath(path2)} must be anchored (start with ^ and end with $) so that it cannot match a longer identity`);
    }
  });
  for (const [name, ds] of Object.entries(policy.datasets ?? {})) part(ds, () => {
    const ext = /\.([A-Za-z0-9]+)$/.exec(ds.path)?.[1]?.toLowerCase();
    if (ext !== "csv" && ext !== "npy" && ext !== "parquet") {
      issue(["datasets", name, "path"], "value", `datasets.${name}.path ${JSON.stringify(ds.path)} is not a .csv, .npy or .parquet file`);
    }
    if (ds.label !== void 0 && ds.labels !== void 0) {
      issue(["datasets", name, "labels"], "key", `datasets.${name} has both label (a column) and labels (a .npy file): keep one`);
    }
    if (ds.labels !== void 0 && ext !== "npy") {
      issue(["datasets", name, "labels"], "key", `datasets.${name}.labels (a .npy labels file) is only for .npy features: for .${ext ?? "?"} files name the label column with label`);
    }
    if (ds.labels !== void 0 && !/\.npy$/i.test(ds.labels)) {
      issue(["datasets", name, "labels"], "value", `datasets.${name}.labels ${JSON.stringify(ds.labels)} is not a .npy file`);
    }
    if (ds["labels-sha256"] !== void 0 && ds.labels === void 0) {
      issue(["datasets", name, "labels-sha256"], "key", `datasets.${name}.labels-sha256 pins a labels file, but datasets.${name}.labels is not set`);
    }
    if (ds.label !== void 0 && ds.exclude.includes(ds.label)) {
      issue(["datasets", name, "exclude"], "value", `datasets.${name}.exclude lists the label column ${JSON.stringify(ds.label)} (the label is never a feature anyway)`);
    }
  });
  const datasetsMap = policy.datasets !== null && typeof policy.datasets === "object" && !Array.isArray(policy.datasets);
  const ref = (path2, value) => {
    if (!datasetsMap || policy.datasets[value] !== void 0) return;
    const guess = closest(value, datasets);
    const known = datasets.length ? `datasets: ${datasets.join(", ")}` : "the policy has no datasets";
    issue(path2, "value", `${formatPath(path2)} names dataset ${JSON.stringify(value)}, which is not defined under datasets (${known})${guess ? `; did you mean ${guess}?` : ""}`);
  };
  const thresholds = (gate, t) => {
    for (const [metric, th] of Object.entries(t ?? {})) {
      if (!th) continue;
      const path2 = ["gates", gate, "thresholds", metric];
      if (th.min !== void 0 && th.max !== void 0 && th.min > th.max) {
        issue(path2, "key", `${formatPath(path2)} has min ${th.min} > max ${th.max}: no value can pass`);
      }
      const [lo, hi] = METRIC_RANGE[metric] ?? [-Infinity, Infinity];
      for (const side of ["min", "max"]) {
        const v = th[side];
        if (v === void 0 || v >= lo && v <= hi) continue;
        const range2 = hi === Infinity ? `>= ${lo}` : `between ${lo} and ${hi}`;
        const pct = hi === 1 && v > 1 && v <= 100 ? ` (write ${v / 100} for ${v} %)` : "";
        issue([...path2, side], "value", `${formatPath([...path2, side])} ${v} is outside the range of ${metric}, which is ${range2}${pct}`);
      }
    }
  };
  const g = policy.gates ?? {};
  part(g.accuracy, (a) => {
    ref(["gates", "accuracy", "dataset"], a.dataset);
    thresholds("accuracy", a.thresholds);
  });
  part(g.robustness, (r) => {
    ref(["gates", "robustness", "dataset"], r.dataset);
    thresholds("robustness", r.thresholds);
    if (r.labels === "predicted" && r.thresholds?.robust_accuracy) {
      issue(["gates", "robustness", "thresholds", "robust_accuracy"], "key", "gates.robustness.thresholds.robust_accuracy is not measured with labels: predicted: gate on prediction_stability instead");
    }
    if (r.bounds) {
      const [lo, hi] = r.bounds;
      const n = Array.isArray(lo) && Array.isArray(hi) ? lo.length === hi.length ? lo.length : -1 : Array.isArray(lo) ? lo.length : Array.isArray(hi) ? hi.length : 1;
      if (n < 0) {
        issue(["gates", "robustness", "bounds"], "value", `gates.robustness.bounds has ${lo.length} lower and ${hi.length} upper bounds: give one per feature on both sides`);
      } else {
        for (let i = 0; i < n; i++) {
          const l = Array.isArray(lo) ? lo[i] : lo;
          const h = Array.isArray(hi) ? hi[i] : hi;
          if (!(l < h)) {
            const at = n > 1 || Array.isArray(lo) || Array.isArray(hi) ? ` at feature ${i}` : "";
            issue(["gates", "robustness", "bounds"], "value", `gates.robustness.bounds: lower bound ${l} is not below upper bound ${h}${at}`);
            break;
          }
        }
      }
    }
    const seen = /* @__PURE__ */ new Map();
    r["one-hot"].forEach((group, gi) => {
      if (!Array.isArray(group)) return;
      for (const c of group) {
        const k = JSON.stringify(c);
        const prev = seen.get(k);
        if (prev !== void 0 && prev !== gi) {
          issue(["gates", "robustness", "one-hot", gi], "value", `gates.robustness.one-hot[${gi}] repeats ${String(c)}, already in one-hot[${prev}]: a column belongs to one group`);
        }
        seen.set(k, gi);
      }
    });
  });
  part(g.memorisation, (m) => {
    ref(["gates", "memorisation", "members"], m.members);
    ref(["gates", "memorisation", "non-members"], m["non-members"]);
    if (m.population !== void 0) ref(["gates", "memorisation", "population"], m.population);
    thresholds("memorisation", m.thresholds);
    const path2 = (n) => policy.datasets[n]?.path;
    if (m.members === m["non-members"]) {
      issue(["gates", "memorisation", "non-members"], "value", `gates.memorisation.non-members is the same dataset as members (${JSON.stringify(m.members)}): non-members must be records the model was not trained on`);
    } else if (path2(m.members) !== void 0 && samePath(path2(m.members), path2(m["non-members"]) ?? "")) {
      issue(["gates", "memorisation", "non-members"], "value", `gates.memorisation.non-members reads the same file as members (${JSON.stringify(path2(m.members))}): non-members must be records the model was not trained on`);
    }
    if (m.population !== void 0 && (m.population === m.members || path2(m.members) !== void 0 && samePath(path2(m.members), path2(m.population) ?? ""))) {
      issue(["gates", "memorisation", "population"], "value", "gates.memorisation.population must not be the members dataset (RMIA's population term uses records outside the training set)");
    }
    if (m["reference-models"] && m.population === void 0) {
      issue(["gates", "memorisation", "reference-models"], "key", "gates.memorisation.reference-models needs gates.memorisation.population (the data for RMIA's population term, never members)");
    }
    if (m["gate-on"] !== "point" && m.bootstrap === 0) {
      issue(["gates", "memorisation", "gate-on"], "value", `gates.memorisation.gate-on ${m["gate-on"]} needs confidence intervals, but bootstrap is 0`);
    }
  });
  part(g.fairness, (f) => {
    ref(["gates", "fairness", "dataset"], f.dataset);
    thresholds("fairness", f.thresholds);
    const rg = f["reference-group"];
    for (const metric of ["disparate_impact", "statistical_parity_difference"]) {
      if (f.thresholds?.[metric] && !rg) {
        issue(["gates", "fairness", "thresholds", metric], "key", `gates.fairness.thresholds.${metric} needs gates.fairness.reference-group (the group the others are compared with)`);
      }
    }
    for (const col of Object.keys(rg ?? {})) {
      if (!f.sensitive.includes(col)) {
        issue(["gates", "fairness", "reference-group", col], "key", `gates.fairness.reference-group.${col} is not one of the sensitive columns (${f.sensitive.join(", ")})`);
      }
    }
    if (f["gate-on"] !== "point" && f.bootstrap === 0) {
      issue(["gates", "fairness", "gate-on"], "value", `gates.fairness.gate-on ${f["gate-on"]} needs confidence intervals, but bootstrap is 0`);
    }
  });
  part(g["model-card"], (mc) => {
    if (policy.model.card === void 0) {
      issue(["gates", "model-card"], "key", "gates.model-card needs model.card (the model card whose claims are compared)");
    }
    for (const [claim, c] of Object.entries(mc.claims)) {
      const gate = GATE_OF[c.measured];
      if (gate && !(gate in g)) {
        const path2 = ["gates", "model-card", "claims", claim, "measured"];
        issue(path2, "value", `${formatPath(path2)} ${c.measured} is measured by gate ${gate}, which this policy does not run`);
      }
    }
  });
  return issues;
}
function samePath(a, b) {
  const norm = (p) => {
    const out = [];
    for (const seg of p.split(/[\\/]+/)) {
      if (seg === "" || seg === ".") continue;
      if (seg === "..") out.pop();
      else out.push(seg);
    }
    return out.join("/");
  };
  return norm(a) === norm(b);
}

// src/policy/load.ts
function parsePolicy(text, file) {
  const d = diagnosePolicy(text, file);
  if (d.problems.length > 0 || !d.parsed) throw new PolicyError(d.problems);
  return d.parsed;
}
function diagnosePolicy(text, file) {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(text);
  const sha256 = createHash3("sha256").update(bytes).digest("hex");
  let source2 = typeof text === "string" ? text : bytes.toString("utf8");
  if (source2.charCodeAt(0) === 65279) source2 = source2.slice(1);
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(source2, { lineCounter, prettyErrors: false, uniqueKeys: true, version: "1.2", strict: true, merge: true });
  const at = (offset) => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, source2.length)));
    return { line: p.line, col: p.col };
  };
  const problem = (pos, msg) => ({
    message: `${file}:${pos.line}:${pos.col}: ${oneLineText(msg)}`,
    file,
    line: pos.line,
    col: pos.col
  });
  const locate = makeLocator(doc, lineCounter);
  const problemAt = (path2, where, msg) => problem(locate(path2, where, true) ?? { line: 1, col: 1 }, msg);
  const subjects = [];
  const reported = (path2) => subjects.some((s) => s.length <= path2.length && s.every((seg, i) => String(seg) === String(path2[i])));
  const done = (problems2, data2) => ({ problems: sortProblems(dedupe(problems2)), data: data2, problemAt, reported });
  const yamlProblems = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    yamlProblems.push(problem(at(e.pos[0]), `YAML ${yamlMessage(e.code, e.message, source2, e.pos)}`));
  }
  if (yamlProblems.length > 0) return done(yamlProblems);
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return done([problem({ line: 1, col: 1 }, `YAML ${msg.replace(/\s+/g, " ")}`)]);
  }
  if (data === null || data === void 0) {
    return done([problem({ line: 1, col: 1 }, 'the policy is empty: start it with "version: 1" (see policies/model-gate.schema.json)')]);
  }
  const positionOf = (path2) => {
    const p = locate(path2, "key", false);
    return p ? { file, line: p.line, col: p.col } : void 0;
  };
  const written = (path2) => locate(path2, "key", false) !== void 0;
  const validate = validator();
  const nonFinite = nonFiniteNumbers(data);
  const schemaValid = validate(data) && nonFinite.length === 0;
  const problems = [];
  for (const p of nonFinite) {
    subjects.push(p);
    problems.push(problemAt(p, "value", `${formatPath(p)} must be a finite number (got ${String(valueAt(data, p))})`));
  }
  if (!schemaValid) {
    const atNonFinite = (p) => nonFinite.some((n) => formatPath(n) === formatPath(p));
    for (const p of translateErrors(validate.errors ?? [], data)) {
      if (atNonFinite(p.path)) continue;
      subjects.push(p.subject ?? p.path);
      problems.push(problemAt(p.path, p.where, p.message));
    }
  }
  const sig = data.signature;
  if (sig !== null && typeof sig === "object" && !Array.isArray(sig)) {
    const s = sig;
    if (s.subject === void 0) s.subject = data.model?.path;
  }
  const datasets = data.datasets;
  if (datasets !== null && typeof datasets === "object" && !Array.isArray(datasets)) {
    for (const d of Object.values(datasets)) {
      if (d === null || typeof d !== "object" || Array.isArray(d)) continue;
      const x = d;
      x.sample ??= x.label !== void 0 || x.labels !== void 0 ? "stratified" : "first";
    }
  }
  const prefix = (a, b) => a.length <= b.length && a.every((seg, i) => String(seg) === String(b[i]));
  const blamedBelow = (p) => p.where === "value" && subjects.some((s) => prefix(p.path, s));
  for (const p of checkPolicy(data, written, !schemaValid)) {
    if (schemaValid || !(reported(p.path) || blamedBelow(p))) problems.push(problemAt(p.path, p.where, p.message));
  }
  if (problems.length > 0) return done(problems, data);
  return { problems: [], parsed: { policy: data, positionOf, sha256 }, data, problemAt, reported };
}
function validator() {
  if (compiled) return compiled;
  const ajv = new import__.Ajv2020({ allErrors: true, verbose: true, useDefaults: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addKeyword({ keyword: "x-error", schemaType: ["string", "object"] });
  compiled = ajv.compile(model_gate_schema_default);
  return compiled;
}
var compiled;
function yamlMessage(code, message, source2, pos) {
  switch (code) {
    case "DUPLICATE_KEY": {
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:,{}[\]\r\n]+)/.exec(source2.slice(pos[0]));
      const key2 = m ? m[1].trim().replace(/^["']|["']$/g, "") : "key";
      return `duplicate key ${JSON.stringify(key2)}: keys must be unique (remove or merge one of them)`;
    }
    case "TAB_AS_INDENT":
      return "tabs are not allowed as indentation: indent with spaces";
    case "MULTIPLE_DOCS":
      return "the file contains several documents (---): a policy is one document";
    case "TAG_RESOLVE_FAILED":
      return `${message.replace(/\.$/, "")}: custom tags are not supported`;
    default:
      return message.replace(/; please use YAML\.parseAllDocuments\(\)/, "");
  }
}
function makeLocator(doc, lc) {
  const pos = (offset) => {
    const p = lc.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const deref = (n) => (0, import_yaml.isAlias)(n) ? n.resolve(doc) : n;
  return (path2, where, nearest) => {
    let node = deref(doc.contents);
    let keyPos = node && node.range ? pos(node.range[0]) : { line: 1, col: 1 };
    let valueNode = node;
    let lastGood = keyPos;
    for (const seg of path2) {
      let found = false;
      if ((0, import_yaml.isMap)(node)) {
        for (const item of node.items) {
          if (!(0, import_yaml.isPair)(item)) continue;
          const k = (0, import_yaml.isScalar)(item.key) ? item.key.value : item.key;
          if (String(k) === String(seg)) {
            const kr = (0, import_yaml.isScalar)(item.key) ? item.key.range : void 0;
            const vr = item.value?.range;
            keyPos = kr ? pos(kr[0]) : vr ? pos(vr[0]) : keyPos;
            valueNode = item.value;
            node = deref(item.value);
            found = true;
          }
        }
      } else if ((0, import_yaml.isSeq)(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (item !== void 0) {
          const r = item?.range;
          if (r) keyPos = pos(r[0]);
          valueNode = item;
          node = deref(item);
          found = true;
        }
      }
      if (!found) return nearest ? lastGood : void 0;
      lastGood = keyPos;
    }
    if (where === "value") {
      const v = valueNode;
      const flow = (0, import_yaml.isScalar)(v) || (0, import_yaml.isAlias)(v) || ((0, import_yaml.isMap)(v) || (0, import_yaml.isSeq)(v)) && v.flow;
      if (flow && v?.range) return pos(v.range[0]);
    }
    return keyPos;
  };
}
var GATE_OF_METRIC = /* @__PURE__ */ new Map();
for (const [gate, metrics] of Object.entries(GATE_METRICS)) for (const m of metrics) GATE_OF_METRIC.set(m, gate);
var REQUIRED_HINTS = {
  version: 'version is required: start the policy with "version: 1"',
  model: 'model is required: name the ONNX model with "model: { path: ... }"',
  signature: 'signature is required: say who must have signed the model (signature.keyless, signature.key or signature.certificate-roots with signature.bundle), or write "signature: { required: false }" to accept unsigned models',
  "signature.bundle": "signature.bundle is required when signature.required is true (the default): the path of the model's signature file"
};
function pathOf(instancePath, data) {
  if (instancePath === "") return [];
  const out = [];
  let node = data;
  for (const raw of instancePath.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node !== null && typeof node === "object" ? node[seg] : void 0;
    }
  }
  return out;
}
function valueAt(data, path2) {
  let node = data;
  for (const seg of path2) {
    if (node === null || typeof node !== "object") return void 0;
    node = node[seg];
  }
  return node;
}
function jsonType(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}
var TYPE_NAMES = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean (true or false)",
  null: "empty"
};
function describe(v) {
  if (v === null || v === void 0) return "an empty value";
  if (typeof v === "string") {
    const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
    return JSON.stringify(s);
  }
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return "a list";
  if (v instanceof Uint8Array) return "binary data";
  if (typeof v === "object") return "a mapping";
  return typeof v;
}
function show2(v) {
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}
function joinOr(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
function branchMatches(branch, v) {
  const t = jsonType(v);
  if (branch.type !== void 0) {
    const types = Array.isArray(branch.type) ? branch.type : [branch.type];
    return types.includes(t) || t === "integer" && types.includes("number");
  }
  if ("const" in branch) return jsonType(branch.const) === t || t === "integer" && typeof branch.const === "number";
  if (Array.isArray(branch.enum)) return branch.enum.some((e) => jsonType(e) === t);
  return false;
}
function isUnder(inner, outer) {
  return inner === outer || inner.startsWith(`${outer}/`);
}
function translateErrors(errors, data) {
  const combinators = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const chosen = /* @__PURE__ */ new Map();
  for (const c of combinators) {
    const branches = c.schema ?? [];
    const v = valueAt(data, pathOf(c.instancePath, data));
    const fits = branches.map((b, i) => branchMatches(b, v) ? i : -1).filter((i) => i >= 0);
    chosen.set(c, c.keyword === "anyOf" && fits.length === 1 ? fits[0] : null);
  }
  const kept = /* @__PURE__ */ new Set();
  const reportedDeeper = /* @__PURE__ */ new Set();
  for (const e of errors) {
    if (e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if") continue;
    let keep = true;
    for (const c of combinators) {
      const prefix = `${c.schemaPath}/`;
      if (!e.schemaPath.startsWith(prefix) || !isUnder(e.instancePath, c.instancePath)) continue;
      const branch = Number(e.schemaPath.slice(prefix.length).split("/")[0]);
      const pick = chosen.get(c);
      if (pick === null || pick !== branch || e.instancePath === c.instancePath) {
        keep = false;
        break;
      }
      reportedDeeper.add(c);
    }
    if (keep) kept.add(e);
  }
  const typoFor = /* @__PURE__ */ new Set();
  for (const e of errors) {
    if (e.keyword !== "additionalProperties") continue;
    const props = Object.keys(e.parentSchema?.properties ?? {});
    const guess = closest(String(e.params.additionalProperty), props);
    if (guess) typoFor.add(`${e.instancePath}/${guess}`);
  }
  const out = [];
  for (const e of errors) {
    if (e.keyword === "anyOf" || e.keyword === "oneOf") {
      if (!reportedDeeper.has(e)) out.push(combinatorMessage(e, data));
      continue;
    }
    if (!kept.has(e)) continue;
    if (e.keyword === "required" && typoFor.has(`${e.instancePath}/${String(e.params.missingProperty)}`)) continue;
    if (e.propertyName !== void 0 && e.keyword !== "propertyNames") continue;
    const m = errorMessage(e, data);
    if (m) out.push(m);
  }
  return out;
}
function combinatorMessage(e, data) {
  const path2 = pathOf(e.instancePath, data);
  const v = valueAt(data, path2);
  const x = e.parentSchema?.["x-error"];
  const name = formatPath(path2);
  if (x && typeof x === "object") {
    const many = e.params.passingSchemas != null;
    const msg = x[many ? "many" : "none"];
    return { path: path2, where: "key", message: `${name} ${msg}` };
  }
  const expected = typeof x === "string" ? x : "one of the allowed forms";
  return { path: path2, where: "value", message: `${name} must be ${expected} (got ${describe(v)})` };
}
function errorMessage(e, data) {
  const path2 = pathOf(e.instancePath, data);
  const name = formatPath(path2);
  const v = valueAt(data, path2);
  const params = e.params;
  const parent = e.parentSchema ?? {};
  switch (e.keyword) {
    case "additionalProperties": {
      const key2 = String(params.additionalProperty);
      const full = [...path2, key2];
      const props = Object.keys(parent.properties ?? {});
      const guess = closest(key2, props);
      const mean2 = guess ? `did you mean ${guess}?` : "";
      if (path2.length === 3 && path2[0] === "gates" && path2[2] === "thresholds") {
        const gate = String(path2[1]);
        const other = GATE_OF_METRIC.get(key2);
        const hint = other && other !== gate ? `; ${key2} is a metric of gate ${other}` : guess ? `; did you mean ${guess}?` : "";
        return { path: full, where: "key", message: `${formatPath(full)} is not a known metric of gate ${gate} (known: ${props.join(", ")})${hint}` };
      }
      if (path2.length === 1 && path2[0] === "gates") {
        return { path: full, where: "key", message: `${formatPath(full)} is not a known gate (known: ${props.join(", ")})${guess ? `; did you mean ${guess}?` : ""}` };
      }
      const owner = path2.length === 0 ? "the policy" : name;
      return {
        path: full,
        where: "key",
        message: `${formatPath(full)} is not a known key of ${owner} (${mean2 || `known: ${props.join(", ")}`})`.replace(" ()", "")
      };
    }
    case "required": {
      const key2 = String(params.missingProperty);
      const full = formatPath([...path2, key2]);
      const hint = REQUIRED_HINTS[full];
      return { path: path2, where: "key", message: hint ?? `${full} is required`, subject: [...path2, key2] };
    }
    case "type": {
      const want = Array.isArray(params.type) ? params.type : String(params.type).split(",");
      const names = want.map((t) => TYPE_NAMES[t] ?? t);
      let msg = `${name} must be ${joinOr(names)} (got ${describe(v)})`;
      if (want.includes("string") && (typeof v === "number" || typeof v === "boolean")) msg += ": quote it";
      if (want.includes("boolean") && typeof v === "string" && /^(yes|no|on|off|y|n)$/i.test(v)) msg += ": YAML 1.2 reads it as text, write true or false";
      return { path: path2, where: "value", message: msg };
    }
    case "const": {
      if (path2.length === 1 && path2[0] === "version") {
        return { path: path2, where: "value", message: `version must be 1 (got ${describe(v)}): this model-gate reads policy version 1` };
      }
      return { path: path2, where: "value", message: `${name} must be ${show2(params.allowedValue)} (got ${describe(v)})` };
    }
    case "enum": {
      const allowed = params.allowedValues.map(show2);
      const guess = typeof v === "string" ? closest(v, allowed) : void 0;
      if (path2.length === 5 && path2[0] === "gates" && path2[4] === "measured") {
        return { path: path2, where: "value", message: `${name} ${describe(v)} is not a measured metric${guess ? `; did you mean ${guess}?` : ""} (known: ${allowed.join(", ")})` };
      }
      return { path: path2, where: "value", message: `${name} must be one of ${allowed.join(", ")} (got ${describe(v)})${guess ? `; did you mean ${guess}?` : ""}` };
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const op = { minimum: ">=", maximum: "<=", exclusiveMinimum: ">", exclusiveMaximum: "<" }[e.keyword];
      return { path: path2, where: "value", message: `${name} must be ${op} ${params.limit} (got ${describe(v)})` };
    }
    case "minItems": {
      if (path2[path2.length - 1] === "bounds") return { path: path2, where: "value", message: `${name} must be a pair [lo, hi] (got ${v.length} item${v.length === 1 ? "" : "s"})` };
      return { path: path2, where: "value", message: params.limit === 1 ? `${name} must not be an empty list` : `${name} must have at least ${params.limit} items (got ${v.length})` };
    }
    case "maxItems": {
      if (path2[path2.length - 1] === "bounds") return { path: path2, where: "value", message: `${name} must be a pair [lo, hi] (got ${v.length} items)` };
      return { path: path2, where: "value", message: `${name} must have at most ${params.limit} items (got ${v.length})` };
    }
    case "minProperties": {
      if (parent.properties && "min" in parent.properties && "max" in parent.properties) {
        return { path: path2, where: "key", message: `${name} needs min or max (e.g. { min: 0.9 })` };
      }
      return { path: path2, where: "key", message: `${name} must not be empty` };
    }
    case "minLength":
      return { path: path2, where: "value", message: `${name} must not be empty` };
    case "uniqueItems": {
      const arr = v;
      const i = Number(params.i), j = Number(params.j);
      return { path: [...path2, i], where: "value", message: `${name} lists ${show2(arr[i])} twice (items ${j} and ${i})` };
    }
    case "pattern": {
      if (String(params.pattern).includes("{64}")) {
        return { path: path2, where: "value", message: `${name} must be a sha256 digest: 64 hexadecimal characters (got ${describe(v)})` };
      }
      return { path: path2, where: "value", message: `${name} must match ${params.pattern} (got ${describe(v)})` };
    }
    case "propertyNames": {
      const prop = String(params.propertyName);
      if (parent.additionalProperties === false) return null;
      return { path: [...path2, prop], where: "key", message: `${formatPath([...path2, prop])}: ${JSON.stringify(prop)} is not a valid name (letters, digits, _ - . starting with a letter or digit)` };
    }
    case "if":
      return null;
    default:
      return { path: path2, where: "value", message: `${name} ${e.message ?? "is invalid"}` };
  }
}
function nonFiniteNumbers(data, path2 = [], out = []) {
  if (typeof data === "number" && !Number.isFinite(data)) out.push(path2);
  else if (Array.isArray(data)) data.forEach((v, i) => nonFiniteNumbers(v, [...path2, i], out));
  else if (data !== null && typeof data === "object" && !(data instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(data)) nonFiniteNumbers(v, [...path2, k], out);
  }
  return out;
}
function oneLineText(text) {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function dedupe(problems) {
  const seen = /* @__PURE__ */ new Set();
  return problems.filter((p) => seen.has(p.message) ? false : (seen.add(p.message), true));
}
function sortProblems(problems) {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i).map(({ p }) => p);
}

// src/data/load.ts
import { lstatSync, openSync, readSync, closeSync, statSync } from "node:fs";
import path from "node:path";

// src/data/csv.ts
import { open } from "node:fs/promises";
import { createHash as createHash4 } from "node:crypto";
var MISSING_TOKENS = ["NA", "N/A", "NaN", "nan", "null", "NULL", "?"];
var COMMA = 44;
var QUOTE = 34;
var LF = 10;
var CR = 13;
var SPACE = 32;
var TAB = 9;
var MODE_NUM = 0;
var MODE_STR = 1;
var MODE_DEFERRED = 2;
var MODE_SKIP = 3;
var MAX_RECORD_BYTES = 64 << 20;
var INTERN_LIMIT = 1 << 16;
var NumBuilder = class {
  values = new Float64Array(1024);
  length = 0;
  push(v) {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = v;
  }
  finish() {
    const spare = this.values.length - this.length;
    return spare === 0 ? this.values : spare <= this.length / 8 ? this.values.subarray(0, this.length) : this.values.slice(0, this.length);
  }
};
var Fields = class {
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** bit 1: quoted; bit 2: contains doubled quotes. */
  flags = new Uint8Array(64);
  count = 0;
  push(s, e, f) {
    if (this.count === this.start.length) {
      const n = this.count * 2;
      const s2 = new Int32Array(n);
      s2.set(this.start);
      this.start = s2;
      const e2 = new Int32Array(n);
      e2.set(this.end);
      this.end = e2;
      const f2 = new Uint8Array(n);
      f2.set(this.flags);
      this.flags = f2;
    }
    this.start[this.count] = s;
    this.end[this.count] = e;
    this.flags[this.count] = f;
    this.count++;
  }
};
function parseRecord(buf, pos, end, eof, fields, out, onBad) {
  fields.count = 0;
  let p = pos;
  let lines = 0;
  for (; ; ) {
    if (p < end && buf[p] === QUOTE) {
      p++;
      const s = p;
      let flags = 1;
      let fe = -1;
      while (fe < 0) {
        if (p >= end) {
          if (!eof) {
            out.next = -1;
            return;
          }
          onBad("unterminated", lines);
        }
        const c2 = buf[p];
        if (c2 === QUOTE) {
          if (p + 1 >= end && !eof) {
            out.next = -1;
            return;
          }
          if (p + 1 < end && buf[p + 1] === QUOTE) {
            flags |= 2;
            p += 2;
            continue;
          }
          fe = p;
          p++;
          break;
        }
        if (c2 === LF) lines++;
        p++;
      }
      fields.push(s, fe, flags);
      if (p >= end) {
        if (!eof) {
          out.next = -1;
          return;
        }
        out.next = p;
        out.lines = lines;
        return;
      }
      const c = buf[p];
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === LF) {
        out.next = p + 1;
        out.lines = lines + 1;
        return;
      }
      if (c === CR) {
        if (p + 1 >= end && !eof) {
          out.next = -1;
          return;
        }
        p++;
        if (p < end && buf[p] === LF) p++;
        out.next = p;
        out.lines = lines + 1;
        return;
      }
      onBad("after-quote", lines);
    } else {
      const s = p;
      while (p < end) {
        const c2 = buf[p];
        if (c2 === COMMA || c2 === LF || c2 === CR) break;
        p++;
      }
      if (p >= end && !eof) {
        out.next = -1;
        return;
      }
      fields.push(s, p, 0);
      if (p >= end) {
        out.next = p;
        out.lines = lines;
        return;
      }
      const c = buf[p];
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === LF) {
        out.next = p + 1;
        out.lines = lines + 1;
        return;
      }
      if (p + 1 >= end && !eof) {
        out.next = -1;
        return;
      }
      p++;
      if (p < end && buf[p] === LF) p++;
      out.next = p;
      out.lines = lines + 1;
      return;
    }
  }
}
var POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
var notNumber = false;
function isMissingBytes(buf, s, e) {
  const n = e - s;
  if (n === 0) return true;
  const c0 = buf[s];
  switch (n) {
    case 1:
      return c0 === 63;
    // ?
    case 2:
      return c0 === 78 && buf[s + 1] === 65;
    // NA
    case 3: {
      const c1 = buf[s + 1], c2 = buf[s + 2];
      return c0 === 78 && c1 === 97 && c2 === 78 || c0 === 110 && c1 === 97 && c2 === 110 || c0 === 78 && c1 === 47 && c2 === 65;
    }
    case 4: {
      const c1 = buf[s + 1], c2 = buf[s + 2], c3 = buf[s + 3];
      return c0 === 110 && c1 === 117 && c2 === 108 && c3 === 108 || c0 === 78 && c1 === 85 && c2 === 76 && c3 === 76;
    }
    default:
      return false;
  }
}
var INF_RE = /^[+-]?(inf|infinity)$/i;
var DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function parseNumberText(t) {
  if (DECIMAL_RE.test(t)) return Number(t);
  if (INF_RE.test(t)) return t.charCodeAt(0) === 45 ? -Infinity : Infinity;
  notNumber = true;
  return NaN;
}
function parseNumber(buf, s, e) {
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  if (isMissingBytes(buf, s, e)) return NaN;
  let i = s;
  let neg = false;
  let c = buf[i];
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let mant = 0;
  let sig = 0;
  let digits = 0;
  let fracDigits = 0;
  while (i < e) {
    c = buf[i];
    if (c < 48 || c > 57) break;
    if (mant !== 0 || c !== 48) {
      mant = mant * 10 + (c - 48);
      sig++;
    }
    digits++;
    i++;
  }
  if (i < e && buf[i] === 46) {
    i++;
    while (i < e) {
      c = buf[i];
      if (c < 48 || c > 57) break;
      if (mant !== 0 || c !== 48) {
        mant = mant * 10 + (c - 48);
        sig++;
      }
      digits++;
      fracDigits++;
      i++;
    }
  }
  if (digits > 0 && i === e && sig <= 15) {
    const v = fracDigits === 0 ? mant : fracDigits <= 22 ? mant / POW10[fracDigits] : NaN;
    if (!Number.isNaN(v)) return neg ? -v : v;
  }
  if (digits > 0 && i < e && (buf[i] === 101 || buf[i] === 69) && sig <= 15) {
    let j = i + 1;
    let eneg = false;
    if (j < e && (buf[j] === 45 || buf[j] === 43)) {
      eneg = buf[j] === 45;
      j++;
    }
    let ex = 0;
    let ed = 0;
    while (j < e && buf[j] >= 48 && buf[j] <= 57 && ed < 6) {
      ex = ex * 10 + (buf[j] - 48);
      j++;
      ed++;
    }
    if (ed > 0 && j === e) {
      const p10 = (eneg ? -ex : ex) - fracDigits;
      if (p10 >= -22 && p10 <= 22) {
        const v = p10 >= 0 ? mant * POW10[p10] : mant / POW10[-p10];
        return neg ? -v : v;
      }
    }
  }
  return parseNumberText(latin1(buf, s, e));
}
function latin1(buf, s, e) {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("latin1");
}
function fieldText(buf, s, e, flags) {
  const t = buf.toString("utf8", s, e);
  return (flags & 2) !== 0 ? t.replaceAll('""', '"') : t;
}
function isMissingText(t) {
  const x = t.replace(/^[ \t]+|[ \t]+$/g, "");
  return x.length === 0 || MISSING_TOKENS.includes(x);
}
function intern(col, t) {
  const d = col.dict;
  const hit = d.get(t);
  if (hit !== void 0) return hit;
  if (d.size < INTERN_LIMIT) d.set(t, t);
  return t;
}
async function readCsv(file, opts) {
  const shown = opts.displayPath;
  let names = null;
  let states = [];
  const onHeader = (h) => {
    checkHeader(h, shown);
    names = h;
    states = h.map(() => ({ mode: MODE_NUM, num: new NumBuilder(), str: null, dict: null, sawNumber: false }));
  };
  const pass1 = await csvPass(file, opts, onHeader, () => states);
  if (names === null) throw new GateError("data.csv", `${shown}: no rows (the file is empty): a CSV dataset needs a header line and at least one row`, { where: { file: shown } });
  if (pass1.rows === 0) throw new GateError("data.csv", `${shown}: no rows (only a header line): add data rows`, { where: { file: shown } });
  const deferred = states.map((s, i) => s.mode === MODE_DEFERRED ? i : -1).filter((i) => i >= 0);
  if (deferred.length > 0) {
    const states2 = states.map((s) => s.mode === MODE_DEFERRED ? { mode: MODE_STR, num: null, str: [], dict: /* @__PURE__ */ new Map(), sawNumber: false } : { mode: MODE_SKIP, num: null, str: null, dict: null, sawNumber: false });
    const pass2 = await csvPass(file, { ...opts, expectSha256: pass1.sha256 }, () => void 0, () => states2);
    if (pass2.rows !== pass1.rows) throw new GateError("data.changed", `${shown}: the file changed while it was being read`, { kind: "fail", where: { file: shown } });
    for (const i of deferred) states[i] = states2[i];
  }
  const columns = /* @__PURE__ */ new Map();
  const hdr = names;
  hdr.forEach((n, i) => {
    const st = states[i];
    if (st.mode === MODE_NUM) columns.set(n, { kind: "number", values: st.num.finish() });
    else columns.set(n, { kind: "string", values: st.str });
  });
  return { names: hdr, columns, rows: pass1.rows };
}
function checkHeader(h, shown) {
  const seen = /* @__PURE__ */ new Map();
  h.forEach((n, i) => {
    if (n.trim().length === 0) {
      throw new GateError("data.csv", `${shown}:1: column ${i + 1} of the header has no name${i === 0 ? " (a pandas index? save with index=False)" : ""}: give every column a name`, { where: { file: shown, line: 1 } });
    }
    const prev = seen.get(n);
    if (prev !== void 0) {
      throw new GateError("data.csv", `${shown}:1: duplicate column name ${JSON.stringify(n)} (columns ${prev + 1} and ${i + 1}): column names must be unique`, { where: { file: shown, line: 1 } });
    }
    seen.set(n, i);
  });
}
var HEADER_READ = /* @__PURE__ */ Symbol("header read");
async function readCsvHeader(file, opts) {
  let names = null;
  try {
    await csvPass(file, { displayPath: opts.displayPath, chunkSize: 64 << 10 }, (h) => {
      checkHeader(h, opts.displayPath);
      names = h;
      throw HEADER_READ;
    }, () => []);
  } catch (e) {
    if (e !== HEADER_READ) throw e;
  }
  if (names === null) throw new GateError("data.csv", `${opts.displayPath}: no rows (the file is empty): a CSV dataset needs a header line and at least one row`, { where: { file: opts.displayPath } });
  return names;
}
async function csvPass(file, opts, onHeader, getStates) {
  const shown = opts.displayPath;
  const chunk = Math.max(16, opts.chunkSize ?? 1 << 20);
  const fh = await open(file, "r");
  const hash = createHash4("sha256");
  let buf = Buffer.allocUnsafeSlow(chunk * 2);
  let len = 0;
  let pos = 0;
  let eof = false;
  let line = 1;
  let first = true;
  let header = true;
  let states = [];
  let ncols = 0;
  let rows = 0;
  const fields = new Fields();
  const rr = { next: 0, lines: 0 };
  const bad = (kind, extra) => {
    const at = line + extra;
    const msg = kind === "after-quote" ? `${shown}:${at}: unexpected text after a closing quote: quote the whole field and double the quotes inside it ("a ""b"" c")` : `${shown}:${line}: a quoted field starting on this line is never closed: add the closing quote`;
    throw new GateError("data.csv", msg, { where: { file: shown, line: kind === "after-quote" ? at : line } });
  };
  try {
    for (; ; ) {
      if (!eof) {
        if (pos > 0) {
          buf.copyWithin(0, pos, len);
          len -= pos;
          pos = 0;
        }
        if (buf.length - len < chunk) {
          if (len > MAX_RECORD_BYTES) {
            throw new GateError("data.csv", `${shown}:${line}: a record starting on this line is longer than ${MAX_RECORD_BYTES >> 20} MB (an unclosed quote?): check the quoting`, { where: { file: shown, line } });
          }
          const bigger = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, len + chunk));
          buf.copy(bigger, 0, 0, len);
          buf = bigger;
        }
        const { bytesRead } = await fh.read(buf, len, buf.length - len, null);
        if (bytesRead === 0) eof = true;
        else {
          hash.update(buf.subarray(len, len + bytesRead));
          len += bytesRead;
        }
      }
      if (first && (len >= 3 || eof)) {
        first = false;
        if (len >= 3 && buf[0] === 239 && buf[1] === 187 && buf[2] === 191) pos = 3;
        else if (len >= 2 && (buf[0] === 255 && buf[1] === 254 || buf[0] === 254 && buf[1] === 255)) {
          throw new GateError("data.csv", `${shown}: the file is UTF-16 encoded: save it as UTF-8`, { where: { file: shown } });
        }
      }
      if (first) continue;
      while (pos < len) {
        parseRecord(buf, pos, len, eof, fields, rr, bad);
        if (rr.next < 0) break;
        const recLine = line;
        line += rr.lines;
        const start = pos;
        pos = rr.next;
        if (fields.count === 1 && fields.flags[0] === 0 && fields.end[0] === fields.start[0] && fields.start[0] === start) continue;
        if (header) {
          header = false;
          const names = [];
          for (let i = 0; i < fields.count; i++) names.push(fieldText(buf, fields.start[i], fields.end[i], fields.flags[i]));
          onHeader(names);
          states = getStates();
          ncols = fields.count;
          continue;
        }
        if (fields.count !== ncols) {
          throw new GateError("data.csv", `${shown}:${recLine}: row has ${fields.count} field${fields.count === 1 ? "" : "s"} but the header has ${ncols}: every row needs one value per column (quote fields that contain commas)`, { where: { file: shown, line: recLine } });
        }
        storeRow(buf, fields, states, rows);
        rows++;
      }
      if (eof) break;
    }
  } finally {
    await fh.close();
  }
  const sha256 = hash.digest("hex");
  if (opts.expectSha256 !== void 0 && sha256 !== opts.expectSha256.toLowerCase()) {
    throw new GateError("data.changed", `${shown}: the file changed while it was being read (sha256 ${sha256}, expected ${opts.expectSha256})`, { kind: "fail", where: { file: shown } });
  }
  return { rows, sha256 };
}
function storeRow(buf, fields, states, row) {
  for (let j = 0; j < states.length; j++) {
    const col = states[j];
    const mode = col.mode;
    if (mode === MODE_SKIP || mode === MODE_DEFERRED) continue;
    const s = fields.start[j], e = fields.end[j], f = fields.flags[j];
    if (mode === MODE_NUM) {
      notNumber = false;
      const v = (f & 2) === 0 ? parseNumber(buf, s, e) : parseNumberText(fieldText(buf, s, e, f).replace(/^[ \t]+|[ \t]+$/g, ""));
      if (!notNumber) {
        col.num.push(v);
        if (v === v) col.sawNumber = true;
        continue;
      }
      if (col.sawNumber) {
        col.mode = MODE_DEFERRED;
        col.num = null;
        continue;
      }
      col.mode = MODE_STR;
      col.str = new Array(row).fill(null);
      col.dict = /* @__PURE__ */ new Map();
      col.num = null;
    }
    if ((f & 2) === 0) {
      let a = s, b = e;
      while (a < b && (buf[a] === SPACE || buf[a] === TAB)) a++;
      while (b > a && (buf[b - 1] === SPACE || buf[b - 1] === TAB)) b--;
      col.str.push(isMissingBytes(buf, a, b) ? null : intern(col, buf.toString("utf8", s, e)));
    } else {
      const t = fieldText(buf, s, e, f);
      col.str.push(isMissingText(t) ? null : intern(col, t));
    }
  }
}

// src/data/npy.ts
import { open as open2 } from "node:fs/promises";
import { createHash as createHash5 } from "node:crypto";
var MAGIC = [147, 78, 85, 77, 80, 89];
function npyError(shown, problem) {
  return new GateError("data.npy", `${shown}: ${problem}`, { where: { file: shown } });
}
function parseNpyHeader(head, shown) {
  if (head.length < 10) {
    if (head.length < MAGIC.length || MAGIC.some((b, i) => head[i] !== b)) throw npyError(shown, "not a NumPy .npy file (bad magic bytes): save the array with numpy.save");
    return { needBytes: 10 };
  }
  if (MAGIC.some((b, i) => head[i] !== b)) throw npyError(shown, "not a NumPy .npy file (bad magic bytes): save the array with numpy.save");
  const major = head[6];
  const minor = head[7];
  if (major < 1 || major > 3 || minor !== 0) throw npyError(shown, `unsupported .npy format version ${major}.${minor} (supported: 1.0, 2.0, 3.0)`);
  const lenBytes = major === 1 ? 2 : 4;
  if (head.length < 8 + lenBytes) return { needBytes: 8 + lenBytes };
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const hlen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const dataOffset = 8 + lenBytes + hlen;
  if (hlen > 1 << 20) throw npyError(shown, `corrupt .npy header (claims ${hlen} bytes)`);
  if (head.length < dataOffset) return { needBytes: dataOffset };
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(head.subarray(8 + lenBytes, dataOffset));
  return { ...parseHeaderDict(text, shown), dataOffset };
}
function parseHeaderDict(text, shown) {
  const t = text.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) throw npyError(shown, "corrupt .npy header (not a Python dict literal)");
  const descrM = /['"]descr['"]\s*:\s*/.exec(t);
  const fortranM = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(t);
  const shapeM = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(t);
  if (!descrM || !fortranM || !shapeM) throw npyError(shown, "corrupt .npy header (descr, fortran_order or shape missing)");
  const after = t.slice(descrM.index + descrM[0].length);
  if (after.startsWith("[")) {
    throw npyError(shown, "holds a structured (record) array, which cannot be fed to a model: save a plain numeric array, e.g. numpy.save(path, structured_to_unstructured(arr).astype(numpy.float32))");
  }
  const dm = /^['"]([^'"]*)['"]/.exec(after);
  if (!dm) throw npyError(shown, "corrupt .npy header (descr is not a string)");
  const descr = dm[1];
  const shapeText = shapeM[1].trim();
  const shape = shapeText === "" ? [] : shapeText.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => {
    const n = /^\d+L?$/.test(s) ? Number.parseInt(s, 10) : NaN;
    if (!Number.isSafeInteger(n)) throw npyError(shown, `corrupt .npy header (shape entry ${JSON.stringify(s)})`);
    return n;
  });
  const dt = /^([<>|=])([a-zA-Z])(\d*)$/.exec(descr);
  const what = dt ? dt[2] : "";
  if (what === "O") {
    throw npyError(shown, `is an object array (dtype ${descr}: pickled Python objects, which are never loaded): convert it to numbers, e.g. numpy.save(path, arr.astype(numpy.float32))`);
  }
  if (what === "U" || what === "S" || what === "a") {
    throw npyError(shown, `holds strings (dtype ${descr}): .npy datasets must be numeric; encode the values as numbers, or use CSV/Parquet for text`);
  }
  if (what === "c") throw npyError(shown, `holds complex numbers (dtype ${descr}): save the real part, e.g. numpy.save(path, arr.real)`);
  if (what === "M" || what === "m") throw npyError(shown, `holds datetimes (dtype ${descr}): convert them to numbers first, e.g. arr.astype("int64")`);
  const sizes = { f: [2, 4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
  const itemSize = dt ? Number(dt[3]) : NaN;
  if (!dt || !(what in sizes) || !sizes[what].includes(itemSize)) {
    throw npyError(shown, `unsupported dtype ${JSON.stringify(descr)} (supported: f2 f4 f8 i1 u1 i2 u2 i4 u4 i8 u8 b1, either byte order): save a numeric array, e.g. arr.astype(numpy.float32)`);
  }
  if (dt[1] === "=") throw npyError(shown, `dtype ${descr} has native byte order, which a .npy file never records: save it with numpy.save`);
  if (fortranM[1] === "True") {
    throw npyError(shown, "is stored in Fortran (column-major) order: save a C-ordered copy, numpy.save(path, numpy.ascontiguousarray(arr))");
  }
  let count = 1;
  for (const d of shape) count *= d;
  if (!Number.isSafeInteger(count)) throw npyError(shown, `corrupt .npy header (shape ${JSON.stringify(shape)} is too large)`);
  return {
    descr,
    kind: what,
    itemSize,
    littleEndian: dt[1] !== ">",
    shape,
    count
  };
}
function halfToNumber(h) {
  const sign2 = (h & 32768) !== 0 ? -1 : 1;
  const exp = h >> 10 & 31;
  const frac = h & 1023;
  if (exp === 0) return sign2 * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign2 * Infinity : NaN;
  return sign2 * (1 + frac / 1024) * 2 ** (exp - 15);
}
function decoderFor(h) {
  const le = h.littleEndian;
  switch (`${h.kind}${h.itemSize}`) {
    case "f2":
      return (dv, o) => halfToNumber(dv.getUint16(o, le));
    case "f4":
      return (dv, o) => dv.getFloat32(o, le);
    case "f8":
      return (dv, o) => dv.getFloat64(o, le);
    case "i1":
      return (dv, o) => dv.getInt8(o);
    case "u1":
      return (dv, o) => dv.getUint8(o);
    case "b1":
      return (dv, o) => dv.getUint8(o) !== 0 ? 1 : 0;
    case "i2":
      return (dv, o) => dv.getInt16(o, le);
    case "u2":
      return (dv, o) => dv.getUint16(o, le);
    case "i4":
      return (dv, o) => dv.getInt32(o, le);
    case "u4":
      return (dv, o) => dv.getUint32(o, le);
    case "i8":
      return (dv, o) => Number(dv.getBigInt64(o, le));
    case "u8":
      return (dv, o) => Number(dv.getBigUint64(o, le));
    default:
      throw new Error(`no decoder for ${h.descr}`);
  }
}
async function readNpy(file, target, opts) {
  const shown = opts.displayPath;
  const fh = await open2(file, "r");
  const hash = createHash5("sha256");
  try {
    const size = (await fh.stat()).size;
    const { head, header: h } = await readHeader(fh, size, shown);
    const dataBytes = h.count * h.itemSize;
    const actual = size - h.dataOffset;
    if (actual < dataBytes) {
      throw npyError(shown, `is truncated: shape ${fmtShape2(h.shape)} of ${h.descr} needs ${dataBytes} data bytes but the file has ${actual}: copy or save the file again`);
    }
    if (actual > dataBytes) {
      throw npyError(shown, `has ${actual - dataBytes} unexpected bytes after the data of shape ${fmtShape2(h.shape)} (${h.descr}): the file is corrupt, or several arrays were appended; save one array per file`);
    }
    hash.update(head.subarray(0, Math.min(head.length, h.dataOffset)));
    const out = target === "float32" ? new Float32Array(h.count) : new Float64Array(h.count);
    const chunkItems = Math.max(1, Math.floor((1 << 20) / h.itemSize));
    const chunk = new Uint8Array(chunkItems * h.itemSize);
    const dv = new DataView(chunk.buffer);
    const fastF4 = h.kind === "f" && h.itemSize === 4 && h.littleEndian;
    const fastF8 = h.kind === "f" && h.itemSize === 8 && h.littleEndian;
    const dec = decoderFor(h);
    let done = 0;
    let filePos = h.dataOffset;
    while (done < h.count) {
      const items = Math.min(chunkItems, h.count - done);
      const bytes = items * h.itemSize;
      let got = 0;
      while (got < bytes) {
        const { bytesRead } = await fh.read(chunk, got, bytes - got, filePos + got);
        if (bytesRead === 0) throw npyError(shown, "is truncated (the file shrank while it was being read)");
        got += bytesRead;
      }
      hash.update(chunk.subarray(0, bytes));
      filePos += bytes;
      if (fastF4) out.set(new Float32Array(chunk.buffer, 0, items), done);
      else if (fastF8) out.set(new Float64Array(chunk.buffer, 0, items), done);
      else for (let i = 0; i < items; i++) out[done + i] = dec(dv, i * h.itemSize);
      done += items;
    }
    const sha256 = hash.digest("hex");
    if (opts.expectSha256 !== void 0 && sha256 !== opts.expectSha256.toLowerCase()) {
      throw new GateError("data.changed", `${shown}: the file changed while it was being read (sha256 ${sha256}, expected ${opts.expectSha256})`, { kind: "fail", where: { file: shown } });
    }
    return { header: h, shape: h.shape.slice(), data: out, sha256 };
  } finally {
    await fh.close();
  }
}
async function readHeader(fh, size, shown) {
  let head = new Uint8Array(0);
  let want = 128;
  for (; ; ) {
    const n = Math.min(want, size);
    if (n <= head.length) throw npyError(shown, `truncated .npy header (the file has only ${size} bytes)`);
    const next = new Uint8Array(n);
    next.set(head);
    const { bytesRead } = await fh.read(next, head.length, n - head.length, head.length);
    if (bytesRead !== n - head.length) throw npyError(shown, "the file changed size while it was being read");
    head = next;
    const r = parseNpyHeader(head, shown);
    if ("needBytes" in r) want = Math.max(r.needBytes, want * 2);
    else return { head, header: r };
  }
}
async function readNpyHeader(file, opts) {
  const fh = await open2(file, "r");
  try {
    return (await readHeader(fh, (await fh.stat()).size, opts.displayPath)).header;
  } finally {
    await fh.close();
  }
}
function fmtShape2(shape) {
  return `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
}

// src/data/parquet.ts
import { open as open3 } from "node:fs/promises";
import { brotliDecompressSync, unzipSync, zstdDecompressSync } from "node:zlib";

// node_modules/hyparquet/src/constants.js
var ParquetTypes = [
  "BOOLEAN",
  "INT32",
  "INT64",
  "INT96",
  // deprecated
  "FLOAT",
  "DOUBLE",
  "BYTE_ARRAY",
  "FIXED_LEN_BYTE_ARRAY"
];
var Encodings = [
  "PLAIN",
  "GROUP_VAR_INT",
  // deprecated
  "PLAIN_DICTIONARY",
  "RLE",
  "BIT_PACKED",
  // deprecated
  "DELTA_BINARY_PACKED",
  "DELTA_LENGTH_BYTE_ARRAY",
  "DELTA_BYTE_ARRAY",
  "RLE_DICTIONARY",
  "BYTE_STREAM_SPLIT"
];
var FieldRepetitionTypes = [
  "REQUIRED",
  "OPTIONAL",
  "REPEATED"
];
var ConvertedTypes = [
  "UTF8",
  "MAP",
  "MAP_KEY_VALUE",
  "LIST",
  "ENUM",
  "DECIMAL",
  "DATE",
  "TIME_MILLIS",
  "TIME_MICROS",
  "TIMESTAMP_MILLIS",
  "TIMESTAMP_MICROS",
  "UINT_8",
  "UINT_16",
  "UINT_32",
  "UINT_64",
  "INT_8",
  "INT_16",
  "INT_32",
  "INT_64",
  "JSON",
  "BSON",
  "INTERVAL"
];
var CompressionCodecs = [
  "UNCOMPRESSED",
  "SNAPPY",
  "GZIP",
  "LZO",
  "BROTLI",
  "LZ4",
  "ZSTD",
  "LZ4_RAW"
];
var PageTypes = [
  "DATA_PAGE",
  "INDEX_PAGE",
  "DICTIONARY_PAGE",
  "DATA_PAGE_V2"
];
var BoundaryOrders = [
  "UNORDERED",
  "ASCENDING",
  "DESCENDING"
];
var EdgeInterpolationAlgorithms = [
  "SPHERICAL",
  "VINCENTY",
  "THOMAS",
  "ANDOYER",
  "KARNEY"
];

// node_modules/hyparquet/src/wkb.js
function wkbToGeojson(reader) {
  const flags = getFlags(reader);
  if (flags.type === 1) {
    return { type: "Point", coordinates: readPosition(reader, flags) };
  } else if (flags.type === 2) {
    return { type: "LineString", coordinates: readLine(reader, flags) };
  } else if (flags.type === 3) {
    return { type: "Polygon", coordinates: readPolygon(reader, flags) };
  } else if (flags.type === 4) {
    const points = [];
    for (let i = 0; i < flags.count; i++) {
      points.push(readPosition(reader, getFlags(reader)));
    }
    return { type: "MultiPoint", coordinates: points };
  } else if (flags.type === 5) {
    const lines = [];
    for (let i = 0; i < flags.count; i++) {
      lines.push(readLine(reader, getFlags(reader)));
    }
    return { type: "MultiLineString", coordinates: lines };
  } else if (flags.type === 6) {
    const polygons = [];
    for (let i = 0; i < flags.count; i++) {
      polygons.push(readPolygon(reader, getFlags(reader)));
    }
    return { type: "MultiPolygon", coordinates: polygons };
  } else if (flags.type === 7) {
    const geometries = [];
    for (let i = 0; i < flags.count; i++) {
      geometries.push(wkbToGeojson(reader));
    }
    return { type: "GeometryCollection", geometries };
  } else {
    throw new Error(`Unsupported geometry type: ${flags.type}`);
  }
}
function getFlags(reader) {
  const { view } = reader;
  const littleEndian = view.getUint8(reader.offset++) === 1;
  const rawType = view.getUint32(reader.offset, littleEndian);
  reader.offset += 4;
  const type = rawType % 1e3;
  const flags = Math.floor(rawType / 1e3);
  let count = 0;
  if (type > 1 && type <= 7) {
    count = view.getUint32(reader.offset, littleEndian);
    reader.offset += 4;
  }
  let dim = 2;
  if (flags) dim++;
  if (flags === 3) dim++;
  return { littleEndian, type, dim, count };
}
function readPosition(reader, flags) {
  const points = [];
  for (let i = 0; i < flags.dim; i++) {
    const coord = reader.view.getFloat64(reader.offset, flags.littleEndian);
    reader.offset += 8;
    points.push(coord);
  }
  return points;
}
function readLine(reader, flags) {
  const points = [];
  for (let i = 0; i < flags.count; i++) {
    points.push(readPosition(reader, flags));
  }
  return points;
}
function readPolygon(reader, flags) {
  const { view } = reader;
  const rings = [];
  for (let r = 0; r < flags.count; r++) {
    const count = view.getUint32(reader.offset, flags.littleEndian);
    reader.offset += 4;
    rings.push(readLine(reader, { ...flags, count }));
  }
  return rings;
}

// node_modules/hyparquet/src/convert.js
var decoder = new TextDecoder();
var DEFAULT_PARSERS = {
  timestampFromMilliseconds(millis) {
    return new Date(Number(millis));
  },
  timestampFromMicroseconds(micros) {
    return new Date(Number(micros / 1000n));
  },
  timestampFromNanoseconds(nanos) {
    return new Date(Number(nanos / 1000000n));
  },
  dateFromDays(days) {
    return new Date(days * 864e5);
  },
  stringFromBytes(bytes) {
    return bytes && decoder.decode(bytes);
  },
  jsonFromBytes(bytes) {
    return bytes && JSON.parse(decoder.decode(bytes));
  },
  geometryFromBytes(bytes) {
    return bytes && wkbToGeojson({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 });
  },
  geographyFromBytes(bytes) {
    return bytes && wkbToGeojson({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 });
  },
  uuidFromBytes(bytes) {
    if (!bytes) return void 0;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20, 32);
  }
};
function convertWithDictionary(data, dictionary, encoding, columnDecoder) {
  if (dictionary && encoding.endsWith("_DICTIONARY")) {
    let output = data;
    if (data instanceof Uint8Array && !(dictionary instanceof Uint8Array)) {
      output = new dictionary.constructor(data.length);
    }
    for (let i = 0; i < data.length; i++) {
      output[i] = dictionary[data[i]];
    }
    return output;
  } else {
    return convert(data, columnDecoder);
  }
}
function convert(data, columnDecoder) {
  const { element, parsers, utf8 = true, schemaPath } = columnDecoder;
  const { type, converted_type: ctype, logical_type: ltype } = element;
  const nullable = element.repetition_type !== "REQUIRED";
  const isVariant = schemaPath?.some((s) => s.element.logical_type?.type === "VARIANT");
  if (isVariant && type === "BYTE_ARRAY" && ctype !== "UTF8" && ltype?.type !== "STRING") {
    return data;
  }
  if (ctype === "DECIMAL") {
    const scale = element.scale || 0;
    const factor = 10 ** -scale;
    const arr = new Array(data.length);
    for (let i = 0; i < arr.length; i++) {
      if (data[i] instanceof Uint8Array) {
        arr[i] = parseDecimal(data[i]) * factor;
      } else {
        arr[i] = Number(data[i]) * factor;
      }
    }
    return arr;
  }
  if (!ctype && type === "INT96") {
    return Array.from(data).map((v) => parsers.timestampFromNanoseconds(parseInt96Nanos(v)));
  }
  if (ctype === "DATE") {
    return Array.from(data).map((v) => parsers.dateFromDays(v));
  }
  if (ctype === "TIMESTAMP_MILLIS") {
    return Array.from(data).map((v) => parsers.timestampFromMilliseconds(v));
  }
  if (ctype === "TIMESTAMP_MICROS") {
    return Array.from(data).map((v) => parsers.timestampFromMicroseconds(v));
  }
  if (ctype === "JSON") {
    return data.map((v) => parsers.jsonFromBytes(v));
  }
  if (ctype === "BSON") {
    throw new Error("parquet bson not supported");
  }
  if (ctype === "INTERVAL") {
    throw new Error("parquet interval not supported");
  }
  if (ltype?.type === "GEOMETRY") {
    return data.map((v) => parsers.geometryFromBytes(v));
  }
  if (ltype?.type === "GEOGRAPHY") {
    return data.map((v) => parsers.geographyFromBytes(v));
  }
  if (ltype?.type === "UUID") {
    return data.map((v) => parsers.uuidFromBytes(v));
  }
  if (ctype === "UTF8" || ltype?.type === "STRING" || utf8 && type === "BYTE_ARRAY") {
    return data.map((v) => parsers.stringFromBytes(v));
  }
  if (ctype === "UINT_64" || ltype?.type === "INTEGER" && ltype.bitWidth === 64 && !ltype.isSigned) {
    if (data instanceof BigInt64Array) return new BigUint64Array(data.buffer, data.byteOffset, data.length);
    const arr = nullable ? new Array(data.length) : new BigUint64Array(data.length);
    for (let i = 0; i < arr.length; i++) arr[i] = data[i];
    return arr;
  }
  if (ctype === "UINT_32" || ltype?.type === "INTEGER" && ltype.bitWidth === 32 && !ltype.isSigned) {
    if (data instanceof Int32Array) return new Uint32Array(data.buffer, data.byteOffset, data.length);
    const arr = nullable ? new Array(data.length) : new Uint32Array(data.length);
    for (let i = 0; i < arr.length; i++) {
      arr[i] = data[i] < 0 ? 4294967296 + data[i] : data[i];
    }
    return arr;
  }
  if (ltype?.type === "FLOAT16") {
    return Array.from(data).map(parseFloat16);
  }
  if (ltype?.type === "TIMESTAMP") {
    const { unit } = ltype;
    let parser = parsers.timestampFromMilliseconds;
    if (unit === "MICROS") parser = parsers.timestampFromMicroseconds;
    if (unit === "NANOS") parser = parsers.timestampFromNanoseconds;
    const arr = new Array(data.length);
    for (let i = 0; i < arr.length; i++) {
      arr[i] = parser(data[i]);
    }
    return arr;
  }
  return data;
}
function parseDecimal(bytes) {
  if (!bytes.length) return 0;
  let value = 0n;
  for (const byte of bytes) {
    value = value * 256n + BigInt(byte);
  }
  const bits = bytes.length * 8;
  if (value >= 2n ** BigInt(bits - 1)) {
    value -= 2n ** BigInt(bits);
  }
  return Number(value);
}
function parseInt96Nanos(value) {
  const days = (value >> 64n) - 2440588n;
  const nano = value & 0xffffffffffffffffn;
  return days * 86400000000000n + nano;
}
function parseFloat16(bytes) {
  if (!bytes) return void 0;
  const int16 = bytes[1] << 8 | bytes[0];
  const sign2 = int16 >> 15 ? -1 : 1;
  const exp = int16 >> 10 & 31;
  const frac = int16 & 1023;
  if (exp === 0) return sign2 * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign2 * Infinity;
  return sign2 * 2 ** (exp - 15) * (1 + frac / 1024);
}

// node_modules/hyparquet/src/schema.js
function schemaTree(schema, rootIndex, path2) {
  const element = schema[rootIndex];
  const children = [];
  let count = 1;
  if (element.num_children) {
    while (children.length < element.num_children) {
      const childElement = schema[rootIndex + count];
      const child = schemaTree(schema, rootIndex + count, [...path2, childElement.name]);
      count += child.count;
      children.push(child);
    }
  }
  return { count, element, children, path: path2 };
}
function getSchemaPath(schema, name) {
  return getTreePath(schemaTree(schema, 0, []), name);
}
function getTreePath(tree, name) {
  const path2 = [tree];
  for (const part of name) {
    const child = tree.children.find((child2) => child2.element.name === part);
    if (!child) throw new Error(`parquet schema element not found: ${name}`);
    path2.push(child);
    tree = child;
  }
  return path2;
}
function getPhysicalColumns(schemaTree2) {
  const columns = [];
  function traverse(node) {
    if (node.children.length) {
      for (const child of node.children) {
        traverse(child);
      }
    } else {
      columns.push(node.path.join("."));
    }
  }
  traverse(schemaTree2);
  return columns;
}
function getMaxRepetitionLevel(schemaPath) {
  let maxLevel = 0;
  for (const { element } of schemaPath) {
    if (element.repetition_type === "REPEATED") {
      maxLevel++;
    }
  }
  return maxLevel;
}
function getMaxDefinitionLevel(schemaPath) {
  let maxLevel = 0;
  for (const { element } of schemaPath.slice(1)) {
    if (element.repetition_type !== "REQUIRED") {
      maxLevel++;
    }
  }
  return maxLevel;
}
function isListLike(schema) {
  if (!schema) return false;
  if (schema.element.converted_type !== "LIST") return false;
  if (schema.children.length > 1) return false;
  const firstChild = schema.children[0];
  if (firstChild.children.length > 1) return false;
  if (firstChild.element.repetition_type !== "REPEATED") return false;
  return true;
}
function isMapLike(schema) {
  if (!schema) return false;
  if (schema.element.converted_type !== "MAP") return false;
  if (schema.children.length > 1) return false;
  const firstChild = schema.children[0];
  if (firstChild.children.length !== 2) return false;
  if (firstChild.element.repetition_type !== "REPEATED") return false;
  const keyChild = firstChild.children.find((child) => child.element.name === "key");
  if (keyChild?.element.repetition_type === "REPEATED") return false;
  const valueChild = firstChild.children.find((child) => child.element.name === "value");
  if (valueChild?.element.repetition_type === "REPEATED") return false;
  return true;
}
function isFlatColumn(schemaPath) {
  if (schemaPath.length !== 2) return false;
  const [, column] = schemaPath;
  if (column.element.repetition_type === "REPEATED") return false;
  if (column.children.length) return false;
  return true;
}

// node_modules/hyparquet/src/thrift.js
var STOP = 0;
var TRUE = 1;
var FALSE = 2;
var BYTE = 3;
var I16 = 4;
var I32 = 5;
var I64 = 6;
var DOUBLE = 7;
var BINARY = 8;
var LIST = 9;
var STRUCT = 12;
function deserializeTCompactProtocol(reader) {
  const value = {};
  let fid = 0;
  while (true) {
    if (reader.offset >= reader.view.byteLength) throw new Error("thrift struct ended without STOP");
    const byte = reader.view.getUint8(reader.offset++);
    const type = byte & 15;
    if (type === STOP) break;
    const delta = byte >> 4;
    fid = delta ? fid + delta : readZigZag(reader);
    value[`field_${fid}`] = readElement(reader, type);
  }
  return value;
}
function readElement(reader, type) {
  switch (type) {
    case TRUE:
      return true;
    case FALSE:
      return false;
    case BYTE:
      return reader.view.getInt8(reader.offset++);
    case I16:
    case I32:
      return readZigZag(reader);
    case I64:
      return readZigZagBigInt(reader);
    case DOUBLE: {
      const value = reader.view.getFloat64(reader.offset, true);
      reader.offset += 8;
      return value;
    }
    case BINARY: {
      const stringLength = readVarInt(reader);
      if (reader.offset + stringLength > reader.view.byteLength) {
        throw new Error(`thrift binary length ${stringLength} exceeds remaining ${reader.view.byteLength - reader.offset} bytes`);
      }
      const strBytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, stringLength);
      reader.offset += stringLength;
      return strBytes;
    }
    case LIST: {
      const byte = reader.view.getUint8(reader.offset++);
      const elemType = byte & 15;
      let listSize = byte >> 4;
      if (listSize === 15) {
        listSize = readVarInt(reader);
      }
      const boolType = elemType === TRUE || elemType === FALSE;
      const values = new Array(listSize);
      for (let i = 0; i < listSize; i++) {
        values[i] = boolType ? readElement(reader, BYTE) === 1 : readElement(reader, elemType);
      }
      return values;
    }
    case STRUCT:
      return deserializeTCompactProtocol(reader);
    default:
      throw new Error(`thrift unhandled type: ${type}`);
  }
}
function readVarInt(reader) {
  let result = 0;
  let shift = 0;
  while (true) {
    const byte = reader.view.getUint8(reader.offset++);
    result |= (byte & 127) << shift;
    if (!(byte & 128)) {
      return result;
    }
    shift += 7;
  }
}
function readVarBigInt(reader) {
  let result = 0n;
  let shift = 0n;
  while (true) {
    const byte = reader.view.getUint8(reader.offset++);
    result |= BigInt(byte & 127) << shift;
    if (!(byte & 128)) {
      return result;
    }
    shift += 7n;
  }
}
function readZigZag(reader) {
  const zigzag = readVarInt(reader);
  return zigzag >>> 1 ^ -(zigzag & 1);
}
function readZigZagBigInt(reader) {
  const zigzag = readVarBigInt(reader);
  return zigzag >> 1n ^ -(zigzag & 1n);
}

// node_modules/hyparquet/src/geoparquet.js
function markGeoColumns(schema, key_value_metadata) {
  const columns = /* @__PURE__ */ new Map();
  const geo = key_value_metadata?.find(({ key: key2 }) => key2 === "geo")?.value;
  const decodedColumns = (geo && JSON.parse(geo)?.columns) ?? {};
  for (const [name, column] of Object.entries(decodedColumns)) {
    if (column.encoding !== "WKB") continue;
    const type = column.edges === "spherical" ? "GEOGRAPHY" : "GEOMETRY";
    const id = column.crs?.id ?? column.crs?.ids?.[0];
    const crs = id ? `${id.authority}:${id.code.toString()}` : void 0;
    columns.set(name, { type, crs });
  }
  for (let i = 1; i < schema.length; i++) {
    const { logical_type, name, num_children, type } = schema[i];
    if (num_children) {
      i += num_children;
      continue;
    }
    if (type === "BYTE_ARRAY" && !logical_type) {
      schema[i].logical_type = columns.get(name);
    }
  }
}

// node_modules/hyparquet/src/metadata.js
var defaultInitialFetchSize = 1 << 19;
var decoder2 = new TextDecoder();
function decode(value) {
  return value && decoder2.decode(value);
}
async function parquetMetadataAsync(asyncBuffer, { parsers, initialFetchSize = defaultInitialFetchSize, geoparquet = true } = {}) {
  if (!asyncBuffer || !(asyncBuffer.byteLength >= 0)) throw new Error("parquet expected AsyncBuffer");
  const footerOffset = Math.max(0, asyncBuffer.byteLength - initialFetchSize);
  const footerBuffer = await asyncBuffer.slice(footerOffset, asyncBuffer.byteLength);
  const footerView = new DataView(footerBuffer);
  if (footerView.getUint32(footerBuffer.byteLength - 4, true) !== 827474256) {
    throw new Error("parquet file invalid (footer != PAR1)");
  }
  const metadataLength = footerView.getUint32(footerBuffer.byteLength - 8, true);
  if (metadataLength > asyncBuffer.byteLength - 8) {
    throw new Error(`parquet metadata length ${metadataLength} exceeds available buffer ${asyncBuffer.byteLength - 8}`);
  }
  if (metadataLength + 8 > initialFetchSize) {
    const metadataOffset = asyncBuffer.byteLength - metadataLength - 8;
    const metadataBuffer = await asyncBuffer.slice(metadataOffset, footerOffset);
    const combinedBuffer = new ArrayBuffer(metadataLength + 8);
    const combinedView = new Uint8Array(combinedBuffer);
    combinedView.set(new Uint8Array(metadataBuffer));
    combinedView.set(new Uint8Array(footerBuffer), footerOffset - metadataOffset);
    return parquetMetadata(combinedBuffer, { parsers, geoparquet });
  } else {
    return parquetMetadata(footerBuffer, { parsers, geoparquet });
  }
}
function parquetMetadata(arrayBuffer, { parsers, geoparquet = true } = {}) {
  let view;
  if (arrayBuffer instanceof ArrayBuffer) {
    view = new DataView(arrayBuffer);
  } else if (arrayBuffer instanceof Uint8Array) {
    view = new DataView(arrayBuffer.buffer, arrayBuffer.byteOffset, arrayBuffer.byteLength);
  } else {
    throw new Error("parquet expected ArrayBuffer or Uint8Array");
  }
  const allParsers = { ...DEFAULT_PARSERS, ...parsers };
  if (view.byteLength < 8) {
    throw new Error("parquet file is too short");
  }
  if (view.getUint32(view.byteLength - 4, true) !== 827474256) {
    throw new Error("parquet file invalid (footer != PAR1)");
  }
  const metadataLengthOffset = view.byteLength - 8;
  const metadataLength = view.getUint32(metadataLengthOffset, true);
  if (metadataLength > view.byteLength - 8) {
    throw new Error(`parquet metadata length ${metadataLength} exceeds available buffer ${view.byteLength - 8}`);
  }
  const metadataOffset = metadataLengthOffset - metadataLength;
  const reader = { view, offset: metadataOffset };
  const metadata = deserializeTCompactProtocol(reader);
  const version = metadata.field_1;
  const schema = metadata.field_2.map((field) => ({
    type: ParquetTypes[field.field_1],
    type_length: field.field_2,
    repetition_type: FieldRepetitionTypes[field.field_3],
    name: decode(field.field_4),
    num_children: field.field_5,
    converted_type: ConvertedTypes[field.field_6],
    scale: field.field_7,
    precision: field.field_8,
    field_id: field.field_9,
    logical_type: logicalType(field.field_10)
  }));
  const columnSchema = schema.filter((e) => e.type);
  const num_rows = metadata.field_3;
  const row_groups = metadata.field_4.map((rowGroup) => ({
    columns: rowGroup.field_1.map((column, columnIndex) => ({
      file_path: decode(column.field_1),
      file_offset: column.field_2,
      meta_data: column.field_3 && {
        type: ParquetTypes[column.field_3.field_1],
        encodings: column.field_3.field_2?.map((e) => Encodings[e]),
        path_in_schema: column.field_3.field_3.map(decode),
        codec: CompressionCodecs[column.field_3.field_4],
        num_values: column.field_3.field_5,
        total_uncompressed_size: column.field_3.field_6,
        total_compressed_size: column.field_3.field_7,
        key_value_metadata: column.field_3.field_8?.map((kv) => ({
          key: decode(kv.field_1),
          value: decode(kv.field_2)
        })),
        data_page_offset: column.field_3.field_9,
        index_page_offset: column.field_3.field_10,
        dictionary_page_offset: column.field_3.field_11,
        statistics: convertStats(column.field_3.field_12, columnSchema[columnIndex], allParsers),
        encoding_stats: column.field_3.field_13?.map((encodingStat) => ({
          page_type: PageTypes[encodingStat.field_1],
          encoding: Encodings[encodingStat.field_2],
          count: encodingStat.field_3
        })),
        bloom_filter_offset: column.field_3.field_14,
        bloom_filter_length: column.field_3.field_15,
        size_statistics: column.field_3.field_16 && {
          unencoded_byte_array_data_bytes: column.field_3.field_16.field_1,
          repetition_level_histogram: column.field_3.field_16.field_2,
          definition_level_histogram: column.field_3.field_16.field_3
        },
        geospatial_statistics: column.field_3.field_17 && {
          bbox: column.field_3.field_17.field_1 && {
            xmin: column.field_3.field_17.field_1.field_1,
            xmax: column.field_3.field_17.field_1.field_2,
            ymin: column.field_3.field_17.field_1.field_3,
            ymax: column.field_3.field_17.field_1.field_4,
            zmin: column.field_3.field_17.field_1.field_5,
            zmax: column.field_3.field_17.field_1.field_6,
            mmin: column.field_3.field_17.field_1.field_7,
            mmax: column.field_3.field_17.field_1.field_8
          },
          geospatial_types: column.field_3.field_17.field_2
        }
      },
      offset_index_offset: column.field_4,
      offset_index_length: column.field_5,
      column_index_offset: column.field_6,
      column_index_length: column.field_7,
      crypto_metadata: column.field_8,
      encrypted_column_metadata: column.field_9
    })),
    total_byte_size: rowGroup.field_2,
    num_rows: rowGroup.field_3,
    sorting_columns: rowGroup.field_4?.map((sortingColumn) => ({
      column_idx: sortingColumn.field_1,
      descending: sortingColumn.field_2,
      nulls_first: sortingColumn.field_3
    })),
    file_offset: rowGroup.field_5,
    total_compressed_size: rowGroup.field_6,
    ordinal: rowGroup.field_7
  }));
  const key_value_metadata = metadata.field_5?.map((kv) => ({
    key: decode(kv.field_1),
    value: decode(kv.field_2)
  }));
  const created_by = decode(metadata.field_6);
  if (geoparquet) {
    markGeoColumns(schema, key_value_metadata);
  }
  return {
    version,
    schema,
    num_rows,
    row_groups,
    key_value_metadata,
    created_by,
    metadata_length: metadataLength
  };
}
function parquetSchema({ schema }) {
  return getSchemaPath(schema, [])[0];
}
function logicalType(logicalType2) {
  if (logicalType2?.field_1) return { type: "STRING" };
  if (logicalType2?.field_2) return { type: "MAP" };
  if (logicalType2?.field_3) return { type: "LIST" };
  if (logicalType2?.field_4) return { type: "ENUM" };
  if (logicalType2?.field_5) return {
    type: "DECIMAL",
    scale: logicalType2.field_5.field_1,
    precision: logicalType2.field_5.field_2
  };
  if (logicalType2?.field_6) return { type: "DATE" };
  if (logicalType2?.field_7) return {
    type: "TIME",
    isAdjustedToUTC: logicalType2.field_7.field_1,
    unit: timeUnit(logicalType2.field_7.field_2)
  };
  if (logicalType2?.field_8) return {
    type: "TIMESTAMP",
    isAdjustedToUTC: logicalType2.field_8.field_1,
    unit: timeUnit(logicalType2.field_8.field_2)
  };
  if (logicalType2?.field_10) return {
    type: "INTEGER",
    bitWidth: logicalType2.field_10.field_1,
    isSigned: logicalType2.field_10.field_2
  };
  if (logicalType2?.field_11) return { type: "NULL" };
  if (logicalType2?.field_12) return { type: "JSON" };
  if (logicalType2?.field_13) return { type: "BSON" };
  if (logicalType2?.field_14) return { type: "UUID" };
  if (logicalType2?.field_15) return { type: "FLOAT16" };
  if (logicalType2?.field_16) return {
    type: "VARIANT",
    specification_version: logicalType2.field_16.field_1
  };
  if (logicalType2?.field_17) return {
    type: "GEOMETRY",
    crs: decode(logicalType2.field_17.field_1)
  };
  if (logicalType2?.field_18) return {
    type: "GEOGRAPHY",
    crs: decode(logicalType2.field_18.field_1),
    algorithm: EdgeInterpolationAlgorithms[logicalType2.field_18.field_2]
  };
  return logicalType2;
}
function timeUnit(unit) {
  if (unit.field_1) return "MILLIS";
  if (unit.field_2) return "MICROS";
  if (unit.field_3) return "NANOS";
  throw new Error("parquet time unit required");
}
function convertStats(stats, schema, parsers) {
  return stats && {
    max: convertMetadata(stats.field_1, schema, parsers),
    min: convertMetadata(stats.field_2, schema, parsers),
    null_count: stats.field_3,
    distinct_count: stats.field_4,
    max_value: convertMetadata(stats.field_5, schema, parsers),
    min_value: convertMetadata(stats.field_6, schema, parsers),
    is_max_value_exact: stats.field_7,
    is_min_value_exact: stats.field_8
  };
}
function convertMetadata(value, schema, parsers) {
  const { type, converted_type, logical_type } = schema;
  if (value === void 0) return value;
  if (type === "BOOLEAN") return value[0] === 1;
  if (type === "BYTE_ARRAY") return parsers.stringFromBytes(value);
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if (type === "FLOAT" && view.byteLength === 4) return view.getFloat32(0, true);
  if (type === "DOUBLE" && view.byteLength === 8) return view.getFloat64(0, true);
  if (type === "INT32" && converted_type === "DECIMAL" && view.byteLength === 4) {
    return view.getInt32(0, true) * 10 ** -(schema.scale || 0);
  }
  if (type === "INT64" && converted_type === "DECIMAL" && view.byteLength === 8) {
    return Number(view.getBigInt64(0, true)) * 10 ** -(schema.scale || 0);
  }
  if (type === "INT32" && converted_type === "DATE") return parsers.dateFromDays(view.getInt32(0, true));
  if (type === "INT64" && converted_type === "TIMESTAMP_MILLIS") return parsers.timestampFromMilliseconds(view.getBigInt64(0, true));
  if (type === "INT64" && converted_type === "TIMESTAMP_MICROS") return parsers.timestampFromMicroseconds(view.getBigInt64(0, true));
  if (type === "INT64" && logical_type?.type === "TIMESTAMP" && logical_type?.unit === "NANOS") return parsers.timestampFromNanoseconds(view.getBigInt64(0, true));
  if (type === "INT64" && logical_type?.type === "TIMESTAMP" && logical_type?.unit === "MICROS") return parsers.timestampFromMicroseconds(view.getBigInt64(0, true));
  if (type === "INT64" && logical_type?.type === "TIMESTAMP") return parsers.timestampFromMilliseconds(view.getBigInt64(0, true));
  const unsigned = converted_type?.startsWith("UINT_") || logical_type?.type === "INTEGER" && !logical_type.isSigned;
  if (type === "INT32" && unsigned && view.byteLength === 4) return view.getUint32(0, true);
  if (type === "INT64" && unsigned && view.byteLength === 8) return view.getBigUint64(0, true);
  if (type === "INT32" && view.byteLength === 4) return view.getInt32(0, true);
  if (type === "INT64" && view.byteLength === 8) return view.getBigInt64(0, true);
  if (converted_type === "DECIMAL") return parseDecimal(value) * 10 ** -(schema.scale || 0);
  if (logical_type?.type === "FLOAT16") return parseFloat16(value);
  if (logical_type?.type === "UUID") return parsers.uuidFromBytes(value);
  if (type === "FIXED_LEN_BYTE_ARRAY") return value;
  return value;
}

// node_modules/hyparquet/src/indexes.js
function readColumnIndex(reader, schema, parsers = void 0) {
  const allParsers = { ...DEFAULT_PARSERS, ...parsers };
  const thrift = deserializeTCompactProtocol(reader);
  return {
    null_pages: thrift.field_1,
    min_values: thrift.field_2.map((m) => convertMetadata(m, schema, allParsers)),
    max_values: thrift.field_3.map((m) => convertMetadata(m, schema, allParsers)),
    boundary_order: BoundaryOrders[thrift.field_4],
    null_counts: thrift.field_5,
    repetition_level_histograms: thrift.field_6,
    definition_level_histograms: thrift.field_7
  };
}
function readOffsetIndex(reader) {
  const thrift = deserializeTCompactProtocol(reader);
  return {
    // @ts-ignore
    page_locations: thrift.field_1.map((loc) => ({
      offset: loc.field_1,
      compressed_page_size: loc.field_2,
      first_row_index: loc.field_3
    })),
    unencoded_byte_array_data_bytes: thrift.field_2
  };
}

// node_modules/hyparquet/src/xxhash.js
var MASK = 0xffffffffffffffffn;
var PRIME1 = 0x9e3779b185ebca87n;
var PRIME2 = 0xc2b2ae3d27d4eb4fn;
var PRIME3 = 0x165667b19e3779f9n;
var PRIME4 = 0x85ebca77c2b2ae63n;
var PRIME5 = 0x27d4eb2f165667c5n;
function rotl64(x, r) {
  return (x << r | x >> 64n - r) & MASK;
}
function round(acc, val) {
  acc = acc + val * PRIME2 & MASK;
  acc = rotl64(acc, 31n);
  return acc * PRIME1 & MASK;
}
function mergeRound(acc, val) {
  acc ^= round(0n, val);
  return acc * PRIME1 + PRIME4 & MASK;
}
function xxhash64(input, seed = 0n) {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const len = input.byteLength;
  let offset = 0;
  let h64;
  if (len >= 32) {
    let v1 = seed + PRIME1 + PRIME2 & MASK;
    let v2 = seed + PRIME2 & MASK;
    let v3 = seed;
    let v4 = seed - PRIME1 & MASK;
    while (offset + 32 <= len) {
      v1 = round(v1, view.getBigUint64(offset, true));
      offset += 8;
      v2 = round(v2, view.getBigUint64(offset, true));
      offset += 8;
      v3 = round(v3, view.getBigUint64(offset, true));
      offset += 8;
      v4 = round(v4, view.getBigUint64(offset, true));
      offset += 8;
    }
    h64 = rotl64(v1, 1n) + rotl64(v2, 7n) + rotl64(v3, 12n) + rotl64(v4, 18n) & MASK;
    h64 = mergeRound(h64, v1);
    h64 = mergeRound(h64, v2);
    h64 = mergeRound(h64, v3);
    h64 = mergeRound(h64, v4);
  } else {
    h64 = seed + PRIME5 & MASK;
  }
  h64 = h64 + BigInt(len) & MASK;
  while (offset + 8 <= len) {
    h64 ^= round(0n, view.getBigUint64(offset, true));
    h64 = rotl64(h64, 27n) * PRIME1 + PRIME4 & MASK;
    offset += 8;
  }
  if (offset + 4 <= len) {
    h64 ^= BigInt(view.getUint32(offset, true)) * PRIME1 & MASK;
    h64 = rotl64(h64, 23n) * PRIME2 + PRIME3 & MASK;
    offset += 4;
  }
  while (offset < len) {
    h64 ^= BigInt(view.getUint8(offset)) * PRIME5 & MASK;
    h64 = rotl64(h64, 11n) * PRIME1 & MASK;
    offset += 1;
  }
  h64 ^= h64 >> 33n;
  h64 = h64 * PRIME2 & MASK;
  h64 ^= h64 >> 29n;
  h64 = h64 * PRIME3 & MASK;
  h64 ^= h64 >> 32n;
  return h64;
}

// node_modules/hyparquet/src/bloom.js
var textEncoder = new TextEncoder();
var SALT = new Uint32Array([
  1203114875,
  1150766481,
  2284105051,
  2729912477,
  1884591559,
  770785867,
  2667333959,
  1550580529
]);
function blockIndex(hash, numBlocks) {
  return Number((hash >> 32n) * BigInt(numBlocks) >> 32n);
}
function blockMask(hash) {
  const m = new Uint32Array(8);
  const low = Number(hash & 0xffffffffn) | 0;
  for (let i = 0; i < 8; i++) {
    m[i] = 1 << (Math.imul(low, SALT[i]) >>> 27);
  }
  return m;
}
function sbbfContains(blocks, hash) {
  const offset = blockIndex(hash, blocks.length >> 3) << 3;
  const m = blockMask(hash);
  for (let i = 0; i < 8; i++) {
    if ((blocks[offset + i] & m[i]) === 0) return false;
  }
  return true;
}
function readBloomFilter(reader) {
  const header = deserializeTCompactProtocol(reader);
  const numBytes = header.field_1;
  if (typeof numBytes !== "number" || numBytes <= 0 || numBytes % 32 !== 0) return void 0;
  if (!header.field_2?.field_1) return void 0;
  if (!header.field_3?.field_1) return void 0;
  if (!header.field_4?.field_1) return void 0;
  const { view, offset } = reader;
  if (offset + numBytes > view.byteLength) {
    throw new Error(`parquet bloom filter truncated: need ${numBytes} bytes, have ${view.byteLength - offset}`);
  }
  const blocks = new Uint32Array(numBytes >> 2);
  for (let i = 0; i < blocks.length; i++) {
    blocks[i] = view.getUint32(offset + i * 4, true);
  }
  reader.offset = offset + numBytes;
  return { numBytes, blocks };
}
function hashParquetValue(value, element) {
  if (value === null || value === void 0) return void 0;
  const { type, converted_type, logical_type } = element;
  if (type === "BOOLEAN") {
    if (typeof value !== "boolean") return void 0;
    return xxhash64(new Uint8Array([value ? 1 : 0]));
  }
  if (type === "FLOAT") {
    if (typeof value !== "number") return void 0;
    const buf = new ArrayBuffer(4);
    new DataView(buf).setFloat32(0, value, true);
    return xxhash64(new Uint8Array(buf));
  }
  if (type === "DOUBLE") {
    if (typeof value !== "number") return void 0;
    const buf = new ArrayBuffer(8);
    new DataView(buf).setFloat64(0, value, true);
    return xxhash64(new Uint8Array(buf));
  }
  if (type === "INT32") {
    if (converted_type === "DATE" || converted_type === "DECIMAL" || converted_type === "TIME_MILLIS") return void 0;
    if (logical_type?.type === "DATE" || logical_type?.type === "TIME" || logical_type?.type === "DECIMAL") return void 0;
    if (typeof value !== "number" || !Number.isInteger(value)) return void 0;
    const buf = new ArrayBuffer(4);
    new DataView(buf).setInt32(0, value | 0, true);
    return xxhash64(new Uint8Array(buf));
  }
  if (type === "INT64") {
    if (converted_type === "TIMESTAMP_MILLIS" || converted_type === "TIMESTAMP_MICROS") return void 0;
    if (converted_type === "TIME_MICROS" || converted_type === "DECIMAL") return void 0;
    if (logical_type?.type === "TIMESTAMP" || logical_type?.type === "TIME" || logical_type?.type === "DECIMAL") return void 0;
    let bigValue;
    if (typeof value === "bigint") bigValue = value;
    else if (typeof value === "number" && Number.isSafeInteger(value)) bigValue = BigInt(value);
    else return void 0;
    const buf = new ArrayBuffer(8);
    new DataView(buf).setBigUint64(0, BigInt.asUintN(64, bigValue), true);
    return xxhash64(new Uint8Array(buf));
  }
  if (type === "BYTE_ARRAY") {
    if (converted_type === "JSON" || converted_type === "BSON" || converted_type === "DECIMAL") return void 0;
    if (logical_type?.type === "JSON" || logical_type?.type === "BSON" || logical_type?.type === "VARIANT") return void 0;
    if (logical_type?.type === "GEOMETRY" || logical_type?.type === "GEOGRAPHY") return void 0;
    if (typeof value === "string") return xxhash64(textEncoder.encode(value));
    if (value instanceof Uint8Array) return xxhash64(value);
    return void 0;
  }
  if (type === "FIXED_LEN_BYTE_ARRAY") {
    if (converted_type === "DECIMAL" || converted_type === "INTERVAL") return void 0;
    if (logical_type?.type === "DECIMAL" || logical_type?.type === "UUID" || logical_type?.type === "FLOAT16") return void 0;
    if (logical_type?.type === "GEOMETRY" || logical_type?.type === "GEOGRAPHY") return void 0;
    if (value instanceof Uint8Array) return xxhash64(value);
    return void 0;
  }
  return void 0;
}
function bloomEligibleColumns(filter) {
  const out = /* @__PURE__ */ new Set();
  walkBloomEligible(filter, out);
  return out;
}
function walkBloomEligible(filter, out) {
  if (!filter) return;
  if ("$and" in filter && Array.isArray(filter.$and)) {
    for (const sub of filter.$and) walkBloomEligible(sub, out);
    return;
  }
  if ("$or" in filter && Array.isArray(filter.$or)) {
    for (const sub of filter.$or) walkBloomEligible(sub, out);
    return;
  }
  if ("$nor" in filter) return;
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith("$")) continue;
    if (typeof condition === "object" && condition !== null && !Array.isArray(condition)) {
      if ("$eq" in condition || "$in" in condition) out.add(field);
    } else {
      out.add(field);
    }
  }
}

// node_modules/hyparquet/src/utils.js
function concat2(aaa, bbb) {
  const chunk = 1e4;
  for (let i = 0; i < bbb.length; i += chunk) {
    aaa.push(...bbb.slice(i, i + chunk));
  }
}
function equals(a, b, strict = true) {
  if (strict ? a === b : a == b) return true;
  if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return false;
    }
    return true;
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!equals(a[i], b[i], strict)) return false;
    }
    return true;
  }
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const k of aKeys) {
    if (!equals(a[k], b[k], strict)) return false;
  }
  return true;
}
function flatten(chunks) {
  if (!chunks) return [];
  if (chunks.length === 1) return chunks[0];
  const output = [];
  for (const chunk of chunks) {
    concat2(output, chunk);
  }
  return output;
}

// node_modules/hyparquet/src/filter.js
var encoder = new TextEncoder();
function pathsNeededForFilter(filter) {
  if (!filter) return [];
  const paths = [];
  if ("$and" in filter && Array.isArray(filter.$and)) {
    paths.push(...filter.$and.flatMap(pathsNeededForFilter));
  } else if ("$or" in filter && Array.isArray(filter.$or)) {
    paths.push(...filter.$or.flatMap(pathsNeededForFilter));
  } else if ("$nor" in filter && Array.isArray(filter.$nor)) {
    paths.push(...filter.$nor.flatMap(pathsNeededForFilter));
  } else {
    paths.push(...Object.keys(filter));
  }
  return [...new Set(paths)];
}
function columnsNeededForFilter(filter) {
  return [...new Set(pathsNeededForFilter(filter).map((path2) => path2.split(".")[0]))];
}
function matchFilter(record, filter, strict = true) {
  if ("$and" in filter && Array.isArray(filter.$and)) {
    return filter.$and.every((subQuery) => matchFilter(record, subQuery, strict));
  }
  if ("$or" in filter && Array.isArray(filter.$or)) {
    return filter.$or.some((subQuery) => matchFilter(record, subQuery, strict));
  }
  if ("$nor" in filter && Array.isArray(filter.$nor)) {
    return !filter.$nor.some((subQuery) => matchFilter(record, subQuery, strict));
  }
  return Object.entries(filter).every(([field, condition]) => {
    const value = resolve(record, field);
    if (typeof condition !== "object" || condition === null || Array.isArray(condition)) {
      return equals(value, condition, strict);
    }
    return Object.entries(condition || {}).every(([operator, target]) => {
      if (operator === "$gt") return value !== null && value !== void 0 && value > target;
      if (operator === "$gte") return value !== null && value !== void 0 && value >= target;
      if (operator === "$lt") return value !== null && value !== void 0 && value < target;
      if (operator === "$lte") return value !== null && value !== void 0 && value <= target;
      if (operator === "$eq") return equals(value, target, strict);
      if (operator === "$ne") return !equals(value, target, strict);
      if (operator === "$in") return Array.isArray(target) && matchesIn(value, target, strict);
      if (operator === "$nin") return Array.isArray(target) && !matchesIn(value, target, strict);
      if (operator === "$not") return !matchFilter({ value }, { value: target }, strict);
      return true;
    });
  });
}
function matchesIn(value, targets, strict) {
  return targets.some((target) => equals(value, target, strict) || Array.isArray(value) && value.some((element) => equals(element, target, strict)));
}
function canSkipRowGroup({ rowGroup, physicalColumns, filter, strict = true, bloomFilters, schemaElements }) {
  if (!filter) return false;
  if ("$and" in filter && Array.isArray(filter.$and)) {
    return filter.$and.some((subFilter) => canSkipRowGroup({ rowGroup, physicalColumns, filter: subFilter, strict, bloomFilters, schemaElements }));
  }
  if ("$or" in filter && Array.isArray(filter.$or)) {
    return filter.$or.every((subFilter) => canSkipRowGroup({ rowGroup, physicalColumns, filter: subFilter, strict, bloomFilters, schemaElements }));
  }
  if ("$nor" in filter && Array.isArray(filter.$nor)) {
    return false;
  }
  for (const [field, condition] of Object.entries(filter)) {
    const columnIndex = physicalColumns.indexOf(field);
    if (columnIndex === -1) continue;
    const stats = rowGroup.columns[columnIndex].meta_data?.statistics;
    const { min, max, min_value, max_value, null_count: nullCount } = stats || {};
    const minVal = min_value !== void 0 ? min_value : min;
    const maxVal = max_value !== void 0 ? max_value : max;
    const haveStats = minVal !== void 0 && maxVal !== void 0;
    const bloom = bloomFilters?.[field];
    const element = schemaElements?.[field];
    const matchingNulls = matchFilter({ value: null }, { value: condition }, strict) && (nullCount === void 0 || nullCount > 0);
    if (haveStats && !matchingNulls && canSkipStats(condition, minVal, maxVal, strict, element)) {
      return true;
    }
    for (const [operator, target] of Object.entries(condition || {})) {
      if (bloom && element) {
        if (operator === "$eq") {
          const hash = hashParquetValue(target, element);
          if (hash !== void 0 && !sbbfContains(bloom.blocks, hash)) return true;
        }
        if (operator === "$in" && Array.isArray(target) && target.length > 0) {
          let allAbsent = true;
          for (const v of target) {
            const h = hashParquetValue(v, element);
            if (h === void 0 || sbbfContains(bloom.blocks, h)) {
              allAbsent = false;
              break;
            }
          }
          if (allAbsent) return true;
        }
      }
    }
  }
  return false;
}
function canSkipStats(condition, minVal, maxVal, strict, element) {
  if (minVal === void 0 || maxVal === void 0) return false;
  const mayContainNaN = element?.type === "FLOAT" || element?.type === "DOUBLE" || element?.logical_type?.type === "FLOAT16";
  for (const [operator, target] of Object.entries(condition || {})) {
    const minComparison = compareParquetValues(minVal, target, strict, element);
    const maxComparison = compareParquetValues(maxVal, target, strict, element);
    const binaryBounds = minVal instanceof Uint8Array || maxVal instanceof Uint8Array;
    const relationalBoundsAreSafe = !binaryBounds && (element?.type !== "BYTE_ARRAY" || typeof target === "string" && [...target].every((character) => character.charCodeAt(0) <= 127));
    if (operator === "$gt" && relationalBoundsAreSafe && maxComparison !== void 0 && maxComparison <= 0) return true;
    if (operator === "$gte" && relationalBoundsAreSafe && maxComparison !== void 0 && maxComparison < 0) return true;
    if (operator === "$lt" && relationalBoundsAreSafe && minComparison !== void 0 && minComparison >= 0) return true;
    if (operator === "$lte" && relationalBoundsAreSafe && minComparison !== void 0 && minComparison > 0) return true;
    if (operator === "$eq") {
      const targetMinComparison = compareParquetValues(target, minVal, strict, element);
      const targetMaxComparison = compareParquetValues(target, maxVal, strict, element);
      if (targetMinComparison !== void 0 && targetMinComparison < 0 || targetMaxComparison !== void 0 && targetMaxComparison > 0) return true;
    }
    if (operator === "$ne" && !mayContainNaN && equals(minVal, maxVal, strict) && equals(minVal, target, strict)) return true;
    if (operator === "$in" && Array.isArray(target) && target.every((value) => {
      const valueMinComparison = compareParquetValues(value, minVal, strict, element);
      const valueMaxComparison = compareParquetValues(value, maxVal, strict, element);
      return valueMinComparison !== void 0 && valueMinComparison < 0 || valueMaxComparison !== void 0 && valueMaxComparison > 0;
    })) return true;
    if (operator === "$nin" && !mayContainNaN && Array.isArray(target) && equals(minVal, maxVal, strict) && target.some((value) => equals(minVal, value, strict))) return true;
  }
  return false;
}
function compareParquetValues(a, b, strict, element) {
  if (element?.type === "BYTE_ARRAY") {
    if (typeof a !== "string" || typeof b !== "string") return void 0;
    return compareBytes(encoder.encode(a), encoder.encode(b));
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return void 0;
    return compareBytes(a, b);
  }
  if (a < b) return -1;
  if (a > b) return 1;
  if (equals(a, b, strict)) return 0;
  return void 0;
}
function compareBytes(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  if (a.length < b.length) return -1;
  if (a.length > b.length) return 1;
  return 0;
}
function matchesNull(condition, strict) {
  return matchFilter({ value: null }, { value: condition }, strict);
}
function filterPageRanges(filter, columnPages, groupRows, strict = true) {
  if (!filter) return void 0;
  if ("$and" in filter && Array.isArray(filter.$and)) {
    let ranges;
    for (const subFilter of filter.$and) {
      ranges = intersectRanges(ranges, filterPageRanges(subFilter, columnPages, groupRows, strict));
    }
    return ranges;
  }
  if ("$or" in filter && Array.isArray(filter.$or)) {
    let ranges = [];
    for (const subFilter of filter.$or) {
      const subRanges = filterPageRanges(subFilter, columnPages, groupRows, strict);
      if (!subRanges) return void 0;
      ranges = unionRanges(ranges, subRanges);
    }
    return ranges;
  }
  if ("$nor" in filter && Array.isArray(filter.$nor)) {
    return void 0;
  }
  let result;
  for (const [field, condition] of Object.entries(filter)) {
    const pages = columnPages[field];
    if (!pages) continue;
    const nullCanMatch = matchesNull(condition, strict);
    const keep = [];
    for (let i = 0; i < pages.pageStarts.length; i++) {
      const start = pages.pageStarts[i];
      const end = i + 1 < pages.pageStarts.length ? pages.pageStarts[i + 1] : groupRows;
      const nullCount = pages.nullCounts?.[i];
      const matchingNulls = nullCanMatch && (nullCount === void 0 || nullCount > 0);
      const skip = !pages.nullPages[i] && !matchingNulls && canSkipStats(condition, pages.minValues[i], pages.maxValues[i], strict, pages.element);
      if (!skip) {
        const last = keep[keep.length - 1];
        if (last && last[1] === start) last[1] = end;
        else keep.push([start, end]);
      }
    }
    result = intersectRanges(result, keep);
  }
  return result;
}
function intersectRanges(a, b) {
  if (!a) return b;
  if (!b) return a;
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i][0], b[j][0]);
    const end = Math.min(a[i][1], b[j][1]);
    if (start < end) out.push([start, end]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}
function unionRanges(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || i < a.length && a[i][0] <= b[j][0] ? a[i++] : b[j++];
    const last = out[out.length - 1];
    if (last && next[0] <= last[1]) last[1] = Math.max(last[1], next[1]);
    else out.push([next[0], next[1]]);
  }
  return out;
}
function resolve(record, path2) {
  let value = record;
  for (const part of path2.split(".")) {
    value = value?.[part];
  }
  return value;
}

// node_modules/hyparquet/src/plan.js
var runLimit = 1 << 21;
var columnGapLimit = 1 << 13;
function parquetPlanGroups({ metadata, rowStart = 0, rowEnd = Infinity, columns, filter, filterStrict = true, bloomFiltersByGroup, schemaElements, pageRangesByGroup, pageLocationsByGroup }) {
  if (!metadata) throw new Error("parquetPlan requires metadata");
  const schemaTree2 = parquetSchema(metadata);
  const physicalColumns = getPhysicalColumns(schemaTree2);
  const elementsByPath = filter ? {
    ...physicalSchemaElements(schemaTree2),
    ...schemaElements
  } : schemaElements;
  const groups = [];
  let groupStart = 0;
  for (let groupIndex = 0; groupIndex < metadata.row_groups.length; groupIndex++) {
    const rowGroup = metadata.row_groups[groupIndex];
    const groupRows = Number(rowGroup.num_rows);
    const groupEnd = groupStart + groupRows;
    if (groupRows > 0 && groupEnd > rowStart && groupStart < rowEnd && !canSkipRowGroup({
      rowGroup,
      physicalColumns,
      filter,
      strict: filterStrict,
      bloomFilters: bloomFiltersByGroup?.[groupIndex],
      schemaElements: elementsByPath
    })) {
      const selectStart = Math.max(rowStart - groupStart, 0);
      const selectEnd = Math.min(rowEnd - groupStart, groupRows);
      const pageRanges = pageRangesByGroup?.[groupIndex];
      const pageLocations = pageLocationsByGroup?.[groupIndex];
      let ranges = pageRanges ? pageRanges.map(([start, end]) => {
        const range2 = [Math.max(start, selectStart), Math.min(end, selectEnd)];
        return range2;
      }).filter(([start, end]) => start < end) : [[selectStart, selectEnd]];
      if (ranges.length > 1) {
        const canSplit = rowGroup.columns.every((chunk) => {
          const columnName = chunk.meta_data?.path_in_schema[0];
          const columnPath = chunk.meta_data?.path_in_schema.join(".");
          if (columns && columnName && !columns.includes(columnName)) return true;
          return !!(chunk.offset_index_offset && chunk.offset_index_length) || !!(columnPath && pageLocations?.[columnPath]);
        });
        ranges = canSplit ? coalesceOverlappingPageRanges(ranges, rowGroup, columns, pageLocations) : [[ranges[0][0], ranges[ranges.length - 1][1]]];
      }
      if (ranges.length) {
        groups.push({ rowGroup, groupIndex, groupStart, groupRows, ranges, pageRanges, pageLocations });
      }
    }
    groupStart = groupEnd;
  }
  return { groups, rowEnd: isFinite(rowEnd) ? rowEnd : groupStart };
}
function parquetPlanGroup({ rowGroup, groupStart, groupRows, ranges, columns, useOffsetIndex = false, pageRanges, pageLocations }) {
  const chunks = [];
  const fetches = [];
  const indexes = [];
  const narrowed = ranges.length > 1 || ranges[0][0] > 0 || ranges[0][1] < groupRows;
  for (const chunk of rowGroup.columns) {
    const meta = chunk.meta_data;
    if (chunk.file_path) throw new Error("parquet file_path not supported");
    if (!meta) throw new Error("parquet column metadata is undefined");
    if (columns && !columns.includes(meta.path_in_schema[0])) continue;
    const columnOffset = meta.dictionary_page_offset || meta.data_page_offset;
    const startByte = Number(columnOffset);
    const endByte = Number(columnOffset + meta.total_compressed_size);
    const chunkPageLocations = pageLocations?.[meta.path_in_schema.join(".")];
    if (chunkPageLocations && narrowed) {
      chunks.push({ columnMetadata: meta, pageLocations: chunkPageLocations, range: { startByte, endByte } });
    } else if ((useOffsetIndex || pageRanges) && chunk.offset_index_offset && chunk.offset_index_length && narrowed) {
      const startByte2 = Number(chunk.offset_index_offset);
      chunks.push({
        columnMetadata: meta,
        offsetIndex: { startByte: startByte2, endByte: startByte2 + chunk.offset_index_length },
        range: { startByte: Number(columnOffset), endByte }
      });
    } else {
      chunks.push({ columnMetadata: meta, range: { startByte, endByte } });
    }
  }
  const columnRanges = [];
  let run;
  for (const chunk of chunks) {
    if ("pageLocations" in chunk) continue;
    if ("offsetIndex" in chunk) {
      indexes.push(chunk.offsetIndex);
    } else if (columns) {
      columnRanges.push(chunk.range);
    } else if (run && chunk.range.endByte - run.startByte <= runLimit) {
      run.endByte = chunk.range.endByte;
    } else {
      if (run) fetches.push(run);
      run = { ...chunk.range };
    }
  }
  if (run) fetches.push(run);
  fetches.push(...coalesceByteRanges(columnRanges, columnGapLimit, runLimit));
  const groups = ranges.map(([selectStart, selectEnd]) => ({
    chunks,
    rowGroup,
    groupStart,
    groupRows,
    selectStart,
    selectEnd
  }));
  return { groups, fetches, indexes };
}
function coalesceOverlappingPageRanges(ranges, rowGroup, columns, pageLocations) {
  const selectedPageLayouts = rowGroup.columns.filter((chunk) => !columns || columns.includes(chunk.meta_data?.path_in_schema[0] || "")).map((chunk) => pageLocations?.[chunk.meta_data?.path_in_schema.join(".") || ""]);
  const merged = [];
  for (const range2 of ranges) {
    const last = merged[merged.length - 1];
    const overlapsPage = last && selectedPageLayouts.some((pages) => {
      if (!pages) return true;
      const lastPages = pagesForRange(last, pages, Number(rowGroup.num_rows));
      const rangePages = pagesForRange(range2, pages, Number(rowGroup.num_rows));
      return lastPages[0] <= rangePages[1] && rangePages[0] <= lastPages[1];
    });
    if (last && overlapsPage) last[1] = range2[1];
    else merged.push([...range2]);
  }
  return merged;
}
function pagesForRange([rangeStart, rangeEnd], pages, groupRows) {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < pages.length; i++) {
    const pageStart = Number(pages[i].first_row_index);
    const pageEnd = i + 1 < pages.length ? Number(pages[i + 1].first_row_index) : groupRows;
    if (pageEnd > rangeStart && pageStart < rangeEnd) {
      first = Math.min(first, i);
      last = i;
    }
  }
  return [first, last];
}
async function prefetchBloomFilters({ file, metadata, filter, filterStrict = true }) {
  const result = metadata.row_groups.map(() => (
    /** @type {Record<string, BloomFilter>} */
    {}
  ));
  const eligibleCols = bloomEligibleColumns(filter);
  if (eligibleCols.size === 0) return result;
  const physicalColumns = getPhysicalColumns(parquetSchema(metadata));
  const tasks = [];
  metadata.row_groups.forEach((rowGroup, rgIdx) => {
    if (canSkipRowGroup({ rowGroup, physicalColumns, filter, strict: filterStrict })) return;
    for (const colName of eligibleCols) {
      const columnIdx = physicalColumns.indexOf(colName);
      if (columnIdx === -1) continue;
      const meta = rowGroup.columns[columnIdx]?.meta_data;
      if (!meta?.bloom_filter_offset || !meta.bloom_filter_length) continue;
      const start = Number(meta.bloom_filter_offset);
      const end = start + meta.bloom_filter_length;
      tasks.push((async () => {
        const buffer = await file.slice(start, end);
        const bloom = readBloomFilter({ view: new DataView(buffer), offset: 0 });
        if (bloom) result[rgIdx][colName] = bloom;
      })());
    }
  });
  if (tasks.length) await Promise.all(tasks);
  return result;
}
async function prefetchPageIndexes({ file, metadata, filter, filterStrict = true, rowStart = 0, rowEnd = Infinity, columns, bloomFiltersByGroup, schemaElements, parsers }) {
  const pageRangesByGroup = metadata.row_groups.map(() => void 0);
  const pageLocationsByGroup = metadata.row_groups.map(() => (
    /** @type {Record<string, PageLocation[]>} */
    {}
  ));
  if (filter && "$nor" in filter && Array.isArray(filter.$nor)) {
    return { pageRangesByGroup, pageLocationsByGroup };
  }
  const filterColumns = pathsNeededForFilter(filter);
  if (!filterColumns.length) return { pageRangesByGroup, pageLocationsByGroup };
  const schemaTree2 = parquetSchema(metadata);
  const physicalColumns = getPhysicalColumns(schemaTree2);
  const elementsByPath = {
    ...physicalSchemaElements(schemaTree2),
    ...schemaElements
  };
  const indexRanges = [];
  const indexTasks = [];
  const candidateGroups = [];
  let groupStart = 0;
  metadata.row_groups.forEach((rowGroup, rgIdx) => {
    const groupRows = Number(rowGroup.num_rows);
    const groupEnd = groupStart + groupRows;
    const overlaps = groupRows > 0 && groupEnd > rowStart && groupStart < rowEnd;
    groupStart = groupEnd;
    if (!overlaps) return;
    if (canSkipRowGroup({ rowGroup, physicalColumns, filter, strict: filterStrict, bloomFilters: bloomFiltersByGroup?.[rgIdx], schemaElements: elementsByPath })) return;
    const columnPages = {};
    let columnTaskCount = 0;
    const scheduledOffsetPaths = /* @__PURE__ */ new Set();
    let hasFilterIndex = false;
    for (const columnName of filterColumns) {
      const columnIdx = physicalColumns.indexOf(columnName);
      if (columnIdx === -1) continue;
      const chunk = rowGroup.columns[columnIdx];
      const meta = chunk?.meta_data;
      if (!meta) continue;
      if (!chunk.column_index_offset || !chunk.column_index_length) continue;
      if (!chunk.offset_index_offset || !chunk.offset_index_length) continue;
      const element = elementsByPath[columnName];
      if (!element) continue;
      hasFilterIndex = true;
      scheduledOffsetPaths.add(columnName);
      const columnIndexStart = Number(chunk.column_index_offset);
      const offsetIndexStart = Number(chunk.offset_index_offset);
      const columnIndexEnd = columnIndexStart + chunk.column_index_length;
      const offsetIndexEnd = offsetIndexStart + chunk.offset_index_length;
      indexRanges.push(
        { startByte: columnIndexStart, endByte: columnIndexEnd },
        { startByte: offsetIndexStart, endByte: offsetIndexEnd }
      );
      columnTaskCount++;
      indexTasks.push(async (prefetchedFile) => {
        const [columnIndexBuffer, offsetIndexBuffer] = await Promise.all([
          prefetchedFile.slice(columnIndexStart, columnIndexEnd),
          prefetchedFile.slice(offsetIndexStart, offsetIndexEnd)
        ]);
        const columnIndex = readColumnIndex({ view: new DataView(columnIndexBuffer), offset: 0 }, element, parsers);
        const offsetIndex = readOffsetIndex({ view: new DataView(offsetIndexBuffer), offset: 0 });
        pageLocationsByGroup[rgIdx][columnName] = offsetIndex.page_locations;
        columnPages[columnName] = {
          minValues: columnIndex.min_values,
          maxValues: columnIndex.max_values,
          nullPages: columnIndex.null_pages,
          nullCounts: columnIndex.null_counts,
          pageStarts: offsetIndex.page_locations.map((page) => Number(page.first_row_index)),
          element
        };
      });
    }
    if (hasFilterIndex) {
      for (const chunk of rowGroup.columns) {
        const meta = chunk.meta_data;
        if (!meta) continue;
        const columnName = meta.path_in_schema[0];
        const columnPath = meta.path_in_schema.join(".");
        if (columns && !columns.includes(columnName)) continue;
        if (scheduledOffsetPaths.has(columnPath)) continue;
        if (!chunk.offset_index_offset || !chunk.offset_index_length) continue;
        scheduledOffsetPaths.add(columnPath);
        const offsetIndexStart = Number(chunk.offset_index_offset);
        const offsetIndexEnd = offsetIndexStart + chunk.offset_index_length;
        indexRanges.push({ startByte: offsetIndexStart, endByte: offsetIndexEnd });
        columnTaskCount++;
        indexTasks.push(async (prefetchedFile) => {
          const offsetIndexBuffer = await prefetchedFile.slice(offsetIndexStart, offsetIndexEnd);
          const offsetIndex = readOffsetIndex({ view: new DataView(offsetIndexBuffer), offset: 0 });
          pageLocationsByGroup[rgIdx][columnPath] = offsetIndex.page_locations;
        });
      }
    }
    if (columnTaskCount) {
      candidateGroups.push({ rgIdx, groupRows, columnPages });
    }
  });
  if (indexTasks.length) {
    const prefetchedFile = prefetchAsyncBuffer(file, { fetches: coalesceByteRanges(indexRanges) });
    await Promise.all(indexTasks.map((task) => task(prefetchedFile)));
    for (const { rgIdx, groupRows, columnPages } of candidateGroups) {
      pageRangesByGroup[rgIdx] = filterPageRanges(filter, columnPages, groupRows, filterStrict);
    }
  }
  return { pageRangesByGroup, pageLocationsByGroup };
}
function coalesceByteRanges(ranges, maxGap = 0, maxSize = Infinity) {
  const sorted = ranges.map((range2) => ({ ...range2 })).sort((a, b) => a.startByte - b.startByte || a.endByte - b.endByte);
  const merged = [];
  for (const range2 of sorted) {
    const last = merged[merged.length - 1];
    if (last && range2.startByte <= last.endByte + maxGap && Math.max(last.endByte, range2.endByte) - last.startByte <= maxSize) {
      last.endByte = Math.max(last.endByte, range2.endByte);
    } else {
      merged.push(range2);
    }
  }
  return merged;
}
function physicalSchemaElements(schemaTree2) {
  const elements = {};
  function traverse(node) {
    if (node.children.length) {
      for (const child of node.children) traverse(child);
    } else {
      elements[node.path.join(".")] = node.element;
    }
  }
  traverse(schemaTree2);
  return elements;
}
function prefetchAsyncBuffer(file, { fetches }) {
  const promises = fetches.map(({ startByte, endByte }) => file.slice(startByte, endByte));
  return {
    byteLength: file.byteLength,
    slice(start, end = file.byteLength) {
      const index = fetches.findIndex(({ startByte, endByte }) => startByte <= start && end <= endByte);
      if (index < 0) {
        return file.slice(start, end);
      }
      if (fetches[index].startByte !== start || fetches[index].endByte !== end) {
        const startOffset = start - fetches[index].startByte;
        const endOffset = end - fetches[index].startByte;
        if (promises[index] instanceof Promise) {
          return promises[index].then((buffer) => buffer.slice(startOffset, endOffset));
        } else {
          return promises[index].slice(startOffset, endOffset);
        }
      } else {
        return promises[index];
      }
    }
  };
}

// node_modules/hyparquet/src/variant.js
var decoder3 = new TextDecoder();
var metadataCache = /* @__PURE__ */ new WeakMap();
function decodeVariantColumn(value, parsers = DEFAULT_PARSERS) {
  if (Array.isArray(value)) {
    return value.map((entry) => decodeVariantColumn(entry, parsers));
  }
  if (typeof value !== "object") return value;
  if ("metadata" in value) {
    const metadata = parseVariantMetadata(value.metadata);
    const shreddedFields = value.typed_value && decodeTypedValue(value.typed_value, metadata, parsers);
    const binaryValue = value.value && readVariant(makeReader(value.value), metadata, parsers);
    if (shreddedFields && binaryValue) {
      return { ...binaryValue, ...shreddedFields };
    }
    return shreddedFields ?? binaryValue;
  }
  return value;
}
function decodeTypedValue(typedValue, metadata, parsers) {
  if (typedValue instanceof Date) return typedValue;
  if (typedValue && typeof typedValue === "object" && !Array.isArray(typedValue) && !(typedValue instanceof Uint8Array)) {
    if ("typed_value" in typedValue && typedValue.typed_value !== null && typedValue.typed_value !== void 0) {
      return decodeTypedValue(typedValue.typed_value, metadata, parsers);
    }
    if ("value" in typedValue && typedValue.value instanceof Uint8Array) {
      return readVariant(makeReader(typedValue.value), metadata, parsers);
    }
    if ("typed_value" in typedValue || "value" in typedValue) {
      return null;
    }
    const result = {};
    for (const [key2, field] of Object.entries(typedValue)) {
      if (!metadata.dictionary.includes(key2)) continue;
      result[key2] = decodeTypedValue(field, metadata, parsers);
    }
    return result;
  }
  if (typedValue instanceof Uint8Array) {
    return readVariant(makeReader(typedValue), metadata, parsers);
  }
  if (Array.isArray(typedValue)) {
    return typedValue.map((element) => decodeTypedValue(element, metadata, parsers));
  }
  return typedValue;
}
function makeReader(bytes) {
  return { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
}
function parseVariantMetadata(bytes) {
  let bufferCache = metadataCache.get(bytes.buffer);
  if (!bufferCache) {
    bufferCache = /* @__PURE__ */ new Map();
    metadataCache.set(bytes.buffer, bufferCache);
  }
  const key2 = `${bytes.byteOffset}:${bytes.byteLength}`;
  const cached = bufferCache.get(key2);
  if (cached) return cached;
  const reader = makeReader(bytes);
  const header = reader.view.getUint8(reader.offset++);
  const version = header & 15;
  if (version !== 1) throw new Error(`parquet unsupported variant metadata version: ${version}`);
  const sorted = (header >> 4 & 1) === 1;
  const offsetSize = (header >> 6 & 3) + 1;
  const dictionarySize = readUnsigned(reader, offsetSize);
  const offsets = new Array(dictionarySize + 1);
  for (let i = 0; i < offsets.length; i++) {
    offsets[i] = readUnsigned(reader, offsetSize);
  }
  const base = reader.offset;
  const dictionary = new Array(dictionarySize);
  for (let i = 0; i < dictionarySize; i++) {
    const start = offsets[i];
    const end = offsets[i + 1];
    const strBytes = new Uint8Array(bytes.buffer, bytes.byteOffset + base + start, end - start);
    dictionary[i] = decoder3.decode(strBytes);
  }
  const metadata = { dictionary, sorted };
  bufferCache.set(key2, metadata);
  return metadata;
}
function readUnsigned(reader, byteWidth2) {
  let value = 0;
  for (let i = 0; i < byteWidth2; i++) {
    value |= reader.view.getUint8(reader.offset + i) << i * 8;
  }
  reader.offset += byteWidth2;
  return value;
}
function readVariant(reader, metadata, parsers) {
  const typeByte = reader.view.getUint8(reader.offset++);
  const basicType = typeByte & 3;
  const header = typeByte >> 2;
  if (basicType === 0) return readVariantPrimitive(reader, header, parsers);
  if (basicType === 2) return readVariantObject(reader, header, metadata, parsers);
  if (basicType === 3) return readVariantArray(reader, header, metadata, parsers);
  const bytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, header);
  reader.offset += header;
  return decoder3.decode(bytes);
}
function readVariantPrimitive(reader, typeId, parsers) {
  switch (typeId) {
    case 0:
      return null;
    case 1:
      return true;
    case 2:
      return false;
    case 3: {
      const value = reader.view.getInt8(reader.offset);
      reader.offset += 1;
      return value;
    }
    case 4: {
      const value = reader.view.getInt16(reader.offset, true);
      reader.offset += 2;
      return value;
    }
    case 5: {
      const value = reader.view.getInt32(reader.offset, true);
      reader.offset += 4;
      return value;
    }
    case 6: {
      const value = reader.view.getBigInt64(reader.offset, true);
      reader.offset += 8;
      return value;
    }
    case 7: {
      const value = reader.view.getFloat64(reader.offset, true);
      reader.offset += 8;
      return value;
    }
    case 8:
      return readVariantDecimal(reader, 4);
    case 9:
      return readVariantDecimal(reader, 8);
    case 10:
      return readVariantDecimal(reader, 16);
    case 11: {
      const value = reader.view.getInt32(reader.offset, true);
      reader.offset += 4;
      return parsers.dateFromDays(value);
    }
    case 12:
    // timestamp_micros (utc)
    case 13: {
      const value = reader.view.getBigInt64(reader.offset, true);
      reader.offset += 8;
      return parsers.timestampFromMicroseconds(value);
    }
    case 14: {
      const value = reader.view.getFloat32(reader.offset, true);
      reader.offset += 4;
      return value;
    }
    case 15:
      return readVariantBinary(reader);
    case 16: {
      const bytes = readVariantBinary(reader);
      return decoder3.decode(bytes);
    }
    case 17: {
      const value = reader.view.getBigInt64(reader.offset, true);
      reader.offset += 8;
      return value;
    }
    case 18:
    // timestamp_nanos (utc)
    case 19: {
      const value = reader.view.getBigInt64(reader.offset, true);
      reader.offset += 8;
      return parsers.timestampFromNanoseconds(value);
    }
    case 20: {
      const bytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, 16);
      reader.offset += 16;
      const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    default:
      throw new Error(`parquet unsupported variant primitive type: ${typeId}`);
  }
}
function readVariantObject(reader, header, metadata, parsers) {
  const offsetWidth = (header & 3) + 1;
  const idWidth = (header >> 2 & 3) + 1;
  const isLarge = header >> 4 & 1;
  const numElements = isLarge ? readUnsigned(reader, 4) : reader.view.getUint8(reader.offset++);
  const fieldIds = new Array(numElements);
  for (let i = 0; i < numElements; i++) {
    fieldIds[i] = readUnsigned(reader, idWidth);
  }
  const offsets = new Array(numElements + 1);
  for (let i = 0; i < offsets.length; i++) {
    offsets[i] = readUnsigned(reader, offsetWidth);
  }
  const out = {};
  for (let i = 0; i < numElements; i++) {
    const key2 = metadata.dictionary[fieldIds[i]];
    const valueReader = {
      view: reader.view,
      offset: reader.offset + offsets[i]
    };
    out[key2] = readVariant(valueReader, metadata, parsers);
  }
  reader.offset += offsets[offsets.length - 1];
  return out;
}
function readVariantArray(reader, header, metadata, parsers) {
  const fieldOffsetSize = header & 3;
  const isLarge = header >> 2 & 1;
  const offsetWidth = fieldOffsetSize + 1;
  const numElements = readUnsigned(reader, isLarge ? 4 : 1);
  const offsets = new Array(numElements + 1);
  for (let i = 0; i < offsets.length; i++) {
    offsets[i] = readUnsigned(reader, offsetWidth);
  }
  const valuesStart = reader.offset;
  const result = new Array(numElements);
  for (let i = 0; i < numElements; i++) {
    const valueReader = {
      view: reader.view,
      offset: valuesStart + offsets[i]
    };
    result[i] = readVariant(valueReader, metadata, parsers);
  }
  reader.offset = valuesStart + offsets[offsets.length - 1];
  return result;
}
function readVariantDecimal(reader, width) {
  const scale = reader.view.getUint8(reader.offset);
  reader.offset += 1;
  let unscaled;
  if (width === 4) {
    unscaled = BigInt(reader.view.getInt32(reader.offset, true));
    reader.offset += 4;
  } else if (width === 8) {
    unscaled = reader.view.getBigInt64(reader.offset, true);
    reader.offset += 8;
  } else {
    const low = reader.view.getBigUint64(reader.offset, true);
    const high = reader.view.getBigInt64(reader.offset + 8, true);
    unscaled = high << 64n | low;
    reader.offset += 16;
  }
  return Number(unscaled) * 10 ** -scale;
}
function readVariantBinary(reader) {
  const length = reader.view.getUint32(reader.offset, true);
  reader.offset += 4;
  const bytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, length);
  reader.offset += length;
  return bytes;
}

// node_modules/hyparquet/src/assemble.js
function assembleLists(output, definitionLevels, repetitionLevels, values, schemaPath) {
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath);
  if (!definitionLevels?.length && !repetitionLevels.length) {
    if (!maxDefinitionLevel || !values.length) return values;
    definitionLevels = new Array(values.length).fill(maxDefinitionLevel);
  }
  const n = definitionLevels?.length || repetitionLevels.length;
  const repetitionPath = schemaPath.map(({ element }) => element.repetition_type);
  let valueIndex = 0;
  const containerStack = [output];
  let currentContainer = output;
  let currentDepth = 0;
  let currentDefLevel = 0;
  let currentRepLevel = 0;
  if (repetitionLevels[0]) {
    while (currentDepth < repetitionPath.length - 2 && currentRepLevel < repetitionLevels[0]) {
      currentDepth++;
      if (repetitionPath[currentDepth] !== "REQUIRED") {
        currentContainer = currentContainer.at(-1);
        containerStack.push(currentContainer);
        currentDefLevel++;
      }
      if (repetitionPath[currentDepth] === "REPEATED") currentRepLevel++;
    }
  }
  for (let i = 0; i < n; i++) {
    const def = definitionLevels?.length ? definitionLevels[i] : maxDefinitionLevel;
    const rep = repetitionLevels[i];
    while (currentDepth && (rep < currentRepLevel || repetitionPath[currentDepth] !== "REPEATED")) {
      if (repetitionPath[currentDepth] !== "REQUIRED") {
        containerStack.pop();
        currentDefLevel--;
      }
      if (repetitionPath[currentDepth] === "REPEATED") currentRepLevel--;
      currentDepth--;
    }
    currentContainer = containerStack.at(-1);
    while ((currentDepth < repetitionPath.length - 2 || repetitionPath[currentDepth + 1] === "REPEATED") && (currentDefLevel < def || repetitionPath[currentDepth + 1] === "REQUIRED")) {
      currentDepth++;
      if (repetitionPath[currentDepth] !== "REQUIRED") {
        const newList = [];
        currentContainer.push(newList);
        currentContainer = newList;
        containerStack.push(newList);
        currentDefLevel++;
      }
      if (repetitionPath[currentDepth] === "REPEATED") currentRepLevel++;
    }
    if (def === maxDefinitionLevel) {
      currentContainer.push(values[valueIndex++]);
    } else if (currentDepth === repetitionPath.length - 2) {
      currentContainer.push(null);
    } else {
      currentContainer.push([]);
    }
  }
  if (!output.length) {
    for (let i = 0; i < maxDefinitionLevel; i++) {
      const newList = [];
      currentContainer.push(newList);
      currentContainer = newList;
    }
  }
  return output;
}
function assembleNested(subcolumnData, schema, parsers, depth = 0) {
  const path2 = schema.path.join(".");
  const optional = schema.element.repetition_type === "OPTIONAL";
  const nextDepth = optional ? depth + 1 : depth;
  if (isListLike(schema)) {
    let sublist = schema.children[0];
    let subDepth = nextDepth;
    if (sublist.children.length === 1) {
      sublist = sublist.children[0];
      subDepth++;
    }
    assembleNested(subcolumnData, sublist, parsers, subDepth);
    const subcolumn = sublist.path.join(".");
    const values = subcolumnData.get(subcolumn);
    if (!values) throw new Error("parquet list column missing values");
    if (optional) flattenAtDepth(values, depth);
    subcolumnData.set(path2, values);
    subcolumnData.delete(subcolumn);
    return;
  }
  if (isMapLike(schema)) {
    const mapName = schema.children[0].element.name;
    assembleNested(subcolumnData, schema.children[0].children[0], parsers, nextDepth + 1);
    assembleNested(subcolumnData, schema.children[0].children[1], parsers, nextDepth + 1);
    const keys = subcolumnData.get(`${path2}.${mapName}.key`);
    const values = subcolumnData.get(`${path2}.${mapName}.value`);
    if (!keys) throw new Error("parquet map column missing keys");
    if (!values) throw new Error("parquet map column missing values");
    if (keys.length !== values.length) {
      throw new Error("parquet map column key/value length mismatch");
    }
    const out = assembleMaps(keys, values, nextDepth);
    if (optional) flattenAtDepth(out, depth);
    subcolumnData.delete(`${path2}.${mapName}.key`);
    subcolumnData.delete(`${path2}.${mapName}.value`);
    subcolumnData.set(path2, out);
    return;
  }
  if (schema.children.length) {
    const invertDepth = schema.element.repetition_type === "REQUIRED" ? depth : depth + 1;
    const struct = {};
    for (const child of schema.children) {
      assembleNested(subcolumnData, child, parsers, invertDepth);
      const childData = subcolumnData.get(child.path.join("."));
      if (!childData) throw new Error("parquet struct missing child data");
      struct[child.element.name] = childData;
    }
    for (const child of schema.children) {
      subcolumnData.delete(child.path.join("."));
    }
    let inverted = invertStruct(struct, invertDepth);
    if (schema.element.logical_type?.type === "VARIANT") {
      inverted = decodeVariantColumn(inverted, parsers);
    }
    if (optional) flattenAtDepth(inverted, depth);
    subcolumnData.set(path2, inverted);
  }
}
function flattenAtDepth(arr, depth) {
  for (let i = 0; i < arr.length; i++) {
    if (depth) {
      flattenAtDepth(arr[i], depth - 1);
    } else {
      arr[i] = arr[i][0];
    }
  }
}
function assembleMaps(keys, values, depth) {
  const out = [];
  for (let i = 0; i < keys.length; i++) {
    if (depth) {
      out.push(assembleMaps(keys[i], values[i], depth - 1));
    } else {
      if (keys[i]) {
        const obj = {};
        for (let j = 0; j < keys[i].length; j++) {
          const value = values[i][j];
          obj[keys[i][j]] = value === void 0 ? null : value;
        }
        out.push(obj);
      } else {
        out.push(void 0);
      }
    }
  }
  return out;
}
function invertStruct(struct, depth) {
  const keys = Object.keys(struct);
  const length = struct[keys[0]]?.length;
  const out = [];
  for (let i = 0; i < length; i++) {
    const obj = {};
    for (const key2 of keys) {
      if (struct[key2].length !== length) throw new Error("parquet struct parsing error");
      obj[key2] = struct[key2][i];
    }
    if (depth) {
      out.push(invertStruct(obj, depth - 1));
    } else {
      out.push(obj);
    }
  }
  return out;
}

// node_modules/hyparquet/src/delta.js
function deltaBinaryUnpack(reader, count, output) {
  if (output instanceof Int32Array) {
    deltaBinaryUnpackInt32(reader, count, output);
    return;
  }
  const blockSize = readVarInt(reader);
  const miniblockPerBlock = readVarInt(reader);
  readVarInt(reader);
  let value = readZigZagBigInt(reader);
  let outputIndex = 0;
  output[outputIndex++] = value;
  const valuesPerMiniblock = blockSize / miniblockPerBlock;
  while (outputIndex < count) {
    const minDelta = readZigZagBigInt(reader);
    const bitWidths = new Uint8Array(miniblockPerBlock);
    for (let i = 0; i < miniblockPerBlock; i++) {
      bitWidths[i] = reader.view.getUint8(reader.offset++);
    }
    for (let i = 0; i < miniblockPerBlock && outputIndex < count; i++) {
      const bitWidth2 = bitWidths[i];
      if (bitWidth2) {
        let bitpackPos = 0;
        let miniblockCount = valuesPerMiniblock;
        const mask = (1n << BigInt(bitWidth2)) - 1n;
        while (miniblockCount && outputIndex < count) {
          let bits = BigInt(reader.view.getUint32(reader.offset, true) >>> bitpackPos) & mask;
          bitpackPos += bitWidth2;
          while (bitpackPos >= 32) {
            bitpackPos -= 32;
            reader.offset += 4;
            if (bitpackPos) {
              bits |= BigInt(reader.view.getUint32(reader.offset, true)) << BigInt(bitWidth2 - bitpackPos) & mask;
            }
          }
          const delta = minDelta + bits;
          value += delta;
          output[outputIndex++] = value;
          miniblockCount--;
        }
        if (miniblockCount) {
          reader.offset += Math.ceil((miniblockCount * bitWidth2 + bitpackPos) / 8);
        }
      } else {
        for (let j = 0; j < valuesPerMiniblock && outputIndex < count; j++) {
          value += minDelta;
          output[outputIndex++] = value;
        }
      }
    }
  }
}
function deltaBinaryUnpackInt32(reader, count, output) {
  const blockSize = readVarInt(reader);
  const miniblockPerBlock = readVarInt(reader);
  readVarInt(reader);
  let value = readZigZag(reader);
  let outputIndex = 0;
  output[outputIndex++] = value;
  const valuesPerMiniblock = blockSize / miniblockPerBlock;
  const { view } = reader;
  while (outputIndex < count) {
    const minDelta = readZigZagInt33(reader);
    const bitWidthsOffset = reader.offset;
    let offset = bitWidthsOffset + miniblockPerBlock;
    for (let i = 0; i < miniblockPerBlock && outputIndex < count; i++) {
      const bitWidth2 = view.getUint8(bitWidthsOffset + i);
      const end = offset + valuesPerMiniblock * bitWidth2 / 8;
      let bitOffset = 0;
      for (let j = 0; j < valuesPerMiniblock && outputIndex < count; j++) {
        let residual = 0;
        let bitsRead = 0;
        while (bitsRead < bitWidth2) {
          const bitsToRead = Math.min(8 - bitOffset, bitWidth2 - bitsRead);
          if (bitsRead < 32) {
            residual |= (view.getUint8(offset) >>> bitOffset & (1 << bitsToRead) - 1) << bitsRead;
          }
          bitsRead += bitsToRead;
          bitOffset += bitsToRead;
          if (bitOffset === 8) {
            bitOffset = 0;
            offset++;
          }
        }
        value = value + minDelta + residual | 0;
        output[outputIndex++] = value;
      }
      offset = end;
    }
    reader.offset = offset;
  }
}
function readZigZagInt33(reader) {
  const start = reader.offset;
  const low = readVarInt(reader);
  const high = reader.offset - start === 5 ? reader.view.getUint8(start + 4) >>> 4 & 1 : 0;
  return (low >>> 1 | high << 31) ^ -(low & 1);
}
function deltaLengthByteArray(reader, count, output) {
  const lengths = new Int32Array(count);
  deltaBinaryUnpack(reader, count, lengths);
  for (let i = 0; i < count; i++) {
    output[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, lengths[i]);
    reader.offset += lengths[i];
  }
}
function deltaByteArray(reader, count, output) {
  const prefixData = new Int32Array(count);
  deltaBinaryUnpack(reader, count, prefixData);
  const suffixData = new Int32Array(count);
  deltaBinaryUnpack(reader, count, suffixData);
  for (let i = 0; i < count; i++) {
    const suffix = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, suffixData[i]);
    if (prefixData[i]) {
      output[i] = new Uint8Array(prefixData[i] + suffixData[i]);
      output[i].set(output[i - 1].subarray(0, prefixData[i]));
      output[i].set(suffix, prefixData[i]);
    } else {
      output[i] = suffix;
    }
    reader.offset += suffixData[i];
  }
}

// node_modules/hyparquet/src/encoding.js
function readRleBitPackedHybrid(reader, width, output, length) {
  if (length === void 0) {
    length = reader.view.getUint32(reader.offset, true);
    reader.offset += 4;
  }
  const startOffset = reader.offset;
  let seen = 0;
  while (seen < output.length) {
    const header = readVarInt(reader);
    if (header & 1) {
      seen = readBitPacked(reader, header, width, output, seen);
    } else {
      const count = header >>> 1;
      readRle(reader, count, width, output, seen);
      seen += count;
    }
  }
  reader.offset = startOffset + length;
}
function readRle(reader, count, bitWidth2, output, seen) {
  const width = bitWidth2 + 7 >> 3;
  let value = 0;
  for (let i = 0; i < width; i++) {
    value |= reader.view.getUint8(reader.offset++) << (i << 3);
  }
  for (let i = 0; i < count; i++) {
    output[seen + i] = value;
  }
}
function readBitPacked(reader, header, bitWidth2, output, seen) {
  let count = header >> 1 << 3;
  const mask = (1 << bitWidth2) - 1;
  let data = 0;
  if (reader.offset < reader.view.byteLength) {
    data = reader.view.getUint8(reader.offset++);
  } else if (mask) {
    throw new Error(`parquet bitpack offset ${reader.offset} out of range`);
  }
  let left = 8;
  let right = 0;
  while (count) {
    if (right > 8) {
      right -= 8;
      left -= 8;
      data >>>= 8;
    } else if (left - right < bitWidth2) {
      data |= reader.view.getUint8(reader.offset) << left;
      reader.offset++;
      left += 8;
    } else {
      if (seen < output.length) {
        output[seen++] = data >> right & mask;
      }
      count--;
      right += bitWidth2;
    }
  }
  return seen;
}
function byteStreamSplit(reader, count, type, typeLength) {
  const width = byteWidth(type, typeLength);
  const bytes = new Uint8Array(count * width);
  for (let b = 0; b < width; b++) {
    for (let i = 0; i < count; i++) {
      bytes[i * width + b] = reader.view.getUint8(reader.offset++);
    }
  }
  if (type === "FLOAT") return new Float32Array(bytes.buffer);
  else if (type === "DOUBLE") return new Float64Array(bytes.buffer);
  else if (type === "INT32") return new Int32Array(bytes.buffer);
  else if (type === "INT64") return new BigInt64Array(bytes.buffer);
  else if (type === "FIXED_LEN_BYTE_ARRAY") {
    const split = new Array(count);
    for (let i = 0; i < count; i++) {
      split[i] = bytes.subarray(i * width, (i + 1) * width);
    }
    return split;
  }
  throw new Error(`parquet byte_stream_split unsupported type: ${type}`);
}
function byteWidth(type, typeLength) {
  switch (type) {
    case "INT32":
    case "FLOAT":
      return 4;
    case "INT64":
    case "DOUBLE":
      return 8;
    case "FIXED_LEN_BYTE_ARRAY":
      if (!typeLength) throw new Error("parquet byteWidth missing type_length");
      return typeLength;
    default:
      throw new Error(`parquet unsupported type: ${type}`);
  }
}

// node_modules/hyparquet/src/plain.js
function readPlain(reader, type, count, fixedLength) {
  if (count === 0) return [];
  if (type === "BOOLEAN") {
    return readPlainBoolean(reader, count);
  } else if (type === "INT32") {
    return readPlainInt32(reader, count);
  } else if (type === "INT64") {
    return readPlainInt64(reader, count);
  } else if (type === "INT96") {
    return readPlainInt96(reader, count);
  } else if (type === "FLOAT") {
    return readPlainFloat(reader, count);
  } else if (type === "DOUBLE") {
    return readPlainDouble(reader, count);
  } else if (type === "BYTE_ARRAY") {
    return readPlainByteArray(reader, count);
  } else if (type === "FIXED_LEN_BYTE_ARRAY") {
    if (!fixedLength) throw new Error("parquet missing fixed length");
    return readPlainByteArrayFixed(reader, count, fixedLength);
  } else {
    throw new Error(`parquet unhandled type: ${type}`);
  }
}
function readPlainBoolean(reader, count) {
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    const byteOffset = reader.offset + (i / 8 | 0);
    const bitOffset = i % 8;
    const byte = reader.view.getUint8(byteOffset);
    values[i] = (byte & 1 << bitOffset) !== 0;
  }
  reader.offset += Math.ceil(count / 8);
  return values;
}
function readPlainInt32(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 4 ? new Int32Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 4)) : new Int32Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 4;
  return values;
}
function readPlainInt64(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 8 ? new BigInt64Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 8)) : new BigInt64Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 8;
  return values;
}
function readPlainInt96(reader, count) {
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    const low = reader.view.getBigInt64(reader.offset + i * 12, true);
    const high = reader.view.getInt32(reader.offset + i * 12 + 8, true);
    values[i] = BigInt(high) << 64n | low;
  }
  reader.offset += count * 12;
  return values;
}
function readPlainFloat(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 4 ? new Float32Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 4)) : new Float32Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 4;
  return values;
}
function readPlainDouble(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 8 ? new Float64Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 8)) : new Float64Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 8;
  return values;
}
function readPlainByteArray(reader, count) {
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    const length = reader.view.getUint32(reader.offset, true);
    reader.offset += 4;
    values[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, length);
    reader.offset += length;
  }
  return values;
}
function readPlainByteArrayFixed(reader, count, fixedLength) {
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    values[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, fixedLength);
    reader.offset += fixedLength;
  }
  return values;
}
function align(buffer, offset, size) {
  const aligned = new ArrayBuffer(size);
  new Uint8Array(aligned).set(new Uint8Array(buffer, offset, size));
  return aligned;
}

// node_modules/hyparquet/src/snappy.js
var WORD_MASK = [0, 255, 65535, 16777215, 4294967295];
function copyBytes(fromArray, fromPos, toArray, toPos, length) {
  for (let i = 0; i < length; i++) {
    toArray[toPos + i] = fromArray[fromPos + i];
  }
}
function snappyUncompress(input, output) {
  const inputLength = input.byteLength;
  const outputLength = output.byteLength;
  let pos = 0;
  let outPos = 0;
  while (pos < inputLength) {
    const c = input[pos];
    pos++;
    if (c < 128) {
      break;
    }
  }
  if (outputLength && pos >= inputLength) {
    throw new Error("invalid snappy length header");
  }
  while (pos < inputLength) {
    const c = input[pos];
    let len = 0;
    pos++;
    if (pos >= inputLength) {
      throw new Error("missing eof marker");
    }
    if ((c & 3) === 0) {
      let len2 = (c >>> 2) + 1;
      if (len2 > 60) {
        if (pos + 3 >= inputLength) {
          throw new Error("snappy error literal pos + 3 >= inputLength");
        }
        const lengthSize = len2 - 60;
        len2 = input[pos] + (input[pos + 1] << 8) + (input[pos + 2] << 16) + (input[pos + 3] << 24);
        len2 = (len2 & WORD_MASK[lengthSize]) + 1;
        pos += lengthSize;
      }
      if (pos + len2 > inputLength) {
        throw new Error("snappy error literal exceeds input length");
      }
      copyBytes(input, pos, output, outPos, len2);
      pos += len2;
      outPos += len2;
    } else {
      let offset = 0;
      switch (c & 3) {
        case 1:
          len = (c >>> 2 & 7) + 4;
          offset = input[pos] + (c >>> 5 << 8);
          pos++;
          break;
        case 2:
          if (inputLength <= pos + 1) {
            throw new Error("snappy error end of input");
          }
          len = (c >>> 2) + 1;
          offset = input[pos] + (input[pos + 1] << 8);
          pos += 2;
          break;
        case 3:
          if (inputLength <= pos + 3) {
            throw new Error("snappy error end of input");
          }
          len = (c >>> 2) + 1;
          offset = input[pos] + (input[pos + 1] << 8) + (input[pos + 2] << 16) + (input[pos + 3] << 24);
          pos += 4;
          break;
        default:
          break;
      }
      if (offset === 0 || isNaN(offset)) {
        throw new Error(`invalid offset ${offset} pos ${pos} inputLength ${inputLength}`);
      }
      if (offset > outPos) {
        throw new Error("cannot copy from before start of buffer");
      }
      copyBytes(output, outPos - offset, output, outPos, len);
      outPos += len;
    }
  }
  if (outPos !== outputLength) throw new Error("premature end of input");
}

// node_modules/hyparquet/src/datapage.js
function readDataPage(bytes, daph, { type, element, schemaPath }) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  let dataPage;
  const repetitionLevels = readRepetitionLevels(reader, daph, schemaPath);
  const { definitionLevels, numNulls } = readDefinitionLevels(reader, daph, schemaPath);
  const nValues = daph.num_values - numNulls;
  if (daph.encoding === "PLAIN") {
    dataPage = readPlain(reader, type, nValues, element.type_length);
  } else if (daph.encoding === "PLAIN_DICTIONARY" || daph.encoding === "RLE_DICTIONARY" || daph.encoding === "RLE") {
    const bitWidth2 = type === "BOOLEAN" ? 1 : view.getUint8(reader.offset++);
    if (bitWidth2) {
      dataPage = new Array(nValues);
      if (type === "BOOLEAN") {
        readRleBitPackedHybrid(reader, bitWidth2, dataPage);
        dataPage = dataPage.map((x) => !!x);
      } else {
        readRleBitPackedHybrid(reader, bitWidth2, dataPage, view.byteLength - reader.offset);
      }
    } else {
      dataPage = new Uint8Array(nValues);
    }
  } else if (daph.encoding === "BYTE_STREAM_SPLIT") {
    dataPage = byteStreamSplit(reader, nValues, type, element.type_length);
  } else if (daph.encoding === "DELTA_BINARY_PACKED") {
    const int32 = type === "INT32";
    dataPage = int32 ? new Int32Array(nValues) : new BigInt64Array(nValues);
    deltaBinaryUnpack(reader, nValues, dataPage);
  } else if (daph.encoding === "DELTA_LENGTH_BYTE_ARRAY") {
    dataPage = new Array(nValues);
    deltaLengthByteArray(reader, nValues, dataPage);
  } else if (daph.encoding === "DELTA_BYTE_ARRAY") {
    dataPage = new Array(nValues);
    deltaByteArray(reader, nValues, dataPage);
  } else {
    throw new Error(`parquet unsupported encoding: ${daph.encoding}`);
  }
  return { definitionLevels, repetitionLevels, dataPage };
}
function readRepetitionLevels(reader, daph, schemaPath) {
  if (schemaPath.length > 1) {
    const maxRepetitionLevel = getMaxRepetitionLevel(schemaPath);
    if (maxRepetitionLevel) {
      const values = new Array(daph.num_values);
      readRleBitPackedHybrid(reader, bitWidth(maxRepetitionLevel), values);
      return values;
    }
  }
  return [];
}
function readDefinitionLevels(reader, daph, schemaPath) {
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath);
  if (!maxDefinitionLevel) return { definitionLevels: [], numNulls: 0 };
  const definitionLevels = new Array(daph.num_values);
  readRleBitPackedHybrid(reader, bitWidth(maxDefinitionLevel), definitionLevels);
  let numNulls = daph.num_values;
  for (const def of definitionLevels) {
    if (def === maxDefinitionLevel) numNulls--;
  }
  if (numNulls === 0) definitionLevels.length = 0;
  return { definitionLevels, numNulls };
}
function decompressPage(compressedBytes, uncompressed_page_size, codec, compressors) {
  let page;
  const customDecompressor = compressors?.[codec];
  if (codec === "UNCOMPRESSED") {
    page = compressedBytes;
  } else if (customDecompressor) {
    page = customDecompressor(compressedBytes, uncompressed_page_size);
  } else if (codec === "SNAPPY") {
    page = new Uint8Array(uncompressed_page_size);
    snappyUncompress(compressedBytes, page);
  } else {
    throw new Error(`parquet unsupported compression codec: ${codec}`);
  }
  if (page?.length !== uncompressed_page_size) {
    throw new Error(`parquet decompressed page length ${page?.length} does not match header ${uncompressed_page_size}`);
  }
  return page;
}
function readDataPageV2(compressedBytes, ph, columnDecoder) {
  const view = new DataView(compressedBytes.buffer, compressedBytes.byteOffset, compressedBytes.byteLength);
  const reader = { view, offset: 0 };
  const { type, element, schemaPath, codec, compressors } = columnDecoder;
  const daph2 = ph.data_page_header_v2;
  if (!daph2) throw new Error("parquet data page header v2 is undefined");
  const repetitionLevels = readRepetitionLevelsV2(reader, daph2, schemaPath);
  reader.offset = daph2.repetition_levels_byte_length;
  const definitionLevels = readDefinitionLevelsV2(reader, daph2, schemaPath);
  const uncompressedPageSize = ph.uncompressed_page_size - daph2.definition_levels_byte_length - daph2.repetition_levels_byte_length;
  let page = compressedBytes.subarray(reader.offset);
  if (daph2.is_compressed !== false) {
    page = decompressPage(page, uncompressedPageSize, codec, compressors);
  }
  const pageView = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const pageReader = { view: pageView, offset: 0 };
  let dataPage;
  const nValues = daph2.num_values - daph2.num_nulls;
  if (daph2.encoding === "PLAIN") {
    dataPage = readPlain(pageReader, type, nValues, element.type_length);
  } else if (daph2.encoding === "RLE") {
    dataPage = new Array(nValues);
    readRleBitPackedHybrid(pageReader, 1, dataPage);
    dataPage = dataPage.map((x) => !!x);
  } else if (daph2.encoding === "PLAIN_DICTIONARY" || daph2.encoding === "RLE_DICTIONARY") {
    const bitWidth2 = pageView.getUint8(pageReader.offset++);
    dataPage = new Array(nValues);
    readRleBitPackedHybrid(pageReader, bitWidth2, dataPage, uncompressedPageSize - 1);
  } else if (daph2.encoding === "DELTA_BINARY_PACKED") {
    const int32 = type === "INT32";
    dataPage = int32 ? new Int32Array(nValues) : new BigInt64Array(nValues);
    deltaBinaryUnpack(pageReader, nValues, dataPage);
  } else if (daph2.encoding === "DELTA_LENGTH_BYTE_ARRAY") {
    dataPage = new Array(nValues);
    deltaLengthByteArray(pageReader, nValues, dataPage);
  } else if (daph2.encoding === "DELTA_BYTE_ARRAY") {
    dataPage = new Array(nValues);
    deltaByteArray(pageReader, nValues, dataPage);
  } else if (daph2.encoding === "BYTE_STREAM_SPLIT") {
    dataPage = byteStreamSplit(pageReader, nValues, type, element.type_length);
  } else {
    throw new Error(`parquet unsupported encoding: ${daph2.encoding}`);
  }
  return { definitionLevels, repetitionLevels, dataPage };
}
function readRepetitionLevelsV2(reader, daph2, schemaPath) {
  const maxRepetitionLevel = getMaxRepetitionLevel(schemaPath);
  if (!maxRepetitionLevel) return [];
  const values = new Array(daph2.num_values);
  readRleBitPackedHybrid(reader, bitWidth(maxRepetitionLevel), values, daph2.repetition_levels_byte_length);
  return values;
}
function readDefinitionLevelsV2(reader, daph2, schemaPath) {
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath);
  if (maxDefinitionLevel) {
    const values = new Array(daph2.num_values);
    readRleBitPackedHybrid(reader, bitWidth(maxDefinitionLevel), values, daph2.definition_levels_byte_length);
    return values;
  }
}
function bitWidth(value) {
  return 32 - Math.clz32(value);
}

// node_modules/hyparquet/src/column.js
function readColumn(reader, { groupStart, selectStart, selectEnd }, columnDecoder, onPage) {
  const { pathInSchema, schemaPath } = columnDecoder;
  const isFlat = isFlatColumn(schemaPath);
  const chunks = [];
  let dictionary = void 0;
  let lastChunk = void 0;
  let rowCount = 0;
  let skipped = 0;
  const emitLastChunk = onPage && (() => {
    lastChunk && onPage({
      pathInSchema,
      columnData: lastChunk,
      rowStart: groupStart + rowCount - lastChunk.length,
      rowEnd: groupStart + rowCount
    });
  });
  while (isFlat ? rowCount < selectEnd : reader.offset < reader.view.byteLength - 1) {
    if (reader.offset >= reader.view.byteLength - 1) break;
    const header = parquetHeader(reader);
    if (header.type === "DICTIONARY_PAGE") {
      const { data } = readPage(reader, header, columnDecoder, dictionary, void 0, 0);
      if (data) dictionary = convert(data, columnDecoder);
    } else {
      const lastChunkLength = lastChunk?.length || 0;
      const result = readPage(reader, header, columnDecoder, dictionary, lastChunk, selectStart - rowCount);
      if (result.skipped) {
        if (!chunks.length) {
          skipped += result.skipped;
        }
        rowCount += result.skipped;
      } else if (result.data && lastChunk === result.data) {
        rowCount += result.data.length - lastChunkLength;
      } else if (result.data && result.data.length) {
        emitLastChunk?.();
        chunks.push(result.data);
        rowCount += result.data.length;
        lastChunk = result.data;
      }
    }
  }
  emitLastChunk?.();
  return { data: chunks, skipped };
}
function readPage(reader, header, columnDecoder, dictionary, previousChunk, pageStart) {
  const { type, element, schemaPath, codec, compressors } = columnDecoder;
  const compressedBytes = new Uint8Array(
    reader.view.buffer,
    reader.view.byteOffset + reader.offset,
    header.compressed_page_size
  );
  reader.offset += header.compressed_page_size;
  if (header.type === "DATA_PAGE") {
    const daph = header.data_page_header;
    if (!daph) throw new Error("parquet data page header is undefined");
    if (pageStart > daph.num_values && isFlatColumn(schemaPath)) {
      return { skipped: daph.num_values };
    }
    const page = decompressPage(compressedBytes, Number(header.uncompressed_page_size), codec, compressors);
    const { definitionLevels, repetitionLevels, dataPage } = readDataPage(page, daph, columnDecoder);
    const values = convertWithDictionary(dataPage, dictionary, daph.encoding, columnDecoder);
    const output = Array.isArray(previousChunk) ? previousChunk : [];
    const assembled = assembleLists(output, definitionLevels, repetitionLevels, values, schemaPath);
    return { skipped: 0, data: assembled };
  } else if (header.type === "DATA_PAGE_V2") {
    const daph2 = header.data_page_header_v2;
    if (!daph2) throw new Error("parquet data page header v2 is undefined");
    if (pageStart > daph2.num_rows) {
      return { skipped: daph2.num_rows };
    }
    const { definitionLevels, repetitionLevels, dataPage } = readDataPageV2(compressedBytes, header, columnDecoder);
    const values = convertWithDictionary(dataPage, dictionary, daph2.encoding, columnDecoder);
    const output = Array.isArray(previousChunk) ? previousChunk : [];
    const assembled = assembleLists(output, definitionLevels, repetitionLevels, values, schemaPath);
    return { skipped: 0, data: assembled };
  } else if (header.type === "DICTIONARY_PAGE") {
    const diph = header.dictionary_page_header;
    if (!diph) throw new Error("parquet dictionary page header is undefined");
    const page = decompressPage(
      compressedBytes,
      Number(header.uncompressed_page_size),
      codec,
      compressors
    );
    const reader2 = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    const dictArray = readPlain(reader2, type, diph.num_values, element.type_length);
    return { skipped: 0, data: dictArray };
  } else {
    throw new Error(`parquet unsupported page type: ${header.type}`);
  }
}
function parquetHeader(reader) {
  const header = deserializeTCompactProtocol(reader);
  const type = PageTypes[header.field_1];
  const uncompressed_page_size = header.field_2;
  const compressed_page_size = header.field_3;
  const crc = header.field_4;
  const data_page_header = header.field_5 && {
    num_values: header.field_5.field_1,
    encoding: Encodings[header.field_5.field_2],
    definition_level_encoding: Encodings[header.field_5.field_3],
    repetition_level_encoding: Encodings[header.field_5.field_4],
    statistics: pageStatistics(header.field_5.field_5)
  };
  const index_page_header = header.field_6;
  const dictionary_page_header = header.field_7 && {
    num_values: header.field_7.field_1,
    encoding: Encodings[header.field_7.field_2],
    is_sorted: header.field_7.field_3
  };
  const data_page_header_v2 = header.field_8 && {
    num_values: header.field_8.field_1,
    num_nulls: header.field_8.field_2,
    num_rows: header.field_8.field_3,
    encoding: Encodings[header.field_8.field_4],
    definition_levels_byte_length: header.field_8.field_5,
    repetition_levels_byte_length: header.field_8.field_6,
    is_compressed: header.field_8.field_7 === void 0 ? true : header.field_8.field_7,
    // default true
    statistics: pageStatistics(header.field_8.field_8)
  };
  return {
    type,
    uncompressed_page_size,
    compressed_page_size,
    crc,
    data_page_header,
    index_page_header,
    dictionary_page_header,
    data_page_header_v2
  };
}
function pageStatistics(stats) {
  return stats && {
    max: stats.field_1,
    min: stats.field_2,
    null_count: stats.field_3,
    distinct_count: stats.field_4,
    max_value: stats.field_5,
    min_value: stats.field_6,
    is_max_value_exact: stats.field_7,
    is_min_value_exact: stats.field_8
  };
}

// node_modules/hyparquet/src/rowgroup.js
function readRowGroup(options, { metadata }, groupPlan) {
  const asyncColumns = [];
  const schemaTree2 = parquetSchema(metadata);
  for (const chunk of groupPlan.chunks) {
    const { path_in_schema: pathInSchema } = chunk.columnMetadata;
    const schemaPath = getTreePath(schemaTree2, pathInSchema);
    const columnDecoder = {
      pathInSchema,
      element: schemaPath[schemaPath.length - 1].element,
      schemaPath,
      ...options,
      ...chunk.columnMetadata,
      // merge after options, so a partial parsers object keeps the defaults
      parsers: { ...DEFAULT_PARSERS, ...options.parsers }
    };
    const { startByte, endByte } = chunk.range;
    if ("pageLocations" in chunk) {
      asyncColumns.push({
        pathInSchema,
        data: readSelectedPages(options, groupPlan, chunk, chunk.pageLocations, columnDecoder)
      });
    } else if ("offsetIndex" in chunk) {
      asyncColumns.push({
        pathInSchema,
        // fetch offset index
        data: Promise.resolve(options.file.slice(chunk.offsetIndex.startByte, chunk.offsetIndex.endByte)).then((arrayBuffer) => {
          const pages = readOffsetIndex({ view: new DataView(arrayBuffer), offset: 0 }).page_locations;
          return readSelectedPages(options, groupPlan, chunk, pages, columnDecoder);
        })
      });
    } else {
      asyncColumns.push({
        pathInSchema,
        data: Promise.resolve(options.file.slice(startByte, endByte)).then((buffer) => {
          const reader = { view: new DataView(buffer), offset: 0 };
          return readColumn(reader, groupPlan, columnDecoder, options.onPage);
        })
      });
    }
  }
  return {
    groupStart: groupPlan.groupStart,
    groupRows: groupPlan.groupRows,
    selectStart: groupPlan.selectStart,
    selectEnd: groupPlan.selectEnd,
    asyncColumns
  };
}
async function readSelectedPages(options, groupPlan, chunk, pages, columnDecoder) {
  const { data_page_offset, dictionary_page_offset } = chunk.columnMetadata;
  const { selectStart, selectEnd } = groupPlan;
  let { startByte, endByte } = chunk.range;
  let skipped = -1;
  const hasDict = dictionary_page_offset || data_page_offset < pages[0].offset;
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i];
    const pageStart = Number(page.first_row_index);
    const pageEnd = i + 1 < pages.length ? Number(pages[i + 1].first_row_index) : groupPlan.groupRows;
    if (skipped < 0 && pageEnd > selectStart) {
      startByte = Number(page.offset);
      skipped = pageStart;
    }
    if (pageStart < selectEnd) {
      endByte = Number(page.offset) + page.compressed_page_size;
    }
  }
  if (skipped < 0) skipped = 0;
  let view;
  if (hasDict && skipped) {
    const dictLength = Number(pages[0].offset) - chunk.range.startByte;
    const [dictBuffer, dataBuffer] = await Promise.all([
      options.file.slice(chunk.range.startByte, Number(pages[0].offset)),
      options.file.slice(startByte, endByte)
    ]);
    const combined = new Uint8Array(dictLength + dataBuffer.byteLength);
    combined.set(new Uint8Array(dictBuffer, 0, dictLength));
    combined.set(new Uint8Array(dataBuffer), dictLength);
    view = new DataView(combined.buffer);
  } else if (hasDict) {
    view = new DataView(await options.file.slice(chunk.range.startByte, endByte));
  } else {
    view = new DataView(await options.file.slice(startByte, endByte));
  }
  const reader = { view, offset: 0 };
  const adjustedGroupPlan = skipped ? {
    ...groupPlan,
    groupStart: groupPlan.groupStart + skipped,
    selectStart: groupPlan.selectStart - skipped,
    selectEnd: groupPlan.selectEnd - skipped
  } : groupPlan;
  const { data, skipped: columnSkipped } = readColumn(reader, adjustedGroupPlan, columnDecoder, options.onPage);
  return {
    data,
    skipped: skipped + columnSkipped
  };
}
function assembleAsync(asyncRowGroup, schemaTree2, parsers) {
  const { asyncColumns } = asyncRowGroup;
  const allParsers = { ...DEFAULT_PARSERS, ...parsers };
  const assembled = [];
  for (const child of schemaTree2.children) {
    if (child.children.length) {
      const childColumns = asyncColumns.filter((column) => column.pathInSchema[0] === child.element.name);
      if (!childColumns.length) continue;
      assembled.push({
        pathInSchema: child.path,
        data: (async () => {
          const resolved = await Promise.all(childColumns.map((c) => c.data));
          const subcolumnData = /* @__PURE__ */ new Map();
          const flattened = resolved.map(({ data }) => flatten(data));
          const skipped = Math.max(asyncRowGroup.selectStart ?? 0, ...resolved.map((result) => result.skipped));
          const end = Math.min(asyncRowGroup.selectEnd ?? Infinity, ...resolved.map((result, i) => result.skipped + flattened[i].length));
          for (let i = 0; i < childColumns.length; i++) {
            const start = skipped - resolved[i].skipped;
            const length = Math.max(0, end - skipped);
            subcolumnData.set(
              childColumns[i].pathInSchema.join("."),
              flattened[i].slice(start, start + length)
            );
          }
          assembleNested(subcolumnData, child, allParsers);
          const assembled2 = subcolumnData.get(child.element.name);
          if (!assembled2) throw new Error("parquet column data not assembled");
          return { data: [assembled2], skipped };
        })()
      });
    } else {
      const asyncColumn = asyncColumns.find((column) => column.pathInSchema[0] === child.element.name);
      if (asyncColumn) assembled.push(asyncColumn);
    }
  }
  return { ...asyncRowGroup, asyncColumns: assembled };
}

// node_modules/hyparquet/src/scan.js
async function parquetScan(options) {
  options.metadata ??= await parquetMetadataAsync(options.file, options);
  const { pruningFilter, ...readOptions } = options;
  let { columns } = readOptions;
  if (columns && pruningFilter) {
    const selectedColumns = new Set(columns);
    const extraColumns = columnsNeededForFilter(pruningFilter).filter((column) => !selectedColumns.has(column));
    if (extraColumns.length) columns = [...columns, ...extraColumns];
  }
  const preparedOptions = await prepareParquetOptions({
    ...readOptions,
    columns,
    filter: pruningFilter,
    useOffsetIndex: readOptions.useOffsetIndex ?? true
  });
  const { metadata } = preparedOptions;
  if (!metadata) throw new Error("parquet requires metadata");
  const schemaTree2 = parquetSchema(metadata);
  const availableColumns = new Set(columns ?? schemaTree2.children.map((child) => child.element.name));
  const plan = parquetPlanGroups(preparedOptions);
  const candidates = plan.groups.flatMap((group) => group.ranges.map(([selectStart, selectEnd]) => ({
    rowStart: group.groupStart + selectStart,
    rowEnd: group.groupStart + selectEnd,
    group
  })));
  const ranges = candidates.map(({ rowStart, rowEnd }) => ({ rowStart, rowEnd }));
  const cache = /* @__PURE__ */ new Map();
  function readColumn2({ column, rowStart, rowEnd }) {
    if (!availableColumns.has(column)) {
      throw new Error(`parquet column not found in scan: ${column}`);
    }
    validateRange(rowStart, rowEnd);
    if (rowStart === rowEnd) return Promise.resolve([]);
    const candidateIndex = findCandidate(candidates, rowStart, rowEnd);
    if (candidateIndex < 0) {
      throw new RangeError(`parquet row range [${rowStart}, ${rowEnd}) is outside scan ranges`);
    }
    const { group } = candidates[candidateIndex];
    const cached = cache.get(column);
    if (cached && rowStart >= cached.rowStart && rowEnd <= cached.rowEnd) {
      return cached.data.then((data2) => sliceDecodedArray(
        data2,
        rowStart - cached.rowStart,
        rowEnd - cached.rowStart
      ));
    }
    const data = readColumnRange({
      options: preparedOptions,
      schemaTree: schemaTree2,
      group,
      column,
      rowStart,
      rowEnd
    });
    cache.set(column, { rowStart, rowEnd, data });
    return data;
  }
  return {
    metadata,
    ranges,
    readColumn: readColumn2
  };
}
async function prepareParquetOptions(options) {
  const metadata = options.metadata ?? await parquetMetadataAsync(options.file, options);
  const schemaColumns = parquetSchema(metadata).children.map((child) => child.element.name);
  const filterColumns = columnsNeededForFilter(options.filter);
  const missingFilterColumns = filterColumns.filter((column) => !schemaColumns.includes(column));
  if (missingFilterColumns.length) {
    throw new Error(`parquet filter columns not found: ${missingFilterColumns.join(", ")}`);
  }
  if (options.columns) {
    const missingColumns = options.columns.filter((column) => !schemaColumns.includes(column));
    if (missingColumns.length) throw new Error(`parquet column not found: ${missingColumns[0]}`);
  }
  let prepared = { ...options, metadata };
  prepared = await withBloomFilters(prepared);
  prepared = await withPageIndexes(prepared);
  return prepared;
}
function readParquetPlan(options, plan) {
  const readOptions = { ...options, file: prefetchAsyncBuffer(options.file, plan) };
  return plan.groups.map((group) => readRowGroup(readOptions, plan, group));
}
async function readColumnRange({ options, schemaTree: schemaTree2, group, column, rowStart, rowEnd }) {
  const columnOptions = {
    ...options,
    columns: [column],
    filter: void 0,
    rowStart,
    rowEnd,
    useBloomFilters: false,
    useOffsetIndex: options.useOffsetIndex ?? true,
    usePageIndex: false,
    pageRangesByGroup: void 0
  };
  const columnPlan = planCandidateColumn({ options, group, column, rowStart, rowEnd });
  const [asyncGroup] = readParquetPlan(columnOptions, columnPlan);
  if (!asyncGroup) throw new Error("parquet scan range not planned");
  const assembled = assembleAsync(asyncGroup, schemaTree2, options.parsers);
  const asyncColumn = assembled.asyncColumns.find((child) => child.pathInSchema[0] === column);
  if (!asyncColumn) throw new Error(`parquet column not found: ${column}`);
  const result = await asyncColumn.data;
  const data = flatten(result.data);
  const selectStart = assembled.selectStart ?? rowStart - assembled.groupStart;
  const selectEnd = assembled.selectEnd ?? rowEnd - assembled.groupStart;
  return sliceDecodedArray(data, selectStart - result.skipped, selectEnd - result.skipped);
}
function planCandidateColumn({ options, group, column, rowStart, rowEnd }) {
  if (!options.metadata) throw new Error("parquet requires metadata");
  const localPlan = parquetPlanGroup({
    rowGroup: group.rowGroup,
    groupStart: group.groupStart,
    groupRows: group.groupRows,
    ranges: [[rowStart - group.groupStart, rowEnd - group.groupStart]],
    columns: [column],
    useOffsetIndex: options.useOffsetIndex ?? true,
    pageLocations: group.pageLocations
  });
  const [localGroupPlan] = localPlan.groups;
  if (!localGroupPlan) throw new Error(`parquet column not found: ${column}`);
  return {
    metadata: options.metadata,
    rowStart,
    rowEnd,
    columns: [column],
    fetches: [...localPlan.fetches, ...localPlan.indexes],
    groups: [localGroupPlan]
  };
}
function findCandidate(candidates, rowStart, rowEnd) {
  let low = 0;
  let high = candidates.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const candidate = candidates[middle];
    if (rowStart < candidate.rowStart) {
      high = middle - 1;
    } else if (rowStart >= candidate.rowEnd) {
      low = middle + 1;
    } else {
      return rowEnd <= candidate.rowEnd ? middle : -1;
    }
  }
  return -1;
}
function validateRange(rowStart, rowEnd) {
  if (!Number.isSafeInteger(rowStart) || rowStart < 0) {
    throw new RangeError("parquet rowStart must be a non-negative safe integer");
  }
  if (!Number.isSafeInteger(rowEnd) || rowEnd < rowStart) {
    throw new RangeError("parquet rowEnd must be a safe integer greater than or equal to rowStart");
  }
}
function sliceDecodedArray(data, start, end) {
  if (start === 0 && end === data.length) return data;
  return Array.isArray(data) ? data.slice(start, end) : data.subarray(start, end);
}
async function withBloomFilters(options) {
  if (!options.useBloomFilters || !options.filter || !options.metadata) return options;
  const schemaTree2 = parquetSchema(options.metadata);
  const schemaElements = {};
  for (const child of schemaTree2.children) schemaElements[child.element.name] = child.element;
  const bloomFiltersByGroup = await prefetchBloomFilters({
    file: options.file,
    metadata: options.metadata,
    filter: options.filter,
    filterStrict: options.filterStrict
  });
  return { ...options, bloomFiltersByGroup, schemaElements };
}
async function withPageIndexes(options) {
  if (!options.usePageIndex || !options.filter || !options.metadata) return options;
  const { pageRangesByGroup, pageLocationsByGroup } = await prefetchPageIndexes({
    file: options.file,
    metadata: options.metadata,
    filter: options.filter,
    filterStrict: options.filterStrict,
    rowStart: options.rowStart,
    rowEnd: options.rowEnd,
    columns: options.columns,
    bloomFiltersByGroup: options.bloomFiltersByGroup,
    schemaElements: options.schemaElements,
    parsers: options.parsers
  });
  return { ...options, pageRangesByGroup, pageLocationsByGroup };
}

// src/data/parquet.ts
var INTERN_LIMIT2 = 1 << 16;
var PARSERS = {
  timestampFromMilliseconds: (v) => Number(v),
  timestampFromMicroseconds: (v) => Number(v) / 1e3,
  timestampFromNanoseconds: (v) => Number(v) / 1e6,
  dateFromDays: (d) => d * 864e5
};
function fileBuffer(fh, size) {
  return {
    byteLength: size,
    async slice(start, end) {
      const stop = Math.min(end ?? size, size);
      const n = Math.max(0, stop - start);
      const out = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await fh.read(out, got, n - got, start + got);
        if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${start + got} (the file is truncated)`);
        got += bytesRead;
      }
      return out.buffer;
    }
  };
}
var COMPRESSORS = {
  GZIP: (input, n) => unzipSync(input, { maxOutputLength: Math.max(1, n) }),
  BROTLI: (input, n) => brotliDecompressSync(input, { maxOutputLength: Math.max(1, n) }),
  ZSTD: (input, n) => zstdDecompressSync(input, { maxOutputLength: Math.max(1, n) })
};
function columnKind(el, isGroup, name, shown) {
  const unsupported = (what, fix) => {
    throw new GateError("data.parquet", `${shown}: column ${JSON.stringify(name)} is ${what}, which cannot be fed to a model: ${fix}`, { where: { file: shown } });
  };
  if (isGroup) unsupported("nested (a list, map or struct)", "flatten it into plain columns, or drop it from the file");
  if (el.repetition_type === "REPEATED") unsupported("a repeated field", "flatten it into plain columns");
  const lt = el.logical_type?.type;
  const ct = el.converted_type;
  if (ct === "JSON" || lt === "JSON" || ct === "BSON" || lt === "BSON") unsupported("JSON/BSON", "store its fields as plain columns");
  if (lt === "GEOMETRY" || lt === "GEOGRAPHY") unsupported("a geometry", "store coordinates as numeric columns");
  if (ct === "INTERVAL") unsupported("an interval", "store it as a number");
  if (lt === "VARIANT") unsupported("a variant", "store it as plain columns");
  switch (el.type) {
    case "BOOLEAN":
    case "INT32":
    case "INT64":
    case "INT96":
    case "FLOAT":
    case "DOUBLE":
      return "number";
    case "BYTE_ARRAY":
      if (ct === "DECIMAL" || lt === "DECIMAL") return "number";
      return "string";
    case "FIXED_LEN_BYTE_ARRAY":
      if (ct === "DECIMAL" || lt === "DECIMAL" || lt === "FLOAT16") return "number";
      if (lt === "UUID") return "string";
      return unsupported("raw fixed-length binary", "store it as text or numbers");
    default:
      return unsupported(`of type ${String(el.type)}`, "store it as numbers or text");
  }
}
function wrap(e, shown) {
  if (e instanceof GateError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const codec = /unsupported compression codec:?\s*(\w+)/i.exec(msg) ?? /compression(?: codec)?\s+(\w+)\s+(?:not|is not|unsupported)/i.exec(msg);
  if (codec) {
    return new GateError("data.parquet", `${shown}: Parquet compression ${codec[1]} is not supported (supported: uncompressed, SNAPPY, GZIP, BROTLI, ZSTD): write the file with snappy, e.g. df.to_parquet(path, compression="snappy") or pl.DataFrame.write_parquet(path, compression="snappy")`, { where: { file: shown }, cause: e });
  }
  return new GateError("data.parquet", `${shown}: not a readable Parquet file (${msg}): the file is corrupt or truncated; write it again (e.g. pandas DataFrame.to_parquet)`, { where: { file: shown }, cause: e });
}
async function readParquetColumnNames(file, opts) {
  const shown = opts.displayPath;
  const fh = await open3(file, "r");
  try {
    const size = (await fh.stat()).size;
    if (size < 12) throw new GateError("data.parquet", `${shown}: not a readable Parquet file (only ${size} bytes): the file is empty or truncated`, { where: { file: shown } });
    let metadata;
    try {
      metadata = await parquetMetadataAsync(fileBuffer(fh, size), { parsers: PARSERS, geoparquet: false });
    } catch (e) {
      throw wrap(e, shown);
    }
    const names = [];
    for (const child of parquetSchema(metadata).children) {
      const name = child.element.name;
      if (names.includes(name)) throw new GateError("data.parquet", `${shown}: duplicate column name ${JSON.stringify(name)}: column names must be unique`, { where: { file: shown } });
      columnKind(child.element, child.children.length > 0 || (child.element.num_children ?? 0) > 0, name, shown);
      names.push(name);
    }
    if (names.length === 0) throw new GateError("data.parquet", `${shown}: the file has no columns`, { where: { file: shown } });
    return names;
  } finally {
    await fh.close();
  }
}
async function readParquet(file, opts) {
  const shown = opts.displayPath;
  const fh = await open3(file, "r");
  try {
    const size = (await fh.stat()).size;
    if (size < 12) throw new GateError("data.parquet", `${shown}: not a readable Parquet file (only ${size} bytes): the file is empty or truncated`, { where: { file: shown } });
    const buffer = fileBuffer(fh, size);
    let metadata;
    try {
      metadata = await parquetMetadataAsync(buffer, { parsers: PARSERS, geoparquet: false });
    } catch (e) {
      throw wrap(e, shown);
    }
    const schema = parquetSchema(metadata);
    const rows = Number(metadata.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0) throw wrap(new Error(`bad row count ${String(metadata.num_rows)}`), shown);
    let sumGroups = 0;
    for (const g of metadata.row_groups) sumGroups += Number(g.num_rows);
    if (sumGroups !== rows) throw wrap(new Error(`row groups hold ${sumGroups} rows but the footer says ${rows}`), shown);
    const names = [];
    const kinds = [];
    const seen = /* @__PURE__ */ new Set();
    for (const child of schema.children) {
      const name = child.element.name;
      if (seen.has(name)) throw new GateError("data.parquet", `${shown}: duplicate column name ${JSON.stringify(name)}: column names must be unique`, { where: { file: shown } });
      seen.add(name);
      names.push(name);
      kinds.push(columnKind(child.element, child.children.length > 0 || (child.element.num_children ?? 0) > 0, name, shown));
    }
    if (names.length === 0) throw new GateError("data.parquet", `${shown}: the file has no columns`, { where: { file: shown } });
    if (rows === 0) throw new GateError("data.parquet", `${shown}: no rows: the dataset is empty`, { where: { file: shown } });
    const nums = kinds.map((k) => k === "number" ? new Float64Array(rows) : null);
    const strs = kinds.map((k) => k === "string" ? new Array(rows).fill(null) : null);
    const dicts = kinds.map((k) => k === "string" ? /* @__PURE__ */ new Map() : null);
    const groups = [];
    {
      let start = 0;
      for (const g of metadata.row_groups) {
        const n = Number(g.num_rows);
        if (n > 0) groups.push({ rowStart: start, rowEnd: start + n });
        start += n;
      }
    }
    let covered = 0;
    for (const range2 of groups) {
      if (range2.rowStart !== covered) throw wrap(new Error(`row range starts at ${range2.rowStart}, expected ${covered}`), shown);
      for (let j = 0; j < names.length; j++) {
        let data;
        try {
          const scan = await parquetScan({ file: buffer, metadata, parsers: PARSERS, compressors: COMPRESSORS, geoparquet: false, useOffsetIndex: false, columns: [names[j]], rowStart: range2.rowStart, rowEnd: range2.rowEnd });
          data = await scan.readColumn({ column: names[j], rowStart: range2.rowStart, rowEnd: range2.rowEnd });
        } catch (e) {
          throw wrap(e, shown);
        }
        const n = range2.rowEnd - range2.rowStart;
        if (data.length !== n) throw wrap(new Error(`column ${JSON.stringify(names[j])} has ${data.length} values in rows ${range2.rowStart}..${range2.rowEnd - 1}, expected ${n}`), shown);
        const num = nums[j];
        if (num) {
          if (data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array || data instanceof Uint32Array) {
            num.set(data, range2.rowStart);
          } else {
            for (let i = 0; i < n; i++) num[range2.rowStart + i] = toNumber(data[i], names[j], range2.rowStart + i, shown);
          }
        } else {
          const out = strs[j];
          const dict = dicts[j];
          for (let i = 0; i < n; i++) {
            const v = data[i];
            if (v === null || v === void 0) continue;
            if (typeof v !== "string") throw new GateError("data.parquet", `${shown}: column ${JSON.stringify(names[j])} row ${range2.rowStart + i + 1} holds ${typeof v}, not text`, { where: { file: shown } });
            let s = dict.get(v);
            if (s === void 0) {
              s = v;
              if (dict.size < INTERN_LIMIT2) dict.set(v, v);
            }
            out[range2.rowStart + i] = s;
          }
        }
      }
      covered = range2.rowEnd;
    }
    if (covered !== rows) throw wrap(new Error(`read ${covered} rows but the footer says ${rows}`), shown);
    const columns = /* @__PURE__ */ new Map();
    names.forEach((n, j) => {
      columns.set(n, nums[j] ? { kind: "number", values: nums[j] } : { kind: "string", values: strs[j] });
    });
    return { names, columns, rows };
  } finally {
    await fh.close();
  }
}
function toNumber(v, col, row, shown) {
  switch (typeof v) {
    case "number":
      return v;
    case "bigint":
      return Number(v);
    case "boolean":
      return v ? 1 : 0;
    case "undefined":
      return NaN;
    case "object":
      if (v === null) return NaN;
      if (v instanceof Date) return v.getTime();
      break;
    default:
      break;
  }
  throw new GateError("data.parquet", `${shown}: column ${JSON.stringify(col)} row ${row + 1} holds a value of type ${typeof v} that is not a number`, { where: { file: shown } });
}

// src/data/load.ts
var SUPPORTED_FORMATS = [".csv", ".npy", ".parquet"];
async function loadDataset(name, spec, opts) {
  const at = (...key2) => {
    const p = opts.positionOf?.(key2);
    return p ? { file: p.file, line: p.line, col: p.col } : void 0;
  };
  const fail = (code, msg, where) => {
    throw new GateError(code, `dataset "${name}": ${msg}`, { where });
  };
  const ds = `dataset "${name}"`;
  const file = resolveInside(opts.workspace, opts.workingDirectory, spec.path, `${ds} path`, at("path"));
  const format = formatOf(file.rel);
  if (format === null) {
    return fail("data.format", `${file.rel}: unsupported file type "${path.extname(file.rel) || "(none)"}" (supported: ${SUPPORTED_FORMATS.join(", ")})`, at("path"));
  }
  checkReadable(file.abs, file.rel, name, at("path"));
  const sha256 = await sha256File(file.abs);
  if (spec.sha256 !== void 0) checkPin(name, file.rel, spec.sha256, sha256, at("sha256") ?? at("path"));
  let labelsFile;
  if (spec["labels-sha256"] !== void 0 && spec.labels === void 0) {
    fail("data.spec", '"labels-sha256" pins a labels file, but there is no "labels"', at("labels-sha256"));
  }
  if (spec.labels !== void 0 && format === "npy") {
    const lf = resolveInside(opts.workspace, opts.workingDirectory, spec.labels, `${ds} labels`, at("labels"));
    if (!lf.rel.toLowerCase().endsWith(".npy")) fail("data.format", `labels ${lf.rel}: must be a .npy file`, at("labels"));
    checkReadable(lf.abs, lf.rel, name, at("labels"));
    labelsFile = { ...lf, sha256: await sha256File(lf.abs) };
    if (spec["labels-sha256"] !== void 0) checkPin(name, lf.rel, spec["labels-sha256"], labelsFile.sha256, at("labels-sha256") ?? at("labels"));
  }
  if (spec.sample !== void 0 && spec.sample !== "first" && spec.sample !== "stratified") {
    fail("data.spec", `sample must be "first" or "stratified", not ${JSON.stringify(spec.sample)}`, at("sample"));
  }
  let result;
  if (format === "npy") {
    if (spec.label !== void 0) fail("data.spec", `${file.rel} is a .npy tensor without columns: give the labels as a second .npy file with "labels: y.npy" instead of "label"`, at("label"));
    if (spec.exclude !== void 0 && spec.exclude.length > 0) fail("data.spec", `${file.rel} is a .npy tensor without columns: "exclude" applies to CSV and Parquet datasets`, at("exclude"));
    const integral = (await readNpyHeader(file.abs, { displayPath: file.rel })).kind !== "f";
    const x = integral ? await readNpy(file.abs, "float64", { displayPath: file.rel, expectSha256: sha256 }) : await readNpy(file.abs, "float32", { displayPath: file.rel, expectSha256: sha256 });
    if (x.shape.length === 0) fail("data.npy", `${file.rel} holds a single scalar: the first axis must be the rows`, at("path"));
    const rows = x.shape[0];
    if (rows === 0) fail("data.empty", `${file.rel}: no rows (shape ${JSON.stringify(x.shape)}): the dataset is empty`, at("path"));
    result = {
      name,
      path: file.rel,
      format,
      sha256,
      extraFiles: [],
      rows,
      columns: /* @__PURE__ */ new Map(),
      features: [],
      tensor: x.data instanceof Float64Array ? { data: Float32Array.from(x.data), shape: x.shape, exact: x.data, dtype: x.header.descr } : { data: x.data, shape: x.shape, dtype: x.header.descr }
    };
    if (labelsFile !== void 0) {
      const lf = labelsFile;
      const lsha = lf.sha256;
      const y = await readNpy(lf.abs, "float64", { displayPath: lf.rel, expectSha256: lsha });
      const ok = y.shape.length === 1 || y.shape.length === 2 && y.shape[1] === 1;
      if (!ok) fail("data.labels", `labels ${lf.rel} has shape ${JSON.stringify(y.shape)}: expected one label per row, shape [${rows}]`, at("labels"));
      if (y.shape[0] !== rows) fail("data.labels", `labels ${lf.rel} has ${y.shape[0]} entries but ${file.rel} has ${rows} rows: they must match`, at("labels"));
      result.extraFiles.push({ path: lf.rel, sha256: lsha });
      result.labelColumn = lf.rel;
      result.labels = { kind: "number", values: y.data };
    }
  } else {
    if (spec.labels !== void 0) fail("data.spec", `"labels" (a separate labels file) applies to .npy datasets: name the label column of ${file.rel} with "label"`, at("labels"));
    const table = format === "csv" ? await readCsv(file.abs, { displayPath: file.rel, expectSha256: sha256 }) : await readParquet(file.abs, { displayPath: file.rel });
    if (table.rows === 0) fail("data.empty", `${file.rel}: no rows: the dataset is empty`, at("path"));
    const available = () => listNames(table.names);
    if (spec.label !== void 0 && !table.columns.has(spec.label)) {
      fail("data.label", `label column ${JSON.stringify(spec.label)} is not in ${file.rel} (columns: ${available()})`, at("label"));
    }
    const excluded = /* @__PURE__ */ new Set();
    (spec.exclude ?? []).forEach((c, i) => {
      if (!table.columns.has(c)) fail("data.exclude", `excluded column ${JSON.stringify(c)} is not in ${file.rel} (columns: ${available()})`, at("exclude", i));
      excluded.add(c);
    });
    const features = table.names.filter((c) => c !== spec.label && !excluded.has(c));
    if (features.length === 0) fail("data.features", `${file.rel} has no feature columns left after removing the label and "exclude"`, at("exclude") ?? at("path"));
    result = {
      name,
      path: file.rel,
      format,
      sha256,
      extraFiles: [],
      rows: table.rows,
      columns: table.columns,
      features
    };
    if (spec.label !== void 0) {
      result.labelColumn = spec.label;
      result.labels = table.columns.get(spec.label);
    }
  }
  if (spec["label-map"] !== void 0) {
    if (!result.labels) fail("data.label-map", `"label-map" needs labels: add ${format === "npy" ? '"labels: <file>.npy"' : '"label: <column>"'}`, at("label-map"));
    const src = format === "npy" ? result.labelColumn : `${file.rel} column ${JSON.stringify(result.labelColumn)}`;
    result.labels = applyLabelMap(result.labels, spec["label-map"], src, (msg) => fail("data.label-map", msg, at("label-map")));
  }
  if (spec.transform !== void 0) applyTransform(result, spec.transform, (key2, msg) => fail("data.transform", `transform.${key2}: ${msg}`, at("transform", key2) ?? at("transform")));
  return result;
}
function formatOf(rel) {
  const ext = path.extname(rel).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".npy") return "npy";
  if (ext === ".parquet") return "parquet";
  return null;
}
function listNames(names) {
  const shown = names.slice(0, 40).map((n) => JSON.stringify(n)).join(", ");
  return names.length > 40 ? `${shown}, ... ${names.length - 40} more` : shown;
}
function checkReadable(abs, rel, name, where) {
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    throw new GateError("data.missing", `dataset "${name}": ${rel} does not exist: commit the file or fix the path`, { where });
  }
  if (st.isSymbolicLink()) st = statSync(abs);
  if (!st.isFile()) throw new GateError("data.missing", `dataset "${name}": ${rel} is not a regular file`, { where });
  if (st.size > 0 && st.size <= 1024) {
    const fd = openSync(abs, "r");
    try {
      const head = Buffer.alloc(st.size);
      const n = readSync(fd, head, 0, head.length, 0);
      if (isLfsPointer(head.subarray(0, n))) {
        throw new GateError("data.lfs", `dataset "${name}": ${rel} is a Git LFS pointer, not the data: check out with lfs: true (actions/checkout) or run git lfs pull`, { where });
      }
    } finally {
      closeSync(fd);
    }
  }
}
function checkPin(name, rel, pinned, actual, where) {
  const want = pinHex(pinned);
  if (!/^[0-9a-f]{64}$/.test(want)) {
    throw new GateError("data.pin", `dataset "${name}": sha256 pin ${JSON.stringify(pinned)} is not 64 hex digits: pin the output of sha256sum ${rel}`, { where });
  }
  if (want !== actual) {
    throw new GateError("data.pin-mismatch", `dataset "${name}": ${rel} has sha256 ${actual} but the policy pins ${want}: the data changed (tampering?); if the change is intended, update the pin`, { kind: "fail", where });
  }
}
function canonicalNumberKey(v) {
  return Object.is(v, -0) ? "0" : String(v);
}
function applyLabelMap(labels, map, source2, bad) {
  const badMap = bad;
  const keys = () => Object.keys(map).map((k) => JSON.stringify(k)).join(", ");
  const badValue = (value, row) => bad(`label value ${value} (row ${row + 1} of ${source2}) is not in label-map (keys: ${keys()}): add it to label-map`);
  const entries = Object.entries(map);
  if (entries.length === 0) badMap("label-map is empty");
  const targets = entries.map(([, v]) => v);
  const allNum = targets.every((v) => typeof v === "number" && Number.isFinite(v));
  const allStr = targets.every((v) => typeof v === "string");
  if (!allNum && !allStr) badMap("label-map values must be all numbers or all strings");
  if (labels.kind === "number") {
    const lookup2 = /* @__PURE__ */ new Map();
    const origin = /* @__PURE__ */ new Map();
    for (const [k, v] of entries) {
      const t = k.trim();
      const n = t === "" ? NaN : Number(t);
      if (!Number.isFinite(n)) badMap(`label-map key ${JSON.stringify(k)} is not a number, but the labels are numbers`);
      const key2 = canonicalNumberKey(n);
      if (lookup2.has(key2)) badMap(`label-map keys ${JSON.stringify(origin.get(key2))} and ${JSON.stringify(k)} are the same number ${key2}`);
      lookup2.set(key2, v);
      origin.set(key2, k);
    }
    return mapValues(labels.values.length, (i) => {
      const x = labels.values[i];
      if (Number.isNaN(x)) return null;
      const v = lookup2.get(canonicalNumberKey(x));
      if (v === void 0) badValue(canonicalNumberKey(x), i);
      return v;
    }, allNum);
  }
  const lookup = new Map(entries);
  return mapValues(labels.values.length, (i) => {
    const x = labels.values[i];
    if (x === null) return null;
    const v = lookup.get(x);
    if (v === void 0) badValue(JSON.stringify(x), i);
    return v;
  }, allNum);
}
function mapValues(n, f, numeric) {
  if (numeric) {
    const out2 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = f(i);
      out2[i] = v === null ? NaN : v;
    }
    return { kind: "number", values: out2 };
  }
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return { kind: "string", values: out };
}
function applyTransform(ds, t, bad) {
  const known = /* @__PURE__ */ new Set(["scale", "mean", "std", "reshape"]);
  for (const k of Object.keys(t)) if (!known.has(k)) bad(k, `unknown key (allowed: scale, mean, std, reshape)`);
  const asList = (key2) => {
    const v = t[key2];
    if (v === void 0) return void 0;
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0) bad(key2, "is an empty list");
    for (const x of list) {
      if (typeof x !== "number" || !Number.isFinite(x)) bad(key2, `${JSON.stringify(x)} is not a finite number`);
      if ((key2 === "scale" || key2 === "std") && x === 0) bad(key2, "must not be 0 (it divides)");
    }
    return list;
  };
  const scale = asList("scale");
  const mean2 = asList("mean");
  const std = asList("std");
  if (ds.tensor) {
    const { data, shape } = ds.tensor;
    const rowShape = shape.slice(1);
    const per = rowShape.reduce((a, b) => a * b, 1);
    const channels = rowShape.length > 0 ? rowShape[0] : 1;
    const inner = rowShape.length > 0 ? per / (channels || 1) : 1;
    const mode = (key2, list) => {
      if (list.length === 1) return "scalar";
      if (list.length === per) return "element";
      if (rowShape.length > 1 && list.length === channels) return "channel";
      return bad(key2, `has ${list.length} values; expected 1, ${rowShape.length > 1 ? `${channels} (one per channel, axis 1 of shape ${JSON.stringify(shape)}) or ` : ""}${per} (one per element of a row)`);
    };
    const pick = (key2, list) => {
      if (!list) return () => NaN;
      const m = mode(key2, list);
      return m === "scalar" ? () => list[0] : m === "element" ? (w) => list[w] : (w) => list[Math.floor(w / inner)];
    };
    const ps = pick("scale", scale), pm = pick("mean", mean2), pd = pick("std", std);
    if (scale || mean2 || std) {
      delete ds.tensor.exact;
      const sc = new Float64Array(per), mu = new Float64Array(per), sd = new Float64Array(per);
      for (let w = 0; w < per; w++) {
        sc[w] = scale ? ps(w) : 1;
        mu[w] = mean2 ? pm(w) : 0;
        sd[w] = std ? pd(w) : 1;
      }
      for (let i = 0, w = 0; i < data.length; i++) {
        data[i] = (data[i] / sc[w] - mu[w]) / sd[w];
        if (++w === per) w = 0;
      }
    }
    if (t.reshape !== void 0) ds.tensor.shape = [shape[0], ...resolveReshape(t.reshape, per, bad)];
    return;
  }
  const nf = ds.features.length;
  const perFeature2 = (key2, list) => {
    if (!list) return void 0;
    if (list.length === 1) return () => list[0];
    if (list.length === nf) return (j) => list[j];
    return bad(key2, `has ${list.length} values; expected 1 or ${nf} (one per feature column: ${listNames(ds.features)})`);
  };
  const fs = perFeature2("scale", scale), fm = perFeature2("mean", mean2), fd = perFeature2("std", std);
  const cols = [];
  const numericNeeded = fs || fm || fd || t.reshape !== void 0;
  ds.features.forEach((c, j) => {
    const col = ds.columns.get(c);
    if (col.kind !== "number") {
      if (numericNeeded) bad(Object.keys(t)[0], `feature column ${JSON.stringify(c)} holds text; transform needs numeric features (exclude or encode it)`);
      return;
    }
    if (fs || fm || fd) {
      const src = col.values;
      const out = new Float64Array(src.length);
      const sc = fs ? fs(j) : 1, mu = fm ? fm(j) : 0, sd = fd ? fd(j) : 1;
      for (let i = 0; i < src.length; i++) out[i] = (src[i] / sc - mu) / sd;
      ds.columns.set(c, { kind: "number", values: out });
      cols.push(out);
    } else cols.push(col.values);
  });
  if (t.reshape !== void 0) {
    const rowShape = resolveReshape(t.reshape, nf, bad);
    const data = new Float32Array(ds.rows * nf);
    for (let j = 0; j < nf; j++) {
      const v = cols[j];
      for (let i = 0; i < ds.rows; i++) data[i * nf + j] = v[i];
    }
    ds.tensor = { data, shape: [ds.rows, ...rowShape] };
  }
}
function resolveReshape(shape, per, bad) {
  if (!Array.isArray(shape) || shape.length === 0) bad("reshape", "must be a non-empty list of dimensions, e.g. [1, 28, 28]");
  let known = 1;
  let free = -1;
  shape.forEach((d, i) => {
    if (d === -1) {
      if (free >= 0) bad("reshape", "may contain -1 only once");
      free = i;
    } else if (!Number.isSafeInteger(d) || d <= 0) bad("reshape", `${JSON.stringify(d)} is not a positive integer (or -1)`);
    else known *= d;
  });
  const out = shape.slice();
  if (free >= 0) {
    if (per % known !== 0) bad("reshape", `${JSON.stringify(shape)} cannot hold the ${per} values of a row`);
    out[free] = per / known;
  } else if (known !== per) {
    bad("reshape", `${JSON.stringify(shape)} holds ${known} values but a row has ${per}: the element counts must match`);
  }
  return out;
}

export {
  require_dist,
  PolicyError,
  closest,
  argmaxRow,
  evaluateThresholds,
  GATES,
  formatPath,
  policyPaths,
  pathProblem,
  parsePolicy,
  diagnosePolicy,
  sortProblems,
  readCsvHeader,
  readNpyHeader,
  readParquetColumnNames,
  loadDataset,
  formatOf,
  listNames,
  checkReadable
};
