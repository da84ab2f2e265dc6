import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace centrifugal. */
export namespace centrifugal {

    /** Namespace centrifuge. */
    namespace centrifuge {

        /** Namespace protocol. */
        namespace protocol {

            /**
             * Properties of an Error.
             * @deprecated Use centrifugal.centrifuge.protocol.Error.$Properties instead.
             */
            interface IError extends centrifugal.centrifuge.protocol.Error.$Properties {
            }

            /** Represents an Error. */
            class Error {

                /**
                 * Constructs a new Error.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Error.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Error code. */
                code: number;

                /** Error message. */
                message: string;

                /** Error temporary. */
                temporary: boolean;

                /**
                 * Creates a new Error instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Error instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Error.$Shape): centrifugal.centrifuge.protocol.Error & centrifugal.centrifuge.protocol.Error.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Error.$Properties): centrifugal.centrifuge.protocol.Error;

                /**
                 * Encodes the specified Error message. Does not implicitly {@link centrifugal.centrifuge.protocol.Error.verify|verify} messages.
                 * @param m Error message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Error.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Error message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Error & centrifugal.centrifuge.protocol.Error.$Shape} Error
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Error & centrifugal.centrifuge.protocol.Error.$Shape;

                /**
                 * Gets the type url for Error
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Error {

                /** Properties of an Error. */
                interface $Properties {

                    /** Error code */
                    code?: (number|null);

                    /** Error message */
                    message?: (string|null);

                    /** Error temporary */
                    temporary?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Error. */
                type $Shape = centrifugal.centrifuge.protocol.Error.$Properties;
            }

            /**
             * Properties of an EmulationRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.EmulationRequest.$Properties instead.
             */
            interface IEmulationRequest extends centrifugal.centrifuge.protocol.EmulationRequest.$Properties {
            }

            /** Represents an EmulationRequest. */
            class EmulationRequest {

                /**
                 * Constructs a new EmulationRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.EmulationRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** EmulationRequest node. */
                node: string;

                /** EmulationRequest session. */
                session: string;

                /** EmulationRequest data. */
                data: Uint8Array;

                /**
                 * Creates a new EmulationRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns EmulationRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.EmulationRequest.$Shape): centrifugal.centrifuge.protocol.EmulationRequest & centrifugal.centrifuge.protocol.EmulationRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.EmulationRequest.$Properties): centrifugal.centrifuge.protocol.EmulationRequest;

                /**
                 * Encodes the specified EmulationRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.EmulationRequest.verify|verify} messages.
                 * @param m EmulationRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.EmulationRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an EmulationRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.EmulationRequest & centrifugal.centrifuge.protocol.EmulationRequest.$Shape} EmulationRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.EmulationRequest & centrifugal.centrifuge.protocol.EmulationRequest.$Shape;

                /**
                 * Gets the type url for EmulationRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace EmulationRequest {

                /** Properties of an EmulationRequest. */
                interface $Properties {

                    /** EmulationRequest node */
                    node?: (string|null);

                    /** EmulationRequest session */
                    session?: (string|null);

                    /** EmulationRequest data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an EmulationRequest. */
                type $Shape = centrifugal.centrifuge.protocol.EmulationRequest.$Properties;
            }

            /**
             * Properties of a Command.
             * @deprecated Use centrifugal.centrifuge.protocol.Command.$Properties instead.
             */
            interface ICommand extends centrifugal.centrifuge.protocol.Command.$Properties {
            }

            /** Represents a Command. */
            class Command {

                /**
                 * Constructs a new Command.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Command.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Command id. */
                id: number;

                /** Command connect. */
                connect?: (centrifugal.centrifuge.protocol.ConnectRequest.$Properties|null);

                /** Command subscribe. */
                subscribe?: (centrifugal.centrifuge.protocol.SubscribeRequest.$Properties|null);

                /** Command unsubscribe. */
                unsubscribe?: (centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties|null);

                /** Command publish. */
                publish?: (centrifugal.centrifuge.protocol.PublishRequest.$Properties|null);

                /** Command presence. */
                presence?: (centrifugal.centrifuge.protocol.PresenceRequest.$Properties|null);

                /** Command presence_stats. */
                presence_stats?: (centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties|null);

                /** Command history. */
                history?: (centrifugal.centrifuge.protocol.HistoryRequest.$Properties|null);

                /** Command ping. */
                ping?: (centrifugal.centrifuge.protocol.PingRequest.$Properties|null);

                /** Command send. */
                send?: (centrifugal.centrifuge.protocol.SendRequest.$Properties|null);

                /** Command rpc. */
                rpc?: (centrifugal.centrifuge.protocol.RPCRequest.$Properties|null);

                /** Command refresh. */
                refresh?: (centrifugal.centrifuge.protocol.RefreshRequest.$Properties|null);

                /** Command sub_refresh. */
                sub_refresh?: (centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties|null);

                /**
                 * Creates a new Command instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Command instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Command.$Shape): centrifugal.centrifuge.protocol.Command & centrifugal.centrifuge.protocol.Command.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Command.$Properties): centrifugal.centrifuge.protocol.Command;

                /**
                 * Encodes the specified Command message. Does not implicitly {@link centrifugal.centrifuge.protocol.Command.verify|verify} messages.
                 * @param m Command message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Command.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Command message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Command & centrifugal.centrifuge.protocol.Command.$Shape} Command
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Command & centrifugal.centrifuge.protocol.Command.$Shape;

                /**
                 * Gets the type url for Command
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Command {

                /** Properties of a Command. */
                interface $Properties {

                    /** Command id */
                    id?: (number|null);

                    /** Command connect */
                    connect?: (centrifugal.centrifuge.protocol.ConnectRequest.$Properties|null);

                    /** Command subscribe */
                    subscribe?: (centrifugal.centrifuge.protocol.SubscribeRequest.$Properties|null);

                    /** Command unsubscribe */
                    unsubscribe?: (centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties|null);

                    /** Command publish */
                    publish?: (centrifugal.centrifuge.protocol.PublishRequest.$Properties|null);

                    /** Command presence */
                    presence?: (centrifugal.centrifuge.protocol.PresenceRequest.$Properties|null);

                    /** Command presence_stats */
                    presence_stats?: (centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties|null);

                    /** Command history */
                    history?: (centrifugal.centrifuge.protocol.HistoryRequest.$Properties|null);

                    /** Command ping */
                    ping?: (centrifugal.centrifuge.protocol.PingRequest.$Properties|null);

                    /** Command send */
                    send?: (centrifugal.centrifuge.protocol.SendRequest.$Properties|null);

                    /** Command rpc */
                    rpc?: (centrifugal.centrifuge.protocol.RPCRequest.$Properties|null);

                    /** Command refresh */
                    refresh?: (centrifugal.centrifuge.protocol.RefreshRequest.$Properties|null);

                    /** Command sub_refresh */
                    sub_refresh?: (centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Command. */
                type $Shape = centrifugal.centrifuge.protocol.Command.$Properties;
            }

            /**
             * Properties of a Reply.
             * @deprecated Use centrifugal.centrifuge.protocol.Reply.$Properties instead.
             */
            interface IReply extends centrifugal.centrifuge.protocol.Reply.$Properties {
            }

            /** Represents a Reply. */
            class Reply {

                /**
                 * Constructs a new Reply.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Reply.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Reply id. */
                id: number;

                /** Reply error. */
                error?: (centrifugal.centrifuge.protocol.Error.$Properties|null);

                /** Reply push. */
                push?: (centrifugal.centrifuge.protocol.Push.$Properties|null);

                /** Reply connect. */
                connect?: (centrifugal.centrifuge.protocol.ConnectResult.$Properties|null);

                /** Reply subscribe. */
                subscribe?: (centrifugal.centrifuge.protocol.SubscribeResult.$Properties|null);

                /** Reply unsubscribe. */
                unsubscribe?: (centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties|null);

                /** Reply publish. */
                publish?: (centrifugal.centrifuge.protocol.PublishResult.$Properties|null);

                /** Reply presence. */
                presence?: (centrifugal.centrifuge.protocol.PresenceResult.$Properties|null);

                /** Reply presence_stats. */
                presence_stats?: (centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties|null);

                /** Reply history. */
                history?: (centrifugal.centrifuge.protocol.HistoryResult.$Properties|null);

                /** Reply ping. */
                ping?: (centrifugal.centrifuge.protocol.PingResult.$Properties|null);

                /** Reply rpc. */
                rpc?: (centrifugal.centrifuge.protocol.RPCResult.$Properties|null);

                /** Reply refresh. */
                refresh?: (centrifugal.centrifuge.protocol.RefreshResult.$Properties|null);

                /** Reply sub_refresh. */
                sub_refresh?: (centrifugal.centrifuge.protocol.SubRefreshResult.$Properties|null);

                /**
                 * Creates a new Reply instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Reply instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Reply.$Shape): centrifugal.centrifuge.protocol.Reply & centrifugal.centrifuge.protocol.Reply.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Reply.$Properties): centrifugal.centrifuge.protocol.Reply;

                /**
                 * Encodes the specified Reply message. Does not implicitly {@link centrifugal.centrifuge.protocol.Reply.verify|verify} messages.
                 * @param m Reply message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Reply.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Reply message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Reply & centrifugal.centrifuge.protocol.Reply.$Shape} Reply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Reply & centrifugal.centrifuge.protocol.Reply.$Shape;

                /**
                 * Gets the type url for Reply
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Reply {

                /** Properties of a Reply. */
                interface $Properties {

                    /** Reply id */
                    id?: (number|null);

                    /** Reply error */
                    error?: (centrifugal.centrifuge.protocol.Error.$Properties|null);

                    /** Reply push */
                    push?: (centrifugal.centrifuge.protocol.Push.$Properties|null);

                    /** Reply connect */
                    connect?: (centrifugal.centrifuge.protocol.ConnectResult.$Properties|null);

                    /** Reply subscribe */
                    subscribe?: (centrifugal.centrifuge.protocol.SubscribeResult.$Properties|null);

                    /** Reply unsubscribe */
                    unsubscribe?: (centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties|null);

                    /** Reply publish */
                    publish?: (centrifugal.centrifuge.protocol.PublishResult.$Properties|null);

                    /** Reply presence */
                    presence?: (centrifugal.centrifuge.protocol.PresenceResult.$Properties|null);

                    /** Reply presence_stats */
                    presence_stats?: (centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties|null);

                    /** Reply history */
                    history?: (centrifugal.centrifuge.protocol.HistoryResult.$Properties|null);

                    /** Reply ping */
                    ping?: (centrifugal.centrifuge.protocol.PingResult.$Properties|null);

                    /** Reply rpc */
                    rpc?: (centrifugal.centrifuge.protocol.RPCResult.$Properties|null);

                    /** Reply refresh */
                    refresh?: (centrifugal.centrifuge.protocol.RefreshResult.$Properties|null);

                    /** Reply sub_refresh */
                    sub_refresh?: (centrifugal.centrifuge.protocol.SubRefreshResult.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Reply. */
                type $Shape = centrifugal.centrifuge.protocol.Reply.$Properties;
            }

            /**
             * Properties of a Push.
             * @deprecated Use centrifugal.centrifuge.protocol.Push.$Properties instead.
             */
            interface IPush extends centrifugal.centrifuge.protocol.Push.$Properties {
            }

            /** Represents a Push. */
            class Push {

                /**
                 * Constructs a new Push.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Push.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Push id. */
                id: number;

                /** Push channel. */
                channel: string;

                /** Push pub. */
                pub?: (centrifugal.centrifuge.protocol.Publication.$Properties|null);

                /** Push join. */
                join?: (centrifugal.centrifuge.protocol.Join.$Properties|null);

                /** Push leave. */
                leave?: (centrifugal.centrifuge.protocol.Leave.$Properties|null);

                /** Push unsubscribe. */
                unsubscribe?: (centrifugal.centrifuge.protocol.Unsubscribe.$Properties|null);

                /** Push message. */
                message?: (centrifugal.centrifuge.protocol.Message.$Properties|null);

                /** Push subscribe. */
                subscribe?: (centrifugal.centrifuge.protocol.Subscribe.$Properties|null);

                /** Push connect. */
                connect?: (centrifugal.centrifuge.protocol.Connect.$Properties|null);

                /** Push disconnect. */
                disconnect?: (centrifugal.centrifuge.protocol.Disconnect.$Properties|null);

                /** Push refresh. */
                refresh?: (centrifugal.centrifuge.protocol.Refresh.$Properties|null);

                /**
                 * Creates a new Push instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Push instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Push.$Shape): centrifugal.centrifuge.protocol.Push & centrifugal.centrifuge.protocol.Push.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Push.$Properties): centrifugal.centrifuge.protocol.Push;

                /**
                 * Encodes the specified Push message. Does not implicitly {@link centrifugal.centrifuge.protocol.Push.verify|verify} messages.
                 * @param m Push message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Push.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Push message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Push & centrifugal.centrifuge.protocol.Push.$Shape} Push
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Push & centrifugal.centrifuge.protocol.Push.$Shape;

                /**
                 * Gets the type url for Push
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Push {

                /** Properties of a Push. */
                interface $Properties {

                    /** Push id */
                    id?: (number|null);

                    /** Push channel */
                    channel?: (string|null);

                    /** Push pub */
                    pub?: (centrifugal.centrifuge.protocol.Publication.$Properties|null);

                    /** Push join */
                    join?: (centrifugal.centrifuge.protocol.Join.$Properties|null);

                    /** Push leave */
                    leave?: (centrifugal.centrifuge.protocol.Leave.$Properties|null);

                    /** Push unsubscribe */
                    unsubscribe?: (centrifugal.centrifuge.protocol.Unsubscribe.$Properties|null);

                    /** Push message */
                    message?: (centrifugal.centrifuge.protocol.Message.$Properties|null);

                    /** Push subscribe */
                    subscribe?: (centrifugal.centrifuge.protocol.Subscribe.$Properties|null);

                    /** Push connect */
                    connect?: (centrifugal.centrifuge.protocol.Connect.$Properties|null);

                    /** Push disconnect */
                    disconnect?: (centrifugal.centrifuge.protocol.Disconnect.$Properties|null);

                    /** Push refresh */
                    refresh?: (centrifugal.centrifuge.protocol.Refresh.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Push. */
                type $Shape = centrifugal.centrifuge.protocol.Push.$Properties;
            }

            /**
             * Properties of a ClientInfo.
             * @deprecated Use centrifugal.centrifuge.protocol.ClientInfo.$Properties instead.
             */
            interface IClientInfo extends centrifugal.centrifuge.protocol.ClientInfo.$Properties {
            }

            /** Represents a ClientInfo. */
            class ClientInfo {

                /**
                 * Constructs a new ClientInfo.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.ClientInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ClientInfo user. */
                user: string;

                /** ClientInfo client. */
                client: string;

                /** ClientInfo conn_info. */
                conn_info: Uint8Array;

                /** ClientInfo chan_info. */
                chan_info: Uint8Array;

                /**
                 * Creates a new ClientInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ClientInfo instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.ClientInfo.$Shape): centrifugal.centrifuge.protocol.ClientInfo & centrifugal.centrifuge.protocol.ClientInfo.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.ClientInfo.$Properties): centrifugal.centrifuge.protocol.ClientInfo;

                /**
                 * Encodes the specified ClientInfo message. Does not implicitly {@link centrifugal.centrifuge.protocol.ClientInfo.verify|verify} messages.
                 * @param m ClientInfo message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.ClientInfo.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ClientInfo message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.ClientInfo & centrifugal.centrifuge.protocol.ClientInfo.$Shape} ClientInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.ClientInfo & centrifugal.centrifuge.protocol.ClientInfo.$Shape;

                /**
                 * Gets the type url for ClientInfo
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ClientInfo {

                /** Properties of a ClientInfo. */
                interface $Properties {

                    /** ClientInfo user */
                    user?: (string|null);

                    /** ClientInfo client */
                    client?: (string|null);

                    /** ClientInfo conn_info */
                    conn_info?: (Uint8Array|null);

                    /** ClientInfo chan_info */
                    chan_info?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ClientInfo. */
                type $Shape = centrifugal.centrifuge.protocol.ClientInfo.$Properties;
            }

            /**
             * Properties of a Publication.
             * @deprecated Use centrifugal.centrifuge.protocol.Publication.$Properties instead.
             */
            interface IPublication extends centrifugal.centrifuge.protocol.Publication.$Properties {
            }

            /** Represents a Publication. */
            class Publication {

                /**
                 * Constructs a new Publication.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Publication.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Publication data. */
                data: Uint8Array;

                /** Publication info. */
                info?: (centrifugal.centrifuge.protocol.ClientInfo.$Properties|null);

                /** Publication offset. */
                offset: number;

                /** Publication tags. */
                tags: { [k: string]: string };

                /** Publication delta. */
                delta: boolean;

                /** Publication time. */
                time: number;

                /** Publication channel. */
                channel: string;

                /**
                 * Creates a new Publication instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Publication instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Publication.$Shape): centrifugal.centrifuge.protocol.Publication & centrifugal.centrifuge.protocol.Publication.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Publication.$Properties): centrifugal.centrifuge.protocol.Publication;

                /**
                 * Encodes the specified Publication message. Does not implicitly {@link centrifugal.centrifuge.protocol.Publication.verify|verify} messages.
                 * @param m Publication message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Publication.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Publication message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Publication & centrifugal.centrifuge.protocol.Publication.$Shape} Publication
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Publication & centrifugal.centrifuge.protocol.Publication.$Shape;

                /**
                 * Gets the type url for Publication
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Publication {

                /** Properties of a Publication. */
                interface $Properties {

                    /** Publication data */
                    data?: (Uint8Array|null);

                    /** Publication info */
                    info?: (centrifugal.centrifuge.protocol.ClientInfo.$Properties|null);

                    /** Publication offset */
                    offset?: (number|null);

                    /** Publication tags */
                    tags?: ({ [k: string]: string }|null);

                    /** Publication delta */
                    delta?: (boolean|null);

                    /** Publication time */
                    time?: (number|null);

                    /** Publication channel */
                    channel?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Publication. */
                type $Shape = centrifugal.centrifuge.protocol.Publication.$Properties;
            }

            /**
             * Properties of a Join.
             * @deprecated Use centrifugal.centrifuge.protocol.Join.$Properties instead.
             */
            interface IJoin extends centrifugal.centrifuge.protocol.Join.$Properties {
            }

            /** Represents a Join. */
            class Join {

                /**
                 * Constructs a new Join.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Join.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Join info. */
                info?: (centrifugal.centrifuge.protocol.ClientInfo.$Properties|null);

                /**
                 * Creates a new Join instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Join instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Join.$Shape): centrifugal.centrifuge.protocol.Join & centrifugal.centrifuge.protocol.Join.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Join.$Properties): centrifugal.centrifuge.protocol.Join;

                /**
                 * Encodes the specified Join message. Does not implicitly {@link centrifugal.centrifuge.protocol.Join.verify|verify} messages.
                 * @param m Join message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Join.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Join message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Join & centrifugal.centrifuge.protocol.Join.$Shape} Join
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Join & centrifugal.centrifuge.protocol.Join.$Shape;

                /**
                 * Gets the type url for Join
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Join {

                /** Properties of a Join. */
                interface $Properties {

                    /** Join info */
                    info?: (centrifugal.centrifuge.protocol.ClientInfo.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Join. */
                type $Shape = centrifugal.centrifuge.protocol.Join.$Properties;
            }

            /**
             * Properties of a Leave.
             * @deprecated Use centrifugal.centrifuge.protocol.Leave.$Properties instead.
             */
            interface ILeave extends centrifugal.centrifuge.protocol.Leave.$Properties {
            }

            /** Represents a Leave. */
            class Leave {

                /**
                 * Constructs a new Leave.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Leave.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Leave info. */
                info?: (centrifugal.centrifuge.protocol.ClientInfo.$Properties|null);

                /**
                 * Creates a new Leave instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Leave instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Leave.$Shape): centrifugal.centrifuge.protocol.Leave & centrifugal.centrifuge.protocol.Leave.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Leave.$Properties): centrifugal.centrifuge.protocol.Leave;

                /**
                 * Encodes the specified Leave message. Does not implicitly {@link centrifugal.centrifuge.protocol.Leave.verify|verify} messages.
                 * @param m Leave message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Leave.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Leave message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Leave & centrifugal.centrifuge.protocol.Leave.$Shape} Leave
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Leave & centrifugal.centrifuge.protocol.Leave.$Shape;

                /**
                 * Gets the type url for Leave
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Leave {

                /** Properties of a Leave. */
                interface $Properties {

                    /** Leave info */
                    info?: (centrifugal.centrifuge.protocol.ClientInfo.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Leave. */
                type $Shape = centrifugal.centrifuge.protocol.Leave.$Properties;
            }

            /**
             * Properties of an Unsubscribe.
             * @deprecated Use centrifugal.centrifuge.protocol.Unsubscribe.$Properties instead.
             */
            interface IUnsubscribe extends centrifugal.centrifuge.protocol.Unsubscribe.$Properties {
            }

            /** Represents an Unsubscribe. */
            class Unsubscribe {

                /**
                 * Constructs a new Unsubscribe.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Unsubscribe.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Unsubscribe code. */
                code: number;

                /** Unsubscribe reason. */
                reason: string;

                /**
                 * Creates a new Unsubscribe instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Unsubscribe instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Unsubscribe.$Shape): centrifugal.centrifuge.protocol.Unsubscribe & centrifugal.centrifuge.protocol.Unsubscribe.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Unsubscribe.$Properties): centrifugal.centrifuge.protocol.Unsubscribe;

                /**
                 * Encodes the specified Unsubscribe message. Does not implicitly {@link centrifugal.centrifuge.protocol.Unsubscribe.verify|verify} messages.
                 * @param m Unsubscribe message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Unsubscribe.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Unsubscribe message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Unsubscribe & centrifugal.centrifuge.protocol.Unsubscribe.$Shape} Unsubscribe
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Unsubscribe & centrifugal.centrifuge.protocol.Unsubscribe.$Shape;

                /**
                 * Gets the type url for Unsubscribe
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Unsubscribe {

                /** Properties of an Unsubscribe. */
                interface $Properties {

                    /** Unsubscribe code */
                    code?: (number|null);

                    /** Unsubscribe reason */
                    reason?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Unsubscribe. */
                type $Shape = centrifugal.centrifuge.protocol.Unsubscribe.$Properties;
            }

            /**
             * Properties of a Subscribe.
             * @deprecated Use centrifugal.centrifuge.protocol.Subscribe.$Properties instead.
             */
            interface ISubscribe extends centrifugal.centrifuge.protocol.Subscribe.$Properties {
            }

            /** Represents a Subscribe. */
            class Subscribe {

                /**
                 * Constructs a new Subscribe.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Subscribe.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Subscribe recoverable. */
                recoverable: boolean;

                /** Subscribe epoch. */
                epoch: string;

                /** Subscribe offset. */
                offset: number;

                /** Subscribe positioned. */
                positioned: boolean;

                /** Subscribe data. */
                data: Uint8Array;

                /**
                 * Creates a new Subscribe instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Subscribe instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Subscribe.$Shape): centrifugal.centrifuge.protocol.Subscribe & centrifugal.centrifuge.protocol.Subscribe.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Subscribe.$Properties): centrifugal.centrifuge.protocol.Subscribe;

                /**
                 * Encodes the specified Subscribe message. Does not implicitly {@link centrifugal.centrifuge.protocol.Subscribe.verify|verify} messages.
                 * @param m Subscribe message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Subscribe.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Subscribe message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Subscribe & centrifugal.centrifuge.protocol.Subscribe.$Shape} Subscribe
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Subscribe & centrifugal.centrifuge.protocol.Subscribe.$Shape;

                /**
                 * Gets the type url for Subscribe
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Subscribe {

                /** Properties of a Subscribe. */
                interface $Properties {

                    /** Subscribe recoverable */
                    recoverable?: (boolean|null);

                    /** Subscribe epoch */
                    epoch?: (string|null);

                    /** Subscribe offset */
                    offset?: (number|null);

                    /** Subscribe positioned */
                    positioned?: (boolean|null);

                    /** Subscribe data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Subscribe. */
                type $Shape = centrifugal.centrifuge.protocol.Subscribe.$Properties;
            }

            /**
             * Properties of a Message.
             * @deprecated Use centrifugal.centrifuge.protocol.Message.$Properties instead.
             */
            interface IMessage extends centrifugal.centrifuge.protocol.Message.$Properties {
            }

            /** Represents a Message. */
            class Message {

                /**
                 * Constructs a new Message.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Message.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Message data. */
                data: Uint8Array;

                /**
                 * Creates a new Message instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Message instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Message.$Shape): centrifugal.centrifuge.protocol.Message & centrifugal.centrifuge.protocol.Message.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Message.$Properties): centrifugal.centrifuge.protocol.Message;

                /**
                 * Encodes the specified Message message. Does not implicitly {@link centrifugal.centrifuge.protocol.Message.verify|verify} messages.
                 * @param m Message message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Message.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Message message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Message & centrifugal.centrifuge.protocol.Message.$Shape} Message
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Message & centrifugal.centrifuge.protocol.Message.$Shape;

                /**
                 * Gets the type url for Message
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Message {

                /** Properties of a Message. */
                interface $Properties {

                    /** Message data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Message. */
                type $Shape = centrifugal.centrifuge.protocol.Message.$Properties;
            }

            /**
             * Properties of a Connect.
             * @deprecated Use centrifugal.centrifuge.protocol.Connect.$Properties instead.
             */
            interface IConnect extends centrifugal.centrifuge.protocol.Connect.$Properties {
            }

            /** Represents a Connect. */
            class Connect {

                /**
                 * Constructs a new Connect.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Connect.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Connect client. */
                client: string;

                /** Connect version. */
                version: string;

                /** Connect data. */
                data: Uint8Array;

                /** Connect subs. */
                subs: { [k: string]: centrifugal.centrifuge.protocol.SubscribeResult.$Properties };

                /** Connect expires. */
                expires: boolean;

                /** Connect ttl. */
                ttl: number;

                /** Connect ping. */
                ping: number;

                /** Connect pong. */
                pong: boolean;

                /** Connect session. */
                session: string;

                /** Connect node. */
                node: string;

                /** Connect time. */
                time: number;

                /**
                 * Creates a new Connect instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Connect instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Connect.$Shape): centrifugal.centrifuge.protocol.Connect & centrifugal.centrifuge.protocol.Connect.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Connect.$Properties): centrifugal.centrifuge.protocol.Connect;

                /**
                 * Encodes the specified Connect message. Does not implicitly {@link centrifugal.centrifuge.protocol.Connect.verify|verify} messages.
                 * @param m Connect message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Connect.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Connect message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Connect & centrifugal.centrifuge.protocol.Connect.$Shape} Connect
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Connect & centrifugal.centrifuge.protocol.Connect.$Shape;

                /**
                 * Gets the type url for Connect
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Connect {

                /** Properties of a Connect. */
                interface $Properties {

                    /** Connect client */
                    client?: (string|null);

                    /** Connect version */
                    version?: (string|null);

                    /** Connect data */
                    data?: (Uint8Array|null);

                    /** Connect subs */
                    subs?: ({ [k: string]: centrifugal.centrifuge.protocol.SubscribeResult.$Properties }|null);

                    /** Connect expires */
                    expires?: (boolean|null);

                    /** Connect ttl */
                    ttl?: (number|null);

                    /** Connect ping */
                    ping?: (number|null);

                    /** Connect pong */
                    pong?: (boolean|null);

                    /** Connect session */
                    session?: (string|null);

                    /** Connect node */
                    node?: (string|null);

                    /** Connect time */
                    time?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Connect. */
                type $Shape = centrifugal.centrifuge.protocol.Connect.$Properties;
            }

            /**
             * Properties of a Disconnect.
             * @deprecated Use centrifugal.centrifuge.protocol.Disconnect.$Properties instead.
             */
            interface IDisconnect extends centrifugal.centrifuge.protocol.Disconnect.$Properties {
            }

            /** Represents a Disconnect. */
            class Disconnect {

                /**
                 * Constructs a new Disconnect.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Disconnect.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Disconnect code. */
                code: number;

                /** Disconnect reason. */
                reason: string;

                /** Disconnect reconnect. */
                reconnect: boolean;

                /**
                 * Creates a new Disconnect instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Disconnect instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Disconnect.$Shape): centrifugal.centrifuge.protocol.Disconnect & centrifugal.centrifuge.protocol.Disconnect.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Disconnect.$Properties): centrifugal.centrifuge.protocol.Disconnect;

                /**
                 * Encodes the specified Disconnect message. Does not implicitly {@link centrifugal.centrifuge.protocol.Disconnect.verify|verify} messages.
                 * @param m Disconnect message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Disconnect.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Disconnect message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Disconnect & centrifugal.centrifuge.protocol.Disconnect.$Shape} Disconnect
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Disconnect & centrifugal.centrifuge.protocol.Disconnect.$Shape;

                /**
                 * Gets the type url for Disconnect
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Disconnect {

                /** Properties of a Disconnect. */
                interface $Properties {

                    /** Disconnect code */
                    code?: (number|null);

                    /** Disconnect reason */
                    reason?: (string|null);

                    /** Disconnect reconnect */
                    reconnect?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Disconnect. */
                type $Shape = centrifugal.centrifuge.protocol.Disconnect.$Properties;
            }

            /**
             * Properties of a Refresh.
             * @deprecated Use centrifugal.centrifuge.protocol.Refresh.$Properties instead.
             */
            interface IRefresh extends centrifugal.centrifuge.protocol.Refresh.$Properties {
            }

            /** Represents a Refresh. */
            class Refresh {

                /**
                 * Constructs a new Refresh.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.Refresh.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Refresh expires. */
                expires: boolean;

                /** Refresh ttl. */
                ttl: number;

                /**
                 * Creates a new Refresh instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Refresh instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.Refresh.$Shape): centrifugal.centrifuge.protocol.Refresh & centrifugal.centrifuge.protocol.Refresh.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.Refresh.$Properties): centrifugal.centrifuge.protocol.Refresh;

                /**
                 * Encodes the specified Refresh message. Does not implicitly {@link centrifugal.centrifuge.protocol.Refresh.verify|verify} messages.
                 * @param m Refresh message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.Refresh.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Refresh message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.Refresh & centrifugal.centrifuge.protocol.Refresh.$Shape} Refresh
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.Refresh & centrifugal.centrifuge.protocol.Refresh.$Shape;

                /**
                 * Gets the type url for Refresh
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Refresh {

                /** Properties of a Refresh. */
                interface $Properties {

                    /** Refresh expires */
                    expires?: (boolean|null);

                    /** Refresh ttl */
                    ttl?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Refresh. */
                type $Shape = centrifugal.centrifuge.protocol.Refresh.$Properties;
            }

            /**
             * Properties of a ConnectRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.ConnectRequest.$Properties instead.
             */
            interface IConnectRequest extends centrifugal.centrifuge.protocol.ConnectRequest.$Properties {
            }

            /** Represents a ConnectRequest. */
            class ConnectRequest {

                /**
                 * Constructs a new ConnectRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.ConnectRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ConnectRequest token. */
                token: string;

                /** ConnectRequest data. */
                data: Uint8Array;

                /** ConnectRequest subs. */
                subs: { [k: string]: centrifugal.centrifuge.protocol.SubscribeRequest.$Properties };

                /** ConnectRequest name. */
                name: string;

                /** ConnectRequest version. */
                version: string;

                /** ConnectRequest headers. */
                headers: { [k: string]: string };

                /** ConnectRequest flag. */
                flag: number;

                /**
                 * Creates a new ConnectRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ConnectRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.ConnectRequest.$Shape): centrifugal.centrifuge.protocol.ConnectRequest & centrifugal.centrifuge.protocol.ConnectRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.ConnectRequest.$Properties): centrifugal.centrifuge.protocol.ConnectRequest;

                /**
                 * Encodes the specified ConnectRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.ConnectRequest.verify|verify} messages.
                 * @param m ConnectRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.ConnectRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ConnectRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.ConnectRequest & centrifugal.centrifuge.protocol.ConnectRequest.$Shape} ConnectRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.ConnectRequest & centrifugal.centrifuge.protocol.ConnectRequest.$Shape;

                /**
                 * Gets the type url for ConnectRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ConnectRequest {

                /** Properties of a ConnectRequest. */
                interface $Properties {

                    /** ConnectRequest token */
                    token?: (string|null);

                    /** ConnectRequest data */
                    data?: (Uint8Array|null);

                    /** ConnectRequest subs */
                    subs?: ({ [k: string]: centrifugal.centrifuge.protocol.SubscribeRequest.$Properties }|null);

                    /** ConnectRequest name */
                    name?: (string|null);

                    /** ConnectRequest version */
                    version?: (string|null);

                    /** ConnectRequest headers */
                    headers?: ({ [k: string]: string }|null);

                    /** ConnectRequest flag */
                    flag?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ConnectRequest. */
                type $Shape = centrifugal.centrifuge.protocol.ConnectRequest.$Properties;
            }

            /**
             * Properties of a ConnectResult.
             * @deprecated Use centrifugal.centrifuge.protocol.ConnectResult.$Properties instead.
             */
            interface IConnectResult extends centrifugal.centrifuge.protocol.ConnectResult.$Properties {
            }

            /** Represents a ConnectResult. */
            class ConnectResult {

                /**
                 * Constructs a new ConnectResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.ConnectResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ConnectResult client. */
                client: string;

                /** ConnectResult version. */
                version: string;

                /** ConnectResult expires. */
                expires: boolean;

                /** ConnectResult ttl. */
                ttl: number;

                /** ConnectResult data. */
                data: Uint8Array;

                /** ConnectResult subs. */
                subs: { [k: string]: centrifugal.centrifuge.protocol.SubscribeResult.$Properties };

                /** ConnectResult ping. */
                ping: number;

                /** ConnectResult pong. */
                pong: boolean;

                /** ConnectResult session. */
                session: string;

                /** ConnectResult node. */
                node: string;

                /** ConnectResult time. */
                time: number;

                /**
                 * Creates a new ConnectResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ConnectResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.ConnectResult.$Shape): centrifugal.centrifuge.protocol.ConnectResult & centrifugal.centrifuge.protocol.ConnectResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.ConnectResult.$Properties): centrifugal.centrifuge.protocol.ConnectResult;

                /**
                 * Encodes the specified ConnectResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.ConnectResult.verify|verify} messages.
                 * @param m ConnectResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.ConnectResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ConnectResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.ConnectResult & centrifugal.centrifuge.protocol.ConnectResult.$Shape} ConnectResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.ConnectResult & centrifugal.centrifuge.protocol.ConnectResult.$Shape;

                /**
                 * Gets the type url for ConnectResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ConnectResult {

                /** Properties of a ConnectResult. */
                interface $Properties {

                    /** ConnectResult client */
                    client?: (string|null);

                    /** ConnectResult version */
                    version?: (string|null);

                    /** ConnectResult expires */
                    expires?: (boolean|null);

                    /** ConnectResult ttl */
                    ttl?: (number|null);

                    /** ConnectResult data */
                    data?: (Uint8Array|null);

                    /** ConnectResult subs */
                    subs?: ({ [k: string]: centrifugal.centrifuge.protocol.SubscribeResult.$Properties }|null);

                    /** ConnectResult ping */
                    ping?: (number|null);

                    /** ConnectResult pong */
                    pong?: (boolean|null);

                    /** ConnectResult session */
                    session?: (string|null);

                    /** ConnectResult node */
                    node?: (string|null);

                    /** ConnectResult time */
                    time?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ConnectResult. */
                type $Shape = centrifugal.centrifuge.protocol.ConnectResult.$Properties;
            }

            /**
             * Properties of a RefreshRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.RefreshRequest.$Properties instead.
             */
            interface IRefreshRequest extends centrifugal.centrifuge.protocol.RefreshRequest.$Properties {
            }

            /** Represents a RefreshRequest. */
            class RefreshRequest {

                /**
                 * Constructs a new RefreshRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.RefreshRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RefreshRequest token. */
                token: string;

                /**
                 * Creates a new RefreshRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RefreshRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.RefreshRequest.$Shape): centrifugal.centrifuge.protocol.RefreshRequest & centrifugal.centrifuge.protocol.RefreshRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.RefreshRequest.$Properties): centrifugal.centrifuge.protocol.RefreshRequest;

                /**
                 * Encodes the specified RefreshRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.RefreshRequest.verify|verify} messages.
                 * @param m RefreshRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.RefreshRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RefreshRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RefreshRequest & centrifugal.centrifuge.protocol.RefreshRequest.$Shape} RefreshRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.RefreshRequest & centrifugal.centrifuge.protocol.RefreshRequest.$Shape;

                /**
                 * Gets the type url for RefreshRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace RefreshRequest {

                /** Properties of a RefreshRequest. */
                interface $Properties {

                    /** RefreshRequest token */
                    token?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RefreshRequest. */
                type $Shape = centrifugal.centrifuge.protocol.RefreshRequest.$Properties;
            }

            /**
             * Properties of a RefreshResult.
             * @deprecated Use centrifugal.centrifuge.protocol.RefreshResult.$Properties instead.
             */
            interface IRefreshResult extends centrifugal.centrifuge.protocol.RefreshResult.$Properties {
            }

            /** Represents a RefreshResult. */
            class RefreshResult {

                /**
                 * Constructs a new RefreshResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.RefreshResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RefreshResult client. */
                client: string;

                /** RefreshResult version. */
                version: string;

                /** RefreshResult expires. */
                expires: boolean;

                /** RefreshResult ttl. */
                ttl: number;

                /**
                 * Creates a new RefreshResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RefreshResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.RefreshResult.$Shape): centrifugal.centrifuge.protocol.RefreshResult & centrifugal.centrifuge.protocol.RefreshResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.RefreshResult.$Properties): centrifugal.centrifuge.protocol.RefreshResult;

                /**
                 * Encodes the specified RefreshResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.RefreshResult.verify|verify} messages.
                 * @param m RefreshResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.RefreshResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RefreshResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RefreshResult & centrifugal.centrifuge.protocol.RefreshResult.$Shape} RefreshResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.RefreshResult & centrifugal.centrifuge.protocol.RefreshResult.$Shape;

                /**
                 * Gets the type url for RefreshResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace RefreshResult {

                /** Properties of a RefreshResult. */
                interface $Properties {

                    /** RefreshResult client */
                    client?: (string|null);

                    /** RefreshResult version */
                    version?: (string|null);

                    /** RefreshResult expires */
                    expires?: (boolean|null);

                    /** RefreshResult ttl */
                    ttl?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RefreshResult. */
                type $Shape = centrifugal.centrifuge.protocol.RefreshResult.$Properties;
            }

            /**
             * Properties of a SubscribeRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.SubscribeRequest.$Properties instead.
             */
            interface ISubscribeRequest extends centrifugal.centrifuge.protocol.SubscribeRequest.$Properties {
            }

            /** Represents a SubscribeRequest. */
            class SubscribeRequest {

                /**
                 * Constructs a new SubscribeRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.SubscribeRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SubscribeRequest channel. */
                channel: string;

                /** SubscribeRequest token. */
                token: string;

                /** SubscribeRequest recover. */
                recover: boolean;

                /** SubscribeRequest epoch. */
                epoch: string;

                /** SubscribeRequest offset. */
                offset: number;

                /** SubscribeRequest data. */
                data: Uint8Array;

                /** SubscribeRequest positioned. */
                positioned: boolean;

                /** SubscribeRequest recoverable. */
                recoverable: boolean;

                /** SubscribeRequest join_leave. */
                join_leave: boolean;

                /** SubscribeRequest delta. */
                delta: string;

                /** SubscribeRequest tf. */
                tf?: (centrifugal.centrifuge.protocol.FilterNode.$Properties|null);

                /** SubscribeRequest flag. */
                flag: number;

                /** SubscribeRequest type. */
                type: number;

                /** SubscribeRequest phase. */
                phase: number;

                /** SubscribeRequest cursor. */
                cursor: string;

                /** SubscribeRequest limit. */
                limit: number;

                /** SubscribeRequest asc. */
                asc: boolean;

                /**
                 * Creates a new SubscribeRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SubscribeRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.SubscribeRequest.$Shape): centrifugal.centrifuge.protocol.SubscribeRequest & centrifugal.centrifuge.protocol.SubscribeRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.SubscribeRequest.$Properties): centrifugal.centrifuge.protocol.SubscribeRequest;

                /**
                 * Encodes the specified SubscribeRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubscribeRequest.verify|verify} messages.
                 * @param m SubscribeRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.SubscribeRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SubscribeRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubscribeRequest & centrifugal.centrifuge.protocol.SubscribeRequest.$Shape} SubscribeRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.SubscribeRequest & centrifugal.centrifuge.protocol.SubscribeRequest.$Shape;

                /**
                 * Gets the type url for SubscribeRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SubscribeRequest {

                /** Properties of a SubscribeRequest. */
                interface $Properties {

                    /** SubscribeRequest channel */
                    channel?: (string|null);

                    /** SubscribeRequest token */
                    token?: (string|null);

                    /** SubscribeRequest recover */
                    recover?: (boolean|null);

                    /** SubscribeRequest epoch */
                    epoch?: (string|null);

                    /** SubscribeRequest offset */
                    offset?: (number|null);

                    /** SubscribeRequest data */
                    data?: (Uint8Array|null);

                    /** SubscribeRequest positioned */
                    positioned?: (boolean|null);

                    /** SubscribeRequest recoverable */
                    recoverable?: (boolean|null);

                    /** SubscribeRequest join_leave */
                    join_leave?: (boolean|null);

                    /** SubscribeRequest delta */
                    delta?: (string|null);

                    /** SubscribeRequest tf */
                    tf?: (centrifugal.centrifuge.protocol.FilterNode.$Properties|null);

                    /** SubscribeRequest flag */
                    flag?: (number|null);

                    /** SubscribeRequest type */
                    type?: (number|null);

                    /** SubscribeRequest phase */
                    phase?: (number|null);

                    /** SubscribeRequest cursor */
                    cursor?: (string|null);

                    /** SubscribeRequest limit */
                    limit?: (number|null);

                    /** SubscribeRequest asc */
                    asc?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SubscribeRequest. */
                type $Shape = centrifugal.centrifuge.protocol.SubscribeRequest.$Properties;
            }

            /**
             * Properties of a FilterNode.
             * @deprecated Use centrifugal.centrifuge.protocol.FilterNode.$Properties instead.
             */
            interface IFilterNode extends centrifugal.centrifuge.protocol.FilterNode.$Properties {
            }

            /** Represents a FilterNode. */
            class FilterNode {

                /**
                 * Constructs a new FilterNode.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.FilterNode.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** FilterNode op. */
                op: string;

                /** FilterNode key. */
                key: string;

                /** FilterNode cmp. */
                cmp: string;

                /** FilterNode val. */
                val: string;

                /** FilterNode vals. */
                vals: string[];

                /** FilterNode nodes. */
                nodes: centrifugal.centrifuge.protocol.FilterNode.$Properties[];

                /**
                 * Creates a new FilterNode instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns FilterNode instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.FilterNode.$Shape): centrifugal.centrifuge.protocol.FilterNode & centrifugal.centrifuge.protocol.FilterNode.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.FilterNode.$Properties): centrifugal.centrifuge.protocol.FilterNode;

                /**
                 * Encodes the specified FilterNode message. Does not implicitly {@link centrifugal.centrifuge.protocol.FilterNode.verify|verify} messages.
                 * @param m FilterNode message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.FilterNode.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a FilterNode message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.FilterNode & centrifugal.centrifuge.protocol.FilterNode.$Shape} FilterNode
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.FilterNode & centrifugal.centrifuge.protocol.FilterNode.$Shape;

                /**
                 * Gets the type url for FilterNode
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace FilterNode {

                /** Properties of a FilterNode. */
                interface $Properties {

                    /** FilterNode op */
                    op?: (string|null);

                    /** FilterNode key */
                    key?: (string|null);

                    /** FilterNode cmp */
                    cmp?: (string|null);

                    /** FilterNode val */
                    val?: (string|null);

                    /** FilterNode vals */
                    vals?: (string[]|null);

                    /** FilterNode nodes */
                    nodes?: (centrifugal.centrifuge.protocol.FilterNode.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a FilterNode. */
                type $Shape = centrifugal.centrifuge.protocol.FilterNode.$Properties;
            }

            /**
             * Properties of a SubscribeResult.
             * @deprecated Use centrifugal.centrifuge.protocol.SubscribeResult.$Properties instead.
             */
            interface ISubscribeResult extends centrifugal.centrifuge.protocol.SubscribeResult.$Properties {
            }

            /** Represents a SubscribeResult. */
            class SubscribeResult {

                /**
                 * Constructs a new SubscribeResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.SubscribeResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SubscribeResult expires. */
                expires: boolean;

                /** SubscribeResult ttl. */
                ttl: number;

                /** SubscribeResult recoverable. */
                recoverable: boolean;

                /** SubscribeResult epoch. */
                epoch: string;

                /** SubscribeResult publications. */
                publications: centrifugal.centrifuge.protocol.Publication.$Properties[];

                /** SubscribeResult recovered. */
                recovered: boolean;

                /** SubscribeResult offset. */
                offset: number;

                /** SubscribeResult positioned. */
                positioned: boolean;

                /** SubscribeResult data. */
                data: Uint8Array;

                /** SubscribeResult was_recovering. */
                was_recovering: boolean;

                /** SubscribeResult delta. */
                delta: boolean;

                /** SubscribeResult id. */
                id: number;

                /**
                 * Creates a new SubscribeResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SubscribeResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.SubscribeResult.$Shape): centrifugal.centrifuge.protocol.SubscribeResult & centrifugal.centrifuge.protocol.SubscribeResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.SubscribeResult.$Properties): centrifugal.centrifuge.protocol.SubscribeResult;

                /**
                 * Encodes the specified SubscribeResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubscribeResult.verify|verify} messages.
                 * @param m SubscribeResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.SubscribeResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SubscribeResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubscribeResult & centrifugal.centrifuge.protocol.SubscribeResult.$Shape} SubscribeResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.SubscribeResult & centrifugal.centrifuge.protocol.SubscribeResult.$Shape;

                /**
                 * Gets the type url for SubscribeResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SubscribeResult {

                /** Properties of a SubscribeResult. */
                interface $Properties {

                    /** SubscribeResult expires */
                    expires?: (boolean|null);

                    /** SubscribeResult ttl */
                    ttl?: (number|null);

                    /** SubscribeResult recoverable */
                    recoverable?: (boolean|null);

                    /** SubscribeResult epoch */
                    epoch?: (string|null);

                    /** SubscribeResult publications */
                    publications?: (centrifugal.centrifuge.protocol.Publication.$Properties[]|null);

                    /** SubscribeResult recovered */
                    recovered?: (boolean|null);

                    /** SubscribeResult offset */
                    offset?: (number|null);

                    /** SubscribeResult positioned */
                    positioned?: (boolean|null);

                    /** SubscribeResult data */
                    data?: (Uint8Array|null);

                    /** SubscribeResult was_recovering */
                    was_recovering?: (boolean|null);

                    /** SubscribeResult delta */
                    delta?: (boolean|null);

                    /** SubscribeResult id */
                    id?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SubscribeResult. */
                type $Shape = centrifugal.centrifuge.protocol.SubscribeResult.$Properties;
            }

            /**
             * Properties of a SubRefreshRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties instead.
             */
            interface ISubRefreshRequest extends centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties {
            }

            /** Represents a SubRefreshRequest. */
            class SubRefreshRequest {

                /**
                 * Constructs a new SubRefreshRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SubRefreshRequest channel. */
                channel: string;

                /** SubRefreshRequest token. */
                token: string;

                /**
                 * Creates a new SubRefreshRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SubRefreshRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape): centrifugal.centrifuge.protocol.SubRefreshRequest & centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties): centrifugal.centrifuge.protocol.SubRefreshRequest;

                /**
                 * Encodes the specified SubRefreshRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubRefreshRequest.verify|verify} messages.
                 * @param m SubRefreshRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SubRefreshRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubRefreshRequest & centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape} SubRefreshRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.SubRefreshRequest & centrifugal.centrifuge.protocol.SubRefreshRequest.$Shape;

                /**
                 * Gets the type url for SubRefreshRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SubRefreshRequest {

                /** Properties of a SubRefreshRequest. */
                interface $Properties {

                    /** SubRefreshRequest channel */
                    channel?: (string|null);

                    /** SubRefreshRequest token */
                    token?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SubRefreshRequest. */
                type $Shape = centrifugal.centrifuge.protocol.SubRefreshRequest.$Properties;
            }

            /**
             * Properties of a SubRefreshResult.
             * @deprecated Use centrifugal.centrifuge.protocol.SubRefreshResult.$Properties instead.
             */
            interface ISubRefreshResult extends centrifugal.centrifuge.protocol.SubRefreshResult.$Properties {
            }

            /** Represents a SubRefreshResult. */
            class SubRefreshResult {

                /**
                 * Constructs a new SubRefreshResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.SubRefreshResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SubRefreshResult expires. */
                expires: boolean;

                /** SubRefreshResult ttl. */
                ttl: number;

                /**
                 * Creates a new SubRefreshResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SubRefreshResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.SubRefreshResult.$Shape): centrifugal.centrifuge.protocol.SubRefreshResult & centrifugal.centrifuge.protocol.SubRefreshResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.SubRefreshResult.$Properties): centrifugal.centrifuge.protocol.SubRefreshResult;

                /**
                 * Encodes the specified SubRefreshResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.SubRefreshResult.verify|verify} messages.
                 * @param m SubRefreshResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.SubRefreshResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SubRefreshResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SubRefreshResult & centrifugal.centrifuge.protocol.SubRefreshResult.$Shape} SubRefreshResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.SubRefreshResult & centrifugal.centrifuge.protocol.SubRefreshResult.$Shape;

                /**
                 * Gets the type url for SubRefreshResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SubRefreshResult {

                /** Properties of a SubRefreshResult. */
                interface $Properties {

                    /** SubRefreshResult expires */
                    expires?: (boolean|null);

                    /** SubRefreshResult ttl */
                    ttl?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SubRefreshResult. */
                type $Shape = centrifugal.centrifuge.protocol.SubRefreshResult.$Properties;
            }

            /**
             * Properties of an UnsubscribeRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties instead.
             */
            interface IUnsubscribeRequest extends centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties {
            }

            /** Represents an UnsubscribeRequest. */
            class UnsubscribeRequest {

                /**
                 * Constructs a new UnsubscribeRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** UnsubscribeRequest channel. */
                channel: string;

                /**
                 * Creates a new UnsubscribeRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns UnsubscribeRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape): centrifugal.centrifuge.protocol.UnsubscribeRequest & centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties): centrifugal.centrifuge.protocol.UnsubscribeRequest;

                /**
                 * Encodes the specified UnsubscribeRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.UnsubscribeRequest.verify|verify} messages.
                 * @param m UnsubscribeRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an UnsubscribeRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.UnsubscribeRequest & centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape} UnsubscribeRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.UnsubscribeRequest & centrifugal.centrifuge.protocol.UnsubscribeRequest.$Shape;

                /**
                 * Gets the type url for UnsubscribeRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace UnsubscribeRequest {

                /** Properties of an UnsubscribeRequest. */
                interface $Properties {

                    /** UnsubscribeRequest channel */
                    channel?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an UnsubscribeRequest. */
                type $Shape = centrifugal.centrifuge.protocol.UnsubscribeRequest.$Properties;
            }

            /**
             * Properties of an UnsubscribeResult.
             * @deprecated Use centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties instead.
             */
            interface IUnsubscribeResult extends centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties {
            }

            /** Represents an UnsubscribeResult. */
            class UnsubscribeResult {

                /**
                 * Constructs a new UnsubscribeResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new UnsubscribeResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns UnsubscribeResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape): centrifugal.centrifuge.protocol.UnsubscribeResult & centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties): centrifugal.centrifuge.protocol.UnsubscribeResult;

                /**
                 * Encodes the specified UnsubscribeResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.UnsubscribeResult.verify|verify} messages.
                 * @param m UnsubscribeResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an UnsubscribeResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.UnsubscribeResult & centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape} UnsubscribeResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.UnsubscribeResult & centrifugal.centrifuge.protocol.UnsubscribeResult.$Shape;

                /**
                 * Gets the type url for UnsubscribeResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace UnsubscribeResult {

                /** Properties of an UnsubscribeResult. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an UnsubscribeResult. */
                type $Shape = centrifugal.centrifuge.protocol.UnsubscribeResult.$Properties;
            }

            /**
             * Properties of a PublishRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.PublishRequest.$Properties instead.
             */
            interface IPublishRequest extends centrifugal.centrifuge.protocol.PublishRequest.$Properties {
            }

            /** Represents a PublishRequest. */
            class PublishRequest {

                /**
                 * Constructs a new PublishRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PublishRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PublishRequest channel. */
                channel: string;

                /** PublishRequest data. */
                data: Uint8Array;

                /**
                 * Creates a new PublishRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PublishRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PublishRequest.$Shape): centrifugal.centrifuge.protocol.PublishRequest & centrifugal.centrifuge.protocol.PublishRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PublishRequest.$Properties): centrifugal.centrifuge.protocol.PublishRequest;

                /**
                 * Encodes the specified PublishRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PublishRequest.verify|verify} messages.
                 * @param m PublishRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PublishRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PublishRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PublishRequest & centrifugal.centrifuge.protocol.PublishRequest.$Shape} PublishRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PublishRequest & centrifugal.centrifuge.protocol.PublishRequest.$Shape;

                /**
                 * Gets the type url for PublishRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PublishRequest {

                /** Properties of a PublishRequest. */
                interface $Properties {

                    /** PublishRequest channel */
                    channel?: (string|null);

                    /** PublishRequest data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PublishRequest. */
                type $Shape = centrifugal.centrifuge.protocol.PublishRequest.$Properties;
            }

            /**
             * Properties of a PublishResult.
             * @deprecated Use centrifugal.centrifuge.protocol.PublishResult.$Properties instead.
             */
            interface IPublishResult extends centrifugal.centrifuge.protocol.PublishResult.$Properties {
            }

            /** Represents a PublishResult. */
            class PublishResult {

                /**
                 * Constructs a new PublishResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PublishResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new PublishResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PublishResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PublishResult.$Shape): centrifugal.centrifuge.protocol.PublishResult & centrifugal.centrifuge.protocol.PublishResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PublishResult.$Properties): centrifugal.centrifuge.protocol.PublishResult;

                /**
                 * Encodes the specified PublishResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PublishResult.verify|verify} messages.
                 * @param m PublishResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PublishResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PublishResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PublishResult & centrifugal.centrifuge.protocol.PublishResult.$Shape} PublishResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PublishResult & centrifugal.centrifuge.protocol.PublishResult.$Shape;

                /**
                 * Gets the type url for PublishResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PublishResult {

                /** Properties of a PublishResult. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PublishResult. */
                type $Shape = centrifugal.centrifuge.protocol.PublishResult.$Properties;
            }

            /**
             * Properties of a PresenceRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.PresenceRequest.$Properties instead.
             */
            interface IPresenceRequest extends centrifugal.centrifuge.protocol.PresenceRequest.$Properties {
            }

            /** Represents a PresenceRequest. */
            class PresenceRequest {

                /**
                 * Constructs a new PresenceRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PresenceRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PresenceRequest channel. */
                channel: string;

                /**
                 * Creates a new PresenceRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PresenceRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PresenceRequest.$Shape): centrifugal.centrifuge.protocol.PresenceRequest & centrifugal.centrifuge.protocol.PresenceRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PresenceRequest.$Properties): centrifugal.centrifuge.protocol.PresenceRequest;

                /**
                 * Encodes the specified PresenceRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceRequest.verify|verify} messages.
                 * @param m PresenceRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PresenceRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PresenceRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceRequest & centrifugal.centrifuge.protocol.PresenceRequest.$Shape} PresenceRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PresenceRequest & centrifugal.centrifuge.protocol.PresenceRequest.$Shape;

                /**
                 * Gets the type url for PresenceRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PresenceRequest {

                /** Properties of a PresenceRequest. */
                interface $Properties {

                    /** PresenceRequest channel */
                    channel?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PresenceRequest. */
                type $Shape = centrifugal.centrifuge.protocol.PresenceRequest.$Properties;
            }

            /**
             * Properties of a PresenceResult.
             * @deprecated Use centrifugal.centrifuge.protocol.PresenceResult.$Properties instead.
             */
            interface IPresenceResult extends centrifugal.centrifuge.protocol.PresenceResult.$Properties {
            }

            /** Represents a PresenceResult. */
            class PresenceResult {

                /**
                 * Constructs a new PresenceResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PresenceResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PresenceResult presence. */
                presence: { [k: string]: centrifugal.centrifuge.protocol.ClientInfo.$Properties };

                /**
                 * Creates a new PresenceResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PresenceResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PresenceResult.$Shape): centrifugal.centrifuge.protocol.PresenceResult & centrifugal.centrifuge.protocol.PresenceResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PresenceResult.$Properties): centrifugal.centrifuge.protocol.PresenceResult;

                /**
                 * Encodes the specified PresenceResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceResult.verify|verify} messages.
                 * @param m PresenceResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PresenceResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PresenceResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceResult & centrifugal.centrifuge.protocol.PresenceResult.$Shape} PresenceResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PresenceResult & centrifugal.centrifuge.protocol.PresenceResult.$Shape;

                /**
                 * Gets the type url for PresenceResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PresenceResult {

                /** Properties of a PresenceResult. */
                interface $Properties {

                    /** PresenceResult presence */
                    presence?: ({ [k: string]: centrifugal.centrifuge.protocol.ClientInfo.$Properties }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PresenceResult. */
                type $Shape = centrifugal.centrifuge.protocol.PresenceResult.$Properties;
            }

            /**
             * Properties of a PresenceStatsRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties instead.
             */
            interface IPresenceStatsRequest extends centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties {
            }

            /** Represents a PresenceStatsRequest. */
            class PresenceStatsRequest {

                /**
                 * Constructs a new PresenceStatsRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PresenceStatsRequest channel. */
                channel: string;

                /**
                 * Creates a new PresenceStatsRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PresenceStatsRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape): centrifugal.centrifuge.protocol.PresenceStatsRequest & centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties): centrifugal.centrifuge.protocol.PresenceStatsRequest;

                /**
                 * Encodes the specified PresenceStatsRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceStatsRequest.verify|verify} messages.
                 * @param m PresenceStatsRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PresenceStatsRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceStatsRequest & centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape} PresenceStatsRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PresenceStatsRequest & centrifugal.centrifuge.protocol.PresenceStatsRequest.$Shape;

                /**
                 * Gets the type url for PresenceStatsRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PresenceStatsRequest {

                /** Properties of a PresenceStatsRequest. */
                interface $Properties {

                    /** PresenceStatsRequest channel */
                    channel?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PresenceStatsRequest. */
                type $Shape = centrifugal.centrifuge.protocol.PresenceStatsRequest.$Properties;
            }

            /**
             * Properties of a PresenceStatsResult.
             * @deprecated Use centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties instead.
             */
            interface IPresenceStatsResult extends centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties {
            }

            /** Represents a PresenceStatsResult. */
            class PresenceStatsResult {

                /**
                 * Constructs a new PresenceStatsResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PresenceStatsResult num_clients. */
                num_clients: number;

                /** PresenceStatsResult num_users. */
                num_users: number;

                /**
                 * Creates a new PresenceStatsResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PresenceStatsResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape): centrifugal.centrifuge.protocol.PresenceStatsResult & centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties): centrifugal.centrifuge.protocol.PresenceStatsResult;

                /**
                 * Encodes the specified PresenceStatsResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PresenceStatsResult.verify|verify} messages.
                 * @param m PresenceStatsResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PresenceStatsResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PresenceStatsResult & centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape} PresenceStatsResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PresenceStatsResult & centrifugal.centrifuge.protocol.PresenceStatsResult.$Shape;

                /**
                 * Gets the type url for PresenceStatsResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PresenceStatsResult {

                /** Properties of a PresenceStatsResult. */
                interface $Properties {

                    /** PresenceStatsResult num_clients */
                    num_clients?: (number|null);

                    /** PresenceStatsResult num_users */
                    num_users?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PresenceStatsResult. */
                type $Shape = centrifugal.centrifuge.protocol.PresenceStatsResult.$Properties;
            }

            /**
             * Properties of a StreamPosition.
             * @deprecated Use centrifugal.centrifuge.protocol.StreamPosition.$Properties instead.
             */
            interface IStreamPosition extends centrifugal.centrifuge.protocol.StreamPosition.$Properties {
            }

            /** Represents a StreamPosition. */
            class StreamPosition {

                /**
                 * Constructs a new StreamPosition.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.StreamPosition.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StreamPosition offset. */
                offset: number;

                /** StreamPosition epoch. */
                epoch: string;

                /**
                 * Creates a new StreamPosition instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StreamPosition instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.StreamPosition.$Shape): centrifugal.centrifuge.protocol.StreamPosition & centrifugal.centrifuge.protocol.StreamPosition.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.StreamPosition.$Properties): centrifugal.centrifuge.protocol.StreamPosition;

                /**
                 * Encodes the specified StreamPosition message. Does not implicitly {@link centrifugal.centrifuge.protocol.StreamPosition.verify|verify} messages.
                 * @param m StreamPosition message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.StreamPosition.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StreamPosition message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.StreamPosition & centrifugal.centrifuge.protocol.StreamPosition.$Shape} StreamPosition
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.StreamPosition & centrifugal.centrifuge.protocol.StreamPosition.$Shape;

                /**
                 * Gets the type url for StreamPosition
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StreamPosition {

                /** Properties of a StreamPosition. */
                interface $Properties {

                    /** StreamPosition offset */
                    offset?: (number|null);

                    /** StreamPosition epoch */
                    epoch?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StreamPosition. */
                type $Shape = centrifugal.centrifuge.protocol.StreamPosition.$Properties;
            }

            /**
             * Properties of a HistoryRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.HistoryRequest.$Properties instead.
             */
            interface IHistoryRequest extends centrifugal.centrifuge.protocol.HistoryRequest.$Properties {
            }

            /** Represents a HistoryRequest. */
            class HistoryRequest {

                /**
                 * Constructs a new HistoryRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.HistoryRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HistoryRequest channel. */
                channel: string;

                /** HistoryRequest limit. */
                limit: number;

                /** HistoryRequest since. */
                since?: (centrifugal.centrifuge.protocol.StreamPosition.$Properties|null);

                /** HistoryRequest reverse. */
                reverse: boolean;

                /**
                 * Creates a new HistoryRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HistoryRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.HistoryRequest.$Shape): centrifugal.centrifuge.protocol.HistoryRequest & centrifugal.centrifuge.protocol.HistoryRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.HistoryRequest.$Properties): centrifugal.centrifuge.protocol.HistoryRequest;

                /**
                 * Encodes the specified HistoryRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.HistoryRequest.verify|verify} messages.
                 * @param m HistoryRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.HistoryRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HistoryRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.HistoryRequest & centrifugal.centrifuge.protocol.HistoryRequest.$Shape} HistoryRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.HistoryRequest & centrifugal.centrifuge.protocol.HistoryRequest.$Shape;

                /**
                 * Gets the type url for HistoryRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HistoryRequest {

                /** Properties of a HistoryRequest. */
                interface $Properties {

                    /** HistoryRequest channel */
                    channel?: (string|null);

                    /** HistoryRequest limit */
                    limit?: (number|null);

                    /** HistoryRequest since */
                    since?: (centrifugal.centrifuge.protocol.StreamPosition.$Properties|null);

                    /** HistoryRequest reverse */
                    reverse?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HistoryRequest. */
                type $Shape = centrifugal.centrifuge.protocol.HistoryRequest.$Properties;
            }

            /**
             * Properties of a HistoryResult.
             * @deprecated Use centrifugal.centrifuge.protocol.HistoryResult.$Properties instead.
             */
            interface IHistoryResult extends centrifugal.centrifuge.protocol.HistoryResult.$Properties {
            }

            /** Represents a HistoryResult. */
            class HistoryResult {

                /**
                 * Constructs a new HistoryResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.HistoryResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HistoryResult publications. */
                publications: centrifugal.centrifuge.protocol.Publication.$Properties[];

                /** HistoryResult epoch. */
                epoch: string;

                /** HistoryResult offset. */
                offset: number;

                /**
                 * Creates a new HistoryResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HistoryResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.HistoryResult.$Shape): centrifugal.centrifuge.protocol.HistoryResult & centrifugal.centrifuge.protocol.HistoryResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.HistoryResult.$Properties): centrifugal.centrifuge.protocol.HistoryResult;

                /**
                 * Encodes the specified HistoryResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.HistoryResult.verify|verify} messages.
                 * @param m HistoryResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.HistoryResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HistoryResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.HistoryResult & centrifugal.centrifuge.protocol.HistoryResult.$Shape} HistoryResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.HistoryResult & centrifugal.centrifuge.protocol.HistoryResult.$Shape;

                /**
                 * Gets the type url for HistoryResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HistoryResult {

                /** Properties of a HistoryResult. */
                interface $Properties {

                    /** HistoryResult publications */
                    publications?: (centrifugal.centrifuge.protocol.Publication.$Properties[]|null);

                    /** HistoryResult epoch */
                    epoch?: (string|null);

                    /** HistoryResult offset */
                    offset?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HistoryResult. */
                type $Shape = centrifugal.centrifuge.protocol.HistoryResult.$Properties;
            }

            /**
             * Properties of a PingRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.PingRequest.$Properties instead.
             */
            interface IPingRequest extends centrifugal.centrifuge.protocol.PingRequest.$Properties {
            }

            /** Represents a PingRequest. */
            class PingRequest {

                /**
                 * Constructs a new PingRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PingRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new PingRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PingRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PingRequest.$Shape): centrifugal.centrifuge.protocol.PingRequest & centrifugal.centrifuge.protocol.PingRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PingRequest.$Properties): centrifugal.centrifuge.protocol.PingRequest;

                /**
                 * Encodes the specified PingRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.PingRequest.verify|verify} messages.
                 * @param m PingRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PingRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PingRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PingRequest & centrifugal.centrifuge.protocol.PingRequest.$Shape} PingRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PingRequest & centrifugal.centrifuge.protocol.PingRequest.$Shape;

                /**
                 * Gets the type url for PingRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PingRequest {

                /** Properties of a PingRequest. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PingRequest. */
                type $Shape = centrifugal.centrifuge.protocol.PingRequest.$Properties;
            }

            /**
             * Properties of a PingResult.
             * @deprecated Use centrifugal.centrifuge.protocol.PingResult.$Properties instead.
             */
            interface IPingResult extends centrifugal.centrifuge.protocol.PingResult.$Properties {
            }

            /** Represents a PingResult. */
            class PingResult {

                /**
                 * Constructs a new PingResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.PingResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new PingResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PingResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.PingResult.$Shape): centrifugal.centrifuge.protocol.PingResult & centrifugal.centrifuge.protocol.PingResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.PingResult.$Properties): centrifugal.centrifuge.protocol.PingResult;

                /**
                 * Encodes the specified PingResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.PingResult.verify|verify} messages.
                 * @param m PingResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.PingResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PingResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.PingResult & centrifugal.centrifuge.protocol.PingResult.$Shape} PingResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.PingResult & centrifugal.centrifuge.protocol.PingResult.$Shape;

                /**
                 * Gets the type url for PingResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PingResult {

                /** Properties of a PingResult. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PingResult. */
                type $Shape = centrifugal.centrifuge.protocol.PingResult.$Properties;
            }

            /**
             * Properties of a RPCRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.RPCRequest.$Properties instead.
             */
            interface IRPCRequest extends centrifugal.centrifuge.protocol.RPCRequest.$Properties {
            }

            /** Represents a RPCRequest. */
            class RPCRequest {

                /**
                 * Constructs a new RPCRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.RPCRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RPCRequest data. */
                data: Uint8Array;

                /** RPCRequest method. */
                method: string;

                /**
                 * Creates a new RPCRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RPCRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.RPCRequest.$Shape): centrifugal.centrifuge.protocol.RPCRequest & centrifugal.centrifuge.protocol.RPCRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.RPCRequest.$Properties): centrifugal.centrifuge.protocol.RPCRequest;

                /**
                 * Encodes the specified RPCRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.RPCRequest.verify|verify} messages.
                 * @param m RPCRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.RPCRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RPCRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RPCRequest & centrifugal.centrifuge.protocol.RPCRequest.$Shape} RPCRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.RPCRequest & centrifugal.centrifuge.protocol.RPCRequest.$Shape;

                /**
                 * Gets the type url for RPCRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace RPCRequest {

                /** Properties of a RPCRequest. */
                interface $Properties {

                    /** RPCRequest data */
                    data?: (Uint8Array|null);

                    /** RPCRequest method */
                    method?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RPCRequest. */
                type $Shape = centrifugal.centrifuge.protocol.RPCRequest.$Properties;
            }

            /**
             * Properties of a RPCResult.
             * @deprecated Use centrifugal.centrifuge.protocol.RPCResult.$Properties instead.
             */
            interface IRPCResult extends centrifugal.centrifuge.protocol.RPCResult.$Properties {
            }

            /** Represents a RPCResult. */
            class RPCResult {

                /**
                 * Constructs a new RPCResult.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.RPCResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RPCResult data. */
                data: Uint8Array;

                /**
                 * Creates a new RPCResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RPCResult instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.RPCResult.$Shape): centrifugal.centrifuge.protocol.RPCResult & centrifugal.centrifuge.protocol.RPCResult.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.RPCResult.$Properties): centrifugal.centrifuge.protocol.RPCResult;

                /**
                 * Encodes the specified RPCResult message. Does not implicitly {@link centrifugal.centrifuge.protocol.RPCResult.verify|verify} messages.
                 * @param m RPCResult message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.RPCResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RPCResult message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.RPCResult & centrifugal.centrifuge.protocol.RPCResult.$Shape} RPCResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.RPCResult & centrifugal.centrifuge.protocol.RPCResult.$Shape;

                /**
                 * Gets the type url for RPCResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace RPCResult {

                /** Properties of a RPCResult. */
                interface $Properties {

                    /** RPCResult data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RPCResult. */
                type $Shape = centrifugal.centrifuge.protocol.RPCResult.$Properties;
            }

            /**
             * Properties of a SendRequest.
             * @deprecated Use centrifugal.centrifuge.protocol.SendRequest.$Properties instead.
             */
            interface ISendRequest extends centrifugal.centrifuge.protocol.SendRequest.$Properties {
            }

            /** Represents a SendRequest. */
            class SendRequest {

                /**
                 * Constructs a new SendRequest.
                 * @param [p] Properties to set
                 */
                constructor(p?: centrifugal.centrifuge.protocol.SendRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SendRequest data. */
                data: Uint8Array;

                /**
                 * Creates a new SendRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SendRequest instance
                 */
                static create(properties: centrifugal.centrifuge.protocol.SendRequest.$Shape): centrifugal.centrifuge.protocol.SendRequest & centrifugal.centrifuge.protocol.SendRequest.$Shape;
                static create(properties?: centrifugal.centrifuge.protocol.SendRequest.$Properties): centrifugal.centrifuge.protocol.SendRequest;

                /**
                 * Encodes the specified SendRequest message. Does not implicitly {@link centrifugal.centrifuge.protocol.SendRequest.verify|verify} messages.
                 * @param m SendRequest message or plain object to encode
                 * @param [w] Writer to encode to
                 * @returns Writer
                 */
                static encode(m: centrifugal.centrifuge.protocol.SendRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SendRequest message from the specified reader or buffer.
                 * @param r Reader or buffer to decode from
                 * @param [l] Message length if known beforehand
                 * @returns {centrifugal.centrifuge.protocol.SendRequest & centrifugal.centrifuge.protocol.SendRequest.$Shape} SendRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(r: ($protobuf.Reader|Uint8Array), l?: number): centrifugal.centrifuge.protocol.SendRequest & centrifugal.centrifuge.protocol.SendRequest.$Shape;

                /**
                 * Gets the type url for SendRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SendRequest {

                /** Properties of a SendRequest. */
                interface $Properties {

                    /** SendRequest data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SendRequest. */
                type $Shape = centrifugal.centrifuge.protocol.SendRequest.$Properties;
            }
        }
    }
}
