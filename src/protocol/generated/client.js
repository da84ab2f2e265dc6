/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
"use strict";

var $protobuf = require("protobufjs/minimal");

// Common aliases
var $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
var $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
var $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

$root.centrifugal = (function() {

    /**
     * Namespace centrifugal.
     * @exports centrifugal
     * @namespace
     */
    var centrifugal = {};

    centrifugal.centrifuge = (function() {

        /**
         * Namespace centrifuge.
         * @memberof centrifugal
         * @namespace
         */
        var centrifuge = {};

        centrifuge.protocol = (function() {

            /**
             * Namespace protocol.
             * @memberof centrifugal.centrifuge
             * @namespace
             */
            var protocol = {};

            protocol.Error = (function() {

                /**
                 * Properties of an Error.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Error.$Properties
                 * @property {number|null} [code] Error code
                 * @property {string|null} [message] Error message
                 * @property {boolean|null} [temporary] Error temporary
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Error.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IError
                 * @augments centrifugal.centrifuge.protocol.Error.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Error.$Properties instead.
                 */

                /**
                 * Shape of an Error.
                 * @typedef {centrifugal.centrifuge.protocol.Error.$Properties} centrifugal.centrifuge.protocol.Error.$Shape
                 */

                /**
                 * Constructs a new Error.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents an Error.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Error.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Error = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Error code.
                 * @member {number} code
                 * @memberof centrifugal.centrifuge.protocol.Error
                 * @instance
                 */
                Error.prototype.code = 0;

                /**
                 * Error message.
                 * @member {string} message
                 * @memberof centrifugal.centrifuge.protocol.Error
                 * @instance
                 */
                Error.prototype.message = "";

                /**
                 * Error temporary.
                 * @member {boolean} temporary
                 * @memberof centrifugal.centrifuge.protocol.Error
                 * @instance
                 */
                Error.prototype.temporary = false;

                /**
                 * Creates a new Error instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Error
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Error.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Error} Error instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Error.$Shape): centrifugal.centrifuge.protocol.Error & centrifugal.centrifuge.protocol.Error.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Error.$Properties): centrifugal.centrifuge.protocol.Error;
                 * }}
                 */
                Error.create = function(properties) {
                    return new Error(properties);
                };

                /**
                 * Encodes the specified Error message. Does not implicitly {@link centrifugal.centrifuge.protocol.Error.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Error
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Error.$Properties} m Error message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Error.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                        w.uint32(/* id 1, wireType 0 =*/8).uint32(m.code);
                    if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.message);
                    if (m.temporary != null && $Object.hasOwnProperty.call(m, "temporary") && m.temporary !== false)
                        w.uint32(/* id 3, wireType 0 =*/24).bool(m.temporary);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes an Error message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Error
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Error & centrifugal.centrifuge.protocol.Error.$Shape} Error
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Error.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Error();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.code = v;
                                else
                                    delete m.code;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.message = v;
                                else
                                    delete m.message;
                                continue;
                            }
                        case 3: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.temporary = v;
                                else
                                    delete m.temporary;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Error
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Error
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Error.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Error";
                };

                return Error;
            })();

            protocol.EmulationRequest = (function() {

                /**
                 * Properties of an EmulationRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.EmulationRequest.$Properties
                 * @property {string|null} [node] EmulationRequest node
                 * @property {string|null} [session] EmulationRequest session
                 * @property {Uint8Array|null} [data] EmulationRequest data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an EmulationRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IEmulationRequest
                 * @augments centrifugal.centrifuge.protocol.EmulationRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.EmulationRequest.$Properties instead.
                 */

                /**
                 * Shape of an EmulationRequest.
                 * @typedef {centrifugal.centrifuge.protocol.EmulationRequest.$Properties} centrifugal.centrifuge.protocol.EmulationRequest.$Shape
                 */

                /**
                 * Constructs a new EmulationRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents an EmulationRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.EmulationRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var EmulationRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * EmulationRequest node.
                 * @member {string} node
                 * @memberof centrifugal.centrifuge.protocol.EmulationRequest
                 * @instance
                 */
                EmulationRequest.prototype.node = "";

                /**
                 * EmulationRequest session.
                 * @member {string} session
                 * @memberof centrifugal.centrifuge.protocol.EmulationRequest
                 * @instance
                 */
                EmulationRequest.prototype.session = "";

                /**
                 * EmulationRequest data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.EmulationRequest
                 * @instance
                 */
                EmulationRequest.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new EmulationRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.EmulationRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.EmulationRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.EmulationRequest} EmulationRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.EmulationRequest.$Shape): centrifugal.centrifuge.protocol.EmulationRequest & centrifugal.centrifuge.protocol.EmulationRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.EmulationRequest.$Properties): centrifugal.centrifuge.protocol.EmulationRequest;
                 * }}
                 */
                EmulationRequest.create = function(properties) {
                    return new EmulationRequest(properties);
                };

                /**
                 * Encodes the specified EmulationRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.EmulationRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.EmulationRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.EmulationRequest.$Properties} m EmulationRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                EmulationRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.node);
                    if (m.session != null && $Object.hasOwnProperty.call(m, "session") && m.session !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.session);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 3, wireType 2 =*/26).bytes(m.data);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes an EmulationRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.EmulationRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.EmulationRequest & centrifugal.centrifuge.protocol.EmulationRequest.$Shape} EmulationRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                EmulationRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.EmulationRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.node = v;
                                else
                                    delete m.node;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.session = v;
                                else
                                    delete m.session;
                                continue;
                            }
                        case 3: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for EmulationRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.EmulationRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                EmulationRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.EmulationRequest";
                };

                return EmulationRequest;
            })();

            protocol.Command = (function() {

                /**
                 * Properties of a Command.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Command.$Properties
                 * @property {number|null} [id] Command id
                 * @property {centrifugal.centrifuge.protocol.ConnectRequest.$Properties|null} [connect] Command connect
                 * @property {centrifugal.centrifuge.protocol.SubscribeRequest.$Properties|null} [subscribe] Command subscribe
                 * @property {centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties|null} [unsubscribe] Command unsubscribe
                 * @property {centrifugal.centrifuge.protocol.PublishRequest.$Properties|null} [publish] Command publish
                 * @property {centrifugal.centrifuge.protocol.PresenceRequest.$Properties|null} [presence] Command presence
                 * @property {centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties|null} [presence_stats] Command presence_stats
                 * @property {centrifugal.centrifuge.protocol.HistoryRequest.$Properties|null} [history] Command history
                 * @property {centrifugal.centrifuge.protocol.PingRequest.$Properties|null} [ping] Command ping
                 * @property {centrifugal.centrifuge.protocol.SendRequest.$Properties|null} [send] Command send
                 * @property {centrifugal.centrifuge.protocol.RPCRequest.$Properties|null} [rpc] Command rpc
                 * @property {centrifugal.centrifuge.protocol.RefreshRequest.$Properties|null} [refresh] Command refresh
                 * @property {centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties|null} [sub_refresh] Command sub_refresh
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Command.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ICommand
                 * @augments centrifugal.centrifuge.protocol.Command.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Command.$Properties instead.
                 */

                /**
                 * Shape of a Command.
                 * @typedef {centrifugal.centrifuge.protocol.Command.$Properties} centrifugal.centrifuge.protocol.Command.$Shape
                 */

                /**
                 * Constructs a new Command.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Command.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Command.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Command = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Command id.
                 * @member {number} id
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.id = 0;

                /**
                 * Command connect.
                 * @member {centrifugal.centrifuge.protocol.ConnectRequest.$Properties|null|undefined} connect
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.connect = null;

                /**
                 * Command subscribe.
                 * @member {centrifugal.centrifuge.protocol.SubscribeRequest.$Properties|null|undefined} subscribe
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.subscribe = null;

                /**
                 * Command unsubscribe.
                 * @member {centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties|null|undefined} unsubscribe
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.unsubscribe = null;

                /**
                 * Command publish.
                 * @member {centrifugal.centrifuge.protocol.PublishRequest.$Properties|null|undefined} publish
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.publish = null;

                /**
                 * Command presence.
                 * @member {centrifugal.centrifuge.protocol.PresenceRequest.$Properties|null|undefined} presence
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.presence = null;

                /**
                 * Command presence_stats.
                 * @member {centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties|null|undefined} presence_stats
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.presence_stats = null;

                /**
                 * Command history.
                 * @member {centrifugal.centrifuge.protocol.HistoryRequest.$Properties|null|undefined} history
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.history = null;

                /**
                 * Command ping.
                 * @member {centrifugal.centrifuge.protocol.PingRequest.$Properties|null|undefined} ping
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.ping = null;

                /**
                 * Command send.
                 * @member {centrifugal.centrifuge.protocol.SendRequest.$Properties|null|undefined} send
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.send = null;

                /**
                 * Command rpc.
                 * @member {centrifugal.centrifuge.protocol.RPCRequest.$Properties|null|undefined} rpc
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.rpc = null;

                /**
                 * Command refresh.
                 * @member {centrifugal.centrifuge.protocol.RefreshRequest.$Properties|null|undefined} refresh
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.refresh = null;

                /**
                 * Command sub_refresh.
                 * @member {centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties|null|undefined} sub_refresh
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @instance
                 */
                Command.prototype.sub_refresh = null;

                /**
                 * Creates a new Command instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Command.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Command} Command instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Command.$Shape): centrifugal.centrifuge.protocol.Command & centrifugal.centrifuge.protocol.Command.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Command.$Properties): centrifugal.centrifuge.protocol.Command;
                 * }}
                 */
                Command.create = function(properties) {
                    return new Command(properties);
                };

                /**
                 * Encodes the specified Command message. Does not implicitly {@link centrifugal.centrifuge.protocol.Command.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Command.$Properties} m Command message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Command.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== 0)
                        w.uint32(/* id 1, wireType 0 =*/8).uint32(m.id);
                    if (m.connect != null && $Object.hasOwnProperty.call(m, "connect"))
                        $root.centrifugal.centrifuge.protocol.ConnectRequest.encode(m.connect, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                    if (m.subscribe != null && $Object.hasOwnProperty.call(m, "subscribe"))
                        $root.centrifugal.centrifuge.protocol.SubscribeRequest.encode(m.subscribe, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                    if (m.unsubscribe != null && $Object.hasOwnProperty.call(m, "unsubscribe"))
                        $root.centrifugal.centrifuge.protocol.UnsubscribeRequest.encode(m.unsubscribe, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                    if (m.publish != null && $Object.hasOwnProperty.call(m, "publish"))
                        $root.centrifugal.centrifuge.protocol.PublishRequest.encode(m.publish, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                    if (m.presence != null && $Object.hasOwnProperty.call(m, "presence"))
                        $root.centrifugal.centrifuge.protocol.PresenceRequest.encode(m.presence, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                    if (m.presence_stats != null && $Object.hasOwnProperty.call(m, "presence_stats"))
                        $root.centrifugal.centrifuge.protocol.PresenceStatsRequest.encode(m.presence_stats, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                    if (m.history != null && $Object.hasOwnProperty.call(m, "history"))
                        $root.centrifugal.centrifuge.protocol.HistoryRequest.encode(m.history, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                    if (m.ping != null && $Object.hasOwnProperty.call(m, "ping"))
                        $root.centrifugal.centrifuge.protocol.PingRequest.encode(m.ping, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                    if (m.send != null && $Object.hasOwnProperty.call(m, "send"))
                        $root.centrifugal.centrifuge.protocol.SendRequest.encode(m.send, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                    if (m.rpc != null && $Object.hasOwnProperty.call(m, "rpc"))
                        $root.centrifugal.centrifuge.protocol.RPCRequest.encode(m.rpc, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                    if (m.refresh != null && $Object.hasOwnProperty.call(m, "refresh"))
                        $root.centrifugal.centrifuge.protocol.RefreshRequest.encode(m.refresh, w.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                    if (m.sub_refresh != null && $Object.hasOwnProperty.call(m, "sub_refresh"))
                        $root.centrifugal.centrifuge.protocol.SubRefreshRequest.encode(m.sub_refresh, w.uint32(/* id 15, wireType 2 =*/122).fork(), q + 1).ldelim();
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Command message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Command & centrifugal.centrifuge.protocol.Command.$Shape} Command
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Command.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Command();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.id = v;
                                else
                                    delete m.id;
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                m.connect = $root.centrifugal.centrifuge.protocol.ConnectRequest.decode(r, r.size(), $undefined, q + 1, m.connect);
                                continue;
                            }
                        case 5: {
                                if (u !== 2)
                                    break;
                                m.subscribe = $root.centrifugal.centrifuge.protocol.SubscribeRequest.decode(r, r.size(), $undefined, q + 1, m.subscribe);
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                m.unsubscribe = $root.centrifugal.centrifuge.protocol.UnsubscribeRequest.decode(r, r.size(), $undefined, q + 1, m.unsubscribe);
                                continue;
                            }
                        case 7: {
                                if (u !== 2)
                                    break;
                                m.publish = $root.centrifugal.centrifuge.protocol.PublishRequest.decode(r, r.size(), $undefined, q + 1, m.publish);
                                continue;
                            }
                        case 8: {
                                if (u !== 2)
                                    break;
                                m.presence = $root.centrifugal.centrifuge.protocol.PresenceRequest.decode(r, r.size(), $undefined, q + 1, m.presence);
                                continue;
                            }
                        case 9: {
                                if (u !== 2)
                                    break;
                                m.presence_stats = $root.centrifugal.centrifuge.protocol.PresenceStatsRequest.decode(r, r.size(), $undefined, q + 1, m.presence_stats);
                                continue;
                            }
                        case 10: {
                                if (u !== 2)
                                    break;
                                m.history = $root.centrifugal.centrifuge.protocol.HistoryRequest.decode(r, r.size(), $undefined, q + 1, m.history);
                                continue;
                            }
                        case 11: {
                                if (u !== 2)
                                    break;
                                m.ping = $root.centrifugal.centrifuge.protocol.PingRequest.decode(r, r.size(), $undefined, q + 1, m.ping);
                                continue;
                            }
                        case 12: {
                                if (u !== 2)
                                    break;
                                m.send = $root.centrifugal.centrifuge.protocol.SendRequest.decode(r, r.size(), $undefined, q + 1, m.send);
                                continue;
                            }
                        case 13: {
                                if (u !== 2)
                                    break;
                                m.rpc = $root.centrifugal.centrifuge.protocol.RPCRequest.decode(r, r.size(), $undefined, q + 1, m.rpc);
                                continue;
                            }
                        case 14: {
                                if (u !== 2)
                                    break;
                                m.refresh = $root.centrifugal.centrifuge.protocol.RefreshRequest.decode(r, r.size(), $undefined, q + 1, m.refresh);
                                continue;
                            }
                        case 15: {
                                if (u !== 2)
                                    break;
                                m.sub_refresh = $root.centrifugal.centrifuge.protocol.SubRefreshRequest.decode(r, r.size(), $undefined, q + 1, m.sub_refresh);
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Command
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Command
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Command.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Command";
                };

                return Command;
            })();

            protocol.Reply = (function() {

                /**
                 * Properties of a Reply.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Reply.$Properties
                 * @property {number|null} [id] Reply id
                 * @property {centrifugal.centrifuge.protocol.Error.$Properties|null} [error] Reply error
                 * @property {centrifugal.centrifuge.protocol.Push.$Properties|null} [push] Reply push
                 * @property {centrifugal.centrifuge.protocol.ConnectResult.$Properties|null} [connect] Reply connect
                 * @property {centrifugal.centrifuge.protocol.SubscribeResult.$Properties|null} [subscribe] Reply subscribe
                 * @property {centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties|null} [unsubscribe] Reply unsubscribe
                 * @property {centrifugal.centrifuge.protocol.PublishResult.$Properties|null} [publish] Reply publish
                 * @property {centrifugal.centrifuge.protocol.PresenceResult.$Properties|null} [presence] Reply presence
                 * @property {centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties|null} [presence_stats] Reply presence_stats
                 * @property {centrifugal.centrifuge.protocol.HistoryResult.$Properties|null} [history] Reply history
                 * @property {centrifugal.centrifuge.protocol.PingResult.$Properties|null} [ping] Reply ping
                 * @property {centrifugal.centrifuge.protocol.RPCResult.$Properties|null} [rpc] Reply rpc
                 * @property {centrifugal.centrifuge.protocol.RefreshResult.$Properties|null} [refresh] Reply refresh
                 * @property {centrifugal.centrifuge.protocol.SubRefreshResult.$Properties|null} [sub_refresh] Reply sub_refresh
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Reply.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IReply
                 * @augments centrifugal.centrifuge.protocol.Reply.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Reply.$Properties instead.
                 */

                /**
                 * Shape of a Reply.
                 * @typedef {centrifugal.centrifuge.protocol.Reply.$Properties} centrifugal.centrifuge.protocol.Reply.$Shape
                 */

                /**
                 * Constructs a new Reply.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Reply.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Reply.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Reply = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Reply id.
                 * @member {number} id
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.id = 0;

                /**
                 * Reply error.
                 * @member {centrifugal.centrifuge.protocol.Error.$Properties|null|undefined} error
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.error = null;

                /**
                 * Reply push.
                 * @member {centrifugal.centrifuge.protocol.Push.$Properties|null|undefined} push
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.push = null;

                /**
                 * Reply connect.
                 * @member {centrifugal.centrifuge.protocol.ConnectResult.$Properties|null|undefined} connect
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.connect = null;

                /**
                 * Reply subscribe.
                 * @member {centrifugal.centrifuge.protocol.SubscribeResult.$Properties|null|undefined} subscribe
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.subscribe = null;

                /**
                 * Reply unsubscribe.
                 * @member {centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties|null|undefined} unsubscribe
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.unsubscribe = null;

                /**
                 * Reply publish.
                 * @member {centrifugal.centrifuge.protocol.PublishResult.$Properties|null|undefined} publish
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.publish = null;

                /**
                 * Reply presence.
                 * @member {centrifugal.centrifuge.protocol.PresenceResult.$Properties|null|undefined} presence
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.presence = null;

                /**
                 * Reply presence_stats.
                 * @member {centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties|null|undefined} presence_stats
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.presence_stats = null;

                /**
                 * Reply history.
                 * @member {centrifugal.centrifuge.protocol.HistoryResult.$Properties|null|undefined} history
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.history = null;

                /**
                 * Reply ping.
                 * @member {centrifugal.centrifuge.protocol.PingResult.$Properties|null|undefined} ping
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.ping = null;

                /**
                 * Reply rpc.
                 * @member {centrifugal.centrifuge.protocol.RPCResult.$Properties|null|undefined} rpc
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.rpc = null;

                /**
                 * Reply refresh.
                 * @member {centrifugal.centrifuge.protocol.RefreshResult.$Properties|null|undefined} refresh
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.refresh = null;

                /**
                 * Reply sub_refresh.
                 * @member {centrifugal.centrifuge.protocol.SubRefreshResult.$Properties|null|undefined} sub_refresh
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @instance
                 */
                Reply.prototype.sub_refresh = null;

                /**
                 * Creates a new Reply instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Reply.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Reply} Reply instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Reply.$Shape): centrifugal.centrifuge.protocol.Reply & centrifugal.centrifuge.protocol.Reply.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Reply.$Properties): centrifugal.centrifuge.protocol.Reply;
                 * }}
                 */
                Reply.create = function(properties) {
                    return new Reply(properties);
                };

                /**
                 * Encodes the specified Reply message. Does not implicitly {@link centrifugal.centrifuge.protocol.Reply.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Reply.$Properties} m Reply message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Reply.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== 0)
                        w.uint32(/* id 1, wireType 0 =*/8).uint32(m.id);
                    if (m.error != null && $Object.hasOwnProperty.call(m, "error"))
                        $root.centrifugal.centrifuge.protocol.Error.encode(m.error, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                    if (m.push != null && $Object.hasOwnProperty.call(m, "push"))
                        $root.centrifugal.centrifuge.protocol.Push.encode(m.push, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                    if (m.connect != null && $Object.hasOwnProperty.call(m, "connect"))
                        $root.centrifugal.centrifuge.protocol.ConnectResult.encode(m.connect, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                    if (m.subscribe != null && $Object.hasOwnProperty.call(m, "subscribe"))
                        $root.centrifugal.centrifuge.protocol.SubscribeResult.encode(m.subscribe, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                    if (m.unsubscribe != null && $Object.hasOwnProperty.call(m, "unsubscribe"))
                        $root.centrifugal.centrifuge.protocol.UnsubscribeResult.encode(m.unsubscribe, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                    if (m.publish != null && $Object.hasOwnProperty.call(m, "publish"))
                        $root.centrifugal.centrifuge.protocol.PublishResult.encode(m.publish, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                    if (m.presence != null && $Object.hasOwnProperty.call(m, "presence"))
                        $root.centrifugal.centrifuge.protocol.PresenceResult.encode(m.presence, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                    if (m.presence_stats != null && $Object.hasOwnProperty.call(m, "presence_stats"))
                        $root.centrifugal.centrifuge.protocol.PresenceStatsResult.encode(m.presence_stats, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                    if (m.history != null && $Object.hasOwnProperty.call(m, "history"))
                        $root.centrifugal.centrifuge.protocol.HistoryResult.encode(m.history, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                    if (m.ping != null && $Object.hasOwnProperty.call(m, "ping"))
                        $root.centrifugal.centrifuge.protocol.PingResult.encode(m.ping, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                    if (m.rpc != null && $Object.hasOwnProperty.call(m, "rpc"))
                        $root.centrifugal.centrifuge.protocol.RPCResult.encode(m.rpc, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                    if (m.refresh != null && $Object.hasOwnProperty.call(m, "refresh"))
                        $root.centrifugal.centrifuge.protocol.RefreshResult.encode(m.refresh, w.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                    if (m.sub_refresh != null && $Object.hasOwnProperty.call(m, "sub_refresh"))
                        $root.centrifugal.centrifuge.protocol.SubRefreshResult.encode(m.sub_refresh, w.uint32(/* id 15, wireType 2 =*/122).fork(), q + 1).ldelim();
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Reply message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Reply & centrifugal.centrifuge.protocol.Reply.$Shape} Reply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Reply.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Reply();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.id = v;
                                else
                                    delete m.id;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                m.error = $root.centrifugal.centrifuge.protocol.Error.decode(r, r.size(), $undefined, q + 1, m.error);
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                m.push = $root.centrifugal.centrifuge.protocol.Push.decode(r, r.size(), $undefined, q + 1, m.push);
                                continue;
                            }
                        case 5: {
                                if (u !== 2)
                                    break;
                                m.connect = $root.centrifugal.centrifuge.protocol.ConnectResult.decode(r, r.size(), $undefined, q + 1, m.connect);
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                m.subscribe = $root.centrifugal.centrifuge.protocol.SubscribeResult.decode(r, r.size(), $undefined, q + 1, m.subscribe);
                                continue;
                            }
                        case 7: {
                                if (u !== 2)
                                    break;
                                m.unsubscribe = $root.centrifugal.centrifuge.protocol.UnsubscribeResult.decode(r, r.size(), $undefined, q + 1, m.unsubscribe);
                                continue;
                            }
                        case 8: {
                                if (u !== 2)
                                    break;
                                m.publish = $root.centrifugal.centrifuge.protocol.PublishResult.decode(r, r.size(), $undefined, q + 1, m.publish);
                                continue;
                            }
                        case 9: {
                                if (u !== 2)
                                    break;
                                m.presence = $root.centrifugal.centrifuge.protocol.PresenceResult.decode(r, r.size(), $undefined, q + 1, m.presence);
                                continue;
                            }
                        case 10: {
                                if (u !== 2)
                                    break;
                                m.presence_stats = $root.centrifugal.centrifuge.protocol.PresenceStatsResult.decode(r, r.size(), $undefined, q + 1, m.presence_stats);
                                continue;
                            }
                        case 11: {
                                if (u !== 2)
                                    break;
                                m.history = $root.centrifugal.centrifuge.protocol.HistoryResult.decode(r, r.size(), $undefined, q + 1, m.history);
                                continue;
                            }
                        case 12: {
                                if (u !== 2)
                                    break;
                                m.ping = $root.centrifugal.centrifuge.protocol.PingResult.decode(r, r.size(), $undefined, q + 1, m.ping);
                                continue;
                            }
                        case 13: {
                                if (u !== 2)
                                    break;
                                m.rpc = $root.centrifugal.centrifuge.protocol.RPCResult.decode(r, r.size(), $undefined, q + 1, m.rpc);
                                continue;
                            }
                        case 14: {
                                if (u !== 2)
                                    break;
                                m.refresh = $root.centrifugal.centrifuge.protocol.RefreshResult.decode(r, r.size(), $undefined, q + 1, m.refresh);
                                continue;
                            }
                        case 15: {
                                if (u !== 2)
                                    break;
                                m.sub_refresh = $root.centrifugal.centrifuge.protocol.SubRefreshResult.decode(r, r.size(), $undefined, q + 1, m.sub_refresh);
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Reply
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Reply
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Reply.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Reply";
                };

                return Reply;
            })();

            protocol.Push = (function() {

                /**
                 * Properties of a Push.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Push.$Properties
                 * @property {number|null} [id] Push id
                 * @property {string|null} [channel] Push channel
                 * @property {centrifugal.centrifuge.protocol.Publication.$Properties|null} [pub] Push pub
                 * @property {centrifugal.centrifuge.protocol.Join.$Properties|null} [join] Push join
                 * @property {centrifugal.centrifuge.protocol.Leave.$Properties|null} [leave] Push leave
                 * @property {centrifugal.centrifuge.protocol.Unsubscribe.$Properties|null} [unsubscribe] Push unsubscribe
                 * @property {centrifugal.centrifuge.protocol.Message.$Properties|null} [message] Push message
                 * @property {centrifugal.centrifuge.protocol.Subscribe.$Properties|null} [subscribe] Push subscribe
                 * @property {centrifugal.centrifuge.protocol.Connect.$Properties|null} [connect] Push connect
                 * @property {centrifugal.centrifuge.protocol.Disconnect.$Properties|null} [disconnect] Push disconnect
                 * @property {centrifugal.centrifuge.protocol.Refresh.$Properties|null} [refresh] Push refresh
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Push.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPush
                 * @augments centrifugal.centrifuge.protocol.Push.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Push.$Properties instead.
                 */

                /**
                 * Shape of a Push.
                 * @typedef {centrifugal.centrifuge.protocol.Push.$Properties} centrifugal.centrifuge.protocol.Push.$Shape
                 */

                /**
                 * Constructs a new Push.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Push.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Push.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Push = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Push id.
                 * @member {number} id
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.id = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Push channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.channel = "";

                /**
                 * Push pub.
                 * @member {centrifugal.centrifuge.protocol.Publication.$Properties|null|undefined} pub
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.pub = null;

                /**
                 * Push join.
                 * @member {centrifugal.centrifuge.protocol.Join.$Properties|null|undefined} join
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.join = null;

                /**
                 * Push leave.
                 * @member {centrifugal.centrifuge.protocol.Leave.$Properties|null|undefined} leave
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.leave = null;

                /**
                 * Push unsubscribe.
                 * @member {centrifugal.centrifuge.protocol.Unsubscribe.$Properties|null|undefined} unsubscribe
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.unsubscribe = null;

                /**
                 * Push message.
                 * @member {centrifugal.centrifuge.protocol.Message.$Properties|null|undefined} message
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.message = null;

                /**
                 * Push subscribe.
                 * @member {centrifugal.centrifuge.protocol.Subscribe.$Properties|null|undefined} subscribe
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.subscribe = null;

                /**
                 * Push connect.
                 * @member {centrifugal.centrifuge.protocol.Connect.$Properties|null|undefined} connect
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.connect = null;

                /**
                 * Push disconnect.
                 * @member {centrifugal.centrifuge.protocol.Disconnect.$Properties|null|undefined} disconnect
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.disconnect = null;

                /**
                 * Push refresh.
                 * @member {centrifugal.centrifuge.protocol.Refresh.$Properties|null|undefined} refresh
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @instance
                 */
                Push.prototype.refresh = null;

                /**
                 * Creates a new Push instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Push.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Push} Push instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Push.$Shape): centrifugal.centrifuge.protocol.Push & centrifugal.centrifuge.protocol.Push.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Push.$Properties): centrifugal.centrifuge.protocol.Push;
                 * }}
                 */
                Push.create = function(properties) {
                    return new Push(properties);
                };

                /**
                 * Encodes the specified Push message. Does not implicitly {@link centrifugal.centrifuge.protocol.Push.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Push.$Properties} m Push message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Push.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.id != null && $Object.hasOwnProperty.call(m, "id") && (typeof m.id === "object" ? m.id.low || m.id.high : m.id !== 0))
                        w.uint32(/* id 1, wireType 0 =*/8).int64(m.id);
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.channel);
                    if (m.pub != null && $Object.hasOwnProperty.call(m, "pub"))
                        $root.centrifugal.centrifuge.protocol.Publication.encode(m.pub, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                    if (m.join != null && $Object.hasOwnProperty.call(m, "join"))
                        $root.centrifugal.centrifuge.protocol.Join.encode(m.join, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                    if (m.leave != null && $Object.hasOwnProperty.call(m, "leave"))
                        $root.centrifugal.centrifuge.protocol.Leave.encode(m.leave, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                    if (m.unsubscribe != null && $Object.hasOwnProperty.call(m, "unsubscribe"))
                        $root.centrifugal.centrifuge.protocol.Unsubscribe.encode(m.unsubscribe, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                    if (m.message != null && $Object.hasOwnProperty.call(m, "message"))
                        $root.centrifugal.centrifuge.protocol.Message.encode(m.message, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                    if (m.subscribe != null && $Object.hasOwnProperty.call(m, "subscribe"))
                        $root.centrifugal.centrifuge.protocol.Subscribe.encode(m.subscribe, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                    if (m.connect != null && $Object.hasOwnProperty.call(m, "connect"))
                        $root.centrifugal.centrifuge.protocol.Connect.encode(m.connect, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                    if (m.disconnect != null && $Object.hasOwnProperty.call(m, "disconnect"))
                        $root.centrifugal.centrifuge.protocol.Disconnect.encode(m.disconnect, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                    if (m.refresh != null && $Object.hasOwnProperty.call(m, "refresh"))
                        $root.centrifugal.centrifuge.protocol.Refresh.encode(m.refresh, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Push message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Push & centrifugal.centrifuge.protocol.Push.$Shape} Push
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Push.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Push();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                    m.id = v;
                                else
                                    delete m.id;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                m.pub = $root.centrifugal.centrifuge.protocol.Publication.decode(r, r.size(), $undefined, q + 1, m.pub);
                                continue;
                            }
                        case 5: {
                                if (u !== 2)
                                    break;
                                m.join = $root.centrifugal.centrifuge.protocol.Join.decode(r, r.size(), $undefined, q + 1, m.join);
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                m.leave = $root.centrifugal.centrifuge.protocol.Leave.decode(r, r.size(), $undefined, q + 1, m.leave);
                                continue;
                            }
                        case 7: {
                                if (u !== 2)
                                    break;
                                m.unsubscribe = $root.centrifugal.centrifuge.protocol.Unsubscribe.decode(r, r.size(), $undefined, q + 1, m.unsubscribe);
                                continue;
                            }
                        case 8: {
                                if (u !== 2)
                                    break;
                                m.message = $root.centrifugal.centrifuge.protocol.Message.decode(r, r.size(), $undefined, q + 1, m.message);
                                continue;
                            }
                        case 9: {
                                if (u !== 2)
                                    break;
                                m.subscribe = $root.centrifugal.centrifuge.protocol.Subscribe.decode(r, r.size(), $undefined, q + 1, m.subscribe);
                                continue;
                            }
                        case 10: {
                                if (u !== 2)
                                    break;
                                m.connect = $root.centrifugal.centrifuge.protocol.Connect.decode(r, r.size(), $undefined, q + 1, m.connect);
                                continue;
                            }
                        case 11: {
                                if (u !== 2)
                                    break;
                                m.disconnect = $root.centrifugal.centrifuge.protocol.Disconnect.decode(r, r.size(), $undefined, q + 1, m.disconnect);
                                continue;
                            }
                        case 12: {
                                if (u !== 2)
                                    break;
                                m.refresh = $root.centrifugal.centrifuge.protocol.Refresh.decode(r, r.size(), $undefined, q + 1, m.refresh);
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Push
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Push
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Push.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Push";
                };

                return Push;
            })();

            protocol.ClientInfo = (function() {

                /**
                 * Properties of a ClientInfo.
                 * @typedef {Object} centrifugal.centrifuge.protocol.ClientInfo.$Properties
                 * @property {string|null} [user] ClientInfo user
                 * @property {string|null} [client] ClientInfo client
                 * @property {Uint8Array|null} [conn_info] ClientInfo conn_info
                 * @property {Uint8Array|null} [chan_info] ClientInfo chan_info
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ClientInfo.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IClientInfo
                 * @augments centrifugal.centrifuge.protocol.ClientInfo.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.ClientInfo.$Properties instead.
                 */

                /**
                 * Shape of a ClientInfo.
                 * @typedef {centrifugal.centrifuge.protocol.ClientInfo.$Properties} centrifugal.centrifuge.protocol.ClientInfo.$Shape
                 */

                /**
                 * Constructs a new ClientInfo.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a ClientInfo.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.ClientInfo.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var ClientInfo = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * ClientInfo user.
                 * @member {string} user
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @instance
                 */
                ClientInfo.prototype.user = "";

                /**
                 * ClientInfo client.
                 * @member {string} client
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @instance
                 */
                ClientInfo.prototype.client = "";

                /**
                 * ClientInfo conn_info.
                 * @member {Uint8Array} conn_info
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @instance
                 */
                ClientInfo.prototype.conn_info = $util.newBuffer([]);

                /**
                 * ClientInfo chan_info.
                 * @member {Uint8Array} chan_info
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @instance
                 */
                ClientInfo.prototype.chan_info = $util.newBuffer([]);

                /**
                 * Creates a new ClientInfo instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @static
                 * @param {centrifugal.centrifuge.protocol.ClientInfo.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.ClientInfo} ClientInfo instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.ClientInfo.$Shape): centrifugal.centrifuge.protocol.ClientInfo & centrifugal.centrifuge.protocol.ClientInfo.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.ClientInfo.$Properties): centrifugal.centrifuge.protocol.ClientInfo;
                 * }}
                 */
                ClientInfo.create = function(properties) {
                    return new ClientInfo(properties);
                };

                /**
                 * Encodes the specified ClientInfo message. Does not implicitly {@link centrifugal.centrifuge.protocol.ClientInfo.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @static
                 * @param {centrifugal.centrifuge.protocol.ClientInfo.$Properties} m ClientInfo message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ClientInfo.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.user != null && $Object.hasOwnProperty.call(m, "user") && m.user !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.user);
                    if (m.client != null && $Object.hasOwnProperty.call(m, "client") && m.client !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.client);
                    if (m.conn_info != null && $Object.hasOwnProperty.call(m, "conn_info") && m.conn_info.length)
                        w.uint32(/* id 3, wireType 2 =*/26).bytes(m.conn_info);
                    if (m.chan_info != null && $Object.hasOwnProperty.call(m, "chan_info") && m.chan_info.length)
                        w.uint32(/* id 4, wireType 2 =*/34).bytes(m.chan_info);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a ClientInfo message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.ClientInfo & centrifugal.centrifuge.protocol.ClientInfo.$Shape} ClientInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ClientInfo.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.ClientInfo();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.user = v;
                                else
                                    delete m.user;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.client = v;
                                else
                                    delete m.client;
                                continue;
                            }
                        case 3: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.conn_info = v;
                                else
                                    delete m.conn_info;
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.chan_info = v;
                                else
                                    delete m.chan_info;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for ClientInfo
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.ClientInfo
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ClientInfo.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.ClientInfo";
                };

                return ClientInfo;
            })();

            protocol.Publication = (function() {

                /**
                 * Properties of a Publication.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Publication.$Properties
                 * @property {Uint8Array|null} [data] Publication data
                 * @property {centrifugal.centrifuge.protocol.ClientInfo.$Properties|null} [info] Publication info
                 * @property {number|null} [offset] Publication offset
                 * @property {Object.<string,string>|null} [tags] Publication tags
                 * @property {boolean|null} [delta] Publication delta
                 * @property {number|null} [time] Publication time
                 * @property {string|null} [channel] Publication channel
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Publication.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPublication
                 * @augments centrifugal.centrifuge.protocol.Publication.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Publication.$Properties instead.
                 */

                /**
                 * Shape of a Publication.
                 * @typedef {centrifugal.centrifuge.protocol.Publication.$Properties} centrifugal.centrifuge.protocol.Publication.$Shape
                 */

                /**
                 * Constructs a new Publication.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Publication.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Publication.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Publication = function (p) {
                    this.tags = {};
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Publication data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @instance
                 */
                Publication.prototype.data = $util.newBuffer([]);

                /**
                 * Publication info.
                 * @member {centrifugal.centrifuge.protocol.ClientInfo.$Properties|null|undefined} info
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @instance
                 */
                Publication.prototype.info = null;

                /**
                 * Publication offset.
                 * @member {number} offset
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @instance
                 */
                Publication.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Publication tags.
                 * @member {Object.<string,string>} tags
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @instance
                 */
                Publication.prototype.tags = $util.emptyObject;

                /**
                 * Publication delta.
                 * @member {boolean} delta
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @instance
                 */
                Publication.prototype.delta = false;

                /**
                 * Publication time.
                 * @member {number} time
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @instance
                 */
                Publication.prototype.time = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Publication channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @instance
                 */
                Publication.prototype.channel = "";

                /**
                 * Creates a new Publication instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Publication.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Publication} Publication instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Publication.$Shape): centrifugal.centrifuge.protocol.Publication & centrifugal.centrifuge.protocol.Publication.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Publication.$Properties): centrifugal.centrifuge.protocol.Publication;
                 * }}
                 */
                Publication.create = function(properties) {
                    return new Publication(properties);
                };

                /**
                 * Encodes the specified Publication message. Does not implicitly {@link centrifugal.centrifuge.protocol.Publication.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Publication.$Properties} m Publication message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Publication.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 4, wireType 2 =*/34).bytes(m.data);
                    if (m.info != null && $Object.hasOwnProperty.call(m, "info"))
                        $root.centrifugal.centrifuge.protocol.ClientInfo.encode(m.info, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                    if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                        w.uint32(/* id 6, wireType 0 =*/48).uint64(m.offset);
                    if (m.tags != null && $Object.hasOwnProperty.call(m, "tags")) {
                        for (var ks = $Object.keys(m.tags), i = 0; i < ks.length; ++i) {
                            w.uint32(/* id 7, wireType 2 =*/58).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 2 =*/18).string(m.tags[ks[i]]).ldelim();
                        }
                    }
                    if (m.delta != null && $Object.hasOwnProperty.call(m, "delta") && m.delta !== false)
                        w.uint32(/* id 8, wireType 0 =*/64).bool(m.delta);
                    if (m.time != null && $Object.hasOwnProperty.call(m, "time") && (typeof m.time === "object" ? m.time.low || m.time.high : m.time !== 0))
                        w.uint32(/* id 9, wireType 0 =*/72).int64(m.time);
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 10, wireType 2 =*/82).string(m.channel);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Publication message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Publication & centrifugal.centrifuge.protocol.Publication.$Shape} Publication
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Publication.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, k, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Publication();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 4: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        case 5: {
                                if (u !== 2)
                                    break;
                                m.info = $root.centrifugal.centrifuge.protocol.ClientInfo.decode(r, r.size(), $undefined, q + 1, m.info);
                                continue;
                            }
                        case 6: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                    m.offset = v;
                                else
                                    delete m.offset;
                                continue;
                            }
                        case 7: {
                                if (u !== 2)
                                    break;
                                if (m.tags === $util.emptyObject)
                                    m.tags = {};
                                var c2 = r.size() + r.pos;
                                if (c2 > r.len)
                                    throw $RangeError("index out of range");
                                r.len = c2;
                                k = "";
                                v = "";
                                while (r.pos < c2) {
                                    var t2 = r.tag();
                                    u = t2 & 7;
                                    switch (t2 >>>= 3) {
                                    case 1:
                                        if (u !== 2)
                                            break;
                                        k = r.stringVerify();
                                        continue;
                                    case 2:
                                        if (u !== 2)
                                            break;
                                        v = r.stringVerify();
                                        continue;
                                    }
                                    r.skipType(u, q, t2);
                                }
                                if (r.pos !== c2)
                                    throw $RangeError("index out of range");
                                r.len = c;
                                if (k === "__proto__")
                                    $util.makeProp(m.tags, k);
                                m.tags[k] = v;
                                continue;
                            }
                        case 8: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.delta = v;
                                else
                                    delete m.delta;
                                continue;
                            }
                        case 9: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                    m.time = v;
                                else
                                    delete m.time;
                                continue;
                            }
                        case 10: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Publication
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Publication
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Publication.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Publication";
                };

                return Publication;
            })();

            protocol.Join = (function() {

                /**
                 * Properties of a Join.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Join.$Properties
                 * @property {centrifugal.centrifuge.protocol.ClientInfo.$Properties|null} [info] Join info
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Join.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IJoin
                 * @augments centrifugal.centrifuge.protocol.Join.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Join.$Properties instead.
                 */

                /**
                 * Shape of a Join.
                 * @typedef {centrifugal.centrifuge.protocol.Join.$Properties} centrifugal.centrifuge.protocol.Join.$Shape
                 */

                /**
                 * Constructs a new Join.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Join.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Join.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Join = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Join info.
                 * @member {centrifugal.centrifuge.protocol.ClientInfo.$Properties|null|undefined} info
                 * @memberof centrifugal.centrifuge.protocol.Join
                 * @instance
                 */
                Join.prototype.info = null;

                /**
                 * Creates a new Join instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Join
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Join.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Join} Join instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Join.$Shape): centrifugal.centrifuge.protocol.Join & centrifugal.centrifuge.protocol.Join.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Join.$Properties): centrifugal.centrifuge.protocol.Join;
                 * }}
                 */
                Join.create = function(properties) {
                    return new Join(properties);
                };

                /**
                 * Encodes the specified Join message. Does not implicitly {@link centrifugal.centrifuge.protocol.Join.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Join
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Join.$Properties} m Join message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Join.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.info != null && $Object.hasOwnProperty.call(m, "info"))
                        $root.centrifugal.centrifuge.protocol.ClientInfo.encode(m.info, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Join message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Join
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Join & centrifugal.centrifuge.protocol.Join.$Shape} Join
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Join.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Join();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                m.info = $root.centrifugal.centrifuge.protocol.ClientInfo.decode(r, r.size(), $undefined, q + 1, m.info);
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Join
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Join
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Join.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Join";
                };

                return Join;
            })();

            protocol.Leave = (function() {

                /**
                 * Properties of a Leave.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Leave.$Properties
                 * @property {centrifugal.centrifuge.protocol.ClientInfo.$Properties|null} [info] Leave info
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Leave.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ILeave
                 * @augments centrifugal.centrifuge.protocol.Leave.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Leave.$Properties instead.
                 */

                /**
                 * Shape of a Leave.
                 * @typedef {centrifugal.centrifuge.protocol.Leave.$Properties} centrifugal.centrifuge.protocol.Leave.$Shape
                 */

                /**
                 * Constructs a new Leave.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Leave.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Leave.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Leave = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Leave info.
                 * @member {centrifugal.centrifuge.protocol.ClientInfo.$Properties|null|undefined} info
                 * @memberof centrifugal.centrifuge.protocol.Leave
                 * @instance
                 */
                Leave.prototype.info = null;

                /**
                 * Creates a new Leave instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Leave
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Leave.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Leave} Leave instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Leave.$Shape): centrifugal.centrifuge.protocol.Leave & centrifugal.centrifuge.protocol.Leave.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Leave.$Properties): centrifugal.centrifuge.protocol.Leave;
                 * }}
                 */
                Leave.create = function(properties) {
                    return new Leave(properties);
                };

                /**
                 * Encodes the specified Leave message. Does not implicitly {@link centrifugal.centrifuge.protocol.Leave.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Leave
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Leave.$Properties} m Leave message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Leave.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.info != null && $Object.hasOwnProperty.call(m, "info"))
                        $root.centrifugal.centrifuge.protocol.ClientInfo.encode(m.info, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Leave message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Leave
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Leave & centrifugal.centrifuge.protocol.Leave.$Shape} Leave
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Leave.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Leave();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                m.info = $root.centrifugal.centrifuge.protocol.ClientInfo.decode(r, r.size(), $undefined, q + 1, m.info);
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Leave
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Leave
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Leave.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Leave";
                };

                return Leave;
            })();

            protocol.Unsubscribe = (function() {

                /**
                 * Properties of an Unsubscribe.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Unsubscribe.$Properties
                 * @property {number|null} [code] Unsubscribe code
                 * @property {string|null} [reason] Unsubscribe reason
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Unsubscribe.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IUnsubscribe
                 * @augments centrifugal.centrifuge.protocol.Unsubscribe.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Unsubscribe.$Properties instead.
                 */

                /**
                 * Shape of an Unsubscribe.
                 * @typedef {centrifugal.centrifuge.protocol.Unsubscribe.$Properties} centrifugal.centrifuge.protocol.Unsubscribe.$Shape
                 */

                /**
                 * Constructs a new Unsubscribe.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents an Unsubscribe.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Unsubscribe.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Unsubscribe = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Unsubscribe code.
                 * @member {number} code
                 * @memberof centrifugal.centrifuge.protocol.Unsubscribe
                 * @instance
                 */
                Unsubscribe.prototype.code = 0;

                /**
                 * Unsubscribe reason.
                 * @member {string} reason
                 * @memberof centrifugal.centrifuge.protocol.Unsubscribe
                 * @instance
                 */
                Unsubscribe.prototype.reason = "";

                /**
                 * Creates a new Unsubscribe instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Unsubscribe
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Unsubscribe.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Unsubscribe} Unsubscribe instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Unsubscribe.$Shape): centrifugal.centrifuge.protocol.Unsubscribe & centrifugal.centrifuge.protocol.Unsubscribe.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Unsubscribe.$Properties): centrifugal.centrifuge.protocol.Unsubscribe;
                 * }}
                 */
                Unsubscribe.create = function(properties) {
                    return new Unsubscribe(properties);
                };

                /**
                 * Encodes the specified Unsubscribe message. Does not implicitly {@link centrifugal.centrifuge.protocol.Unsubscribe.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Unsubscribe
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Unsubscribe.$Properties} m Unsubscribe message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Unsubscribe.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                        w.uint32(/* id 2, wireType 0 =*/16).uint32(m.code);
                    if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.reason);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes an Unsubscribe message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Unsubscribe
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Unsubscribe & centrifugal.centrifuge.protocol.Unsubscribe.$Shape} Unsubscribe
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Unsubscribe.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Unsubscribe();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 2: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.code = v;
                                else
                                    delete m.code;
                                continue;
                            }
                        case 3: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.reason = v;
                                else
                                    delete m.reason;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Unsubscribe
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Unsubscribe
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Unsubscribe.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Unsubscribe";
                };

                return Unsubscribe;
            })();

            protocol.Subscribe = (function() {

                /**
                 * Properties of a Subscribe.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Subscribe.$Properties
                 * @property {boolean|null} [recoverable] Subscribe recoverable
                 * @property {string|null} [epoch] Subscribe epoch
                 * @property {number|null} [offset] Subscribe offset
                 * @property {boolean|null} [positioned] Subscribe positioned
                 * @property {Uint8Array|null} [data] Subscribe data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Subscribe.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ISubscribe
                 * @augments centrifugal.centrifuge.protocol.Subscribe.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Subscribe.$Properties instead.
                 */

                /**
                 * Shape of a Subscribe.
                 * @typedef {centrifugal.centrifuge.protocol.Subscribe.$Properties} centrifugal.centrifuge.protocol.Subscribe.$Shape
                 */

                /**
                 * Constructs a new Subscribe.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Subscribe.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Subscribe.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Subscribe = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Subscribe recoverable.
                 * @member {boolean} recoverable
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @instance
                 */
                Subscribe.prototype.recoverable = false;

                /**
                 * Subscribe epoch.
                 * @member {string} epoch
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @instance
                 */
                Subscribe.prototype.epoch = "";

                /**
                 * Subscribe offset.
                 * @member {number} offset
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @instance
                 */
                Subscribe.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Subscribe positioned.
                 * @member {boolean} positioned
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @instance
                 */
                Subscribe.prototype.positioned = false;

                /**
                 * Subscribe data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @instance
                 */
                Subscribe.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new Subscribe instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Subscribe.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Subscribe} Subscribe instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Subscribe.$Shape): centrifugal.centrifuge.protocol.Subscribe & centrifugal.centrifuge.protocol.Subscribe.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Subscribe.$Properties): centrifugal.centrifuge.protocol.Subscribe;
                 * }}
                 */
                Subscribe.create = function(properties) {
                    return new Subscribe(properties);
                };

                /**
                 * Encodes the specified Subscribe message. Does not implicitly {@link centrifugal.centrifuge.protocol.Subscribe.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Subscribe.$Properties} m Subscribe message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Subscribe.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.recoverable != null && $Object.hasOwnProperty.call(m, "recoverable") && m.recoverable !== false)
                        w.uint32(/* id 1, wireType 0 =*/8).bool(m.recoverable);
                    if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && m.epoch !== "")
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.epoch);
                    if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                        w.uint32(/* id 5, wireType 0 =*/40).uint64(m.offset);
                    if (m.positioned != null && $Object.hasOwnProperty.call(m, "positioned") && m.positioned !== false)
                        w.uint32(/* id 6, wireType 0 =*/48).bool(m.positioned);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 7, wireType 2 =*/58).bytes(m.data);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Subscribe message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Subscribe & centrifugal.centrifuge.protocol.Subscribe.$Shape} Subscribe
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Subscribe.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Subscribe();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.recoverable = v;
                                else
                                    delete m.recoverable;
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.epoch = v;
                                else
                                    delete m.epoch;
                                continue;
                            }
                        case 5: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                    m.offset = v;
                                else
                                    delete m.offset;
                                continue;
                            }
                        case 6: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.positioned = v;
                                else
                                    delete m.positioned;
                                continue;
                            }
                        case 7: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Subscribe
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Subscribe
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Subscribe.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Subscribe";
                };

                return Subscribe;
            })();

            protocol.Message = (function() {

                /**
                 * Properties of a Message.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Message.$Properties
                 * @property {Uint8Array|null} [data] Message data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Message.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IMessage
                 * @augments centrifugal.centrifuge.protocol.Message.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Message.$Properties instead.
                 */

                /**
                 * Shape of a Message.
                 * @typedef {centrifugal.centrifuge.protocol.Message.$Properties} centrifugal.centrifuge.protocol.Message.$Shape
                 */

                /**
                 * Constructs a new Message.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Message.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Message.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Message = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Message data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.Message
                 * @instance
                 */
                Message.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new Message instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Message
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Message.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Message} Message instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Message.$Shape): centrifugal.centrifuge.protocol.Message & centrifugal.centrifuge.protocol.Message.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Message.$Properties): centrifugal.centrifuge.protocol.Message;
                 * }}
                 */
                Message.create = function(properties) {
                    return new Message(properties);
                };

                /**
                 * Encodes the specified Message message. Does not implicitly {@link centrifugal.centrifuge.protocol.Message.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Message
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Message.$Properties} m Message message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Message.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 1, wireType 2 =*/10).bytes(m.data);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Message message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Message
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Message & centrifugal.centrifuge.protocol.Message.$Shape} Message
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Message.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Message();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Message
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Message
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Message.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Message";
                };

                return Message;
            })();

            protocol.Connect = (function() {

                /**
                 * Properties of a Connect.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Connect.$Properties
                 * @property {string|null} [client] Connect client
                 * @property {string|null} [version] Connect version
                 * @property {Uint8Array|null} [data] Connect data
                 * @property {Object.<string,centrifugal.centrifuge.protocol.SubscribeResult.$Properties>|null} [subs] Connect subs
                 * @property {boolean|null} [expires] Connect expires
                 * @property {number|null} [ttl] Connect ttl
                 * @property {number|null} [ping] Connect ping
                 * @property {boolean|null} [pong] Connect pong
                 * @property {string|null} [session] Connect session
                 * @property {string|null} [node] Connect node
                 * @property {number|null} [time] Connect time
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Connect.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IConnect
                 * @augments centrifugal.centrifuge.protocol.Connect.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Connect.$Properties instead.
                 */

                /**
                 * Shape of a Connect.
                 * @typedef {centrifugal.centrifuge.protocol.Connect.$Properties} centrifugal.centrifuge.protocol.Connect.$Shape
                 */

                /**
                 * Constructs a new Connect.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Connect.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Connect.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Connect = function (p) {
                    this.subs = {};
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Connect client.
                 * @member {string} client
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.client = "";

                /**
                 * Connect version.
                 * @member {string} version
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.version = "";

                /**
                 * Connect data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.data = $util.newBuffer([]);

                /**
                 * Connect subs.
                 * @member {Object.<string,centrifugal.centrifuge.protocol.SubscribeResult.$Properties>} subs
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.subs = $util.emptyObject;

                /**
                 * Connect expires.
                 * @member {boolean} expires
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.expires = false;

                /**
                 * Connect ttl.
                 * @member {number} ttl
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.ttl = 0;

                /**
                 * Connect ping.
                 * @member {number} ping
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.ping = 0;

                /**
                 * Connect pong.
                 * @member {boolean} pong
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.pong = false;

                /**
                 * Connect session.
                 * @member {string} session
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.session = "";

                /**
                 * Connect node.
                 * @member {string} node
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.node = "";

                /**
                 * Connect time.
                 * @member {number} time
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @instance
                 */
                Connect.prototype.time = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new Connect instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Connect.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Connect} Connect instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Connect.$Shape): centrifugal.centrifuge.protocol.Connect & centrifugal.centrifuge.protocol.Connect.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Connect.$Properties): centrifugal.centrifuge.protocol.Connect;
                 * }}
                 */
                Connect.create = function(properties) {
                    return new Connect(properties);
                };

                /**
                 * Encodes the specified Connect message. Does not implicitly {@link centrifugal.centrifuge.protocol.Connect.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Connect.$Properties} m Connect message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Connect.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.client != null && $Object.hasOwnProperty.call(m, "client") && m.client !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.client);
                    if (m.version != null && $Object.hasOwnProperty.call(m, "version") && m.version !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.version);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 3, wireType 2 =*/26).bytes(m.data);
                    if (m.subs != null && $Object.hasOwnProperty.call(m, "subs")) {
                        for (var ks = $Object.keys(m.subs), i = 0; i < ks.length; ++i) {
                            w.uint32(/* id 4, wireType 2 =*/34).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                            $root.centrifugal.centrifuge.protocol.SubscribeResult.encode(m.subs[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                        }
                    }
                    if (m.expires != null && $Object.hasOwnProperty.call(m, "expires") && m.expires !== false)
                        w.uint32(/* id 5, wireType 0 =*/40).bool(m.expires);
                    if (m.ttl != null && $Object.hasOwnProperty.call(m, "ttl") && m.ttl !== 0)
                        w.uint32(/* id 6, wireType 0 =*/48).uint32(m.ttl);
                    if (m.ping != null && $Object.hasOwnProperty.call(m, "ping") && m.ping !== 0)
                        w.uint32(/* id 7, wireType 0 =*/56).uint32(m.ping);
                    if (m.pong != null && $Object.hasOwnProperty.call(m, "pong") && m.pong !== false)
                        w.uint32(/* id 8, wireType 0 =*/64).bool(m.pong);
                    if (m.session != null && $Object.hasOwnProperty.call(m, "session") && m.session !== "")
                        w.uint32(/* id 9, wireType 2 =*/74).string(m.session);
                    if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                        w.uint32(/* id 10, wireType 2 =*/82).string(m.node);
                    if (m.time != null && $Object.hasOwnProperty.call(m, "time") && (typeof m.time === "object" ? m.time.low || m.time.high : m.time !== 0))
                        w.uint32(/* id 11, wireType 0 =*/88).int64(m.time);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Connect message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Connect & centrifugal.centrifuge.protocol.Connect.$Shape} Connect
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Connect.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, k, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Connect();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.client = v;
                                else
                                    delete m.client;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.version = v;
                                else
                                    delete m.version;
                                continue;
                            }
                        case 3: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                if (m.subs === $util.emptyObject)
                                    m.subs = {};
                                var c2 = r.size() + r.pos;
                                if (c2 > r.len)
                                    throw $RangeError("index out of range");
                                r.len = c2;
                                k = "";
                                v = null;
                                while (r.pos < c2) {
                                    var t2 = r.tag();
                                    u = t2 & 7;
                                    switch (t2 >>>= 3) {
                                    case 1:
                                        if (u !== 2)
                                            break;
                                        k = r.stringVerify();
                                        continue;
                                    case 2:
                                        if (u !== 2)
                                            break;
                                        v = $root.centrifugal.centrifuge.protocol.SubscribeResult.decode(r, r.size(), $undefined, q + 1, v);
                                        continue;
                                    }
                                    r.skipType(u, q, t2);
                                }
                                if (r.pos !== c2)
                                    throw $RangeError("index out of range");
                                r.len = c;
                                if (k === "__proto__")
                                    $util.makeProp(m.subs, k);
                                m.subs[k] = v || new $root.centrifugal.centrifuge.protocol.SubscribeResult();
                                continue;
                            }
                        case 5: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.expires = v;
                                else
                                    delete m.expires;
                                continue;
                            }
                        case 6: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ttl = v;
                                else
                                    delete m.ttl;
                                continue;
                            }
                        case 7: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ping = v;
                                else
                                    delete m.ping;
                                continue;
                            }
                        case 8: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.pong = v;
                                else
                                    delete m.pong;
                                continue;
                            }
                        case 9: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.session = v;
                                else
                                    delete m.session;
                                continue;
                            }
                        case 10: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.node = v;
                                else
                                    delete m.node;
                                continue;
                            }
                        case 11: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                    m.time = v;
                                else
                                    delete m.time;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Connect
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Connect
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Connect.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Connect";
                };

                return Connect;
            })();

            protocol.Disconnect = (function() {

                /**
                 * Properties of a Disconnect.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Disconnect.$Properties
                 * @property {number|null} [code] Disconnect code
                 * @property {string|null} [reason] Disconnect reason
                 * @property {boolean|null} [reconnect] Disconnect reconnect
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Disconnect.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IDisconnect
                 * @augments centrifugal.centrifuge.protocol.Disconnect.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Disconnect.$Properties instead.
                 */

                /**
                 * Shape of a Disconnect.
                 * @typedef {centrifugal.centrifuge.protocol.Disconnect.$Properties} centrifugal.centrifuge.protocol.Disconnect.$Shape
                 */

                /**
                 * Constructs a new Disconnect.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Disconnect.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Disconnect.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Disconnect = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Disconnect code.
                 * @member {number} code
                 * @memberof centrifugal.centrifuge.protocol.Disconnect
                 * @instance
                 */
                Disconnect.prototype.code = 0;

                /**
                 * Disconnect reason.
                 * @member {string} reason
                 * @memberof centrifugal.centrifuge.protocol.Disconnect
                 * @instance
                 */
                Disconnect.prototype.reason = "";

                /**
                 * Disconnect reconnect.
                 * @member {boolean} reconnect
                 * @memberof centrifugal.centrifuge.protocol.Disconnect
                 * @instance
                 */
                Disconnect.prototype.reconnect = false;

                /**
                 * Creates a new Disconnect instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Disconnect
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Disconnect.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Disconnect} Disconnect instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Disconnect.$Shape): centrifugal.centrifuge.protocol.Disconnect & centrifugal.centrifuge.protocol.Disconnect.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Disconnect.$Properties): centrifugal.centrifuge.protocol.Disconnect;
                 * }}
                 */
                Disconnect.create = function(properties) {
                    return new Disconnect(properties);
                };

                /**
                 * Encodes the specified Disconnect message. Does not implicitly {@link centrifugal.centrifuge.protocol.Disconnect.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Disconnect
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Disconnect.$Properties} m Disconnect message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Disconnect.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                        w.uint32(/* id 1, wireType 0 =*/8).uint32(m.code);
                    if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                    if (m.reconnect != null && $Object.hasOwnProperty.call(m, "reconnect") && m.reconnect !== false)
                        w.uint32(/* id 3, wireType 0 =*/24).bool(m.reconnect);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Disconnect message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Disconnect
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Disconnect & centrifugal.centrifuge.protocol.Disconnect.$Shape} Disconnect
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Disconnect.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Disconnect();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.code = v;
                                else
                                    delete m.code;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.reason = v;
                                else
                                    delete m.reason;
                                continue;
                            }
                        case 3: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.reconnect = v;
                                else
                                    delete m.reconnect;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Disconnect
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Disconnect
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Disconnect.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Disconnect";
                };

                return Disconnect;
            })();

            protocol.Refresh = (function() {

                /**
                 * Properties of a Refresh.
                 * @typedef {Object} centrifugal.centrifuge.protocol.Refresh.$Properties
                 * @property {boolean|null} [expires] Refresh expires
                 * @property {number|null} [ttl] Refresh ttl
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Refresh.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IRefresh
                 * @augments centrifugal.centrifuge.protocol.Refresh.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.Refresh.$Properties instead.
                 */

                /**
                 * Shape of a Refresh.
                 * @typedef {centrifugal.centrifuge.protocol.Refresh.$Properties} centrifugal.centrifuge.protocol.Refresh.$Shape
                 */

                /**
                 * Constructs a new Refresh.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a Refresh.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.Refresh.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var Refresh = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Refresh expires.
                 * @member {boolean} expires
                 * @memberof centrifugal.centrifuge.protocol.Refresh
                 * @instance
                 */
                Refresh.prototype.expires = false;

                /**
                 * Refresh ttl.
                 * @member {number} ttl
                 * @memberof centrifugal.centrifuge.protocol.Refresh
                 * @instance
                 */
                Refresh.prototype.ttl = 0;

                /**
                 * Creates a new Refresh instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.Refresh
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Refresh.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.Refresh} Refresh instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.Refresh.$Shape): centrifugal.centrifuge.protocol.Refresh & centrifugal.centrifuge.protocol.Refresh.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.Refresh.$Properties): centrifugal.centrifuge.protocol.Refresh;
                 * }}
                 */
                Refresh.create = function(properties) {
                    return new Refresh(properties);
                };

                /**
                 * Encodes the specified Refresh message. Does not implicitly {@link centrifugal.centrifuge.protocol.Refresh.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.Refresh
                 * @static
                 * @param {centrifugal.centrifuge.protocol.Refresh.$Properties} m Refresh message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Refresh.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.expires != null && $Object.hasOwnProperty.call(m, "expires") && m.expires !== false)
                        w.uint32(/* id 1, wireType 0 =*/8).bool(m.expires);
                    if (m.ttl != null && $Object.hasOwnProperty.call(m, "ttl") && m.ttl !== 0)
                        w.uint32(/* id 2, wireType 0 =*/16).uint32(m.ttl);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a Refresh message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.Refresh
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Refresh & centrifugal.centrifuge.protocol.Refresh.$Shape} Refresh
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Refresh.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.Refresh();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.expires = v;
                                else
                                    delete m.expires;
                                continue;
                            }
                        case 2: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ttl = v;
                                else
                                    delete m.ttl;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for Refresh
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.Refresh
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Refresh.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.Refresh";
                };

                return Refresh;
            })();

            protocol.ConnectRequest = (function() {

                /**
                 * Properties of a ConnectRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.ConnectRequest.$Properties
                 * @property {string|null} [token] ConnectRequest token
                 * @property {Uint8Array|null} [data] ConnectRequest data
                 * @property {Object.<string,centrifugal.centrifuge.protocol.SubscribeRequest.$Properties>|null} [subs] ConnectRequest subs
                 * @property {string|null} [name] ConnectRequest name
                 * @property {string|null} [version] ConnectRequest version
                 * @property {Object.<string,string>|null} [headers] ConnectRequest headers
                 * @property {number|null} [flag] ConnectRequest flag
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ConnectRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IConnectRequest
                 * @augments centrifugal.centrifuge.protocol.ConnectRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.ConnectRequest.$Properties instead.
                 */

                /**
                 * Shape of a ConnectRequest.
                 * @typedef {centrifugal.centrifuge.protocol.ConnectRequest.$Properties} centrifugal.centrifuge.protocol.ConnectRequest.$Shape
                 */

                /**
                 * Constructs a new ConnectRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a ConnectRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.ConnectRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var ConnectRequest = function (p) {
                    this.subs = {};
                    this.headers = {};
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * ConnectRequest token.
                 * @member {string} token
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @instance
                 */
                ConnectRequest.prototype.token = "";

                /**
                 * ConnectRequest data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @instance
                 */
                ConnectRequest.prototype.data = $util.newBuffer([]);

                /**
                 * ConnectRequest subs.
                 * @member {Object.<string,centrifugal.centrifuge.protocol.SubscribeRequest.$Properties>} subs
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @instance
                 */
                ConnectRequest.prototype.subs = $util.emptyObject;

                /**
                 * ConnectRequest name.
                 * @member {string} name
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @instance
                 */
                ConnectRequest.prototype.name = "";

                /**
                 * ConnectRequest version.
                 * @member {string} version
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @instance
                 */
                ConnectRequest.prototype.version = "";

                /**
                 * ConnectRequest headers.
                 * @member {Object.<string,string>} headers
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @instance
                 */
                ConnectRequest.prototype.headers = $util.emptyObject;

                /**
                 * ConnectRequest flag.
                 * @member {number} flag
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @instance
                 */
                ConnectRequest.prototype.flag = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new ConnectRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.ConnectRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.ConnectRequest} ConnectRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.ConnectRequest.$Shape): centrifugal.centrifuge.protocol.ConnectRequest & centrifugal.centrifuge.protocol.ConnectRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.ConnectRequest.$Properties): centrifugal.centrifuge.protocol.ConnectRequest;
                 * }}
                 */
                ConnectRequest.create = function(properties) {
                    return new ConnectRequest(properties);
                };

                /**
                 * Encodes the specified ConnectRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.ConnectRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.ConnectRequest.$Properties} m ConnectRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ConnectRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.token != null && $Object.hasOwnProperty.call(m, "token") && m.token !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.token);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 2, wireType 2 =*/18).bytes(m.data);
                    if (m.subs != null && $Object.hasOwnProperty.call(m, "subs")) {
                        for (var ks = $Object.keys(m.subs), i = 0; i < ks.length; ++i) {
                            w.uint32(/* id 3, wireType 2 =*/26).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                            $root.centrifugal.centrifuge.protocol.SubscribeRequest.encode(m.subs[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                        }
                    }
                    if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.name);
                    if (m.version != null && $Object.hasOwnProperty.call(m, "version") && m.version !== "")
                        w.uint32(/* id 5, wireType 2 =*/42).string(m.version);
                    if (m.headers != null && $Object.hasOwnProperty.call(m, "headers")) {
                        for (var ks = $Object.keys(m.headers), i = 0; i < ks.length; ++i) {
                            w.uint32(/* id 6, wireType 2 =*/50).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 2 =*/18).string(m.headers[ks[i]]).ldelim();
                        }
                    }
                    if (m.flag != null && $Object.hasOwnProperty.call(m, "flag") && (typeof m.flag === "object" ? m.flag.low || m.flag.high : m.flag !== 0))
                        w.uint32(/* id 7, wireType 0 =*/56).int64(m.flag);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a ConnectRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.ConnectRequest & centrifugal.centrifuge.protocol.ConnectRequest.$Shape} ConnectRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ConnectRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, k, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.ConnectRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.token = v;
                                else
                                    delete m.token;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        case 3: {
                                if (u !== 2)
                                    break;
                                if (m.subs === $util.emptyObject)
                                    m.subs = {};
                                var c2 = r.size() + r.pos;
                                if (c2 > r.len)
                                    throw $RangeError("index out of range");
                                r.len = c2;
                                k = "";
                                v = null;
                                while (r.pos < c2) {
                                    var t2 = r.tag();
                                    u = t2 & 7;
                                    switch (t2 >>>= 3) {
                                    case 1:
                                        if (u !== 2)
                                            break;
                                        k = r.stringVerify();
                                        continue;
                                    case 2:
                                        if (u !== 2)
                                            break;
                                        v = $root.centrifugal.centrifuge.protocol.SubscribeRequest.decode(r, r.size(), $undefined, q + 1, v);
                                        continue;
                                    }
                                    r.skipType(u, q, t2);
                                }
                                if (r.pos !== c2)
                                    throw $RangeError("index out of range");
                                r.len = c;
                                if (k === "__proto__")
                                    $util.makeProp(m.subs, k);
                                m.subs[k] = v || new $root.centrifugal.centrifuge.protocol.SubscribeRequest();
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.name = v;
                                else
                                    delete m.name;
                                continue;
                            }
                        case 5: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.version = v;
                                else
                                    delete m.version;
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                if (m.headers === $util.emptyObject)
                                    m.headers = {};
                                var c2 = r.size() + r.pos;
                                if (c2 > r.len)
                                    throw $RangeError("index out of range");
                                r.len = c2;
                                k = "";
                                v = "";
                                while (r.pos < c2) {
                                    var t2 = r.tag();
                                    u = t2 & 7;
                                    switch (t2 >>>= 3) {
                                    case 1:
                                        if (u !== 2)
                                            break;
                                        k = r.stringVerify();
                                        continue;
                                    case 2:
                                        if (u !== 2)
                                            break;
                                        v = r.stringVerify();
                                        continue;
                                    }
                                    r.skipType(u, q, t2);
                                }
                                if (r.pos !== c2)
                                    throw $RangeError("index out of range");
                                r.len = c;
                                if (k === "__proto__")
                                    $util.makeProp(m.headers, k);
                                m.headers[k] = v;
                                continue;
                            }
                        case 7: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                    m.flag = v;
                                else
                                    delete m.flag;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for ConnectRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.ConnectRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ConnectRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.ConnectRequest";
                };

                return ConnectRequest;
            })();

            protocol.ConnectResult = (function() {

                /**
                 * Properties of a ConnectResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.ConnectResult.$Properties
                 * @property {string|null} [client] ConnectResult client
                 * @property {string|null} [version] ConnectResult version
                 * @property {boolean|null} [expires] ConnectResult expires
                 * @property {number|null} [ttl] ConnectResult ttl
                 * @property {Uint8Array|null} [data] ConnectResult data
                 * @property {Object.<string,centrifugal.centrifuge.protocol.SubscribeResult.$Properties>|null} [subs] ConnectResult subs
                 * @property {number|null} [ping] ConnectResult ping
                 * @property {boolean|null} [pong] ConnectResult pong
                 * @property {string|null} [session] ConnectResult session
                 * @property {string|null} [node] ConnectResult node
                 * @property {number|null} [time] ConnectResult time
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ConnectResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IConnectResult
                 * @augments centrifugal.centrifuge.protocol.ConnectResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.ConnectResult.$Properties instead.
                 */

                /**
                 * Shape of a ConnectResult.
                 * @typedef {centrifugal.centrifuge.protocol.ConnectResult.$Properties} centrifugal.centrifuge.protocol.ConnectResult.$Shape
                 */

                /**
                 * Constructs a new ConnectResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a ConnectResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.ConnectResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var ConnectResult = function (p) {
                    this.subs = {};
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * ConnectResult client.
                 * @member {string} client
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.client = "";

                /**
                 * ConnectResult version.
                 * @member {string} version
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.version = "";

                /**
                 * ConnectResult expires.
                 * @member {boolean} expires
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.expires = false;

                /**
                 * ConnectResult ttl.
                 * @member {number} ttl
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.ttl = 0;

                /**
                 * ConnectResult data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.data = $util.newBuffer([]);

                /**
                 * ConnectResult subs.
                 * @member {Object.<string,centrifugal.centrifuge.protocol.SubscribeResult.$Properties>} subs
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.subs = $util.emptyObject;

                /**
                 * ConnectResult ping.
                 * @member {number} ping
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.ping = 0;

                /**
                 * ConnectResult pong.
                 * @member {boolean} pong
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.pong = false;

                /**
                 * ConnectResult session.
                 * @member {string} session
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.session = "";

                /**
                 * ConnectResult node.
                 * @member {string} node
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.node = "";

                /**
                 * ConnectResult time.
                 * @member {number} time
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @instance
                 */
                ConnectResult.prototype.time = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new ConnectResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.ConnectResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.ConnectResult} ConnectResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.ConnectResult.$Shape): centrifugal.centrifuge.protocol.ConnectResult & centrifugal.centrifuge.protocol.ConnectResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.ConnectResult.$Properties): centrifugal.centrifuge.protocol.ConnectResult;
                 * }}
                 */
                ConnectResult.create = function(properties) {
                    return new ConnectResult(properties);
                };

                /**
                 * Encodes the specified ConnectResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.ConnectResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.ConnectResult.$Properties} m ConnectResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ConnectResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.client != null && $Object.hasOwnProperty.call(m, "client") && m.client !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.client);
                    if (m.version != null && $Object.hasOwnProperty.call(m, "version") && m.version !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.version);
                    if (m.expires != null && $Object.hasOwnProperty.call(m, "expires") && m.expires !== false)
                        w.uint32(/* id 3, wireType 0 =*/24).bool(m.expires);
                    if (m.ttl != null && $Object.hasOwnProperty.call(m, "ttl") && m.ttl !== 0)
                        w.uint32(/* id 4, wireType 0 =*/32).uint32(m.ttl);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 5, wireType 2 =*/42).bytes(m.data);
                    if (m.subs != null && $Object.hasOwnProperty.call(m, "subs")) {
                        for (var ks = $Object.keys(m.subs), i = 0; i < ks.length; ++i) {
                            w.uint32(/* id 6, wireType 2 =*/50).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                            $root.centrifugal.centrifuge.protocol.SubscribeResult.encode(m.subs[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                        }
                    }
                    if (m.ping != null && $Object.hasOwnProperty.call(m, "ping") && m.ping !== 0)
                        w.uint32(/* id 7, wireType 0 =*/56).uint32(m.ping);
                    if (m.pong != null && $Object.hasOwnProperty.call(m, "pong") && m.pong !== false)
                        w.uint32(/* id 8, wireType 0 =*/64).bool(m.pong);
                    if (m.session != null && $Object.hasOwnProperty.call(m, "session") && m.session !== "")
                        w.uint32(/* id 9, wireType 2 =*/74).string(m.session);
                    if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                        w.uint32(/* id 10, wireType 2 =*/82).string(m.node);
                    if (m.time != null && $Object.hasOwnProperty.call(m, "time") && (typeof m.time === "object" ? m.time.low || m.time.high : m.time !== 0))
                        w.uint32(/* id 11, wireType 0 =*/88).int64(m.time);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a ConnectResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.ConnectResult & centrifugal.centrifuge.protocol.ConnectResult.$Shape} ConnectResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ConnectResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, k, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.ConnectResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.client = v;
                                else
                                    delete m.client;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.version = v;
                                else
                                    delete m.version;
                                continue;
                            }
                        case 3: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.expires = v;
                                else
                                    delete m.expires;
                                continue;
                            }
                        case 4: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ttl = v;
                                else
                                    delete m.ttl;
                                continue;
                            }
                        case 5: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                if (m.subs === $util.emptyObject)
                                    m.subs = {};
                                var c2 = r.size() + r.pos;
                                if (c2 > r.len)
                                    throw $RangeError("index out of range");
                                r.len = c2;
                                k = "";
                                v = null;
                                while (r.pos < c2) {
                                    var t2 = r.tag();
                                    u = t2 & 7;
                                    switch (t2 >>>= 3) {
                                    case 1:
                                        if (u !== 2)
                                            break;
                                        k = r.stringVerify();
                                        continue;
                                    case 2:
                                        if (u !== 2)
                                            break;
                                        v = $root.centrifugal.centrifuge.protocol.SubscribeResult.decode(r, r.size(), $undefined, q + 1, v);
                                        continue;
                                    }
                                    r.skipType(u, q, t2);
                                }
                                if (r.pos !== c2)
                                    throw $RangeError("index out of range");
                                r.len = c;
                                if (k === "__proto__")
                                    $util.makeProp(m.subs, k);
                                m.subs[k] = v || new $root.centrifugal.centrifuge.protocol.SubscribeResult();
                                continue;
                            }
                        case 7: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ping = v;
                                else
                                    delete m.ping;
                                continue;
                            }
                        case 8: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.pong = v;
                                else
                                    delete m.pong;
                                continue;
                            }
                        case 9: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.session = v;
                                else
                                    delete m.session;
                                continue;
                            }
                        case 10: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.node = v;
                                else
                                    delete m.node;
                                continue;
                            }
                        case 11: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                    m.time = v;
                                else
                                    delete m.time;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for ConnectResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.ConnectResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ConnectResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.ConnectResult";
                };

                return ConnectResult;
            })();

            protocol.RefreshRequest = (function() {

                /**
                 * Properties of a RefreshRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.RefreshRequest.$Properties
                 * @property {string|null} [token] RefreshRequest token
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RefreshRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IRefreshRequest
                 * @augments centrifugal.centrifuge.protocol.RefreshRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.RefreshRequest.$Properties instead.
                 */

                /**
                 * Shape of a RefreshRequest.
                 * @typedef {centrifugal.centrifuge.protocol.RefreshRequest.$Properties} centrifugal.centrifuge.protocol.RefreshRequest.$Shape
                 */

                /**
                 * Constructs a new RefreshRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a RefreshRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.RefreshRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var RefreshRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * RefreshRequest token.
                 * @member {string} token
                 * @memberof centrifugal.centrifuge.protocol.RefreshRequest
                 * @instance
                 */
                RefreshRequest.prototype.token = "";

                /**
                 * Creates a new RefreshRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.RefreshRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RefreshRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.RefreshRequest} RefreshRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.RefreshRequest.$Shape): centrifugal.centrifuge.protocol.RefreshRequest & centrifugal.centrifuge.protocol.RefreshRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.RefreshRequest.$Properties): centrifugal.centrifuge.protocol.RefreshRequest;
                 * }}
                 */
                RefreshRequest.create = function(properties) {
                    return new RefreshRequest(properties);
                };

                /**
                 * Encodes the specified RefreshRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.RefreshRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.RefreshRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RefreshRequest.$Properties} m RefreshRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RefreshRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.token != null && $Object.hasOwnProperty.call(m, "token") && m.token !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.token);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a RefreshRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.RefreshRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RefreshRequest & centrifugal.centrifuge.protocol.RefreshRequest.$Shape} RefreshRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RefreshRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.RefreshRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.token = v;
                                else
                                    delete m.token;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for RefreshRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.RefreshRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                RefreshRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.RefreshRequest";
                };

                return RefreshRequest;
            })();

            protocol.RefreshResult = (function() {

                /**
                 * Properties of a RefreshResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.RefreshResult.$Properties
                 * @property {string|null} [client] RefreshResult client
                 * @property {string|null} [version] RefreshResult version
                 * @property {boolean|null} [expires] RefreshResult expires
                 * @property {number|null} [ttl] RefreshResult ttl
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RefreshResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IRefreshResult
                 * @augments centrifugal.centrifuge.protocol.RefreshResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.RefreshResult.$Properties instead.
                 */

                /**
                 * Shape of a RefreshResult.
                 * @typedef {centrifugal.centrifuge.protocol.RefreshResult.$Properties} centrifugal.centrifuge.protocol.RefreshResult.$Shape
                 */

                /**
                 * Constructs a new RefreshResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a RefreshResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.RefreshResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var RefreshResult = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * RefreshResult client.
                 * @member {string} client
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @instance
                 */
                RefreshResult.prototype.client = "";

                /**
                 * RefreshResult version.
                 * @member {string} version
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @instance
                 */
                RefreshResult.prototype.version = "";

                /**
                 * RefreshResult expires.
                 * @member {boolean} expires
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @instance
                 */
                RefreshResult.prototype.expires = false;

                /**
                 * RefreshResult ttl.
                 * @member {number} ttl
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @instance
                 */
                RefreshResult.prototype.ttl = 0;

                /**
                 * Creates a new RefreshResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RefreshResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.RefreshResult} RefreshResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.RefreshResult.$Shape): centrifugal.centrifuge.protocol.RefreshResult & centrifugal.centrifuge.protocol.RefreshResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.RefreshResult.$Properties): centrifugal.centrifuge.protocol.RefreshResult;
                 * }}
                 */
                RefreshResult.create = function(properties) {
                    return new RefreshResult(properties);
                };

                /**
                 * Encodes the specified RefreshResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.RefreshResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RefreshResult.$Properties} m RefreshResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RefreshResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.client != null && $Object.hasOwnProperty.call(m, "client") && m.client !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.client);
                    if (m.version != null && $Object.hasOwnProperty.call(m, "version") && m.version !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.version);
                    if (m.expires != null && $Object.hasOwnProperty.call(m, "expires") && m.expires !== false)
                        w.uint32(/* id 3, wireType 0 =*/24).bool(m.expires);
                    if (m.ttl != null && $Object.hasOwnProperty.call(m, "ttl") && m.ttl !== 0)
                        w.uint32(/* id 4, wireType 0 =*/32).uint32(m.ttl);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a RefreshResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RefreshResult & centrifugal.centrifuge.protocol.RefreshResult.$Shape} RefreshResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RefreshResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.RefreshResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.client = v;
                                else
                                    delete m.client;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.version = v;
                                else
                                    delete m.version;
                                continue;
                            }
                        case 3: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.expires = v;
                                else
                                    delete m.expires;
                                continue;
                            }
                        case 4: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ttl = v;
                                else
                                    delete m.ttl;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for RefreshResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.RefreshResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                RefreshResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.RefreshResult";
                };

                return RefreshResult;
            })();

            protocol.SubscribeRequest = (function() {

                /**
                 * Properties of a SubscribeRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.SubscribeRequest.$Properties
                 * @property {string|null} [channel] SubscribeRequest channel
                 * @property {string|null} [token] SubscribeRequest token
                 * @property {boolean|null} [recover] SubscribeRequest recover
                 * @property {string|null} [epoch] SubscribeRequest epoch
                 * @property {number|null} [offset] SubscribeRequest offset
                 * @property {Uint8Array|null} [data] SubscribeRequest data
                 * @property {boolean|null} [positioned] SubscribeRequest positioned
                 * @property {boolean|null} [recoverable] SubscribeRequest recoverable
                 * @property {boolean|null} [join_leave] SubscribeRequest join_leave
                 * @property {string|null} [delta] SubscribeRequest delta
                 * @property {centrifugal.centrifuge.protocol.FilterNode.$Properties|null} [tf] SubscribeRequest tf
                 * @property {number|null} [flag] SubscribeRequest flag
                 * @property {number|null} [type] SubscribeRequest type
                 * @property {number|null} [phase] SubscribeRequest phase
                 * @property {string|null} [cursor] SubscribeRequest cursor
                 * @property {number|null} [limit] SubscribeRequest limit
                 * @property {boolean|null} [asc] SubscribeRequest asc
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SubscribeRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ISubscribeRequest
                 * @augments centrifugal.centrifuge.protocol.SubscribeRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.SubscribeRequest.$Properties instead.
                 */

                /**
                 * Shape of a SubscribeRequest.
                 * @typedef {centrifugal.centrifuge.protocol.SubscribeRequest.$Properties} centrifugal.centrifuge.protocol.SubscribeRequest.$Shape
                 */

                /**
                 * Constructs a new SubscribeRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a SubscribeRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.SubscribeRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var SubscribeRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * SubscribeRequest channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.channel = "";

                /**
                 * SubscribeRequest token.
                 * @member {string} token
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.token = "";

                /**
                 * SubscribeRequest recover.
                 * @member {boolean} recover
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.recover = false;

                /**
                 * SubscribeRequest epoch.
                 * @member {string} epoch
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.epoch = "";

                /**
                 * SubscribeRequest offset.
                 * @member {number} offset
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * SubscribeRequest data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.data = $util.newBuffer([]);

                /**
                 * SubscribeRequest positioned.
                 * @member {boolean} positioned
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.positioned = false;

                /**
                 * SubscribeRequest recoverable.
                 * @member {boolean} recoverable
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.recoverable = false;

                /**
                 * SubscribeRequest join_leave.
                 * @member {boolean} join_leave
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.join_leave = false;

                /**
                 * SubscribeRequest delta.
                 * @member {string} delta
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.delta = "";

                /**
                 * SubscribeRequest tf.
                 * @member {centrifugal.centrifuge.protocol.FilterNode.$Properties|null|undefined} tf
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.tf = null;

                /**
                 * SubscribeRequest flag.
                 * @member {number} flag
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.flag = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * SubscribeRequest type.
                 * @member {number} type
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.type = 0;

                /**
                 * SubscribeRequest phase.
                 * @member {number} phase
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.phase = 0;

                /**
                 * SubscribeRequest cursor.
                 * @member {string} cursor
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.cursor = "";

                /**
                 * SubscribeRequest limit.
                 * @member {number} limit
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.limit = 0;

                /**
                 * SubscribeRequest asc.
                 * @member {boolean} asc
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @instance
                 */
                SubscribeRequest.prototype.asc = false;

                /**
                 * Creates a new SubscribeRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubscribeRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.SubscribeRequest} SubscribeRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.SubscribeRequest.$Shape): centrifugal.centrifuge.protocol.SubscribeRequest & centrifugal.centrifuge.protocol.SubscribeRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.SubscribeRequest.$Properties): centrifugal.centrifuge.protocol.SubscribeRequest;
                 * }}
                 */
                SubscribeRequest.create = function(properties) {
                    return new SubscribeRequest(properties);
                };

                /**
                 * Encodes the specified SubscribeRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubscribeRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubscribeRequest.$Properties} m SubscribeRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SubscribeRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                    if (m.token != null && $Object.hasOwnProperty.call(m, "token") && m.token !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.token);
                    if (m.recover != null && $Object.hasOwnProperty.call(m, "recover") && m.recover !== false)
                        w.uint32(/* id 3, wireType 0 =*/24).bool(m.recover);
                    if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && m.epoch !== "")
                        w.uint32(/* id 6, wireType 2 =*/50).string(m.epoch);
                    if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                        w.uint32(/* id 7, wireType 0 =*/56).uint64(m.offset);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 8, wireType 2 =*/66).bytes(m.data);
                    if (m.positioned != null && $Object.hasOwnProperty.call(m, "positioned") && m.positioned !== false)
                        w.uint32(/* id 9, wireType 0 =*/72).bool(m.positioned);
                    if (m.recoverable != null && $Object.hasOwnProperty.call(m, "recoverable") && m.recoverable !== false)
                        w.uint32(/* id 10, wireType 0 =*/80).bool(m.recoverable);
                    if (m.join_leave != null && $Object.hasOwnProperty.call(m, "join_leave") && m.join_leave !== false)
                        w.uint32(/* id 11, wireType 0 =*/88).bool(m.join_leave);
                    if (m.delta != null && $Object.hasOwnProperty.call(m, "delta") && m.delta !== "")
                        w.uint32(/* id 12, wireType 2 =*/98).string(m.delta);
                    if (m.tf != null && $Object.hasOwnProperty.call(m, "tf"))
                        $root.centrifugal.centrifuge.protocol.FilterNode.encode(m.tf, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                    if (m.flag != null && $Object.hasOwnProperty.call(m, "flag") && (typeof m.flag === "object" ? m.flag.low || m.flag.high : m.flag !== 0))
                        w.uint32(/* id 14, wireType 0 =*/112).int64(m.flag);
                    if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                        w.uint32(/* id 15, wireType 0 =*/120).int32(m.type);
                    if (m.phase != null && $Object.hasOwnProperty.call(m, "phase") && m.phase !== 0)
                        w.uint32(/* id 16, wireType 0 =*/128).int32(m.phase);
                    if (m.cursor != null && $Object.hasOwnProperty.call(m, "cursor") && m.cursor !== "")
                        w.uint32(/* id 17, wireType 2 =*/138).string(m.cursor);
                    if (m.limit != null && $Object.hasOwnProperty.call(m, "limit") && m.limit !== 0)
                        w.uint32(/* id 18, wireType 0 =*/144).int32(m.limit);
                    if (m.asc != null && $Object.hasOwnProperty.call(m, "asc") && m.asc !== false)
                        w.uint32(/* id 19, wireType 0 =*/152).bool(m.asc);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a SubscribeRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubscribeRequest & centrifugal.centrifuge.protocol.SubscribeRequest.$Shape} SubscribeRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SubscribeRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.SubscribeRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.token = v;
                                else
                                    delete m.token;
                                continue;
                            }
                        case 3: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.recover = v;
                                else
                                    delete m.recover;
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.epoch = v;
                                else
                                    delete m.epoch;
                                continue;
                            }
                        case 7: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                    m.offset = v;
                                else
                                    delete m.offset;
                                continue;
                            }
                        case 8: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        case 9: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.positioned = v;
                                else
                                    delete m.positioned;
                                continue;
                            }
                        case 10: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.recoverable = v;
                                else
                                    delete m.recoverable;
                                continue;
                            }
                        case 11: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.join_leave = v;
                                else
                                    delete m.join_leave;
                                continue;
                            }
                        case 12: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.delta = v;
                                else
                                    delete m.delta;
                                continue;
                            }
                        case 13: {
                                if (u !== 2)
                                    break;
                                m.tf = $root.centrifugal.centrifuge.protocol.FilterNode.decode(r, r.size(), $undefined, q + 1, m.tf);
                                continue;
                            }
                        case 14: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                    m.flag = v;
                                else
                                    delete m.flag;
                                continue;
                            }
                        case 15: {
                                if (u !== 0)
                                    break;
                                if (v = r.int32())
                                    m.type = v;
                                else
                                    delete m.type;
                                continue;
                            }
                        case 16: {
                                if (u !== 0)
                                    break;
                                if (v = r.int32())
                                    m.phase = v;
                                else
                                    delete m.phase;
                                continue;
                            }
                        case 17: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.cursor = v;
                                else
                                    delete m.cursor;
                                continue;
                            }
                        case 18: {
                                if (u !== 0)
                                    break;
                                if (v = r.int32())
                                    m.limit = v;
                                else
                                    delete m.limit;
                                continue;
                            }
                        case 19: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.asc = v;
                                else
                                    delete m.asc;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for SubscribeRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.SubscribeRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                SubscribeRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.SubscribeRequest";
                };

                return SubscribeRequest;
            })();

            protocol.FilterNode = (function() {

                /**
                 * Properties of a FilterNode.
                 * @typedef {Object} centrifugal.centrifuge.protocol.FilterNode.$Properties
                 * @property {string|null} [op] FilterNode op
                 * @property {string|null} [key] FilterNode key
                 * @property {string|null} [cmp] FilterNode cmp
                 * @property {string|null} [val] FilterNode val
                 * @property {Array.<string>|null} [vals] FilterNode vals
                 * @property {Array.<centrifugal.centrifuge.protocol.FilterNode.$Properties>|null} [nodes] FilterNode nodes
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a FilterNode.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IFilterNode
                 * @augments centrifugal.centrifuge.protocol.FilterNode.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.FilterNode.$Properties instead.
                 */

                /**
                 * Shape of a FilterNode.
                 * @typedef {centrifugal.centrifuge.protocol.FilterNode.$Properties} centrifugal.centrifuge.protocol.FilterNode.$Shape
                 */

                /**
                 * Constructs a new FilterNode.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a FilterNode.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.FilterNode.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var FilterNode = function (p) {
                    this.vals = [];
                    this.nodes = [];
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * FilterNode op.
                 * @member {string} op
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @instance
                 */
                FilterNode.prototype.op = "";

                /**
                 * FilterNode key.
                 * @member {string} key
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @instance
                 */
                FilterNode.prototype.key = "";

                /**
                 * FilterNode cmp.
                 * @member {string} cmp
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @instance
                 */
                FilterNode.prototype.cmp = "";

                /**
                 * FilterNode val.
                 * @member {string} val
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @instance
                 */
                FilterNode.prototype.val = "";

                /**
                 * FilterNode vals.
                 * @member {Array.<string>} vals
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @instance
                 */
                FilterNode.prototype.vals = $util.emptyArray;

                /**
                 * FilterNode nodes.
                 * @member {Array.<centrifugal.centrifuge.protocol.FilterNode.$Properties>} nodes
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @instance
                 */
                FilterNode.prototype.nodes = $util.emptyArray;

                /**
                 * Creates a new FilterNode instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @static
                 * @param {centrifugal.centrifuge.protocol.FilterNode.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.FilterNode} FilterNode instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.FilterNode.$Shape): centrifugal.centrifuge.protocol.FilterNode & centrifugal.centrifuge.protocol.FilterNode.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.FilterNode.$Properties): centrifugal.centrifuge.protocol.FilterNode;
                 * }}
                 */
                FilterNode.create = function(properties) {
                    return new FilterNode(properties);
                };

                /**
                 * Encodes the specified FilterNode message. Does not implicitly {@link centrifugal.centrifuge.protocol.FilterNode.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @static
                 * @param {centrifugal.centrifuge.protocol.FilterNode.$Properties} m FilterNode message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                FilterNode.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.op != null && $Object.hasOwnProperty.call(m, "op") && m.op !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.op);
                    if (m.key != null && $Object.hasOwnProperty.call(m, "key") && m.key !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.key);
                    if (m.cmp != null && $Object.hasOwnProperty.call(m, "cmp") && m.cmp !== "")
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.cmp);
                    if (m.val != null && $Object.hasOwnProperty.call(m, "val") && m.val !== "")
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.val);
                    if (m.vals != null && m.vals.length) {
                        for (var i = 0; i < m.vals.length; ++i)
                            w.uint32(/* id 5, wireType 2 =*/42).string(m.vals[i]);
                    }
                    if (m.nodes != null && m.nodes.length) {
                        for (var i = 0; i < m.nodes.length; ++i)
                            $root.centrifugal.centrifuge.protocol.FilterNode.encode(m.nodes[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                    }
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a FilterNode message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.FilterNode & centrifugal.centrifuge.protocol.FilterNode.$Shape} FilterNode
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                FilterNode.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.FilterNode();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.op = v;
                                else
                                    delete m.op;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.key = v;
                                else
                                    delete m.key;
                                continue;
                            }
                        case 3: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.cmp = v;
                                else
                                    delete m.cmp;
                                continue;
                            }
                        case 4: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.val = v;
                                else
                                    delete m.val;
                                continue;
                            }
                        case 5: {
                                if (u !== 2)
                                    break;
                                if (!(m.vals && m.vals.length))
                                    m.vals = [];
                                m.vals.push(r.stringVerify());
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                if (!(m.nodes && m.nodes.length))
                                    m.nodes = [];
                                m.nodes.push($root.centrifugal.centrifuge.protocol.FilterNode.decode(r, r.size(), $undefined, q + 1));
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for FilterNode
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.FilterNode
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                FilterNode.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.FilterNode";
                };

                return FilterNode;
            })();

            protocol.SubscribeResult = (function() {

                /**
                 * Properties of a SubscribeResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.SubscribeResult.$Properties
                 * @property {boolean|null} [expires] SubscribeResult expires
                 * @property {number|null} [ttl] SubscribeResult ttl
                 * @property {boolean|null} [recoverable] SubscribeResult recoverable
                 * @property {string|null} [epoch] SubscribeResult epoch
                 * @property {Array.<centrifugal.centrifuge.protocol.Publication.$Properties>|null} [publications] SubscribeResult publications
                 * @property {boolean|null} [recovered] SubscribeResult recovered
                 * @property {number|null} [offset] SubscribeResult offset
                 * @property {boolean|null} [positioned] SubscribeResult positioned
                 * @property {Uint8Array|null} [data] SubscribeResult data
                 * @property {boolean|null} [was_recovering] SubscribeResult was_recovering
                 * @property {boolean|null} [delta] SubscribeResult delta
                 * @property {number|null} [id] SubscribeResult id
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SubscribeResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ISubscribeResult
                 * @augments centrifugal.centrifuge.protocol.SubscribeResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.SubscribeResult.$Properties instead.
                 */

                /**
                 * Shape of a SubscribeResult.
                 * @typedef {centrifugal.centrifuge.protocol.SubscribeResult.$Properties} centrifugal.centrifuge.protocol.SubscribeResult.$Shape
                 */

                /**
                 * Constructs a new SubscribeResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a SubscribeResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.SubscribeResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var SubscribeResult = function (p) {
                    this.publications = [];
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * SubscribeResult expires.
                 * @member {boolean} expires
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.expires = false;

                /**
                 * SubscribeResult ttl.
                 * @member {number} ttl
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.ttl = 0;

                /**
                 * SubscribeResult recoverable.
                 * @member {boolean} recoverable
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.recoverable = false;

                /**
                 * SubscribeResult epoch.
                 * @member {string} epoch
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.epoch = "";

                /**
                 * SubscribeResult publications.
                 * @member {Array.<centrifugal.centrifuge.protocol.Publication.$Properties>} publications
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.publications = $util.emptyArray;

                /**
                 * SubscribeResult recovered.
                 * @member {boolean} recovered
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.recovered = false;

                /**
                 * SubscribeResult offset.
                 * @member {number} offset
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * SubscribeResult positioned.
                 * @member {boolean} positioned
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.positioned = false;

                /**
                 * SubscribeResult data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.data = $util.newBuffer([]);

                /**
                 * SubscribeResult was_recovering.
                 * @member {boolean} was_recovering
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.was_recovering = false;

                /**
                 * SubscribeResult delta.
                 * @member {boolean} delta
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.delta = false;

                /**
                 * SubscribeResult id.
                 * @member {number} id
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @instance
                 */
                SubscribeResult.prototype.id = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new SubscribeResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubscribeResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.SubscribeResult} SubscribeResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.SubscribeResult.$Shape): centrifugal.centrifuge.protocol.SubscribeResult & centrifugal.centrifuge.protocol.SubscribeResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.SubscribeResult.$Properties): centrifugal.centrifuge.protocol.SubscribeResult;
                 * }}
                 */
                SubscribeResult.create = function(properties) {
                    return new SubscribeResult(properties);
                };

                /**
                 * Encodes the specified SubscribeResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubscribeResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubscribeResult.$Properties} m SubscribeResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SubscribeResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.expires != null && $Object.hasOwnProperty.call(m, "expires") && m.expires !== false)
                        w.uint32(/* id 1, wireType 0 =*/8).bool(m.expires);
                    if (m.ttl != null && $Object.hasOwnProperty.call(m, "ttl") && m.ttl !== 0)
                        w.uint32(/* id 2, wireType 0 =*/16).uint32(m.ttl);
                    if (m.recoverable != null && $Object.hasOwnProperty.call(m, "recoverable") && m.recoverable !== false)
                        w.uint32(/* id 3, wireType 0 =*/24).bool(m.recoverable);
                    if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && m.epoch !== "")
                        w.uint32(/* id 6, wireType 2 =*/50).string(m.epoch);
                    if (m.publications != null && m.publications.length) {
                        for (var i = 0; i < m.publications.length; ++i)
                            $root.centrifugal.centrifuge.protocol.Publication.encode(m.publications[i], w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                    }
                    if (m.recovered != null && $Object.hasOwnProperty.call(m, "recovered") && m.recovered !== false)
                        w.uint32(/* id 8, wireType 0 =*/64).bool(m.recovered);
                    if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                        w.uint32(/* id 9, wireType 0 =*/72).uint64(m.offset);
                    if (m.positioned != null && $Object.hasOwnProperty.call(m, "positioned") && m.positioned !== false)
                        w.uint32(/* id 10, wireType 0 =*/80).bool(m.positioned);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 11, wireType 2 =*/90).bytes(m.data);
                    if (m.was_recovering != null && $Object.hasOwnProperty.call(m, "was_recovering") && m.was_recovering !== false)
                        w.uint32(/* id 12, wireType 0 =*/96).bool(m.was_recovering);
                    if (m.delta != null && $Object.hasOwnProperty.call(m, "delta") && m.delta !== false)
                        w.uint32(/* id 13, wireType 0 =*/104).bool(m.delta);
                    if (m.id != null && $Object.hasOwnProperty.call(m, "id") && (typeof m.id === "object" ? m.id.low || m.id.high : m.id !== 0))
                        w.uint32(/* id 14, wireType 0 =*/112).int64(m.id);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a SubscribeResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubscribeResult & centrifugal.centrifuge.protocol.SubscribeResult.$Shape} SubscribeResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SubscribeResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.SubscribeResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.expires = v;
                                else
                                    delete m.expires;
                                continue;
                            }
                        case 2: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ttl = v;
                                else
                                    delete m.ttl;
                                continue;
                            }
                        case 3: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.recoverable = v;
                                else
                                    delete m.recoverable;
                                continue;
                            }
                        case 6: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.epoch = v;
                                else
                                    delete m.epoch;
                                continue;
                            }
                        case 7: {
                                if (u !== 2)
                                    break;
                                if (!(m.publications && m.publications.length))
                                    m.publications = [];
                                m.publications.push($root.centrifugal.centrifuge.protocol.Publication.decode(r, r.size(), $undefined, q + 1));
                                continue;
                            }
                        case 8: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.recovered = v;
                                else
                                    delete m.recovered;
                                continue;
                            }
                        case 9: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                    m.offset = v;
                                else
                                    delete m.offset;
                                continue;
                            }
                        case 10: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.positioned = v;
                                else
                                    delete m.positioned;
                                continue;
                            }
                        case 11: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        case 12: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.was_recovering = v;
                                else
                                    delete m.was_recovering;
                                continue;
                            }
                        case 13: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.delta = v;
                                else
                                    delete m.delta;
                                continue;
                            }
                        case 14: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                    m.id = v;
                                else
                                    delete m.id;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for SubscribeResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.SubscribeResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                SubscribeResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.SubscribeResult";
                };

                return SubscribeResult;
            })();

            protocol.SubRefreshRequest = (function() {

                /**
                 * Properties of a SubRefreshRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties
                 * @property {string|null} [channel] SubRefreshRequest channel
                 * @property {string|null} [token] SubRefreshRequest token
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SubRefreshRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ISubRefreshRequest
                 * @augments centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties instead.
                 */

                /**
                 * Shape of a SubRefreshRequest.
                 * @typedef {centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties} centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape
                 */

                /**
                 * Constructs a new SubRefreshRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a SubRefreshRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var SubRefreshRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * SubRefreshRequest channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshRequest
                 * @instance
                 */
                SubRefreshRequest.prototype.channel = "";

                /**
                 * SubRefreshRequest token.
                 * @member {string} token
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshRequest
                 * @instance
                 */
                SubRefreshRequest.prototype.token = "";

                /**
                 * Creates a new SubRefreshRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.SubRefreshRequest} SubRefreshRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape): centrifugal.centrifuge.protocol.SubRefreshRequest & centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties): centrifugal.centrifuge.protocol.SubRefreshRequest;
                 * }}
                 */
                SubRefreshRequest.create = function(properties) {
                    return new SubRefreshRequest(properties);
                };

                /**
                 * Encodes the specified SubRefreshRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubRefreshRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties} m SubRefreshRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SubRefreshRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                    if (m.token != null && $Object.hasOwnProperty.call(m, "token") && m.token !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.token);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a SubRefreshRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubRefreshRequest & centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape} SubRefreshRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SubRefreshRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.SubRefreshRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.token = v;
                                else
                                    delete m.token;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for SubRefreshRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                SubRefreshRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.SubRefreshRequest";
                };

                return SubRefreshRequest;
            })();

            protocol.SubRefreshResult = (function() {

                /**
                 * Properties of a SubRefreshResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.SubRefreshResult.$Properties
                 * @property {boolean|null} [expires] SubRefreshResult expires
                 * @property {number|null} [ttl] SubRefreshResult ttl
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SubRefreshResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ISubRefreshResult
                 * @augments centrifugal.centrifuge.protocol.SubRefreshResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.SubRefreshResult.$Properties instead.
                 */

                /**
                 * Shape of a SubRefreshResult.
                 * @typedef {centrifugal.centrifuge.protocol.SubRefreshResult.$Properties} centrifugal.centrifuge.protocol.SubRefreshResult.$Shape
                 */

                /**
                 * Constructs a new SubRefreshResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a SubRefreshResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.SubRefreshResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var SubRefreshResult = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * SubRefreshResult expires.
                 * @member {boolean} expires
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshResult
                 * @instance
                 */
                SubRefreshResult.prototype.expires = false;

                /**
                 * SubRefreshResult ttl.
                 * @member {number} ttl
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshResult
                 * @instance
                 */
                SubRefreshResult.prototype.ttl = 0;

                /**
                 * Creates a new SubRefreshResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubRefreshResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.SubRefreshResult} SubRefreshResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.SubRefreshResult.$Shape): centrifugal.centrifuge.protocol.SubRefreshResult & centrifugal.centrifuge.protocol.SubRefreshResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.SubRefreshResult.$Properties): centrifugal.centrifuge.protocol.SubRefreshResult;
                 * }}
                 */
                SubRefreshResult.create = function(properties) {
                    return new SubRefreshResult(properties);
                };

                /**
                 * Encodes the specified SubRefreshResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubRefreshResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SubRefreshResult.$Properties} m SubRefreshResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SubRefreshResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.expires != null && $Object.hasOwnProperty.call(m, "expires") && m.expires !== false)
                        w.uint32(/* id 1, wireType 0 =*/8).bool(m.expires);
                    if (m.ttl != null && $Object.hasOwnProperty.call(m, "ttl") && m.ttl !== 0)
                        w.uint32(/* id 2, wireType 0 =*/16).uint32(m.ttl);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a SubRefreshResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubRefreshResult & centrifugal.centrifuge.protocol.SubRefreshResult.$Shape} SubRefreshResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SubRefreshResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.SubRefreshResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.expires = v;
                                else
                                    delete m.expires;
                                continue;
                            }
                        case 2: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.ttl = v;
                                else
                                    delete m.ttl;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for SubRefreshResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.SubRefreshResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                SubRefreshResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.SubRefreshResult";
                };

                return SubRefreshResult;
            })();

            protocol.UnsubscribeRequest = (function() {

                /**
                 * Properties of an UnsubscribeRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties
                 * @property {string|null} [channel] UnsubscribeRequest channel
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an UnsubscribeRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IUnsubscribeRequest
                 * @augments centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties instead.
                 */

                /**
                 * Shape of an UnsubscribeRequest.
                 * @typedef {centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties} centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape
                 */

                /**
                 * Constructs a new UnsubscribeRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents an UnsubscribeRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var UnsubscribeRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * UnsubscribeRequest channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeRequest
                 * @instance
                 */
                UnsubscribeRequest.prototype.channel = "";

                /**
                 * Creates a new UnsubscribeRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.UnsubscribeRequest} UnsubscribeRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape): centrifugal.centrifuge.protocol.UnsubscribeRequest & centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties): centrifugal.centrifuge.protocol.UnsubscribeRequest;
                 * }}
                 */
                UnsubscribeRequest.create = function(properties) {
                    return new UnsubscribeRequest(properties);
                };

                /**
                 * Encodes the specified UnsubscribeRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.UnsubscribeRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties} m UnsubscribeRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                UnsubscribeRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes an UnsubscribeRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.UnsubscribeRequest & centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape} UnsubscribeRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                UnsubscribeRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.UnsubscribeRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for UnsubscribeRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                UnsubscribeRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.UnsubscribeRequest";
                };

                return UnsubscribeRequest;
            })();

            protocol.UnsubscribeResult = (function() {

                /**
                 * Properties of an UnsubscribeResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an UnsubscribeResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IUnsubscribeResult
                 * @augments centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties instead.
                 */

                /**
                 * Shape of an UnsubscribeResult.
                 * @typedef {centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties} centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape
                 */

                /**
                 * Constructs a new UnsubscribeResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents an UnsubscribeResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var UnsubscribeResult = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Creates a new UnsubscribeResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.UnsubscribeResult} UnsubscribeResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape): centrifugal.centrifuge.protocol.UnsubscribeResult & centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties): centrifugal.centrifuge.protocol.UnsubscribeResult;
                 * }}
                 */
                UnsubscribeResult.create = function(properties) {
                    return new UnsubscribeResult(properties);
                };

                /**
                 * Encodes the specified UnsubscribeResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.UnsubscribeResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties} m UnsubscribeResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                UnsubscribeResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes an UnsubscribeResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.UnsubscribeResult & centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape} UnsubscribeResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                UnsubscribeResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.UnsubscribeResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        r.skipType(t & 7, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for UnsubscribeResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.UnsubscribeResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                UnsubscribeResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.UnsubscribeResult";
                };

                return UnsubscribeResult;
            })();

            protocol.PublishRequest = (function() {

                /**
                 * Properties of a PublishRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PublishRequest.$Properties
                 * @property {string|null} [channel] PublishRequest channel
                 * @property {Uint8Array|null} [data] PublishRequest data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PublishRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPublishRequest
                 * @augments centrifugal.centrifuge.protocol.PublishRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PublishRequest.$Properties instead.
                 */

                /**
                 * Shape of a PublishRequest.
                 * @typedef {centrifugal.centrifuge.protocol.PublishRequest.$Properties} centrifugal.centrifuge.protocol.PublishRequest.$Shape
                 */

                /**
                 * Constructs a new PublishRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PublishRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PublishRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PublishRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * PublishRequest channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.PublishRequest
                 * @instance
                 */
                PublishRequest.prototype.channel = "";

                /**
                 * PublishRequest data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.PublishRequest
                 * @instance
                 */
                PublishRequest.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new PublishRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PublishRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PublishRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PublishRequest} PublishRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PublishRequest.$Shape): centrifugal.centrifuge.protocol.PublishRequest & centrifugal.centrifuge.protocol.PublishRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PublishRequest.$Properties): centrifugal.centrifuge.protocol.PublishRequest;
                 * }}
                 */
                PublishRequest.create = function(properties) {
                    return new PublishRequest(properties);
                };

                /**
                 * Encodes the specified PublishRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PublishRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PublishRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PublishRequest.$Properties} m PublishRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PublishRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 2, wireType 2 =*/18).bytes(m.data);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PublishRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PublishRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PublishRequest & centrifugal.centrifuge.protocol.PublishRequest.$Shape} PublishRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PublishRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PublishRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PublishRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PublishRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PublishRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PublishRequest";
                };

                return PublishRequest;
            })();

            protocol.PublishResult = (function() {

                /**
                 * Properties of a PublishResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PublishResult.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PublishResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPublishResult
                 * @augments centrifugal.centrifuge.protocol.PublishResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PublishResult.$Properties instead.
                 */

                /**
                 * Shape of a PublishResult.
                 * @typedef {centrifugal.centrifuge.protocol.PublishResult.$Properties} centrifugal.centrifuge.protocol.PublishResult.$Shape
                 */

                /**
                 * Constructs a new PublishResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PublishResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PublishResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PublishResult = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Creates a new PublishResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PublishResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PublishResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PublishResult} PublishResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PublishResult.$Shape): centrifugal.centrifuge.protocol.PublishResult & centrifugal.centrifuge.protocol.PublishResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PublishResult.$Properties): centrifugal.centrifuge.protocol.PublishResult;
                 * }}
                 */
                PublishResult.create = function(properties) {
                    return new PublishResult(properties);
                };

                /**
                 * Encodes the specified PublishResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PublishResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PublishResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PublishResult.$Properties} m PublishResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PublishResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PublishResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PublishResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PublishResult & centrifugal.centrifuge.protocol.PublishResult.$Shape} PublishResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PublishResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PublishResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        r.skipType(t & 7, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PublishResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PublishResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PublishResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PublishResult";
                };

                return PublishResult;
            })();

            protocol.PresenceRequest = (function() {

                /**
                 * Properties of a PresenceRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PresenceRequest.$Properties
                 * @property {string|null} [channel] PresenceRequest channel
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PresenceRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPresenceRequest
                 * @augments centrifugal.centrifuge.protocol.PresenceRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PresenceRequest.$Properties instead.
                 */

                /**
                 * Shape of a PresenceRequest.
                 * @typedef {centrifugal.centrifuge.protocol.PresenceRequest.$Properties} centrifugal.centrifuge.protocol.PresenceRequest.$Shape
                 */

                /**
                 * Constructs a new PresenceRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PresenceRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PresenceRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PresenceRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * PresenceRequest channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.PresenceRequest
                 * @instance
                 */
                PresenceRequest.prototype.channel = "";

                /**
                 * Creates a new PresenceRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PresenceRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PresenceRequest} PresenceRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PresenceRequest.$Shape): centrifugal.centrifuge.protocol.PresenceRequest & centrifugal.centrifuge.protocol.PresenceRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PresenceRequest.$Properties): centrifugal.centrifuge.protocol.PresenceRequest;
                 * }}
                 */
                PresenceRequest.create = function(properties) {
                    return new PresenceRequest(properties);
                };

                /**
                 * Encodes the specified PresenceRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PresenceRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceRequest.$Properties} m PresenceRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PresenceRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PresenceRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PresenceRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceRequest & centrifugal.centrifuge.protocol.PresenceRequest.$Shape} PresenceRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PresenceRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PresenceRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PresenceRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PresenceRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PresenceRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PresenceRequest";
                };

                return PresenceRequest;
            })();

            protocol.PresenceResult = (function() {

                /**
                 * Properties of a PresenceResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PresenceResult.$Properties
                 * @property {Object.<string,centrifugal.centrifuge.protocol.ClientInfo.$Properties>|null} [presence] PresenceResult presence
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PresenceResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPresenceResult
                 * @augments centrifugal.centrifuge.protocol.PresenceResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PresenceResult.$Properties instead.
                 */

                /**
                 * Shape of a PresenceResult.
                 * @typedef {centrifugal.centrifuge.protocol.PresenceResult.$Properties} centrifugal.centrifuge.protocol.PresenceResult.$Shape
                 */

                /**
                 * Constructs a new PresenceResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PresenceResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PresenceResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PresenceResult = function (p) {
                    this.presence = {};
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * PresenceResult presence.
                 * @member {Object.<string,centrifugal.centrifuge.protocol.ClientInfo.$Properties>} presence
                 * @memberof centrifugal.centrifuge.protocol.PresenceResult
                 * @instance
                 */
                PresenceResult.prototype.presence = $util.emptyObject;

                /**
                 * Creates a new PresenceResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PresenceResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PresenceResult} PresenceResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PresenceResult.$Shape): centrifugal.centrifuge.protocol.PresenceResult & centrifugal.centrifuge.protocol.PresenceResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PresenceResult.$Properties): centrifugal.centrifuge.protocol.PresenceResult;
                 * }}
                 */
                PresenceResult.create = function(properties) {
                    return new PresenceResult(properties);
                };

                /**
                 * Encodes the specified PresenceResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PresenceResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceResult.$Properties} m PresenceResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PresenceResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.presence != null && $Object.hasOwnProperty.call(m, "presence")) {
                        for (var ks = $Object.keys(m.presence), i = 0; i < ks.length; ++i) {
                            w.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                            $root.centrifugal.centrifuge.protocol.ClientInfo.encode(m.presence[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                        }
                    }
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PresenceResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PresenceResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceResult & centrifugal.centrifuge.protocol.PresenceResult.$Shape} PresenceResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PresenceResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, k, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PresenceResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if (m.presence === $util.emptyObject)
                                    m.presence = {};
                                var c2 = r.size() + r.pos;
                                if (c2 > r.len)
                                    throw $RangeError("index out of range");
                                r.len = c2;
                                k = "";
                                v = null;
                                while (r.pos < c2) {
                                    var t2 = r.tag();
                                    u = t2 & 7;
                                    switch (t2 >>>= 3) {
                                    case 1:
                                        if (u !== 2)
                                            break;
                                        k = r.stringVerify();
                                        continue;
                                    case 2:
                                        if (u !== 2)
                                            break;
                                        v = $root.centrifugal.centrifuge.protocol.ClientInfo.decode(r, r.size(), $undefined, q + 1, v);
                                        continue;
                                    }
                                    r.skipType(u, q, t2);
                                }
                                if (r.pos !== c2)
                                    throw $RangeError("index out of range");
                                r.len = c;
                                if (k === "__proto__")
                                    $util.makeProp(m.presence, k);
                                m.presence[k] = v || new $root.centrifugal.centrifuge.protocol.ClientInfo();
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PresenceResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PresenceResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PresenceResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PresenceResult";
                };

                return PresenceResult;
            })();

            protocol.PresenceStatsRequest = (function() {

                /**
                 * Properties of a PresenceStatsRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties
                 * @property {string|null} [channel] PresenceStatsRequest channel
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PresenceStatsRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPresenceStatsRequest
                 * @augments centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties instead.
                 */

                /**
                 * Shape of a PresenceStatsRequest.
                 * @typedef {centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties} centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape
                 */

                /**
                 * Constructs a new PresenceStatsRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PresenceStatsRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PresenceStatsRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * PresenceStatsRequest channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsRequest
                 * @instance
                 */
                PresenceStatsRequest.prototype.channel = "";

                /**
                 * Creates a new PresenceStatsRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PresenceStatsRequest} PresenceStatsRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape): centrifugal.centrifuge.protocol.PresenceStatsRequest & centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties): centrifugal.centrifuge.protocol.PresenceStatsRequest;
                 * }}
                 */
                PresenceStatsRequest.create = function(properties) {
                    return new PresenceStatsRequest(properties);
                };

                /**
                 * Encodes the specified PresenceStatsRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceStatsRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties} m PresenceStatsRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PresenceStatsRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PresenceStatsRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceStatsRequest & centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape} PresenceStatsRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PresenceStatsRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PresenceStatsRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PresenceStatsRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PresenceStatsRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PresenceStatsRequest";
                };

                return PresenceStatsRequest;
            })();

            protocol.PresenceStatsResult = (function() {

                /**
                 * Properties of a PresenceStatsResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties
                 * @property {number|null} [num_clients] PresenceStatsResult num_clients
                 * @property {number|null} [num_users] PresenceStatsResult num_users
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PresenceStatsResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPresenceStatsResult
                 * @augments centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties instead.
                 */

                /**
                 * Shape of a PresenceStatsResult.
                 * @typedef {centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties} centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape
                 */

                /**
                 * Constructs a new PresenceStatsResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PresenceStatsResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PresenceStatsResult = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * PresenceStatsResult num_clients.
                 * @member {number} num_clients
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsResult
                 * @instance
                 */
                PresenceStatsResult.prototype.num_clients = 0;

                /**
                 * PresenceStatsResult num_users.
                 * @member {number} num_users
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsResult
                 * @instance
                 */
                PresenceStatsResult.prototype.num_users = 0;

                /**
                 * Creates a new PresenceStatsResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PresenceStatsResult} PresenceStatsResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape): centrifugal.centrifuge.protocol.PresenceStatsResult & centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties): centrifugal.centrifuge.protocol.PresenceStatsResult;
                 * }}
                 */
                PresenceStatsResult.create = function(properties) {
                    return new PresenceStatsResult(properties);
                };

                /**
                 * Encodes the specified PresenceStatsResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceStatsResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties} m PresenceStatsResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PresenceStatsResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.num_clients != null && $Object.hasOwnProperty.call(m, "num_clients") && m.num_clients !== 0)
                        w.uint32(/* id 1, wireType 0 =*/8).uint32(m.num_clients);
                    if (m.num_users != null && $Object.hasOwnProperty.call(m, "num_users") && m.num_users !== 0)
                        w.uint32(/* id 2, wireType 0 =*/16).uint32(m.num_users);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PresenceStatsResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceStatsResult & centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape} PresenceStatsResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PresenceStatsResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PresenceStatsResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.num_clients = v;
                                else
                                    delete m.num_clients;
                                continue;
                            }
                        case 2: {
                                if (u !== 0)
                                    break;
                                if (v = r.uint32())
                                    m.num_users = v;
                                else
                                    delete m.num_users;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PresenceStatsResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PresenceStatsResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PresenceStatsResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PresenceStatsResult";
                };

                return PresenceStatsResult;
            })();

            protocol.StreamPosition = (function() {

                /**
                 * Properties of a StreamPosition.
                 * @typedef {Object} centrifugal.centrifuge.protocol.StreamPosition.$Properties
                 * @property {number|null} [offset] StreamPosition offset
                 * @property {string|null} [epoch] StreamPosition epoch
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StreamPosition.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IStreamPosition
                 * @augments centrifugal.centrifuge.protocol.StreamPosition.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.StreamPosition.$Properties instead.
                 */

                /**
                 * Shape of a StreamPosition.
                 * @typedef {centrifugal.centrifuge.protocol.StreamPosition.$Properties} centrifugal.centrifuge.protocol.StreamPosition.$Shape
                 */

                /**
                 * Constructs a new StreamPosition.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a StreamPosition.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.StreamPosition.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var StreamPosition = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * StreamPosition offset.
                 * @member {number} offset
                 * @memberof centrifugal.centrifuge.protocol.StreamPosition
                 * @instance
                 */
                StreamPosition.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * StreamPosition epoch.
                 * @member {string} epoch
                 * @memberof centrifugal.centrifuge.protocol.StreamPosition
                 * @instance
                 */
                StreamPosition.prototype.epoch = "";

                /**
                 * Creates a new StreamPosition instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.StreamPosition
                 * @static
                 * @param {centrifugal.centrifuge.protocol.StreamPosition.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.StreamPosition} StreamPosition instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.StreamPosition.$Shape): centrifugal.centrifuge.protocol.StreamPosition & centrifugal.centrifuge.protocol.StreamPosition.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.StreamPosition.$Properties): centrifugal.centrifuge.protocol.StreamPosition;
                 * }}
                 */
                StreamPosition.create = function(properties) {
                    return new StreamPosition(properties);
                };

                /**
                 * Encodes the specified StreamPosition message. Does not implicitly {@link centrifugal.centrifuge.protocol.StreamPosition.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.StreamPosition
                 * @static
                 * @param {centrifugal.centrifuge.protocol.StreamPosition.$Properties} m StreamPosition message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StreamPosition.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                        w.uint32(/* id 1, wireType 0 =*/8).uint64(m.offset);
                    if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && m.epoch !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.epoch);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a StreamPosition message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.StreamPosition
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.StreamPosition & centrifugal.centrifuge.protocol.StreamPosition.$Shape} StreamPosition
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StreamPosition.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.StreamPosition();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                    m.offset = v;
                                else
                                    delete m.offset;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.epoch = v;
                                else
                                    delete m.epoch;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for StreamPosition
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.StreamPosition
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StreamPosition.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.StreamPosition";
                };

                return StreamPosition;
            })();

            protocol.HistoryRequest = (function() {

                /**
                 * Properties of a HistoryRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.HistoryRequest.$Properties
                 * @property {string|null} [channel] HistoryRequest channel
                 * @property {number|null} [limit] HistoryRequest limit
                 * @property {centrifugal.centrifuge.protocol.StreamPosition.$Properties|null} [since] HistoryRequest since
                 * @property {boolean|null} [reverse] HistoryRequest reverse
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HistoryRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IHistoryRequest
                 * @augments centrifugal.centrifuge.protocol.HistoryRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.HistoryRequest.$Properties instead.
                 */

                /**
                 * Shape of a HistoryRequest.
                 * @typedef {centrifugal.centrifuge.protocol.HistoryRequest.$Properties} centrifugal.centrifuge.protocol.HistoryRequest.$Shape
                 */

                /**
                 * Constructs a new HistoryRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a HistoryRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.HistoryRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var HistoryRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * HistoryRequest channel.
                 * @member {string} channel
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @instance
                 */
                HistoryRequest.prototype.channel = "";

                /**
                 * HistoryRequest limit.
                 * @member {number} limit
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @instance
                 */
                HistoryRequest.prototype.limit = 0;

                /**
                 * HistoryRequest since.
                 * @member {centrifugal.centrifuge.protocol.StreamPosition.$Properties|null|undefined} since
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @instance
                 */
                HistoryRequest.prototype.since = null;

                /**
                 * HistoryRequest reverse.
                 * @member {boolean} reverse
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @instance
                 */
                HistoryRequest.prototype.reverse = false;

                /**
                 * Creates a new HistoryRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.HistoryRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.HistoryRequest} HistoryRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.HistoryRequest.$Shape): centrifugal.centrifuge.protocol.HistoryRequest & centrifugal.centrifuge.protocol.HistoryRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.HistoryRequest.$Properties): centrifugal.centrifuge.protocol.HistoryRequest;
                 * }}
                 */
                HistoryRequest.create = function(properties) {
                    return new HistoryRequest(properties);
                };

                /**
                 * Encodes the specified HistoryRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.HistoryRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.HistoryRequest.$Properties} m HistoryRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HistoryRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                    if (m.limit != null && $Object.hasOwnProperty.call(m, "limit") && m.limit !== 0)
                        w.uint32(/* id 7, wireType 0 =*/56).int32(m.limit);
                    if (m.since != null && $Object.hasOwnProperty.call(m, "since"))
                        $root.centrifugal.centrifuge.protocol.StreamPosition.encode(m.since, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                    if (m.reverse != null && $Object.hasOwnProperty.call(m, "reverse") && m.reverse !== false)
                        w.uint32(/* id 9, wireType 0 =*/72).bool(m.reverse);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a HistoryRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.HistoryRequest & centrifugal.centrifuge.protocol.HistoryRequest.$Shape} HistoryRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HistoryRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.HistoryRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.channel = v;
                                else
                                    delete m.channel;
                                continue;
                            }
                        case 7: {
                                if (u !== 0)
                                    break;
                                if (v = r.int32())
                                    m.limit = v;
                                else
                                    delete m.limit;
                                continue;
                            }
                        case 8: {
                                if (u !== 2)
                                    break;
                                m.since = $root.centrifugal.centrifuge.protocol.StreamPosition.decode(r, r.size(), $undefined, q + 1, m.since);
                                continue;
                            }
                        case 9: {
                                if (u !== 0)
                                    break;
                                if (v = r.bool())
                                    m.reverse = v;
                                else
                                    delete m.reverse;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for HistoryRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.HistoryRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                HistoryRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.HistoryRequest";
                };

                return HistoryRequest;
            })();

            protocol.HistoryResult = (function() {

                /**
                 * Properties of a HistoryResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.HistoryResult.$Properties
                 * @property {Array.<centrifugal.centrifuge.protocol.Publication.$Properties>|null} [publications] HistoryResult publications
                 * @property {string|null} [epoch] HistoryResult epoch
                 * @property {number|null} [offset] HistoryResult offset
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HistoryResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IHistoryResult
                 * @augments centrifugal.centrifuge.protocol.HistoryResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.HistoryResult.$Properties instead.
                 */

                /**
                 * Shape of a HistoryResult.
                 * @typedef {centrifugal.centrifuge.protocol.HistoryResult.$Properties} centrifugal.centrifuge.protocol.HistoryResult.$Shape
                 */

                /**
                 * Constructs a new HistoryResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a HistoryResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.HistoryResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var HistoryResult = function (p) {
                    this.publications = [];
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * HistoryResult publications.
                 * @member {Array.<centrifugal.centrifuge.protocol.Publication.$Properties>} publications
                 * @memberof centrifugal.centrifuge.protocol.HistoryResult
                 * @instance
                 */
                HistoryResult.prototype.publications = $util.emptyArray;

                /**
                 * HistoryResult epoch.
                 * @member {string} epoch
                 * @memberof centrifugal.centrifuge.protocol.HistoryResult
                 * @instance
                 */
                HistoryResult.prototype.epoch = "";

                /**
                 * HistoryResult offset.
                 * @member {number} offset
                 * @memberof centrifugal.centrifuge.protocol.HistoryResult
                 * @instance
                 */
                HistoryResult.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new HistoryResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.HistoryResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.HistoryResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.HistoryResult} HistoryResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.HistoryResult.$Shape): centrifugal.centrifuge.protocol.HistoryResult & centrifugal.centrifuge.protocol.HistoryResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.HistoryResult.$Properties): centrifugal.centrifuge.protocol.HistoryResult;
                 * }}
                 */
                HistoryResult.create = function(properties) {
                    return new HistoryResult(properties);
                };

                /**
                 * Encodes the specified HistoryResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.HistoryResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.HistoryResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.HistoryResult.$Properties} m HistoryResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HistoryResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.publications != null && m.publications.length) {
                        for (var i = 0; i < m.publications.length; ++i)
                            $root.centrifugal.centrifuge.protocol.Publication.encode(m.publications[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    }
                    if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && m.epoch !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.epoch);
                    if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                        w.uint32(/* id 3, wireType 0 =*/24).uint64(m.offset);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a HistoryResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.HistoryResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.HistoryResult & centrifugal.centrifuge.protocol.HistoryResult.$Shape} HistoryResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HistoryResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.HistoryResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if (!(m.publications && m.publications.length))
                                    m.publications = [];
                                m.publications.push($root.centrifugal.centrifuge.protocol.Publication.decode(r, r.size(), $undefined, q + 1));
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.epoch = v;
                                else
                                    delete m.epoch;
                                continue;
                            }
                        case 3: {
                                if (u !== 0)
                                    break;
                                if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                    m.offset = v;
                                else
                                    delete m.offset;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for HistoryResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.HistoryResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                HistoryResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.HistoryResult";
                };

                return HistoryResult;
            })();

            protocol.PingRequest = (function() {

                /**
                 * Properties of a PingRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PingRequest.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PingRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPingRequest
                 * @augments centrifugal.centrifuge.protocol.PingRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PingRequest.$Properties instead.
                 */

                /**
                 * Shape of a PingRequest.
                 * @typedef {centrifugal.centrifuge.protocol.PingRequest.$Properties} centrifugal.centrifuge.protocol.PingRequest.$Shape
                 */

                /**
                 * Constructs a new PingRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PingRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PingRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PingRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Creates a new PingRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PingRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PingRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PingRequest} PingRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PingRequest.$Shape): centrifugal.centrifuge.protocol.PingRequest & centrifugal.centrifuge.protocol.PingRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PingRequest.$Properties): centrifugal.centrifuge.protocol.PingRequest;
                 * }}
                 */
                PingRequest.create = function(properties) {
                    return new PingRequest(properties);
                };

                /**
                 * Encodes the specified PingRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PingRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PingRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PingRequest.$Properties} m PingRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PingRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PingRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PingRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PingRequest & centrifugal.centrifuge.protocol.PingRequest.$Shape} PingRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PingRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PingRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        r.skipType(t & 7, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PingRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PingRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PingRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PingRequest";
                };

                return PingRequest;
            })();

            protocol.PingResult = (function() {

                /**
                 * Properties of a PingResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.PingResult.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PingResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IPingResult
                 * @augments centrifugal.centrifuge.protocol.PingResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.PingResult.$Properties instead.
                 */

                /**
                 * Shape of a PingResult.
                 * @typedef {centrifugal.centrifuge.protocol.PingResult.$Properties} centrifugal.centrifuge.protocol.PingResult.$Shape
                 */

                /**
                 * Constructs a new PingResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a PingResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.PingResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var PingResult = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * Creates a new PingResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.PingResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PingResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.PingResult} PingResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.PingResult.$Shape): centrifugal.centrifuge.protocol.PingResult & centrifugal.centrifuge.protocol.PingResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.PingResult.$Properties): centrifugal.centrifuge.protocol.PingResult;
                 * }}
                 */
                PingResult.create = function(properties) {
                    return new PingResult(properties);
                };

                /**
                 * Encodes the specified PingResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PingResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.PingResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.PingResult.$Properties} m PingResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PingResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a PingResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.PingResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PingResult & centrifugal.centrifuge.protocol.PingResult.$Shape} PingResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PingResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.PingResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        r.skipType(t & 7, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for PingResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.PingResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PingResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.PingResult";
                };

                return PingResult;
            })();

            protocol.RPCRequest = (function() {

                /**
                 * Properties of a RPCRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.RPCRequest.$Properties
                 * @property {Uint8Array|null} [data] RPCRequest data
                 * @property {string|null} [method] RPCRequest method
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RPCRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IRPCRequest
                 * @augments centrifugal.centrifuge.protocol.RPCRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.RPCRequest.$Properties instead.
                 */

                /**
                 * Shape of a RPCRequest.
                 * @typedef {centrifugal.centrifuge.protocol.RPCRequest.$Properties} centrifugal.centrifuge.protocol.RPCRequest.$Shape
                 */

                /**
                 * Constructs a new RPCRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a RPCRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.RPCRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var RPCRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * RPCRequest data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.RPCRequest
                 * @instance
                 */
                RPCRequest.prototype.data = $util.newBuffer([]);

                /**
                 * RPCRequest method.
                 * @member {string} method
                 * @memberof centrifugal.centrifuge.protocol.RPCRequest
                 * @instance
                 */
                RPCRequest.prototype.method = "";

                /**
                 * Creates a new RPCRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.RPCRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RPCRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.RPCRequest} RPCRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.RPCRequest.$Shape): centrifugal.centrifuge.protocol.RPCRequest & centrifugal.centrifuge.protocol.RPCRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.RPCRequest.$Properties): centrifugal.centrifuge.protocol.RPCRequest;
                 * }}
                 */
                RPCRequest.create = function(properties) {
                    return new RPCRequest(properties);
                };

                /**
                 * Encodes the specified RPCRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.RPCRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.RPCRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RPCRequest.$Properties} m RPCRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RPCRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 1, wireType 2 =*/10).bytes(m.data);
                    if (m.method != null && $Object.hasOwnProperty.call(m, "method") && m.method !== "")
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.method);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a RPCRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.RPCRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RPCRequest & centrifugal.centrifuge.protocol.RPCRequest.$Shape} RPCRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RPCRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.RPCRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        case 2: {
                                if (u !== 2)
                                    break;
                                if ((v = r.stringVerify()).length)
                                    m.method = v;
                                else
                                    delete m.method;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for RPCRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.RPCRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                RPCRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.RPCRequest";
                };

                return RPCRequest;
            })();

            protocol.RPCResult = (function() {

                /**
                 * Properties of a RPCResult.
                 * @typedef {Object} centrifugal.centrifuge.protocol.RPCResult.$Properties
                 * @property {Uint8Array|null} [data] RPCResult data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RPCResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface IRPCResult
                 * @augments centrifugal.centrifuge.protocol.RPCResult.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.RPCResult.$Properties instead.
                 */

                /**
                 * Shape of a RPCResult.
                 * @typedef {centrifugal.centrifuge.protocol.RPCResult.$Properties} centrifugal.centrifuge.protocol.RPCResult.$Shape
                 */

                /**
                 * Constructs a new RPCResult.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a RPCResult.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.RPCResult.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var RPCResult = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * RPCResult data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.RPCResult
                 * @instance
                 */
                RPCResult.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new RPCResult instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.RPCResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RPCResult.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.RPCResult} RPCResult instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.RPCResult.$Shape): centrifugal.centrifuge.protocol.RPCResult & centrifugal.centrifuge.protocol.RPCResult.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.RPCResult.$Properties): centrifugal.centrifuge.protocol.RPCResult;
                 * }}
                 */
                RPCResult.create = function(properties) {
                    return new RPCResult(properties);
                };

                /**
                 * Encodes the specified RPCResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.RPCResult.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.RPCResult
                 * @static
                 * @param {centrifugal.centrifuge.protocol.RPCResult.$Properties} m RPCResult message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RPCResult.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 1, wireType 2 =*/10).bytes(m.data);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a RPCResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.RPCResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RPCResult & centrifugal.centrifuge.protocol.RPCResult.$Shape} RPCResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RPCResult.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.RPCResult();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for RPCResult
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.RPCResult
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                RPCResult.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.RPCResult";
                };

                return RPCResult;
            })();

            protocol.SendRequest = (function() {

                /**
                 * Properties of a SendRequest.
                 * @typedef {Object} centrifugal.centrifuge.protocol.SendRequest.$Properties
                 * @property {Uint8Array|null} [data] SendRequest data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SendRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @interface ISendRequest
                 * @augments centrifugal.centrifuge.protocol.SendRequest.$Properties
                 * @deprecated Use centrifugal.centrifuge.protocol.SendRequest.$Properties instead.
                 */

                /**
                 * Shape of a SendRequest.
                 * @typedef {centrifugal.centrifuge.protocol.SendRequest.$Properties} centrifugal.centrifuge.protocol.SendRequest.$Shape
                 */

                /**
                 * Constructs a new SendRequest.
                 * @memberof centrifugal.centrifuge.protocol
                 * @classdesc Represents a SendRequest.
                 * @constructor
                 * @param {centrifugal.centrifuge.protocol.SendRequest.$Properties=} [p] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var SendRequest = function (p) {
                    if (p)
                        for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                            if (p[ks[i]] != null && ks[i] !== "__proto__")
                                this[ks[i]] = p[ks[i]];
                };

                /**
                 * SendRequest data.
                 * @member {Uint8Array} data
                 * @memberof centrifugal.centrifuge.protocol.SendRequest
                 * @instance
                 */
                SendRequest.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new SendRequest instance using the specified properties.
                 * @function create
                 * @memberof centrifugal.centrifuge.protocol.SendRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SendRequest.$Properties=} [properties] Properties to set
                 * @returns {centrifugal.centrifuge.protocol.SendRequest} SendRequest instance
                 * @type {{
                 *   (properties: centrifugal.centrifuge.protocol.SendRequest.$Shape): centrifugal.centrifuge.protocol.SendRequest & centrifugal.centrifuge.protocol.SendRequest.$Shape;
                 *   (properties?: centrifugal.centrifuge.protocol.SendRequest.$Properties): centrifugal.centrifuge.protocol.SendRequest;
                 * }}
                 */
                SendRequest.create = function(properties) {
                    return new SendRequest(properties);
                };

                /**
                 * Encodes the specified SendRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.SendRequest.verify|verify} messages.
                 * @function encode
                 * @memberof centrifugal.centrifuge.protocol.SendRequest
                 * @static
                 * @param {centrifugal.centrifuge.protocol.SendRequest.$Properties} m SendRequest message or plain object to encode
                 * @param {$protobuf.Writer} [w] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SendRequest.encode = function (m, w, q) {
                    if (!w)
                        w = $Writer.create();
                    if (q === $undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                        w.uint32(/* id 1, wireType 2 =*/10).bytes(m.data);
                    if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                        for (var i = 0; i < m.$unknowns.length; ++i)
                            w.raw(m.$unknowns[i]);
                    return w;
                };

                /**
                 * Decodes a SendRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof centrifugal.centrifuge.protocol.SendRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
                 * @param {number} [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SendRequest & centrifugal.centrifuge.protocol.SendRequest.$Shape} SendRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SendRequest.decode = function (r, l, z, q, g) {
                    if (!(r instanceof $Reader))
                        r = $Reader.create(r);
                    if (q === $undefined)
                        q = 0;
                    if (q > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var c, m, v;
                    if (l === $undefined)
                        c = r.len;
                    else {
                        c = r.pos + l;
                        if (c > r.len)
                            throw $RangeError("index out of range");
                        l = r.len;
                        r.len = c;
                    }
                    m = g || new $root.centrifugal.centrifuge.protocol.SendRequest();
                    while (r.pos < c) {
                        var s = r.pos;
                        var t = r.tag();
                        if (t === z) {
                            z = $undefined;
                            break;
                        }
                        var u = t & 7;
                        switch (t >>>= 3) {
                        case 1: {
                                if (u !== 2)
                                    break;
                                if ((v = r.bytes()).length)
                                    m.data = v;
                                else
                                    delete m.data;
                                continue;
                            }
                        }
                        r.skipType(u, q, t);
                        if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                    }
                    if (l !== $undefined) {
                        if (r.pos !== c)
                            throw $RangeError("index out of range");
                        r.len = l;
                    }
                    if (z !== $undefined)
                        throw $Error("missing end group");
                    return m;
                };

                /**
                 * Gets the type url for SendRequest
                 * @function getTypeUrl
                 * @memberof centrifugal.centrifuge.protocol.SendRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                SendRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/centrifugal.centrifuge.protocol.SendRequest";
                };

                return SendRequest;
            })();

            return protocol;
        })();

        return centrifuge;
    })();

    return centrifugal;
})();

module.exports = $root;
